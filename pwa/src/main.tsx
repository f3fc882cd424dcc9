import { render } from 'preact';
import { App } from './app';
import { DEFAULT_LANG, initialLang, loadCatalogue } from './i18n';
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
prefetchSession().then(
  (s) => {
    if (s?.user && home && s.user.role !== role) preloadHome(s.user.role);
  },
  () => {},
);

catalogue
  .then(
    () => chosen,
    () => loadCatalogue(DEFAULT_LANG).then(() => DEFAULT_LANG),
  )
  .then((lang) => {
    const root = document.getElementById('app');
    if (root) render(<App lang={lang} />, root);
  });
