import type { SiteSettings } from '../../../settings/settings.service.js';
import { ogLocale } from '../../i18n.js';
import { jsonLdText, type PageMeta } from '../../seo.js';
import { ASSETS } from '../../site.assets.js';

/** Everything in `<head>`: title, description, canonical, hreflang, feeds, Open Graph, Twitter card, JSON-LD. */
export function Head({ meta, settings, language }: { meta: PageMeta; settings: SiteSettings; language: string }) {
  const others = meta.alternates.filter((a) => a.language !== 'x-default' && a.language !== language);
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{meta.title}</title>
      <meta name="description" content={meta.description} />
      {meta.robots ? <meta name="robots" content={meta.robots} /> : null}
      <link rel="canonical" href={meta.canonical} />
      {meta.alternates.map((alt) => (
        <link rel="alternate" hreflang={alt.language} href={alt.href} />
      ))}
      {meta.feeds.map((feed) => (
        <link rel="alternate" type={feed.type} href={feed.href} title={feed.title} />
      ))}
      <link rel="stylesheet" href={ASSETS.css.url} />
      <link rel="icon" href={ASSETS.favicon.url} type="image/svg+xml" />
      <meta name="theme-color" content="#a3161b" />
      <meta property="og:type" content={meta.ogType} />
      <meta property="og:site_name" content={settings.name} />
      <meta property="og:title" content={meta.title} />
      <meta property="og:description" content={meta.description} />
      <meta property="og:url" content={meta.canonical} />
      <meta property="og:locale" content={ogLocale(language)} />
      {others.map((alt) => (
        <meta property="og:locale:alternate" content={ogLocale(alt.language)} />
      ))}
      {meta.image ? <meta property="og:image" content={meta.image.url} /> : null}
      {meta.image?.type ? <meta property="og:image:type" content={meta.image.type} /> : null}
      {meta.image?.width ? <meta property="og:image:width" content={String(meta.image.width)} /> : null}
      {meta.image?.height ? <meta property="og:image:height" content={String(meta.image.height)} /> : null}
      {meta.image ? <meta property="og:image:alt" content={meta.image.alt} /> : null}
      {meta.article?.publishedTime ? <meta property="article:published_time" content={meta.article.publishedTime} /> : null}
      {meta.article ? <meta property="article:modified_time" content={meta.article.modifiedTime} /> : null}
      {meta.article?.section ? <meta property="article:section" content={meta.article.section} /> : null}
      {meta.article?.tags.map((tag) => <meta property="article:tag" content={tag} />)}
      <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={meta.title} />
      <meta name="twitter:description" content={meta.description} />
      {meta.image ? <meta name="twitter:image" content={meta.image.url} /> : null}
      {meta.image ? <meta name="twitter:image:alt" content={meta.image.alt} /> : null}
      {meta.jsonLd.map((data) => (
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />
      ))}
    </head>
  );
}
