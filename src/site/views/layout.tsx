import type { ComponentChildren } from 'preact';
import { directionOf } from '../../content/languages.js';
import type { SiteSettings } from '../../settings/settings.service.js';
import { correctionStrings } from '../corrections.strings.js';
import { federationStrings } from '../../federation/federation.strings.js';
import { actorHandle } from '../../federation/paths.js';
import { stringsFor } from '../i18n.js';
import type { Alternate, PageMeta } from '../seo.js';
import { ASSETS } from '../site.assets.js';
import { Head } from './components/head.js';
import { SiteHeader } from './components/header.js';
import { Beacon, type PageBeacon } from './components/beacon.js';

export interface LayoutProps {
  settings: SiteSettings;
  /** The page's language: the story's, or the listing's. */
  language: string;
  meta: PageMeta;
  /** Where the language switcher goes per language (this page's versions); others go home. */
  versions: Alternate[];
  /** The sections menu, in the page's language. */
  sections: Array<{ name: string; href: string }>;
  /** Pages with a copy-link button load the one small script. */
  script?: boolean;
  /** What the analytics beacon reports about this page; none when analytics are off or for a preview. */
  beacon?: PageBeacon;
  children: ComponentChildren;
}

export function Layout({ settings, language, meta, versions, sections, script, beacon, children }: LayoutProps) {
  const t = stringsFor(language);
  return (
    <html lang={language} dir={directionOf(language)}>
      <Head meta={meta} settings={settings} language={language} />
      <body>
        <SiteHeader settings={settings} language={language} t={t} versions={versions} sections={sections} />
        <main id="main">{children}</main>
        <footer class="site-footer" lang={t.lang}>
          <div class="bar">
            <span>© {settings.publisherName || settings.name}</span>
            <nav aria-label={t.privacy}>
              <ul class="inline-list">
                <li>
                  <a href={`/${language}/privacy`}>{t.privacy}</a>
                </li>
                <li>
                  <a href={`/${language}/corrections`}>{correctionStrings(language).corrections}</a>
                </li>
                <li>
                  <a href={`/${language}/feed.xml`} type="application/rss+xml">
                    {t.feed}
                  </a>
                </li>
              </ul>
            </nav>
            {/* The edition of the page's language, the account readers of that language follow. */}
            {settings.federation && settings.languages.includes(language) ? (
              <p class="fediverse" lang={federationStrings(language).lang}>
                {federationStrings(language).followUs} <bdi dir="ltr">{actorHandle(settings.baseUrl, language)}</bdi>
              </p>
            ) : null}
          </div>
        </footer>
        {script ? <script src={ASSETS.js.url} defer /> : null}
        {beacon ? <Beacon page={beacon} language={language} /> : null}
      </body>
    </html>
  );
}
