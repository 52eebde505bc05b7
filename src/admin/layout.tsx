import type { ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { FormError } from './components/form.js';
import { linkHandler, BASE } from './router.js';
import { SCREENS } from './screens.js';
import { can, SessionContext } from './session.js';

/** The frame of every signed-in screen: the site's name, the navigation and the account menu. */
export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const context = useContext(SessionContext)!;
  const { session } = context;
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
  const signOut = async (everywhere: boolean) => {
    await api.delete(everywhere ? '/sessions' : '/session');
    location.assign(`${BASE}/`);
  };
  return (
    <div class="frame">
      <header class="top">
        <a class="brand" href={`${BASE}/`} onClick={linkHandler('/')}>
          {session.site.name}
        </a>
        <nav aria-label="Admin">
          <ul>
            {items.map((s) => (
              <li key={s.path}>
                <a
                  href={BASE + s.path}
                  onClick={linkHandler(s.path)}
                  aria-current={path === s.path || (s.path !== '/' && path.startsWith(s.path)) ? 'page' : undefined}
                >
                  {s.nav}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <span>
            {session.user.name} · {session.user.role}
          </span>
          <button type="button" class="link" onClick={() => signOut(false)}>
            Sign out
          </button>
          <button type="button" class="link" onClick={() => signOut(true)}>
            Sign out everywhere
          </button>
        </div>
      </header>
      <main class="content">
        <FormError error={stray} />
        {children}
      </main>
    </div>
  );
}
