import { Type } from '@sinclair/typebox';
import { Id } from '../core/ids.js';

const Text = (maxLength: number) => Type.String({ maxLength });
const BodyFormat = Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('markdown')]));

const Picture = Type.Object(
  { url: Text(2048), alt: Type.Optional(Text(1000)), caption: Type.Optional(Text(1000)), credit: Type.Optional(Text(300)) },
  { additionalProperties: false },
);

const entryFields = {
  body: Text(200_000),
  bodyFormat: BodyFormat,
  picture: Type.Optional(Type.Union([Picture, Type.Null()])),
  embed: Type.Optional(Type.Union([Text(2048), Type.Null()], { description: 'A YouTube, Vimeo, X or Mastodon address' })),
  pinned: Type.Optional(Type.Boolean()),
};

export const NewEntryBody = Type.Object(entryFields, { additionalProperties: false });
export const EntryPatchBody = Type.Partial(Type.Object(entryFields), { additionalProperties: false, minProperties: 1 });
export const TranslationBody = Type.Object(
  { body: Text(200_000), bodyFormat: BodyFormat, machineTranslated: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const StateBody = Type.Object(
  { state: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('archived')]) },
  { additionalProperties: false },
);
export const EntryParams = Type.Object({ id: Id(), entryId: Id() });
