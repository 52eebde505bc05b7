import { blockText } from '../../content/block-text.js';
import { directionOf } from '../../content/languages.js';
import { slugify } from '../../content/slugs.js';
import { format, plural } from '../../core/interface-text.js';
import { markSource, markSourceInHtml } from '../../core/source-marks.js';
import { mailStrings } from './mail.strings.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface MailSite {
  name: string;
  baseUrl: string;
  logoUrl?: string;
}

export interface MailImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface MailStory {
  title: string;
  standfirst: string;
  url: string;
  image?: MailImage;
}

/** The body's width in mail clients, and what is left inside the sections' padding. */
const WIDTH = 600;
const PADDING = 24;
const CONTENT_WIDTH = WIDTH - 2 * PADDING;
const FONTS = "-apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'PingFang TC', 'Microsoft JhengHei', Helvetica, Arial, sans-serif";
const ACCENT = '#0b57d0';

// mjml is a large library: loaded with the first mail rendered, not at start (as nodemailer is).
let mjml: Promise<typeof import('mjml').default> | undefined;
const loadMjml = () => (mjml ??= import('mjml').then((m) => m.default));

/** Loads the renderer ahead of the first send, so that send's first mail does not wait for it. */
export async function prepareRendering(): Promise<void> {
  await loadMjml();
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function absolute(baseUrl: string, url: string): string {
  return new URL(url, `${baseUrl.replace(/\/+$/, '')}/`).href;
}

/**
 * What a newsletter's links to the site say about where the reader comes from (`?ref=`): its
 * name and `-newsletter`, as Ghost marks its newsletters ("morning-briefing-newsletter").
 */
export function newsletterSource(name: string): string {
  const slug = slugify(name);
  if (!slug) return 'newsletter';
  return /(?:^|-)newsletter$/.test(slug) ? slug : `${slug}-newsletter`;
}

/**
 * A story's sanitized body made fit for mail clients: addresses absolute (a mail has no base
 * address), no `srcset`/`<source>` (most clients ignore them; some fetch them all), and links
 * to the site marked with the newsletter's source.
 */
function mailBody(baseUrl: string, html: string, source: string): string {
  const absolutized = html
    .replace(/<source\b[^>]*>/gi, '')
    .replace(/\s(?:srcset|sizes|loading|decoding)="[^"]*"/gi, '')
    .replace(/\s(src|href)="([^"]*)"/gi, (all, name: string, url: string) => {
      if (url.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return all;
      return ` ${name}="${escape(absolute(baseUrl, url.replace(/&amp;/g, '&')))}"`;
    });
  return markSourceInHtml(absolutized, baseUrl, source);
}

interface Layout {
  language: string;
  site: MailSite;
  /** The newsletter's source mark for the link home (none in the account mails). */
  source?: string;
  subject: string;
  preview: string;
  sections: string;
  footer?: string;
}

