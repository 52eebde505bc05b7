import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startServer, type RunningServer } from '../../../src/main.js';
import type { Role } from '../../../src/people/roles.js';
import { createUser } from '../../../src/people/users.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { createStore, storeEnvironment, type TestStore } from '../../support/engines.js';
import { ensureAdminBuilt } from '../../e2e/newsroom/admin-build.js';
import { launchChromium } from '../site-server.js';

export const PASSWORD = 'a newsroom password';

export interface Newsroom {
  server: RunningServer;
  store: TestStore;
  url: string;
  /** Stops the server (the store stays); `start` brings it back, as after a crash or a deploy. */
  stop(): Promise<void>;
  start(): Promise<void>;
  person(role: Role, name?: string): Promise<{ id: number; email: string }>;
  close(): Promise<void>;
}

/**
 * The real server (`startServer`: migrations, scheduler, listening) on 127.0.0.1:0 with an empty
 * SQLite store; `env` adds settings (an SMTP server on loopback, say).
 */
export async function startNewsroom(env: Record<string, string> = {}): Promise<Newsroom> {
  await ensureAdminBuilt();
  const store = await createStore('sqlite');
  // The partner feed the tests follow is on loopback, which Herald reaches only when told to.
  const config = loadConfig({ ...storeEnvironment(store), PORT: '0', HOST: '127.0.0.1', HERALD_OUTBOUND_ALLOW: '127.0.0.1', ...env });
  const newsroom: Newsroom = {
    server: await startServer(config),
    store,
    url: '',
    stop: () => newsroom.server.stop(),
    async start() {
      newsroom.server = await startServer(config);
      newsroom.url = newsroom.server.url;
      await updateSettings(newsroom.server.database.db, { baseUrl: newsroom.url });
    },
    async person(role, name = `The ${role}`) {
      const user = await createUser(newsroom.server.database.db, {
        email: `${role}-${Math.random().toString(36).slice(2, 7)}@newsroom.test`,
        name,
        role,
        password: PASSWORD,
      });
      return { id: user.id, email: user.email };
    },
    async close() {
      await newsroom.server.stop();
      await store.drop();
    },
  };
  newsroom.url = newsroom.server.url;
  await updateSettings(newsroom.server.database.db, { baseUrl: newsroom.url, languages: ['en', 'fr'], defaultLanguage: 'en' });
  return newsroom;
}

/** A suite's newsroom and browser, there from its `beforeAll` on; `close` is the suite's. */
export interface NewsroomSuite extends Omit<Newsroom, 'close'> {
  readonly browser: Browser;
  /** A page in a new browser context, closed after the running test. */
  openPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Registers the hooks every browser suite needs: a newsroom (`startNewsroom(env)`, `env` read
 * in `beforeAll` so it may name a server started just before) and a browser before the first
 * test, the pages of `openPage` closed after each test, both stopped after the last. Register
 * the suite's own `beforeAll` (settings, people) after this call: hooks run in order.
 */
export function newsroomSuite(env: Record<string, string> | (() => Record<string, string>) = {}): NewsroomSuite {
  let newsroom: Newsroom | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [newsroom, browser] = await Promise.all([startNewsroom(typeof env === 'function' ? env() : env), launchChromium()]);
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await newsroom?.close();
  });
  const started = () => {
    if (!newsroom || !browser) throw new Error('The newsroom starts in beforeAll: use it in a hook or a test.');
    return { newsroom, browser };
  };
  return {
    get server() {
      return started().newsroom.server;
    },
    get store() {
      return started().newsroom.store;
    },
    get url() {
      return started().newsroom.url;
    },
    get browser() {
      return started().browser;
    },
    stop: () => started().newsroom.stop(),
    start: () => started().newsroom.start(),
    person: (role, name) => started().newsroom.person(role, name),
    async openPage(options) {
      const context = await started().browser.newContext(options);
      contexts.push(context);
      return context.newPage();
    },
  };
}

/**
 * Signs in through the sign-in screen and waits for the admin's frame, whose navigation a phone
 * keeps behind its menu button (so waiting for a visible link would wait forever there).
 */
export async function signInAs(page: Page, url: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#admin-sidebar').waitFor({ state: 'attached' });
}

/**
 * With HERALD_SCREENSHOTS=folder, pictures of the page as a desktop and a phone show it, named
 * `name`, to be looked at; the page then goes back to its width. Without it, nothing.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const folder = process.env.HERALD_SCREENSHOTS;
  if (!folder) return;
  const width = page.viewportSize()!.width;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${folder}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${folder}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width, height: 900 });
}
