import type { ComponentChildren } from 'preact';
import { directionOf, nativeLanguageName } from '../../content/languages.js';
import type { SiteSettings } from '../../settings/settings.service.js';
import { stringsFor } from '../i18n.js';

export interface Alternate {
  language: string;
  href: string;
}

export interface LayoutProps {
  settings: SiteSettings;
  language: string;
  title: string;
  description: string;
  canonical: string;
  /** Same page in other languages, for hreflang links and the language switcher. */
  alternates: Alternate[];
  children: ComponentChildren;
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#5a5a5a;--accent:#8a1c1c}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#141414;--muted:#b5b5b5;--accent:#ff9b8f}}
body{margin:0;font:1.0625rem/1.6 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;align-items:center;border-bottom:1px solid #8884}
a{color:var(--accent)}.site-name{font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--fg)}
nav ul{list-style:none;display:flex;gap:.75rem;margin:0;padding:0}
h1{font-size:2rem;line-height:1.2}.standfirst{font-size:1.2rem;color:var(--muted)}
figure{margin:1.5rem 0}figure img{max-width:100%;height:auto}figcaption{font-size:.9rem;color:var(--muted)}
.meta{color:var(--muted);font-size:.95rem}.stories{list-style:none;padding:0}.stories li{margin:0 0 1.5rem}
@media print{header nav,footer{display:none}}
`;

export function Layout({ settings, language, title, description, canonical, alternates, children }: LayoutProps) {
  const t = stringsFor(language);
  return (
    <html lang={language} dir={directionOf(language)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <link rel="canonical" href={canonical} />
        {alternates.map((alt) => (
          <link rel="alternate" hreflang={alt.language} href={alt.href} />
        ))}
        <style>{STYLE}</style>
      </head>
      <body>
        <header>
          <a class="site-name" href={`/${language}/`}>
            {settings.name}
          </a>
          <nav aria-label={t.language}>
            <ul>
              {alternates
                .filter((alt) => alt.language !== language)
                .map((alt) => (
                  <li>
                    <a href={alt.href} hreflang={alt.language} lang={alt.language}>
                      {nativeLanguageName(alt.language)}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer>
          <small>{settings.publisherName}</small>
        </footer>
      </body>
    </html>
  );
}
