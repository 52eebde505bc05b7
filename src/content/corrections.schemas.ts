import { Type } from '@sinclair/typebox';
import { Id } from '../core/ids.js';
import { CORRECTION_KINDS, MAX_CORRECTION_LENGTH } from './articles.types.js';

export const CorrectionParams = Type.Object({ id: Id(), correctionId: Id() });

const fields = {
  kind: Type.Union(CORRECTION_KINDS.map((kind) => Type.Literal(kind)), {
    description: '`correction`: the story was wrong; `update`: the story has moved on',
  }),
  // The service counts characters (not UTF-16 units) and says so by field; this only bounds the request.
  text: Type.String({ maxLength: MAX_CORRECTION_LENGTH * 2, description: 'Plain text, in the story’s language' }),
  publishedAt: Type.String({ maxLength: 40, description: 'ISO 8601 date-time the note is public from; now when left out, never in the future' }),
  sourceCorrectionId: Type.Union([Id(), Type.Null()], { description: 'For a translation: the note of the source version this one carries over' }),
};

export const NewCorrectionBody = Type.Object(
  { kind: fields.kind, text: fields.text, publishedAt: Type.Optional(fields.publishedAt), sourceCorrectionId: Type.Optional(fields.sourceCorrectionId) },
  { additionalProperties: false },
);

export const CorrectionPatchBody = Type.Partial(Type.Object(fields), { additionalProperties: false });
