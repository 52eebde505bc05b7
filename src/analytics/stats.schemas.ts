import { Type, type Static } from '@sinclair/typebox';
import { Id } from '../core/ids.js';
import { PERIODS } from './periods.js';

const Text = (maxLength: number, description: string) => Type.Optional(Type.String({ maxLength, description }));

/** The filters of `GET /stats`, the same as the query functions' (stats.service.ts). */
export const StatsQuery = Type.Object(
  {
    period: Type.Optional(
      Type.Union(PERIODS.map((name) => Type.Literal(name)), {
        description: 'realtime: the last 30 minutes; today: since midnight on the site’s clock; 7d, 30d, 365d: that many days, today included. Default 30d; ignored when from is given',
      }),
    ),
    from: Text(40, 'The first day (YYYY-MM-DD, on the site’s clock) or instant (ISO 8601 with a zone) of a period of your own'),
    to: Text(40, 'The last day, included (YYYY-MM-DD), or the instant the period ends; default now'),
    language: Text(35, 'The page’s language'),
    story: Type.Optional(Id({ description: 'A story in all its languages (its story id)' })),
    article: Type.Optional(Id({ description: 'One language version of a story (an article id)' })),
    section: Type.Optional(Id()),
    author: Type.Optional(Id({ description: 'Stories this person is an author of' })),
    source: Text(255, 'Where readers came from: a campaign source or a referrer’s host; empty for direct visits'),
    device: Type.Optional(Type.Union(['desktop', 'mobile', 'tablet', 'other'].map((name) => Type.Literal(name)))),
    country: Type.Optional(Type.String({ pattern: '^([A-Z]{2})?$', description: 'ISO 3166 alpha-2 code; empty for unknown' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Entries in each top list (default 10)' })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: the same numbers as one table (also at /stats.csv)' })),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;
