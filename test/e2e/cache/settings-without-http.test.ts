import { expect, it } from 'vitest';
import { changeSettings, updateSettings } from '../../../src/settings/settings.service.js';
import { IMPORT_ACTOR } from '../../../src/portability/import.writer.js';
import { describeEachEngineApp } from '../../support/app.js';

describeEachEngineApp('a setting changed without HTTP reaches the cached pages', (t) => {
  it('renews the cached home page when an import or a job changes the site name', async () => {
    await updateSettings(t().database.db, { name: 'Morning Ledger' });
    expect(t().config.cache.enabled).toBe(true);
    const first = await t().app.inject({ url: '/en/' });
    expect(first.body).toContain('Morning Ledger');
    // Served again from the page cache.
    expect((await t().app.inject({ url: '/en/' })).body).toContain('Morning Ledger');
    await changeSettings(t().database, IMPORT_ACTOR, { name: 'Evening Ledger' });
    const after = await t().app.inject({ url: '/en/' });
    expect(after.body).toContain('Evening Ledger');
    expect(after.body).not.toContain('Morning Ledger');
  });

  it('refuses an actor who may not change settings, storing nothing', async () => {
    const editor = { role: 'editor' as const, userId: null, principal: 'test:editor', name: 'An editor' };
    await expect(changeSettings(t().database, editor, { name: 'Not allowed' })).rejects.toMatchObject({ status: 403 });
    expect((await t().app.inject({ url: '/en/' })).body).not.toContain('Not allowed');
  });
});
