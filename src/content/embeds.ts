/**
 * Embeds by URL (YouTube, Vimeo, X, Mastodon) kept as privacy-friendly link cards: the stored body
 * holds an `<aside class="embed">` with a plain link, so a reader's browser loads nothing from
 * the platform until the reader follows the link. Pure functions: the admin app uses them too.
 */
export type EmbedProvider = 'youtube' | 'vimeo' | 'x' | 'mastodon';

export interface Embed {
  provider: EmbedProvider;
  /** The canonical address of the post or video. */
  url: string;
  /** What the card says: the kind of post and who posted it, when the URL tells. */
  label: string;
}

const PROVIDER_NAMES: Record<EmbedProvider, string> = { youtube: 'YouTube video', vimeo: 'Vimeo video', x: 'Post on X', mastodon: 'Mastodon post' };

function parse(input: string): URL | null {
  const text = input.trim();
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}

/** The embed a URL stands for, or null when Herald does not embed that kind of link. */
export function recognizeEmbed(input: string): Embed | null {
  const url = parse(input);
  if (!url) return null;
  const host = url.hostname.replace(/^(www\.|m\.|mobile\.)/, '');
  if (host === 'youtube.com' || host === 'youtu.be' || host === 'youtube-nocookie.com') {
    // A player's address (`/embed/ID`, what an embedded frame loads) names the video too.
    const id = host === 'youtu.be' ? url.pathname.slice(1) : /^\/(shorts|embed)\//.test(url.pathname) ? url.pathname.split('/')[2] : url.searchParams.get('v');
    if (!id || !/^[\w-]{6,20}$/.test(id)) return null;
    return { provider: 'youtube', url: `https://www.youtube.com/watch?v=${id}`, label: PROVIDER_NAMES.youtube };
  }
  const vimeo = host === 'vimeo.com' ? url.pathname.match(/^\/(\d{1,12})\/?$/) : host === 'player.vimeo.com' ? url.pathname.match(/^\/video\/(\d{1,12})\/?$/) : null;
  if (vimeo) return { provider: 'vimeo', url: `https://vimeo.com/${vimeo[1]}`, label: PROVIDER_NAMES.vimeo };
  const status = url.pathname.match(/^\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/);
  if ((host === 'x.com' || host === 'twitter.com') && status) {
    return { provider: 'x', url: `https://x.com/${status[1]}/status/${status[2]}`, label: `${PROVIDER_NAMES.x} by @${status[1]}` };
  }
  const toot = url.pathname.match(/^\/@([\w.-]+)\/(\d+)$/);
  if (toot && url.protocol === 'https:') {
    return { provider: 'mastodon', url: `https://${url.host}/@${toot[1]}/${toot[2]}`, label: `${PROVIDER_NAMES.mastodon} by @${toot[1]}@${url.host}` };
  }
  return null;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The card as stored in a story body (the body sanitizer keeps it as it is). */
export function embedHtml(embed: Embed): string {
  return `<aside class="embed embed-${embed.provider}"><a href="${escape(embed.url)}" rel="noopener">${escape(embed.label)}</a></aside>`;
}
