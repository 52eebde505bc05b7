/**
 * What the Content API shows of a story: published content only, never who created it, its
 * workflow state, version, e-mails or internal ids of media. One projection, used by every
 * Content API route, so nothing internal can leak through a route that forgot to filter.
 */
import { Type, type Static } from '@sinclair/typebox';
import { invalid } from '../core/errors.js';
import { PaginationQuery } from '../core/pagination.js';
import type { Article } from './articles.types.js';
import { CREDIT_KINDS, shownCredits, type CreditKind } from './credits.service.js';
import { absoluteUrl } from './urls.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Str = (options?: { description: string }) => Type.String(options);

export const PublicAuthor = Type.Object({
  id: Type.Integer(),
  name: Str(),
  slug: Str(),
  bio: Str(),
  avatarUrl: Nullable(Str()),
  website: Type.Optional(Nullable(Str({ description: "Their own site or profile (a guest contributor's link)" }))),
});
const People = (description: string) => Type.Array(PublicAuthor, { description });
export const PublicTag = Type.Object({ id: Type.Integer(), language: Str(), name: Str(), slug: Str(), description: Str() });
export const PublicSection = Type.Object({ id: Type.Integer(), language: Str(), name: Str(), slug: Str(), description: Str() });

export const PublicArticle = Type.Object(
  {
    id: Type.Integer(),
    storyId: Type.Optional(Type.Integer({ description: 'Shared by every language version of the story' })),
    kind: Type.Optional(Type.Union([Type.Literal('story'), Type.Literal('page')], { description: 'A story, or a page (no date shown, never listed)' })),
    language: Type.Optional(Str()),
    title: Type.Optional(Str()),
    standfirst: Type.Optional(Str()),
    excerpt: Type.Optional(Str()),
    body: Type.Optional(Type.String({ description: 'Sanitized HTML' })),
    slug: Type.Optional(Str()),
    url: Type.Optional(Str()),
    section: Type.Optional(Type.Union([PublicSection, Type.Null()])),
    tags: Type.Optional(Type.Array(PublicTag)),
    authors: Type.Optional(People('The byline, in its order')),
    credits: Type.Optional(
      Type.Object({
        translators: People('Who translated it (on a translation only)'),
        photographers: People("Who took the lead picture"),
        additionalReporting: People('"Additional reporting by"'),
      }),
    ),
    featuredImage: Type.Optional(
      Type.Union([Type.Object({ url: Str(), caption: Str(), credit: Str(), alt: Str() }), Type.Null()]),
    ),
    source: Type.Optional(Type.Union([Type.Object({ name: Str(), url: Nullable(Str()), publishedAt: Nullable(Str()) }), Type.Null()])),
    machineTranslated: Type.Optional(Type.Boolean()),
    translatedFrom: Type.Optional(Type.Union([Type.Object({ id: Type.Integer(), language: Str() }), Type.Null()])),
    translations: Type.Optional(Type.Array(Type.Object({ id: Type.Integer(), language: Str(), title: Str(), url: Str() }))),
    seoTitle: Type.Optional(Str()),
    seoDescription: Type.Optional(Str()),
    publishedAt: Type.Optional(Nullable(Str())),
    updatedAt: Type.Optional(Str()),
    corrections: Type.Optional(
      Type.Array(Type.Object({ kind: Type.Union([Type.Literal('correction'), Type.Literal('update')]), text: Str(), publishedAt: Str() }), {
        description: 'Correction and update notes, oldest first',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PublicArticle = Static<typeof PublicArticle>;

export const PUBLIC_FIELDS = Object.keys(PublicArticle.properties) as Array<keyof PublicArticle>;

export const Pagination = Type.Object({ page: Type.Integer(), limit: Type.Integer(), total: Type.Integer(), pages: Type.Integer() });

type PublicPerson = Static<typeof PublicAuthor>;

/** Only the public fields, whatever else a person's record grows. */
function person({ id, name, slug, bio, avatarUrl, website }: PublicPerson): PublicPerson {
  return { id, name, slug, bio, avatarUrl, website };
}

export function publicArticle(article: Article, baseUrl: string): PublicArticle {
  const image = article.featuredImage;
  const credits = shownCredits(article);
  return {
    id: article.id,
    storyId: article.storyId,
    kind: article.kind,
    language: article.language,
    title: article.title,
    standfirst: article.standfirst,
    excerpt: article.excerpt,
    body: article.body,
    slug: article.slug,
    url: article.url,
    section: article.section,
    tags: article.tags,
    authors: article.authors.map(person),
    credits: Object.fromEntries(CREDIT_KINDS.map((kind) => [kind, credits[kind].map(person)])) as Record<CreditKind, PublicPerson[]>,
    featuredImage: image
      ? { url: image.url.startsWith('/') ? absoluteUrl(baseUrl, image.url) : image.url, caption: image.caption, credit: image.credit, alt: image.alt }
      : null,
    source: article.source,
    machineTranslated: article.machineTranslated,
    translatedFrom: article.translatedFrom,
    translations: article.translations.map(({ id, language, title, url }) => ({ id, language, title, url })),
    seoTitle: article.seoTitle,
    seoDescription: article.seoDescription,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    corrections: article.corrections.map(({ kind, text, publishedAt }) => ({ kind, text, publishedAt })),
  };
}

/** `fields=title,url` → the fields to keep (id always); 400 naming the unknown ones. */
export function parseFields(raw: string | undefined): Array<keyof PublicArticle> | null {
  if (raw === undefined || raw.trim() === '') return null;
  const wanted = raw.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = wanted.filter((f) => !(PUBLIC_FIELDS as string[]).includes(f));
  if (unknown.length) throw invalid([{ field: 'fields', message: `unknown field(s) ${unknown.join(', ')}; choose from ${PUBLIC_FIELDS.join(', ')}` }]);
  return ['id', ...(wanted as Array<keyof PublicArticle>).filter((f) => f !== 'id')];
}

export function selectFields(article: PublicArticle, fields: Array<keyof PublicArticle> | null): Partial<PublicArticle> {
  if (!fields) return article;
  return Object.fromEntries(fields.map((f) => [f, article[f]]));
}

/** Query fields every Content API route accepts. */
export const KeyQuery = { key: Type.Optional(Type.String({ maxLength: 100, description: 'Content API key (or send "Authorization: Key <key>")' })) };
const Ref = Type.String({ maxLength: 200, description: 'An id, or a slug in the `language` given' });
const DateQuery = Type.String({ maxLength: 40, description: 'YYYY-MM-DD or an ISO 8601 date-time' });

export const ListArticlesContentQuery = Type.Object(
  {
    ...KeyQuery,
    language: Type.Optional(Type.String({ maxLength: 35 })),
    kind: Type.Optional(Type.Union([Type.Literal('story'), Type.Literal('page')], { description: 'Stories (the default) or pages' })),
    section: Type.Optional(Ref),
    tag: Type.Optional(Ref),
    author: Type.Optional(Ref),
    from: Type.Optional(DateQuery),
    to: Type.Optional(DateQuery),
    fields: Type.Optional(Type.String({ maxLength: 500, description: `Comma-separated: ${PUBLIC_FIELDS.join(', ')}` })),
    ...PaginationQuery,
  },
  { additionalProperties: false },
);
export type ListArticlesContentQuery = Static<typeof ListArticlesContentQuery>;

export const ArticleContentQuery = Type.Object({ ...KeyQuery, fields: ListArticlesContentQuery.properties.fields }, { additionalProperties: false });
export const LanguageContentQuery = Type.Object({ ...KeyQuery, language: Type.Optional(Type.String({ maxLength: 35 })) }, { additionalProperties: false });
export const SearchContentQuery = Type.Object(
  {
    ...KeyQuery,
    q: Type.String({ maxLength: 500, description: 'Words to find; quotes and operators are ignored' }),
    language: Type.Optional(Type.String({ maxLength: 35, description: 'Only this language; all languages when absent' })),
    section: Type.Optional(Ref),
    tag: Type.Optional(Ref),
    from: Type.Optional(DateQuery),
    to: Type.Optional(DateQuery),
    fields: ListArticlesContentQuery.properties.fields,
    ...PaginationQuery,
  },
  { additionalProperties: false },
);
export type SearchContentQuery = Static<typeof SearchContentQuery>;

export const ArticlePage = Type.Object({ items: Type.Array(PublicArticle), pagination: Pagination });