async function render({ language, site, source, subject, preview, sections, footer = '' }: Layout): Promise<string> {
  const dir = directionOf(language);
  const align = dir === 'rtl' ? 'right' : 'left';
  const home = escape(source ? markSource(site.baseUrl, site.baseUrl, source) : site.baseUrl);
  const brand = site.logoUrl
    ? `<a href="${home}"><img src="${escape(absolute(site.baseUrl, site.logoUrl))}" alt="${escape(site.name)}" height="40" style="height:40px;width:auto;border:0;display:inline-block"></a>`
    : `<a href="${home}" style="color:#1a1a1a;text-decoration:none;font-weight:700;font-size:20px">${escape(site.name)}</a>`;
  const markup = `<mjml lang="${escape(language)}" dir="${dir}">
  <mj-head>
    <mj-title>${escape(subject)}</mj-title>
    <mj-preview>${escape(preview)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONTS}" />
      <mj-text font-size="16px" line-height="1.6" color="#1a1a1a" align="${align}" padding="0 0 16px 0" />
      <mj-section padding="${PADDING}px" background-color="#ffffff" direction="${dir}" text-align="${align}" />
      <mj-column padding="0" />
      <mj-button background-color="${ACCENT}" color="#ffffff" font-size="16px" font-weight="600" border-radius="6px" inner-padding="12px 24px" align="${align}" padding="8px 0 16px 0" />
    </mj-attributes>
    <mj-style inline="inline">
      .story p, .story ul, .story ol, .story blockquote { margin: 0 0 16px 0; }
      .story h2, .story h3 { font-size: 20px; line-height: 1.3; margin: 24px 0 12px 0; }
      .story img { max-width: 100%; height: auto; border: 0; }
      .story figure { margin: 0 0 16px 0; }
      .story figcaption { font-size: 13px; color: #555555; }
      .story blockquote { border-inline-start: 3px solid #cccccc; padding-inline-start: 12px; color: #333333; }
      .story a, .link a { color: ${ACCENT}; }
      .footer a { color: #555555; }
    </mj-style>
  </mj-head>
  <mj-body background-color="#f2f2f2" width="${WIDTH}px">
    <mj-section padding="16px ${PADDING}px" background-color="#ffffff" border-bottom="1px solid #e5e5e5">
      <mj-column><mj-text padding="0">${brand}</mj-text></mj-column>
    </mj-section>
    ${sections}
    <mj-section padding="16px ${PADDING}px" background-color="#f2f2f2">
      <mj-column><mj-text css-class="footer" font-size="13px" color="#555555" padding="0">${footer}</mj-text></mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  const { html } = await (await loadMjml())(markup, { validationLevel: 'strict' });
  return html;
}

function text(block: string): string {
  return `<mj-text>${block}</mj-text>`;
}

function section(content: string): string {
  return `<mj-section><mj-column>${content}</mj-column></mj-section>`;
}

/** A link that is a button, with its address written out for clients that lose the button. */
function buttonWithFallback(label: string, link: string, fallback: string): string {
  const href = escape(link);
  return `<mj-button href="${href}">${escape(label)}</mj-button>${text(`<span style="font-size:13px;color:#555555">${escape(fallback)}</span><br><span class="link" style="font-size:13px;word-break:break-all"><a href="${href}" style="color:${ACCENT}">${href}</a></span>`)}`;
}

function picture(image: MailImage, href: string): string {
  const width = Math.min(CONTENT_WIDTH, image.width);
  const height = Math.round((image.height * width) / image.width);
  return `<mj-image src="${escape(image.url)}" width="${width}px" height="${height}px" alt="${escape(image.alt)}" href="${escape(href)}" padding="0 0 16px 0" />`;
}

function unsubscribeFooter(t: ReturnType<typeof mailStrings>, site: MailSite, newsletter: string, unsubscribeUrl: string): { html: string; text: string } {
  const why = format(t.why, { newsletter, site: site.name });
  return {
    html: `${escape(why)}<br><a href="${escape(unsubscribeUrl)}">${escape(t.unsubscribe)}</a>`,
    text: `${why}\n${t.unsubscribe}: ${unsubscribeUrl}`,
  };
}

const paragraphs = (html: string) => blockText(html).split('\n').join('\n\n');

/** The double opt-in mail: nothing is sent to the address before its link is opened. */
export async function confirmationMail(input: { language: string; site: MailSite; newsletters: string[]; link: string }): Promise<RenderedMail> {
  const t = mailStrings(input.language);
  const subject = format(t.confirmSubject, { site: input.site.name });
  const intro = format(t.confirmIntro, { site: input.site.name });
  const list = input.newsletters.map((name) => `<li>${escape(name)}</li>`).join('');
  const html = await render({
    language: input.language,
    site: input.site,
    subject,
    preview: intro,
    sections: section(`${text(`<p style="margin:0 0 8px 0">${escape(intro)}</p><ul style="margin:0;padding-inline-start:24px">${list}</ul>`)}${buttonWithFallback(t.confirmButton, input.link, t.linkFallback)}${text(`<span style="color:#555555">${escape(t.confirmIgnore)}</span>`)}`),
  });
  const plain = [intro, input.newsletters.map((name) => `- ${name}`).join('\n'), `${t.confirmButton}: ${input.link}`, t.confirmIgnore].join('\n\n');
  return { subject, html, text: `${plain}\n` };
}

/** The one-time link that signs a member in to their account page. */
export async function signInMail(input: { language: string; site: MailSite; link: string }): Promise<RenderedMail> {
  const t = mailStrings(input.language);
  const subject = format(t.signInSubject, { site: input.site.name });
  const intro = format(t.signInIntro, { site: input.site.name });
  const html = await render({
    language: input.language,
    site: input.site,
    subject,
    preview: intro,
    sections: section(`${text(escape(intro))}${buttonWithFallback(t.signInButton, input.link, t.linkFallback)}${text(`<span style="color:#555555">${escape(t.signInIgnore)}</span>`)}`),
  });
  return { subject, html, text: `${[intro, `${t.signInButton}: ${input.link}`, t.signInIgnore].join('\n\n')}\n` };
}

/** One story, whole, to the members of a newsletter. */
export async function storyMail(input: {
  language: string;
  site: MailSite;
  newsletter: { name: string };
  story: MailStory & { bodyHtml: string };
  unsubscribeUrl: string;
}): Promise<RenderedMail> {
  const { story, site } = input;
  const t = mailStrings(input.language);
  const source = newsletterSource(input.newsletter.name);
  const url = markSource(story.url, site.baseUrl, source);
  const footer = unsubscribeFooter(t, site, input.newsletter.name, input.unsubscribeUrl);
  const heading = `<h1 style="font-size:28px;line-height:1.25;margin:0"><a href="${escape(url)}" style="color:#1a1a1a;text-decoration:none">${escape(story.title)}</a></h1>`;
  const html = await render({
    language: input.language,
    site,
    source,
    subject: story.title,
    preview: story.standfirst,
    sections: section(
      [
        text(heading),
        story.standfirst ? text(`<p style="font-size:19px;line-height:1.5;color:#333333;margin:0">${escape(story.standfirst)}</p>`) : '',
        story.image ? picture(story.image, url) : '',
        `<mj-text css-class="story">${mailBody(site.baseUrl, story.bodyHtml, source)}</mj-text>`,
        `<mj-button href="${escape(url)}">${escape(t.readOnSite)}</mj-button>`,
      ].join(''),
    ),
    footer: footer.html,
  });
  const plain = [story.title, story.standfirst, paragraphs(story.bodyHtml), `${t.readOnSite}: ${url}`, '--', footer.text].filter(Boolean);
  return { subject: story.title, html, text: `${plain.join('\n\n')}\n` };
}

/** A newsletter's digest: the stories of the period, lead story first, each with its standfirst and picture. */
export async function digestMail(input: {
  language: string;
  site: MailSite;
  newsletter: { name: string };
  stories: MailStory[];
  unsubscribeUrl: string;
}): Promise<RenderedMail> {
  const { site } = input;
  const t = mailStrings(input.language);
  const source = newsletterSource(input.newsletter.name);
  const stories = input.stories.map((story) => ({ ...story, url: markSource(story.url, site.baseUrl, source) }));
  const [lead] = stories;
  const subject = format(t.digestSubject, { newsletter: input.newsletter.name, title: lead?.title ?? '' });
  const count = plural(t.lang, stories.length, t.digestCount);
  const footer = unsubscribeFooter(t, site, input.newsletter.name, input.unsubscribeUrl);
  const entry = (story: MailStory, index: number) => {
    const size = index === 0 ? 26 : 20;
    return [
      index === 0 && story.image ? picture(story.image, story.url) : '',
      text(`<h2 style="font-size:${size}px;line-height:1.3;margin:0 0 8px 0"><a href="${escape(story.url)}" style="color:#1a1a1a;text-decoration:none">${escape(story.title)}</a></h2>${story.standfirst ? `<p style="margin:0;color:#333333">${escape(story.standfirst)}</p>` : ''}`),
      index > 0 && story.image ? picture(story.image, story.url) : '',
      text(`<a href="${escape(story.url)}" style="color:${ACCENT}">${escape(t.readOnSite)}</a>`),
      index < stories.length - 1 ? '<mj-divider border-width="1px" border-color="#e5e5e5" padding="8px 0 24px 0" />' : '',
    ].join('');
  };
  const html = await render({
    language: input.language,
    site,
    source,
    subject,
    preview: lead ? `${lead.title} — ${count}` : count,
    sections: section(`${text(`<p style="margin:0;color:#555555;font-size:14px">${escape(input.newsletter.name)} · ${escape(count)}</p>`)}${stories.map(entry).join('')}`),
    footer: footer.html,
  });
  const plain = [`${input.newsletter.name} — ${count}`, ...stories.map((story) => [story.title, story.standfirst, story.url].filter(Boolean).join('\n')), '--', footer.text];
  return { subject, html, text: `${plain.join('\n\n')}\n` };
}
