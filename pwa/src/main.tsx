import { render } from 'preact';
import { App } from './app';
import { DEFAULT_LANG, initialLang, isLang, type Lang, loadCatalogue, saveLang } from './i18n';
import { preloadHome } from './screens/homes';
import { prefetchSession, rememberedRole } from './session';
import './styles.css';

const chosen = initialLang();
// Set before the first paint, so the page is never announced in the wrong language.
document.documentElement.lang = chosen;

// The catalogue's first part is a chunk of its own (i18n/index.ts): render once it is here. If
// it cannot load (offline before the service worker cached it), Dutch, the default, may still
// be there.
const catalogue = loadCatalogue(chosen);

// Who is signed in, asked beside the catalogue. Their home's chunk (and, for a coordinator or
// admin, the staff texts) loads as soon as that is known; someone signed in here before gets
// it at once, with the catalogue.
const home = window.location.pathname === '/';
const role = rememberedRole();
if (role && home) preloadHome(role);
const session = prefetchSession().then(
  (s) => {
    if (s?.user && home && s.user.role !== role) preloadHome(s.user.role);
    return s;
  },
  () => null,
);

// The account's language wins over the device's (session.tsx). Known before the first render,
// the app starts in it: no first paint in one language and then, right to left perhaps, in
// another (a second catalogue, a second render, the page moving). The session is waited for
// a little at most once the catalogue is here: a slow network must not keep the page blank.
const SESSION_WAIT_MS = 800;

async function start(): Promise<Lang> {
  let lang = await catalogue.then(
    () => chosen,
    () => loadCatalogue(DEFAULT_LANG).then(() => DEFAULT_LANG),
  );
  const s = await Promise.race([session, new Promise<null>((done) => setTimeout(() => done(null), SESSION_WAIT_MS))]);
  const account = s?.user?.language;
  if (isLang(account) && account !== lang) {
    try {
      await loadCatalogue(account);
      lang = account;
      saveLang(account);
    } catch {
      /* offline and not cached: the device's language, the account's comes with a later switch */
    }
  }
  return lang;
}

void start().then((lang) => {
  document.documentElement.lang = lang;
  const root = document.getElementById('app');
  if (root) render(<App lang={lang} />, root);
});
