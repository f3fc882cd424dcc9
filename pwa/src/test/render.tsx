import { render } from '@testing-library/preact';
import { App } from '../app';
import type { Lang } from '../i18n';
import { forgetCategories } from '../categories';

/** The whole app at a given address, as a browser would open it. */
export function renderAt(path: string, lang: Lang = 'nl') {
  forgetCategories();
  window.history.replaceState(null, '', path);
  return render(<App lang={lang} />);
}
