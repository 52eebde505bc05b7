/**
 * Writes a WordPress export (WXR 1.2) of N posts for import benchmarks and tests:
 * `node bin/run-ts.js scripts/generate-wxr.ts 10000 /tmp/posts.xml`. Streamed, so any size works.
 * Each post has a nested category, tags, an author, a featured image, Yoast meta and comments;
 * one in ten is in French (text, not markup, says so), one in twenty is a draft.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const EN = 'The city council met on Tuesday to discuss the new budget for public transport, schools and housing. Residents asked questions about rising rents and the long delays on the northern bus lines, and the mayor promised a report before the summer.';
const FR = 'Le conseil municipal s’est réuni mardi pour discuter du nouveau budget des transports publics, des écoles et du logement. Les habitants ont posé des questions sur la hausse des loyers et les longs retards des lignes de bus du nord.';

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export async function generateWxr(count: number, file: string): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated News</title>
<link>https://generated.example</link>
<language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://generated.example</wp:base_site_url>
<wp:base_blog_url>https://generated.example</wp:base_blog_url>
`);
  for (let a = 1; a <= 5; a++) {
    await write(`<wp:author><wp:author_id>${a}</wp:author_id><wp:author_login>${cdata(`writer${a}`)}</wp:author_login><wp:author_email>${cdata(`writer${a}@generated.example`)}</wp:author_email><wp:author_display_name>${cdata(`Writer ${a}`)}</wp:author_display_name></wp:author>\n`);
  }
  for (let c = 1; c <= 10; c++) {
    await write(`<wp:category><wp:term_id>${c}</wp:term_id><wp:category_nicename>${cdata(`desk-${c}`)}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(`Desk ${c}`)}</wp:cat_name></wp:category>\n`);
    await write(`<wp:category><wp:term_id>${100 + c}</wp:term_id><wp:category_nicename>${cdata(`beat-${c}`)}</wp:category_nicename><wp:category_parent>${cdata(`desk-${c}`)}</wp:category_parent><wp:cat_name>${cdata(`Beat ${c}`)}</wp:cat_name></wp:category>\n`);
  }
  for (let t = 1; t <= 50; t++) {
    await write(`<wp:tag><wp:term_id>${1000 + t}</wp:term_id><wp:tag_slug>${cdata(`topic-${t}`)}</wp:tag_slug><wp:tag_name>${cdata(`Topic ${t}`)}</wp:tag_name></wp:tag>\n`);
  }
  for (let i = 1; i <= count; i++) {
    const french = i % 10 === 0;
    const day = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000 * 7);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())} ${pad(day.getUTCHours())}:00:00`;
    const slug = `${french ? 'article' : 'story'}-${i}`;
    const [y, m, d] = date.split(/[- ]/);
    const text = french ? FR : EN;
    const body = `${text}\n\n${text}\n\n<blockquote>${text.slice(0, 80)}</blockquote>\n\n${text}`;
    const attachmentId = count * 10 + i;
    await write(`<item>
<title>${cdata(`${french ? 'Article' : 'Story'} number ${i}`)}</title>
<link>https://generated.example/${y}/${m}/${d}/${slug}/</link>
<pubDate>${day.toUTCString()}</pubDate>
<dc:creator>${cdata(`writer${(i % 5) + 1}`)}</dc:creator>
<guid isPermaLink="false">https://generated.example/?p=${i}</guid>
<content:encoded>${cdata(body)}</content:encoded>
<excerpt:encoded>${cdata('')}</excerpt:encoded>
<wp:post_id>${i}</wp:post_id>
<wp:post_date>${cdata(date)}</wp:post_date>
<wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
<wp:post_name>${cdata(slug)}</wp:post_name>
<wp:status>${cdata(i % 20 === 0 ? 'draft' : 'publish')}</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type>${cdata('post')}</wp:post_type>
<wp:post_password>${cdata('')}</wp:post_password>
<category domain="category" nicename="beat-${(i % 10) + 1}">${cdata(`Beat ${(i % 10) + 1}`)}</category>
<category domain="post_tag" nicename="topic-${(i % 50) + 1}">${cdata(`Topic ${(i % 50) + 1}`)}</category>
<category domain="post_tag" nicename="topic-${((i * 7) % 50) + 1}">${cdata(`Topic ${((i * 7) % 50) + 1}`)}</category>
<wp:postmeta><wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key><wp:meta_value>${cdata(String(attachmentId))}</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>${cdata('_yoast_wpseo_title')}</wp:meta_key><wp:meta_value>${cdata('%%title%% %%sep%% %%sitename%%')}</wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>${i * 2}</wp:comment_id><wp:comment_author>${cdata('Reader')}</wp:comment_author><wp:comment_author_email>reader@generated.example</wp:comment_author_email><wp:comment_date>${cdata(date)}</wp:comment_date><wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt><wp:comment_content>${cdata('Thank you for this report.')}</wp:comment_content><wp:comment_approved>${cdata('1')}</wp:comment_approved><wp:comment_type>${cdata('comment')}</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>${i * 2 + 1}</wp:comment_id><wp:comment_author>${cdata('Writer')}</wp:comment_author><wp:comment_author_email>writer@generated.example</wp:comment_author_email><wp:comment_date>${cdata(date)}</wp:comment_date><wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt><wp:comment_content>${cdata('Thanks for reading.')}</wp:comment_content><wp:comment_approved>${cdata(i % 3 === 0 ? '0' : '1')}</wp:comment_approved><wp:comment_type>${cdata('comment')}</wp:comment_type><wp:comment_parent>${i * 2}</wp:comment_parent></wp:comment>
</item>
<item>
<title>${cdata(`photo-${i}`)}</title>
<wp:post_id>${attachmentId}</wp:post_id>
<wp:post_parent>${i}</wp:post_parent>
<wp:post_type>${cdata('attachment')}</wp:post_type>
<wp:status>${cdata('inherit')}</wp:status>
<wp:attachment_url>${cdata(`https://generated.example/wp-content/uploads/photo-${i}.jpg`)}</wp:attachment_url>
<wp:postmeta><wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key><wp:meta_value>${cdata(`Photo ${i}`)}</wp:meta_value></wp:postmeta>
</item>
`);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
}

if (process.argv[1]?.endsWith('generate-wxr.ts')) {
  const count = Number(process.argv[2] ?? 10_000);
  const file = process.argv[3] ?? 'generated-wxr.xml';
  if (!Number.isInteger(count) || count < 1) {
    console.error('usage: generate-wxr.ts COUNT FILE');
    process.exit(1);
  }
  await generateWxr(count, file);
  console.log(`Wrote ${count} posts (and as many attachments) to ${file}`);
}
