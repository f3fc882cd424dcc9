import { render } from 'preact';
import { App } from './app';
import { DEFAULT_LANG, initialLang, loadCatalogue } from './i18n';
import { preloadHome } from './screens/homes';
import { rememberedRole } from './session';
import './styles.css';

const chosen = initialLang();
// Set before the first paint, so the page is never announced in the wrong language.
document.documentElement.lang = chosen;

// The catalogue's first part is a chunk of its own (i18n/index.ts): render once it is here. If
// it cannot load (offline before the service worker cached it), Dutch, the default, may still
// be there.
const catalogue = loadCatalogue(chosen);

// Someone signed in here before: their home's chunk (and, for a coordinator or admin, the
// staff texts) loads alongside the catalogue and the session.
const role = rememberedRole();
if (role && window.location.pathname === '/') preloadHome(role);

catalogue
  .then(
    () => chosen,
    () => loadCatalogue(DEFAULT_LANG).then(() => DEFAULT_LANG),
  )
  .then((lang) => {
    const root = document.getElementById('app');
    if (root) render(<App lang={lang} />, root);
  });
