import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ICON_NAMES } from '../components/Icon';
import { mockApi, ok, problemDoc, session } from '../test/fixtures';
import { renderAt } from '../test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

const plain = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');
const input = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const fill = (name: string, value: string) => fireEvent.input(input(name), { target: { value } });
const describedText = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');

const cleaning = {
  slug: 'cleaning',
  icon: 'broom',
  names: { nl: 'Poetsen', fr: 'Nettoyage', en: 'Cleaning' },
  unit: 'hour',
  unit_price_cents: 2450,
  currency: 'EUR',
  active: true,
  vat_rate: 21,
};
const ironing = {
  slug: 'ironing',
  icon: 'iron',
  names: { nl: 'Strijken', fr: 'Repassage', en: 'Ironing' },
  unit: 'item',
  unit_price_cents: 150,
  currency: 'EUR',
  active: false,
  vat_rate: 21,
};

function adminApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/session': ok(session('admin')),
    'GET /api/v1/admin/categories': ok({ categories: [cleaning, ironing] }),
    ...extra,
  });
}

async function fillNew(price = '24,50') {
  await screen.findAllByTestId('category-row');
  fill('names.nl', 'Ramen wassen');
  fill('names.fr', 'Laver les vitres');
  fill('names.en', 'Window cleaning');
  fireEvent.click(screen.getByRole('radio', { name: 'Raam' }));
  fireEvent.click(screen.getByRole('radio', { name: /Per uur/ }));
  fill('unit_price_cents', price);
}

