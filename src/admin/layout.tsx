import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { api } from './api.js';
import { linkHandler, BASE } from './router.js';
import { SCREENS } from './screens.js';
import { can, SessionContext } from './session.js';

/** The frame of every signed-in screen: the site's name, the navigation and the account menu. */
export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const context = useContext(SessionContext)!;
  const { session } = context;
  const items = SCREENS.filter((s) => s.nav && (!s.permission || can(session, s.permission)));
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
      <main class="content">{children}</main>
    </div>
  );
}
