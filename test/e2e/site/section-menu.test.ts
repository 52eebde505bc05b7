import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { parseHtml } from './html.js';

describeEachEngineApp('the section menu', (t) => {
  const editor = async (method: 'POST' | 'PATCH', url: string, payload: object) =>
    t().app.inject({ method, url: `/api/admin/v1${url}`, headers: await t().auth('editor'), payload });
  const menu = async () => {
    const page = parseHtml((await t().app.inject({ url: '/en/' })).body);
    const nav = page.all('nav').find((n) => /sections/.test(page.attr(n, 'class') ?? ''));
    return nav ? page.all('a').filter((a) => a.parent?.parent?.parent === nav).map(page.text) : [];
  };
  const section = async (name: string, extra: object = {}) => (await editor('POST', '/sections', { names: { en: { name } }, ...extra })).json() as { id: number; inMenu: boolean };

  it('shows top-level sections the editors put in it, in their order, and never a sub-section', async () => {
    const world = await section('World');
    const europe = await section('Europe', { parentId: world.id });
    expect(europe.inMenu).toBe(false);
    const sport = await section('Sport', { position: 2 });
    await section('Culture', { position: 1 });
    expect(await menu()).toEqual(['World', 'Culture', 'Sport']);
    // A sub-section ticked for the menu stays out of it all the same.
    await editor('PATCH', `/sections/${europe.id}`, { inMenu: true });
    expect(await menu()).not.toContain('Europe');
    const taken = await editor('PATCH', `/sections/${sport.id}`, { inMenu: false });
    expect(taken.json().inMenu).toBe(false);
    expect(await menu()).toEqual(['World', 'Culture']);
  });

  it('shows at most as many as the settings say, and none at 0', async () => {
    for (const name of ['Business', 'Science', 'Health', 'Travel', 'Food', 'Books', 'Film']) await section(name, { position: 5 });
    const admin = await t().auth('administrator');
    const limit = (menuSections: unknown) => t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: admin, payload: { menuSections } });
    expect((await menu()).length).toBe(8);
    expect((await limit(3)).statusCode).toBe(200);
    expect(await menu()).toEqual(['World', 'Culture', 'Business']);
    expect((await limit(0)).statusCode).toBe(200);
    expect(await menu()).toEqual([]);
    for (const wrong of [-1, 31, 2.5, '4']) {
      const refused = await limit(wrong);
      expect(refused.statusCode, String(wrong)).toBe(400);
      expect(refused.json().error.fields[0].field).toMatch(/menuSections/);
    }
  });

  it('refuses an inMenu that is not true or false, naming it', async () => {
    const refused = await editor('POST', '/sections', { names: { en: { name: 'Opinion' } }, inMenu: 'yes' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].field).toMatch(/inMenu/);
  });
});