describe('admin: categories', () => {
  it('lists every category with icon, names, unit, price and whether it is active', async () => {
    adminApi();
    renderAt('/admin/categories');
    const page = await screen.findByTestId('admin-categories');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Soorten klussen en prijzen');
    // Said plainly, before anything else.
    expect(within(page).getByTestId('price-note').textContent).toContain(
      'Een nieuwe prijs geldt alleen voor klussen die vanaf nu geplaatst worden.',
    );

    const rows = await screen.findAllByTestId('category-row');
    expect(rows.map((r) => r.dataset.slug)).toEqual(['cleaning', 'ironing']);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(first.querySelector('.list__title')?.textContent).toContain('Poetsen');
    expect(first.textContent).toContain('NL Poetsen');
    expect(first.textContent).toContain('FR Nettoyage');
    expect(first.textContent).toContain('EN Cleaning');
    expect(first.querySelector('[lang="fr"]')?.textContent).toBe('Nettoyage');
    expect(plain(within(first).getByTestId('category-price').textContent)).toBe('€ 24,50 per uur');
    expect(within(first).getByTestId('category-active').textContent).toBe('Actief');
    expect(first.querySelector('.list__icon svg')).not.toBeNull();

    expect(plain(within(second).getByTestId('category-price').textContent)).toBe('€ 1,50 per stuk');
    expect(within(second).getByTestId('category-active').textContent).toBe('Niet actief');
    expect(within(second).getByTestId('category-active').dataset.active).toBe('false');
    // Each edit button names its category for screen readers.
    expect(within(second).getByRole('button', { name: /^Aanpassen\W+Strijken$/ })).toBeTruthy();
  });

  it('is reached from the admin screen and the menu, for admins only', async () => {
    adminApi({ 'GET /api/v1/admin/organisations': ok({ organisations: [] }) });
    renderAt('/admin');
    const link = await screen.findByTestId('admin-categories-link');
    expect(link.getAttribute('href')).toBe('/admin/categories');
    const nav = screen.getByTestId('nav-categories');
    expect(nav.textContent).toBe('Prijzen');
    expect(screen.getByTestId('nav-admin').getAttribute('aria-current')).toBe('page');
    fireEvent.click(link);
    await screen.findAllByTestId('category-row');
    // Only the more precise menu item is the current page.
    expect(screen.getByTestId('nav-categories').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-admin').hasAttribute('aria-current')).toBe(false);
  });

  it('is not for coordinators', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('coordinator')) });
    renderAt('/admin/categories');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });

  it('offers every icon Icon.tsx draws whose name the server accepts, as a big radio, the ones for work first', async () => {
    adminApi();
    renderAt('/admin/categories');
    await screen.findByTestId('category-form');
    const choices = screen.getAllByTestId('icon-choice');
    const accepted = ICON_NAMES.filter((n) => /^[a-z][a-z0-9-]{1,39}$/.test(n));
    expect(choices.map((c) => c.dataset.icon).sort()).toEqual([...accepted].sort());
    // Names the server would refuse (signIn, userPlus, …) are not offered.
    for (const name of ['signIn', 'signOut', 'userPlus', 'userMinus']) {
      expect(choices.some((c) => c.dataset.icon === name)).toBe(false);
    }
    expect(choices.slice(0, 3).map((c) => c.dataset.icon)).toEqual(['broom', 'toolbox', 'leaf']);
    expect(choices[0]!.querySelector('svg')).not.toBeNull();
    const group = screen.getByRole('group', { name: 'Icoon' });
    expect(within(group).getByRole('radio', { name: 'Borstel' })).toBeTruthy();
    expect(within(group).getByRole('radio', { name: 'Vrachtwagen' })).toBeTruthy();
    // The app's own icons have readable names too, never their technical one.
    expect(within(group).getByRole('radio', { name: 'Kalender' })).toBeTruthy();
    expect(within(group).getByRole('radio', { name: 'Elektrische fiets' })).toBeTruthy();
    for (const c of choices) {
      const label = c.querySelector('.choice__label')?.textContent ?? '';
      expect(label.trim(), c.dataset.icon).not.toBe('');
      expect(label, c.dataset.icon).not.toBe(c.dataset.icon);
    }
  });

  it('adds a category: the price typed as "24,50" goes out as 2450 cents', async () => {
    const { calls } = adminApi({
      'POST /api/v1/admin/categories': ok(
        {
          slug: 'ramen-wassen',
          icon: 'window',
          names: { nl: 'Ramen wassen', fr: 'Laver les vitres', en: 'Window cleaning' },
          unit: 'hour',
          unit_price_cents: 2450,
          currency: 'EUR',
          active: true,
          vat_rate: 21,
        },
        201,
      ),
    });
    renderAt('/admin/categories');
    await fillNew('24,50');
    // The short name follows the Dutch name until typed.
    expect(input('slug').value).toBe('ramen-wassen');
    fireEvent.click(screen.getByTestId('category-save'));

    await waitFor(() => expect(screen.getByTestId('category-saved').textContent).toBe('Ramen wassen is gemaakt.'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/admin/categories');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-admin');
    expect(post.body).toEqual({
      slug: 'ramen-wassen',
      icon: 'window',
      names: { nl: 'Ramen wassen', fr: 'Laver les vitres', en: 'Window cleaning' },
      unit: 'hour',
      unit_price_cents: 2450,
      vat_rate: 21,
    });
    // The new one is in the list and the form is empty again.
    expect(screen.getAllByTestId('category-row').map((r) => r.dataset.slug)).toEqual(['cleaning', 'ironing', 'ramen-wassen']);
    expect(input('names.nl').value).toBe('');
    expect(input('slug').value).toBe('');
  });

  it('takes "24.50" with a dot too', async () => {
    const { calls } = adminApi({ 'POST /api/v1/admin/categories': ok({ ...cleaning, slug: 'ramen-wassen' }, 201) });
    renderAt('/admin/categories');
    await fillNew('24.50');
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect((calls.find((c) => c.method === 'POST')!.body as { unit_price_cents: number }).unit_price_cents).toBe(2450);
  });

  it('checks the form before sending', async () => {
    const { calls } = adminApi();
    renderAt('/admin/categories');
    await screen.findAllByTestId('category-row');
    fill('names.nl', 'Ramen');
    fill('slug', 'Ramen Wassen');
    fill('unit_price_cents', '24,505');
    fireEvent.click(screen.getByTestId('category-save'));

    await waitFor(() => expect(input('slug').getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(input('slug'))).toContain('Gebruik alleen kleine letters, cijfers en streepjes.');
    expect(describedText(input('names.fr'))).toContain('Vul dit in.');
    expect(describedText(input('unit_price_cents'))).toContain('Typ een bedrag in euro, bijvoorbeeld 24,50.');
    expect(document.getElementById('f-category-icon-error')?.textContent).toBe('Kies een icoon.');
    expect(document.getElementById('f-category-unit-error')?.textContent).toBe('Kies per uur of per stuk.');
    expect(document.activeElement).toBe(input('slug'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fill('unit_price_cents', '0');
    expect(input('unit_price_cents').hasAttribute('aria-invalid')).toBe(false);
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(describedText(input('unit_price_cents'))).toContain('Typ een bedrag tussen 0,01 en 1.000 euro.'));
  });

  it.each(['1-ramen', 'r', '-ramen'])('refuses the short name %j, as the server would', async (slug) => {
    const { calls } = adminApi();
    renderAt('/admin/categories');
    await fillNew();
    fill('slug', slug);
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(input('slug').getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(input('slug'))).toContain('Begin met een letter.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows the 422 field errors beside their fields', async () => {
    adminApi({
      'POST /api/v1/admin/categories': problemDoc(422, {
        code: 'invalid',
        title: 'Niet alle gegevens kloppen',
        errors: [
          { field: 'names.fr', detail: 'Deze naam is te lang.' },
          { field: 'unit_price_cents', detail: 'Hoogstens € 500.' },
          { field: 'icon', detail: 'Dit icoon kennen we niet.' },
        ],
      }),
    });
    renderAt('/admin/categories');
    await fillNew();
    fireEvent.click(screen.getByTestId('category-save'));

    await waitFor(() => expect(input('names.fr').getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(input('names.fr'))).toContain('Deze naam is te lang.');
    expect(describedText(input('unit_price_cents'))).toContain('Hoogstens € 500.');
    expect(document.getElementById('f-category-icon-error')?.textContent).toBe('Dit icoon kennen we niet.');
    expect(input('names.nl').hasAttribute('aria-invalid')).toBe(false);
    expect(screen.getByTestId('category-error').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('category-error').textContent).toContain('Niet alles klopt.');
    await waitFor(() => expect(document.activeElement).toBe(input('names.fr')));
  });

  it('says on the slug field when the slug is taken (409 exists)', async () => {
    adminApi({
      'POST /api/v1/admin/categories': () =>
        new Response(JSON.stringify({ title: 'Bestaat al', status: 409, code: 'conflict', reason: 'exists' }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    });
    renderAt('/admin/categories');
    await fillNew();
    fill('slug', 'cleaning');
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(input('slug').getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(input('slug'))).toContain('Deze korte naam bestaat al. Kies een andere.');
    await waitFor(() => expect(document.activeElement).toBe(input('slug')));
  });

  it('edits a category and sends only the fields that changed', async () => {
    const { calls } = adminApi({
      'PATCH /api/v1/admin/categories/cleaning': [
        ok({ ...cleaning, unit_price_cents: 2600 }),
        ok({ ...cleaning, unit_price_cents: 2600, icon: 'window', active: false }),
      ],
    });
    renderAt('/admin/categories');
    const row = (await screen.findAllByTestId('category-row'))[0]!;
    fireEvent.click(within(row).getByTestId('category-edit'));

    const form = screen.getByTestId('category-form');
    expect(form.dataset.mode).toBe('edit');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Poetsen aanpassen'));
    // The slug cannot change; the rest is filled in.
    expect(input('slug')).toBeNull();
    expect(form.textContent).toContain('Korte naam: cleaning.');
    expect(input('names.fr').value).toBe('Nettoyage');
    expect(input('unit_price_cents').value).toBe('24,50');
    expect((screen.getByRole('radio', { name: 'Borstel' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: /Actief/ }) as HTMLInputElement).checked).toBe(true);

    // Nothing changed: nothing is sent.
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(screen.getByTestId('category-saved').textContent).toBe('Je hebt niets veranderd.'));
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    fill('unit_price_cents', '26');
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(screen.getByTestId('category-saved').textContent).toBe('Poetsen is opgeslagen.'));
    const patches = () => calls.filter((c) => c.method === 'PATCH');
    expect(patches()[0]!.body).toEqual({ unit_price_cents: 2600 });
    expect(plain(within(screen.getAllByTestId('category-row')[0]!).getByTestId('category-price').textContent)).toBe('€ 26,00 per uur');

    // Compared with what was saved last, not with what was loaded.
    fireEvent.click(screen.getByRole('radio', { name: 'Raam' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Actief/ }));
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[1]!.body).toEqual({ icon: 'window', active: false });
    await waitFor(() =>
      expect(within(screen.getAllByTestId('category-row')[0]!).getByTestId('category-active').textContent).toBe('Niet actief'),
    );

    // Closing the form gives the new-category form back, focus on the row's button.
    fireEvent.click(screen.getByTestId('category-close'));
    expect(screen.getByTestId('category-form').dataset.mode).toBe('new');
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getAllByTestId('category-row')[0]!).getByTestId('category-edit')));
  });

  it('sends the names together when one of them changed', async () => {
    const { calls } = adminApi({ 'PATCH /api/v1/admin/categories/ironing': ok({ ...ironing, names: { ...ironing.names, fr: 'Repasser' } }) });
    renderAt('/admin/categories');
    const row = (await screen.findAllByTestId('category-row'))[1]!;
    fireEvent.click(within(row).getByTestId('category-edit'));
    fill('names.fr', 'Repasser');
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ names: { nl: 'Strijken', fr: 'Repasser', en: 'Ironing' } });
  });
});
