import type { ComponentChildren } from 'preact';
import { LogOut, Menu, X } from 'lucide-preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { FormError } from './components/form.js';
import { linkHandler, BASE } from './router.js';
import { SCREENS } from './screens.js';
import { chooseLanguage, INTERFACE_LANGUAGES, useText } from './i18n/index.js';
import { nativeLanguageName } from '../content/languages.js';
import { can, SessionContext } from './session.js';

function isCurrent(screenPath: string, path: string): boolean {
  return path === screenPath || (screenPath !== '/' && path.startsWith(screenPath));
}

/**
 * The frame of every signed-in screen: a sidebar with the newsroom's name, the navigation and
 * the signed-in person; on a phone a top bar whose menu button opens that sidebar as a drawer.
 */
export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const { session, refresh } = useContext(SessionContext)!;
  const t = useText();
  const items = SCREENS.filter((s) => s.nav && (!s.permission || can(session, s.permission)));
  // Screens show their refusals through useAction; one that slipped past them is shown here,
  // never left in the console alone.
  const [stray, setStray] = useState<ApiError | null>(null);
  useEffect(() => {
    const show = (event: PromiseRejectionEvent) => {
      if (!(event.reason instanceof ApiError)) return;
      event.preventDefault();
      setStray(event.reason);
    };
    addEventListener('unhandledrejection', show);
    return () => removeEventListener('unhandledrejection', show);
  }, []);
  useEffect(() => setStray(null), [path]);
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLElement>(null);

  // The drawer closes whenever the screen changes, as a phone's menu does.
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    // The brand link is the top bar's on a phone, so focus goes to the current screen's link.
    drawer.current?.querySelector<HTMLElement>('nav a[aria-current], nav a')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      menuButton.current?.focus();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [open]);

  const signOut = async (everywhere: boolean) => {
    await api.delete(everywhere ? '/sessions' : '/session');
    location.assign(`${BASE}/`);
  };
  const brand = (
    <a class="brand" href={`${BASE}/`} onClick={linkHandler('/')}>
      {session.site.name}
    </a>
  );
  return (
    <div class={open ? 'frame menu-open' : 'frame'}>
      <a class="skip-link" href="#main">
        {t.layout.skipLink}
      </a>
      <header class="topbar">
        {brand}
        <button
          type="button"
          class="quiet icon-only"
          ref={menuButton}
          aria-expanded={open ? 'true' : 'false'}
          aria-controls="admin-sidebar"
          aria-label={t.layout.menu}
          onClick={() => setOpen(!open)}
        >
          {open ? <X aria-hidden="true" /> : <Menu aria-hidden="true" />}
        </button>
      </header>
      <div class="backdrop" hidden={!open} onClick={() => setOpen(false)} />
      <aside class="sidebar" id="admin-sidebar" ref={drawer}>
        <div class="sidebar-brand">{brand}</div>
        <nav aria-label={t.layout.navLabel} onClick={() => setOpen(false)}>
          <ul>
            {items.map(({ path: to, nav, icon: Icon }) => (
              <li key={to}>
                <a href={BASE + to} onClick={linkHandler(to)} aria-current={isCurrent(to, path) ? 'page' : undefined}>
                  {Icon && <Icon aria-hidden="true" size={18} />}
                  {t.nav[nav!]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <span class="avatar" aria-hidden="true">
            {session.user.name.trim().charAt(0).toUpperCase()}
          </span>
          <span class="who">
            <strong>{session.user.name}</strong>
            <small>{t.common[`role_${session.user.role}`]}</small>
          </span>
          <button type="button" class="quiet" onClick={() => signOut(false)}>
            <LogOut aria-hidden="true" size={16} />
            {t.layout.signOut}
          </button>
          <button type="button" class="quiet small" onClick={() => signOut(true)}>
            {t.layout.signOutEverywhere}
          </button>
          <LanguageChooser chosen={session.user.interfaceLanguage} onChosen={refresh} />
        </div>
      </aside>
      {/* While the drawer is open the screen behind it is out of reach, so Tab stays in the menu. */}
      <main class="content" id="main" tabIndex={-1} inert={open}>
        <FormError error={stray} />
        {children}
      </main>
    </div>
  );
}

/** The person's admin language, kept on their account so it follows them to any browser. */
function LanguageChooser({ chosen, onChosen }: { chosen: string | null; onChosen(): Promise<void> }) {
  const t = useText();
  const choose = async (value: string) => {
    await api.patch('/session', { interfaceLanguage: value || null });
    await onChosen();
  };
  return (
    <label class="language-chooser">
      <span>{t.layout.language}</span>
      <select value={chosen ?? ''} onChange={(event) => void choose(event.currentTarget.value)}>
        <option value="">{t.format(t.layout.browserLanguage, { language: nativeLanguageName(chooseLanguage(null, navigator.languages)) })}</option>
        {INTERFACE_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {nativeLanguageName(language)}
          </option>
        ))}
      </select>
    </label>
  );
}
