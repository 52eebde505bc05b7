import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSettings } from '../../../src/settings/settings.service.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

describe('site settings in Chromium: pickers instead of free text', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  const settings = () => getSettings(newsroom.server.database.db);
  beforeAll(async () => {
    page = await newsroom.browser.newPage();
    const admin = await newsroom.person('administrator', 'Sam Settings');
    await signInAs(page, newsroom.url, admin.email);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Settings' }).click();
  });
  const site = () => page.getByRole('form', { name: 'Site' });

  it('chooses the time zone from a list, adds Arabic from the list, orders the languages and makes one the default', async () => {
    await site().getByLabel('Time zone').selectOption('Asia/Tokyo');
    await site().getByText(/Now there: .*GMT\+9/).waitFor();
    await site().getByLabel('Add a language').selectOption('ar');
    await site().getByRole('button', { name: 'Add', exact: true }).first().click();
    await site().getByText('Arabic — العربية (ar)').waitFor();
    await site().getByRole('button', { name: 'Move ar up' }).click();
    await site().getByRole('listitem').filter({ hasText: '(fr)' }).getByLabel('Default').check();
    await site().getByRole('button', { name: 'Save' }).click();
    await site().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await settings()).toMatchObject({ timezone: 'Asia/Tokyo', languages: ['en', 'ar', 'fr'], defaultLanguage: 'fr' });
  });

  it('shows on screen why a typed language is refused, and saves nothing', async () => {
    await site().getByLabel('Another language (BCP 47 tag, such as gsw or pt-BR)').fill('english');
    await site().getByRole('button', { name: 'Add', exact: true }).last().click();
    await site().getByRole('button', { name: 'Save' }).click();
    await site().getByText(/"english" is not/).first().waitFor();
    expect((await settings()).languages).toEqual(['en', 'ar', 'fr']);
    await site().getByRole('button', { name: 'Remove english' }).click();
  });

  it('uploads a logo, which the site then shows in its header in place of its name', async () => {
    const logo = await sharp({ create: { width: 480, height: 96, channels: 4, background: '#a3161b' } }).png().toBuffer();
    await site().getByText('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
    await site().getByRole('img', { name: /logo$/ }).waitFor();
    await site().getByRole('button', { name: 'Save' }).click();
    await site().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = await settings();
    expect(saved.publisherLogo).toMatch(/\/media\/.+\.png$/);
    const reader = await newsroom.browser.newPage();
    await reader.goto(`${newsroom.url}/en/`);
    const shown = reader.getByRole('banner').getByRole('img', { name: saved.name });
    expect(await shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
    await reader.close();
  });

  it('turns federation on with its box, after which each edition answers as a fediverse account', async () => {
    const box = site().getByRole('checkbox', { name: 'Followable on the fediverse (Mastodon and others)' });
    expect(await box.isChecked()).toBe(false);
    const host = new URL(newsroom.url).host;
    await site().getByText(`such as \u2066@fr@${host}\u2069;`).waitFor();
    const actor = () => fetch(`${newsroom.url}/ap/actors/fr`, { headers: { accept: 'application/activity+json' } });
    expect((await actor()).status).toBe(404);
    await box.check();
    await site().getByRole('button', { name: 'Save' }).click();
    await site().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await settings()).federation).toBe(true);
    const answer = await actor();
    expect(answer.status).toBe(200);
    expect((await answer.json()).preferredUsername).toBe('fr');
  });

  it('asks for approval of follow requests with its box: the editions then say they approve followers by hand', async () => {
    const box = site().getByRole('checkbox', { name: 'Follow requests need approval' });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await site().getByRole('button', { name: 'Save' }).click();
    await site().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await settings()).federationFollowApproval).toBe(true);
    const actor = await fetch(`${newsroom.url}/ap/actors/fr`, { headers: { accept: 'application/activity+json' } });
    expect((await actor.json()).manuallyApprovesFollowers).toBe(true);
  });

  it('switches reader statistics off with their box: the pages then carry no beacon', async () => {
    const box = site().getByRole('checkbox', { name: 'Count readers (cookieless statistics on this server)' });
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await site().getByRole('button', { name: 'Save' }).click();
    await site().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await settings()).analytics).toBe(false);
    const home = await (await fetch(`${newsroom.url}/en/`)).text();
    expect(home).not.toContain('/analytics/');
  });
});
