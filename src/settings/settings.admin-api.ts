import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { invalid } from '../core/errors.js';
import { changeSettings, MAX_MENU_SECTIONS } from './settings.service.js';

const SettingsPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    publisherName: Type.Optional(Type.String({ maxLength: 200 })),
    publisherLogo: Type.Optional(Type.String({ maxLength: 2048 })),
    // A media id or an address: the settings service checks which, and that the picture exists.
    // Not typed here: the validator's type coercion would take `true` for media 1.
    socialImage: Type.Optional(Type.Unknown({ description: 'A media library id, an http(s) URL or a /media/ address; "" for none' })),
    baseUrl: Type.Optional(Type.String({ maxLength: 2048 })),
    timezone: Type.Optional(Type.String({ maxLength: 100 })),
    languages: Type.Optional(Type.Array(Type.String({ maxLength: 35 }), { minItems: 1, maxItems: 50 })),
    defaultLanguage: Type.Optional(Type.String({ maxLength: 35 })),
    menuSections: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_MENU_SECTIONS, description: 'How many sections the menu shows at most' })),
    federation: Type.Optional(Type.Boolean({ description: 'Each language edition is a fediverse account (@fr@host)' })),
    federationFollowApproval: Type.Optional(Type.Boolean({ description: 'Follow requests from the fediverse wait for an editor to accept or reject them' })),
    analytics: Type.Optional(Type.Boolean({ description: "Count readers with the site's own cookieless beacon; false serves no beacon" })),
  },
  { additionalProperties: false },
);

/** Site settings: every role may read them (the editor needs the languages); administrators change them. */
export const settingsAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;

  // Settings the server's configuration decides (HERALD_BASE_URL): shown, not changed here.
  const configured = app.herald.config.baseUrl ? ['baseUrl'] : [];
  const answer = async () => ({ ...(await app.herald.settings()), configured });

  api.get('/settings', { schema: { tags: ['settings'] } }, answer);

  api.patch('/settings', { schema: { tags: ['settings'], body: SettingsPatch } }, async (request) => {
    if (configured.includes('baseUrl') && request.body.baseUrl !== undefined) {
      throw invalid([{ field: 'baseUrl', message: "is set by the server's configuration (HERALD_BASE_URL); change it there" }]);
    }
    await changeSettings(database, actorOf(request), request.body);
    return answer();
  });
};
