import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { ComponentChildren, JSX } from 'preact';
import { describe, expect, it } from 'vitest';
import { lazy } from '../lazy';
import { forgetCatalogue, hasCatalogue, loadCatalogue, resetCatalogueParts, translator } from './index';
import { I18nProvider, useI18n } from './context';

function Probe() {
  const { t, setLang } = useI18n();
  return (
    <>
      <h1>{t('home.title')}</h1>
      <button type="button" onClick={() => setLang('fr')}>
        fr
      </button>
      <button type="button" onClick={() => setLang('en')}>
        en
      </button>
    </>
  );
}

describe('catalogues load one at a time', () => {
  it('loads a language before showing it, then switches every text', async () => {
    forgetCatalogue('fr');
    expect(hasCatalogue('fr')).toBe(false);
    expect(() => translator('fr')).toThrow(/not loaded/);
    render(
      <I18nProvider initial="nl">
        <Probe />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'fr' }));
    // Not here yet: the page stays Dutch rather than show keys or a blank.
    expect(screen.getByRole('heading').textContent).toBe('Welkom bij Klusbuddy');
    expect(localStorage.getItem('klusbuddy.lang')).toBe('fr');
    await waitFor(() => expect(screen.getByRole('heading').textContent).toBe('Bienvenue sur Klusbuddy'));
    expect(hasCatalogue('fr')).toBe(true);
    expect(document.documentElement.lang).toBe('fr');
  });

  it('lets the last choice win when catalogues arrive out of order', async () => {
    forgetCatalogue('fr');
    render(
      <I18nProvider initial="nl">
        <Probe />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'fr' })); // loading
    fireEvent.click(screen.getByRole('button', { name: 'en' })); // loaded: at once
    expect(screen.getByRole('heading').textContent).toBe('Welcome to Klusbuddy');
    await loadCatalogue('fr');
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByRole('heading').textContent).toBe('Welcome to Klusbuddy');
  });

  it('loads the first part only, until a screen needs another', async () => {
    resetCatalogueParts();
    forgetCatalogue('en');
    await Promise.all([loadCatalogue('en'), loadCatalogue('en')]);
    expect(hasCatalogue('en')).toBe(true);
    expect(translator('en')('home.title')).toBe('Welcome to Klusbuddy');
    // A staff text is not in the first part: a screen that showed it now would show its key.
    expect(translator('en')('board.title')).toBe('board.title');
  });
});

describe('catalogue parts load with their screens', () => {
  function Staff() {
    const { t, setLang } = useI18n();
    return (
      <>
        <h1>{t('board.title')}</h1>
        <p>{t('home.title')}</p>
        <button type="button" onClick={() => setLang('en')}>
          en
        </button>
      </>
    );
  }

  it('renders a staff screen only once its part of the catalogue is here', async () => {
    resetCatalogueParts();
    forgetCatalogue('fr');
    await loadCatalogue('fr');
    const Screen = lazy(() => Promise.resolve(Staff), 'staff');
    render(
      <I18nProvider initial="fr">
        <Screen />
      </I18nProvider>,
    );
    expect(screen.getByTestId('loading')).toBeTruthy();
    expect((await screen.findByRole('heading')).textContent).toBe('Suivre les travaux');
    expect(screen.getByText('Bienvenue sur Klusbuddy')).toBeTruthy();
  });

  it('switches language with every part the screens on show need', async () => {
    resetCatalogueParts();
    forgetCatalogue('en');
    const Screen = lazy(() => Promise.resolve(Staff), 'staff');
    render(
      <I18nProvider initial="nl">
        <Screen />
      </I18nProvider>,
    );
    expect((await screen.findByRole('heading')).textContent).toBe('Klussen opvolgen');
    fireEvent.click(screen.getByRole('button', { name: 'en' }));
    // Never English with the staff part missing: Dutch until both parts are here.
    expect(screen.getByRole('heading').textContent).toBe('Klussen opvolgen');
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(screen.getByRole('heading').textContent).toBe('Follow up jobs');
    expect(hasCatalogue('en')).toBe(true);
  });
});

describe('lazy screens', () => {
  const wrap = (node: ComponentChildren) => <I18nProvider initial="nl">{node}</I18nProvider>;

  it('shows the loading line, then the screen', async () => {
    let resolve: (c: () => JSX.Element) => void = () => {};
    const Screen = lazy(() => new Promise<() => JSX.Element>((r) => (resolve = r)), 'first');
    render(wrap(<Screen />));
    expect(screen.getByTestId('loading')).toBeTruthy();
    resolve(() => <h1>Klaar</h1>);
    expect((await screen.findByRole('heading')).textContent).toBe('Klaar');
    expect(screen.queryByTestId('loading')).toBeNull();
  });

  it('says so when a chunk cannot load, and offers to try again', async () => {
    const Screen = lazy<object>(() => Promise.reject(new Error('offline')), 'first');
    render(wrap(<Screen />));
    const alert = await screen.findByTestId('load-error');
    expect(alert.textContent).toContain('Dit scherm kon niet laden');
    expect(alert.querySelector('button')?.textContent).toContain('Opnieuw proberen');
  });
});
