import { useEffect, useState } from 'preact/hooks';
import { adminText, chooseLanguage, TextContext } from './i18n/index.js';
import { Layout } from './layout.js';
import { matchPath, useLocation } from './router.js';
import { SCREENS } from './screens.js';
import { can, loadSession, SessionContext, type Session } from './session.js';
import { SignIn } from './screens/sign-in/sign-in.js';

export function App() {
  const { path } = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [failure, setFailure] = useState('');
  const refresh = async () => {
    try {
      setSession(await loadSession());
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  useEffect(() => void refresh(), []);

  const text = adminText(chooseLanguage(session?.user.interfaceLanguage, navigator.languages));
  useEffect(() => {
    document.documentElement.lang = text.lang;
    document.documentElement.dir = text.dir;
  }, [text]);

  const found = SCREENS.map((screen) => ({ screen, params: matchPath(screen.path, path) })).find((m) => m.params);
  return <TextContext.Provider value={text}>{screen()}</TextContext.Provider>;

  function screen() {
    if (failure) return <p class="error" role="alert">{failure}</p>;
    if (session === undefined) return <p class="loading">{text.common.loading}</p>;
    if (found?.screen.public) return <found.screen.component params={found.params!} />;
    if (!session) return <SignIn onSignedIn={refresh} />;
    const allowed = found && (!found.screen.permission || can(session, found.screen.permission));
    return (
      <SessionContext.Provider value={{ session, refresh }}>
        <Layout path={path}>
          {allowed ? <found.screen.component params={found.params!} /> : <p role="alert">{found ? text.common.noAccess : text.common.noSuchScreen}</p>}
        </Layout>
      </SessionContext.Provider>
    );
  }
}
