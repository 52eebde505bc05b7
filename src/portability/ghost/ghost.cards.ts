/**
 * Ghost's embed cards in Herald's terms. Ghost stores an embed (YouTube, Vimeo, a post on X…)
 * as a `<figure class="kg-card kg-embed-card">` around the provider's player — an `<iframe>`,
 * or for X a `<blockquote class="twitter-tweet">` and a script — which a story body never keeps:
 * the figure came through empty. Each card becomes Herald's own embed card (embeds.ts: a link,
 * loading nothing from the platform) when Herald embeds that provider, and a plain link to the
 * embedded address otherwise, its caption kept under it.
 *
 * The cards are found with patterns over the markup Ghost's renderer writes (one `figure` per
 * card, never nested); what comes out goes through the body sanitizer like everything else.
 */
import { plainText } from '../../content/body.js';
import { embedHtml, recognizeEmbed } from '../../content/embeds.js';

const EMBED_CARD = /<figure\b[^>]*\bclass="[^"]*\bkg-embed-card\b[^"]*"[^>]*>([\s\S]*?)<\/figure>/gi;

export interface EmbedOutcome {
  /** Cards that became Herald embed cards. */
  cards: number;
  /** Addresses kept as plain links (a provider Herald does not embed). */
  links: string[];
  /** Cards in which no address was found, left as they were. */
  unknown: number;
}

function attribute(tag: string, name: string): string | null {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i'));
  const value = match ? (match[1] ?? match[2]) : null;
  return value === null ? null : value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What an embed card shows: its address, and a title or the quoted text when it has one. */
function embedded(inner: string): { url: string; text: string } | null {
  const frame = inner.match(/<iframe\b[^>]*>/i)?.[0];
  if (frame) {
    const src = attribute(frame, 'src');
    if (src) return { url: src.startsWith('//') ? `https:${src}` : src, text: attribute(frame, 'title') ?? '' };
  }
  const quote = inner.match(/<blockquote\b([^>]*)>([\s\S]*?)<\/blockquote>/i);
  if (quote) {
    // X (twitter-tweet): the post's address is the link to its date; Instagram and others name it.
    const cited = attribute(`<b ${quote[1]}>`, 'data-instgrm-permalink') ?? attribute(`<b ${quote[1]}>`, 'cite');
    const links = [...quote[2].matchAll(/<a\b[^>]*>/gi)].map(([tag]) => attribute(tag, 'href')).filter((href): href is string => !!href);
    const url = links.find((href) => /\/status(?:es)?\/\d+/.test(href)) ?? cited ?? links.at(-1);
    const said = quote[2].match(/<p\b[^>]*>([\s\S]*?)<\/p>/i)?.[1];
    if (url) return { url, text: said ? plainText(said) : '' };
  }
  const link = inner.match(/<a\b[^>]*>/i)?.[0];
  const href = link ? attribute(link, 'href') : null;
  return href ? { url: href, text: '' } : null;
}

/** The body with its embed cards as Herald embed cards or links; what happened, for the report. */
export function ghostEmbeds(html: string): { html: string; outcome: EmbedOutcome } {
  const outcome: EmbedOutcome = { cards: 0, links: [], unknown: 0 };
  const converted = html.replace(EMBED_CARD, (card, inner: string) => {
    const found = embedded(inner);
    if (!found || !/^https?:\/\//i.test(found.url)) {
      outcome.unknown++;
      return card;
    }
    const caption = inner.match(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i)?.[1];
    const under = caption && plainText(caption) ? `<p>${caption}</p>` : '';
    const text = found.text.length > 200 ? `${found.text.slice(0, 199)}…` : found.text;
    const embed = recognizeEmbed(found.url);
    if (embed) {
      outcome.cards++;
      return embedHtml({ ...embed, label: text ? `${embed.label}: ${text}` : embed.label }) + under;
    }
    outcome.links.push(found.url);
    return `<p><a href="${escape(found.url)}">${escape(text || found.url)}</a></p>${under}`;
  });
  return { html: converted, outcome };
}
