import type { Kysely } from 'kysely';
import type { ServerResponse } from 'node:http';
import { renderToString } from 'preact-render-to-string';
import type { Schema } from '../db/schema.js';
import { loadPictures, type Pictures } from '../media/pictures.js';
import type { LiveChangeMessage } from '../live/live.bus.js';
import { findLiveBlog, findLiveEntry } from '../live/live.service.js';
import type { LiveBlog, LiveEntry } from '../live/live.types.js';
import { entryPictureRefs, LiveEntryItem } from './views/live-blog.js';

/** What a reader's browser receives for one entry, live or when catching up (assets/live-blog.js reads it). */
export interface EntryUpdate {
  id: number;
  pinned: boolean;
  deleted: boolean;
  publishedAt: string;
  updatedAt: string;
  /** The entry as the page shows it; empty for a deleted one. */
  html: string;
}

/** What the media library knows of the pictures of `entries`, for drawing them as the page does. */
export function entryPictures(db: Kysely<Schema>, entries: LiveEntry[], baseUrl: string): Promise<Pictures> {
  return loadPictures(db, entries.filter((entry) => entry.deletedAt === null).flatMap(entryPictureRefs), baseUrl);
}

export function entryUpdate(entry: LiveEntry, pictures: Pictures, language: string, timeZone: string): EntryUpdate {
  const deleted = entry.deletedAt !== null;
  return {
    id: entry.id,
    pinned: entry.pinned,
    deleted,
    publishedAt: entry.publishedAt,
    updatedAt: entry.updatedAt,
    html: deleted ? '' : renderToString(<LiveEntryItem entry={entry} pictures={pictures} language={language} timeZone={timeZone} />),
  };
}

export function stateUpdate(blog: LiveBlog) {
  return { closed: blog.closedAt !== null, archived: blog.archivedAt !== null, updatedAt: blog.updatedAt };
}

/** One Server-Sent Events message. */
export function sseFrame(event: string, cursor: string | null, data: unknown): string {
  return `event: ${event}\n${cursor ? `id: ${cursor}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

interface Group {
  storyId: number;
  language: string;
  streams: Set<ServerResponse>;
}

const KEEP_ALIVE_MS = 25_000;

/**
 * The readers connected to this process, grouped by the article (one language version of a
 * live blog) they read. A change is read and rendered once per language version, then the same
 * bytes go to every reader of it: a thousand readers cost one query and one render.
 */
export class LiveAudience {
  #groups = new Map<number, Group>();
  #keepAlive: NodeJS.Timeout;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly settings: () => Promise<{ timezone: string; baseUrl: string }>,
    private readonly log: { warn(object: object, message: string): void },
  ) {
    // A comment line now and then: proxies and load balancers close connections that stay silent.
    this.#keepAlive = setInterval(() => this.#sendAll(': keep-alive\n\n'), KEEP_ALIVE_MS).unref();
  }

  get size(): number {
    let n = 0;
    for (const group of this.#groups.values()) n += group.streams.size;
    return n;
  }

  join(articleId: number, storyId: number, language: string, stream: ServerResponse): void {
    let group = this.#groups.get(articleId);
    if (!group) this.#groups.set(articleId, (group = { storyId, language, streams: new Set() }));
    group.streams.add(stream);
    stream.once('close', () => {
      group.streams.delete(stream);
      if (group.streams.size === 0 && this.#groups.get(articleId) === group) this.#groups.delete(articleId);
    });
  }

  /** Tells the readers of every language version of the story what changed. */
  async deliver(change: LiveChangeMessage): Promise<void> {
    const groups = [...this.#groups.values()].filter((group) => group.storyId === change.storyId);
    if (groups.length === 0) return;
    try {
      if (change.entryId === null) {
        const blog = await findLiveBlog(this.db, change.storyId);
        if (!blog) return;
        const frame = sseFrame('state', blog.updatedAt, stateUpdate(blog));
        for (const group of groups) this.#send(group, frame);
        return;
      }
      const { timezone, baseUrl } = await this.settings();
      for (const group of groups) {
        const entry = await findLiveEntry(this.db, change.entryId, group.language);
        if (!entry) continue;
        const pictures = await entryPictures(this.db, [entry], baseUrl);
        this.#send(group, sseFrame('entry', entry.updatedAt, entryUpdate(entry, pictures, group.language, timezone)));
      }
    } catch (error) {
      this.log.warn({ err: error }, 'live blogs: cannot tell readers of a change; they catch up when they reconnect');
    }
  }

  #send(group: Group, frame: string) {
    for (const stream of group.streams) stream.write(frame);
  }

  #sendAll(frame: string) {
    for (const group of this.#groups.values()) this.#send(group, frame);
  }

  /** Ends every connection (the server is closing: it would otherwise wait for them). */
  close(): void {
    clearInterval(this.#keepAlive);
    for (const group of this.#groups.values()) for (const stream of group.streams) stream.end();
    this.#groups.clear();
  }
}
