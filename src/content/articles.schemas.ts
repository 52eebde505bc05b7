import { Type, type Static } from '@sinclair/typebox';
import { Id, IdParams, MAX_INTEGER } from '../core/ids.js';
import { PaginationQuery } from '../core/pagination.js';
import { BULK_ACTIONS, MAX_BULK } from './articles.bulk.js';
import { NEEDS } from './translation-state.js';
import { MAX_CREDITED } from './credits.service.js';

const Text = (maxLength: number) => Type.String({ maxLength });
const DateTime = Type.String({ maxLength: 40, description: 'ISO 8601 date-time' });

const FeaturedImage = Type.Object(
  {
    url: Type.Optional(Text(2048)),
    mediaId: Type.Optional(Id()),
    caption: Type.Optional(Text(1000)),
    credit: Type.Optional(Text(300)),
    alt: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);

const Source = Type.Object(
  { name: Text(300), url: Type.Optional(Text(2048)), publishedAt: Type.Optional(DateTime) },
  { additionalProperties: false },
);

const PersonRefs = (description: string) => Type.Array(Type.Union([Id(), Text(200)]), { maxItems: MAX_CREDITED, description });

/** Each kind given replaces that kind's people; kinds left out stay as they are. */
const Credits = Type.Object(
  {
    translators: Type.Optional(PersonRefs('Who translated it (shown on a translation only): ids or slugs, in order')),
    photographers: Type.Optional(PersonRefs("Who took the lead picture (shown with the picture's credit): ids or slugs, in order")),
    additionalReporting: Type.Optional(PersonRefs('"Additional reporting by": ids or slugs, in order')),
  },
  { additionalProperties: false },
);

const Status = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published')]);
export const Kind = Type.Union([Type.Literal('story'), Type.Literal('page')], {
  description: 'A story (dated, listed, in feeds and search), or a page (About, Contact: its own address, no date, never listed)',
});

const editable = {
  title: Type.String({ minLength: 1, maxLength: 500 }),
  standfirst: Type.Optional(Text(2000)),
  body: Type.Optional(Text(2_000_000)),
  bodyFormat: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('markdown')])),
  excerpt: Type.Optional(Text(2000)),
  slug: Type.Optional(Text(200)),
  section: Type.Optional(Type.Union([Id(), Type.Null()], { description: "An existing section's id; null for none" })),
  tags: Type.Optional(Type.Array(Text(100), { maxItems: 50 })),
  authors: Type.Optional(Type.Array(Type.Union([Id(), Text(200)]), { maxItems: 20, description: 'The byline in order: ids or slugs of staff or guest contributors' })),
  credits: Type.Optional(Credits),
  featuredImage: Type.Optional(Type.Union([FeaturedImage, Type.Null()])),
  source: Type.Optional(Type.Union([Source, Type.Null()])),
  machineTranslated: Type.Optional(Type.Boolean()),
  translatedFrom: Type.Optional(Type.Union([Id(), Type.Null()])),
  seoTitle: Type.Optional(Text(300)),
  seoDescription: Type.Optional(Text(1000)),
  status: Type.Optional(Status),
  publishAt: Type.Optional(Type.Union([DateTime, Type.Null()])),
  publishedAt: Type.Optional(DateTime),
  embargoUntil: Type.Optional(Type.Union([DateTime, Type.Null()], { description: 'Nothing of the story shows anywhere before this time' })),
  expiresAt: Type.Optional(Type.Union([DateTime, Type.Null()], { description: 'When the published story leaves the site' })),
  expiry: Type.Optional(Type.Union([Type.Literal('gone'), Type.Literal('unlisted')], { description: 'After expiry: 410 Gone with a note, or reachable but unlisted' })),
};

export const CreateArticleBody = Type.Object(
  {
    language: Type.String({ minLength: 1, maxLength: 35, description: 'BCP 47 language tag' }),
    translationOf: Type.Optional(Id({ description: "Another article's id" })),
    kind: Type.Optional(Kind),
    ...editable,
  },
  { additionalProperties: false },
);
export type CreateArticleBody = Static<typeof CreateArticleBody>;

export const UpdateArticleBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: MAX_INTEGER, description: 'The version you edited; 409 when a newer one is stored' }),
    ...Type.Partial(Type.Object(editable)).properties,
  },
  { additionalProperties: false },
);
export type UpdateArticleBody = Static<typeof UpdateArticleBody>;

export const ArticleIdParams = IdParams;

export const ListArticlesQuery = Type.Object(
  {
    language: Type.Optional(Type.String({ maxLength: 35 })),
    status: Type.Optional(Type.Union([Status, Type.Literal('expired')])),
    kind: Type.Optional(Kind),
    section: Type.Optional(Id()),
    tag: Type.Optional(Id()),
    author: Type.Optional(Id()),
    review: Type.Optional(Type.Union([Type.Literal('submitted'), Type.Literal('returned')], { description: 'Drafts waiting for review, or sent back' })),
    trashed: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Text the headline contains, whatever the case' })),
    translation: Type.Optional(
      Type.Union(NEEDS.map((need) => Type.Literal(need)), { description: 'Stories missing, in progress or outdated in some language' }),
    ),
    ...PaginationQuery,
  },
  { additionalProperties: false },
);
export type ListArticlesQuery = Static<typeof ListArticlesQuery>;

export const SendBackBody = Type.Object(
  { note: Type.String({ description: 'What the writer should change (required; the service checks its length)' }) },
  { additionalProperties: false },
);

export const DeleteArticleQuery = Type.Object(
  { permanent: Type.Optional(Type.Boolean({ description: 'Delete for good (only from the trash)' })) },
  { additionalProperties: false },
);

export const BulkArticlesBody = Type.Object(
  {
    action: Type.Union(BULK_ACTIONS.map((action) => Type.Literal(action))),
    ids: Type.Array(Id(), { minItems: 1, maxItems: MAX_BULK, uniqueItems: true }),
    section: Type.Optional(Type.Union([Id(), Type.Null()], { description: 'An existing section\'s id (action "section"); null for none' })),
  },
  { additionalProperties: false },
);
export type BulkArticlesBody = Static<typeof BulkArticlesBody>;
