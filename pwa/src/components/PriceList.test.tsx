import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/context';
import { categoriesBody, deferred, jsonResponse, mockFetch, problem } from '../test/fixtures';
import { PriceList } from './PriceList';

const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

function renderList(lang: 'nl' | 'fr' | 'en' = 'nl') {
  return render(
    <I18nProvider initial={lang}>
      <PriceList />
    </I18nProvider>,
  );
}

describe('PriceList', () => {
  it('shows a loading state, then every category with its icon, name and price', async () => {
    const answer = deferred<Response>();
    const fetch = mockFetch(() => answer.promise);
    renderList('nl');

    expect(screen.getByTestId('categories-loading').textContent).toContain('Prijzen laden');
    expect(fetch).toHaveBeenCalledWith('/api/v1/categories', expect.anything());

    answer.resolve(jsonResponse(categoriesBody));
    const list = await screen.findByTestId('category-list');
    expect(screen.queryByTestId('categories-loading')).toBeNull();

    const items = within(list).getAllByTestId('category');
    expect(items.map((li) => li.dataset.slug)).toEqual(['cleaning', 'flatpack', 'mystery']);
    expect(plain(items[0]!.textContent)).toBe('Poetsen€ 24,00 per uur');
    expect(plain(items[1]!.textContent)).toBe('Meubels monteren€ 18,50 per stuk');
    // A missing icon gets the generic one; every item has exactly one icon.
    for (const li of items) expect(li.querySelectorAll('svg[aria-hidden="true"]')).toHaveLength(1);
  });

  it('names categories in the current language, falling back to Dutch', async () => {
    // The API always sends every language; a category without its French name (an older
    // catalogue) still gets a name.
    const withoutFrench = categoriesBody.categories.map((c) => (c.slug === 'mystery' ? { ...c, names: { nl: c.names.nl } } : c));
    mockFetch(() => jsonResponse({ categories: withoutFrench }));
    renderList('fr');
    const items = await screen.findAllByTestId('category');
    expect(plain(items[0]!.textContent)).toBe('Nettoyage24,00 € par heure');
    expect(plain(items[2]!.textContent)).toBe('Iets anders20,00 € par heure');
  });

  it('shows a translated error with a retry button that loads the list', async () => {
    const fetch = mockFetch(
      () => problem(503),
      () => jsonResponse(categoriesBody),
    );
    renderList('en');

    const error = await screen.findByTestId('categories-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('The prices could not be loaded');
    // The server's own English detail is for logs, not for people.
    expect(error.textContent).not.toContain('database');

    fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('category')).toHaveLength(3);
    expect(screen.queryByTestId('categories-error')).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('treats a network failure and a malformed answer as errors', async () => {
    mockFetch(
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => jsonResponse({ nope: true }),
    );
    renderList('nl');
    const error = await screen.findByTestId('categories-error');
    fireEvent.click(within(error).getByRole('button', { name: 'Opnieuw proberen' }));
    expect(await screen.findByTestId('categories-error')).toBeTruthy();
  });

  it('says so when there are no categories yet', async () => {
    mockFetch(() => jsonResponse({ categories: [] }));
    renderList('nl');
    expect((await screen.findByTestId('categories-empty')).textContent).toBe('Er zijn nog geen prijzen.');
  });
});
