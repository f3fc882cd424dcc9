import { render } from 'preact';
import { App } from './app';
import { initialLang } from './i18n';
import './styles.css';

const lang = initialLang();
// Set before the first paint, so the page is never announced in the wrong language.
document.documentElement.lang = lang;

const root = document.getElementById('app');
if (root) render(<App lang={lang} />, root);
