import type { SiteSettings } from '../../../settings/settings.service.js';
import { directionOf, nativeLanguageName } from '../../../content/languages.js';
import type { Interface } from '../../i18n.js';
import type { Alternate } from '../../seo.js';

/**
 * Site name, search and the language switcher. Each language links to this page's version in
 * that language when there is one, else to that language's home.
 */
export interface SiteHeaderProps {
  settings: SiteSettings;
  language: string;
  t: Interface;
  versions: Alternate[];
  sections: Array<{ name: string; href: string }>;
}

export function SiteHeader({ settings, language, t, versions, sections }: SiteHeaderProps) {
  return (
    <header class="site-header" lang={t.lang}>
      <a class="skip" href="#main">{t.skip}</a>
      <div class="bar">
        <a class="site-name" href={`/${language}/`}>
          {/* The newsroom's logo stands for its name, as on its printed front page. */}
          {settings.publisherLogo ? <img class="site-logo" src={settings.publisherLogo} alt={settings.name} height={40} /> : settings.name}
        </a>
        {/* Named apart from the search form of the search and 404 pages (searchLabel). */}
        <form class="search" role="search" aria-label={t.search} action={`/${language}/search`} method="get">
          <input type="search" name="q" aria-label={t.searchLabel} placeholder={t.search} />
          <button type="submit">{t.search}</button>
        </form>
        <nav class="languages" aria-label={t.language}>
          <ul>
            {settings.languages.map((l) => {
              const href = versions.find((v) => v.language === l)?.href ?? `/${l}/`;
              return (
                <li>
                  <a href={href} hreflang={l} lang={l} dir={directionOf(l)} aria-current={l === language ? 'page' : undefined}>
                    {nativeLanguageName(l)}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
      {sections.length > 0 ? (
        <nav class="sections bar" aria-label={t.sections}>
          <ul class="inline-list">
            {sections.map((section) => (
              <li lang={language}>
                <a href={section.href}>{section.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
