/**
 * A live blog as other software reads it: Google's `LiveBlogPosting` and the blog's own feeds
 * (RSS, Atom, JSON Feed), one item per entry. Plain functions over what the site already loaded.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { excerptOf, plainText } from '../content/body.js';
import { embedHtml, recognizeEmbed } from '../content/embeds.js';
import type { Article } from '../content/articles.types.js';
import { absoluteUrl } from '../content/urls.js';
import { atom1, jsonFeed, rss2, type FeedChannel, type FeedEntry } from '../reach/feed-formats.js';
import type { LiveBlog, LiveEntry } from './live.types.js';

/** An entry's address: the story's page at the entry's anchor (the page names it `entry-ID`). */
export function entryUrl(article: Pick<Article, 'url'>, entry: Pick<LiveEntry, 'id'>): string {
  return `${article.url}#entry-${entry.id}`;
}

/** Google wants a headline of at most 110 characters; an entry has none, so its first words stand for one. */
export function entryHeadline(entry: Pick<LiveEntry, 'body'>): string {
  return excerptOf(plainText(entry.body), 110);
}

const absolute = (baseUrl: string, url: string) => (url.startsWith('/') ? absoluteUrl(baseUrl, url) : url);

/**
 * The story's NewsArticle as a `LiveBlogPosting` (an Article for Google, so everything the
 * article guide asks stays): the coverage's start, its end once closed, the newest change as
 * `dateModified`, and each entry as a `BlogPosting` update with its headline, text, time and
 * own address.
 */
export function liveBlogPosting(newsArticle: Record<string, unknown>, article: Article, blog: LiveBlog, entries: LiveEntry[], baseUrl: string): object {
  const newest = entries.reduce((at, entry) => (entry.updatedAt > at ? entry.updatedAt : at), String(newsArticle.dateModified ?? article.updatedAt));
  return {
    ...newsArticle,
    '@type': 'LiveBlogPosting',
    dateModified: newest,
    coverageStartTime: blog.startedAt,
    ...(blog.closedAt ? { coverageEndTime: blog.closedAt } : {}),
    liveBlogUpdate: entries.map((entry) => ({
      '@type': 'BlogPosting',
      '@id': entryUrl(article, entry),
      url: entryUrl(article, entry),
      headline: entryHeadline(entry),
      articleBody: plainText(entry.body),
      datePublished: entry.publishedAt,
      dateModified: entry.updatedAt,
      inLanguage: entry.language,
      author: { '@type': 'Person', name: entry.author.name },
      ...(entry.picture ? { image: absolute(baseUrl, entry.picture.url) } : {}),
    })),
  };
}

export const LIVE_FEED_SIZE = 50;

const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;

export type LiveFeedFormat = keyof typeof CONTENT_TYPES;

function entryHtml(entry: LiveEntry, baseUrl: string): string {
  const embed = entry.embedUrl ? recognizeEmbed(entry.embedUrl) : null;
  const picture = entry.picture ? renderToString(h('p', null, h('img', { src: absolute(baseUrl, entry.picture.url), alt: entry.picture.alt }))) : '';
  return `${entry.body.replace(/\b(src|href)="\/(?!\/)/g, `$1="${baseUrl.replace(/\/+$/, '')}/`)}${picture}${embed ? embedHtml(embed) : ''}`;
}

/** The blog's feed in one format: its newest entries, each an item at its own address. */
export function liveFeed(article: Article, entries: LiveEntry[], baseUrl: string, format: LiveFeedFormat, publisher: string) {
  const base = article.url.replace(/\/$/, '');
  const items = [...entries].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1)).slice(0, LIVE_FEED_SIZE);
  const host = new URL(baseUrl).host;
  const updated = items.reduce((at, entry) => (entry.updatedAt > at ? entry.updatedAt : at), article.updatedAt);
  const channel: FeedChannel = {
    id: article.url,
    title: article.title,
    description: article.standfirst || article.excerpt,
    home: article.url,
    language: article.language,
    updated: new Date(updated),
    self: { rss: `${base}/feed.xml`, atom: `${base}/feed.atom`, json: `${base}/feed.json` },
    copyright: publisher,
    publisher: { name: publisher, url: absoluteUrl(baseUrl, '/') },
  };
  const feedEntries: FeedEntry[] = items.map((entry) => ({
    id: `tag:${host},${entry.publishedAt.slice(0, 10)}:live-entry:${entry.id}`,
    url: entryUrl(article, entry),
    title: entryHeadline(entry),
    summary: '',
    contentHtml: entryHtml(entry, baseUrl),
    published: new Date(entry.publishedAt),
    updated: new Date(entry.updatedAt),
    authors: [{ name: entry.author.name }],
    categories: [],
  }));
  const body = format === 'rss' ? rss2(channel, feedEntries) : format === 'atom' ? atom1(channel, feedEntries) : jsonFeed(channel, feedEntries);
  return { body, contentType: CONTENT_TYPES[format], lastModified: new Date(updated) };
}
