import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { categoriesBody, mockApi, ok, problemDoc, session } from '../test/fixtures';
import { renderAt } from '../test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

const genk = { postcode: '3600', municipality: 'Genk', lat: 50.965, lon: 5.5 };
const hasselt = [
  { postcode: '3500', municipality: 'Hasselt', lat: 50.93, lon: 5.33 },
  { postcode: '3500', municipality: 'Sint-Lambrechts-Herk', lat: 50.94, lon: 5.29 },
];
const invite = { url: 'http://localhost/invite#abcdefghijklmnop', expires_at: '2026-12-03T14:00:00Z' };

const input = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const fill = (name: string, value: string) => fireEvent.input(input(name), { target: { value } });
const errorOf = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');

function coachApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/session': ok(session('coordinator')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/postcodes?q=3600': ok({ places: [genk] }),
    'GET /api/v1/postcodes?q=3500': ok({ places: hasselt }),
    'GET /api/v1/postcodes?q=genk': ok({ places: [genk] }),
    ...extra,
  });
}

async function fillWorker() {
  await screen.findByTestId('person-form');
  fill('first_name', 'Ayşe');
  fill('last_name', 'Yılmaz');
  fill('phone', '0470 12 34 56');
  fill('postcode', '3600');
  expect((await screen.findByTestId('place-chosen')).textContent).toBe('3600 Genk');
  fireEvent.click(screen.getByRole('radio', { name: 'Met de fiets' }));
  fireEvent.change(input('max_travel_minutes'), { target: { value: '45' } });
}

describe('new person (coordinator)', () => {
  it('fills the municipality by itself for a postcode with one, and offers a choice otherwise', async () => {
    coachApi();
    renderAt('/coach/people/new?role=worker');
    await screen.findByTestId('person-form');
    fill('postcode', '3600');
    expect((await screen.findByTestId('place-chosen')).textContent).toBe('3600 Genk');
    expect(document.querySelector('select[name="municipality"]')).toBeNull();

    fill('postcode', '3500');
    await waitFor(() => expect(document.querySelector('select[name="municipality"]')).not.toBeNull());
    const select = document.querySelector<HTMLSelectElement>('select[name="municipality"]')!;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'Hasselt', 'Sint-Lambrechts-Herk']);

    // A name gives places to tap.
    fill('postcode', 'genk');
    fireEvent.click(await screen.findByRole('button', { name: '3600 Genk' }));
    expect(input('postcode').value).toBe('3600');
  });

  it('shows the field errors of a 422 next to their fields and focuses the first', async () => {
    coachApi({
      'POST /api/v1/org/people': problemDoc(422, {
        code: 'invalid',
        title: 'Niet alle gegevens kloppen',
        errors: [
          { field: 'phone', detail: 'Dit gsm-nummer is al in gebruik.' },
          { field: 'worker.max_travel_minutes', detail: 'Te lang voor te voet.' },
          { field: 'worker.month_hour_cap', detail: 'Iets wat dit formulier niet toont.' },
        ],
      }),
    });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    fireEvent.click(screen.getByTestId('person-submit'));

    await waitFor(() => expect(input('phone').getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(input('phone'))).toContain('Dit gsm-nummer is al in gebruik.');
    const minutes = input('max_travel_minutes');
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(minutes)).toContain('Te lang voor te voet.');
    expect(input('first_name').hasAttribute('aria-invalid')).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(input('phone')));
    // What has no field of its own is listed at the top.
    expect(screen.getByTestId('person-error').textContent).toContain('Iets wat dit formulier niet toont.');
  });

  it('checks the required fields before sending', async () => {
    const { calls } = coachApi();
    renderAt('/coach/people/new?role=worker');
    fireEvent.click(await screen.findByTestId('person-submit'));
    await waitFor(() => expect(input('first_name').getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(input('first_name'))).toBe('Vul dit in.');
    expect(errorOf(input('postcode'))).toContain('Vul een postcode in en kies een plaats.');
    expect(document.activeElement).toBe(input('first_name'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('creates the worker and shows the invite link and its QR code', async () => {
    const { calls } = coachApi({
      'POST /api/v1/org/people': ok({ person: { id: 44, first_name: 'Ayşe' }, invite }, 201),
    });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    const cleaning = await screen.findByRole('checkbox', { name: 'Poetsen' });
    fireEvent.click(cleaning);
    fireEvent.click(screen.getByTestId('person-submit'));

    const link = await screen.findByTestId('invite-link');
    expect((link as HTMLInputElement).value).toBe(invite.url);
    expect(link.hasAttribute('readonly')).toBe(true);
    const qr = screen.getByTestId('invite-qr');
    expect(qr.getAttribute('role')).toBe('img');
    expect(qr.getAttribute('aria-label')).toBe('QR-code met de uitnodigingslink voor Ayşe');
    expect(qr.querySelector('path')?.getAttribute('d')?.length).toBeGreaterThan(100);
    expect(screen.getByRole('button', { name: 'Kopiëren' })).toBeTruthy();
    expect(screen.getByTestId('invite-expiry').textContent).toContain('Geldig tot');

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({
      role: 'worker',
      first_name: 'Ayşe',
      last_name: 'Yılmaz',
      phone: '0470 12 34 56',
      language: 'nl',
      worker: {
        postcode: '3600',
        municipality: 'Genk',
        travel_mode: 'bike',
        max_travel_minutes: 45,
        buddy_need: 'never',
        skills: [{ category: 'cleaning', level: 1, verified: false }],
      },
    });
    expect(post.body).not.toHaveProperty('email');

    fireEvent.click(screen.getByRole('button', { name: 'Klaar' }));
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/coach/people?role=worker'));
  });

  it('completes the municipality itself when the form is sent right after typing the postcode', async () => {
    const { calls } = coachApi({
      'POST /api/v1/org/people': ok({ person: { id: 45, first_name: 'Rania' }, invite }, 201),
    });
    renderAt('/coach/people/new?role=worker');
    await screen.findByTestId('person-form');
    fill('first_name', 'Rania');
    fill('last_name', 'Haddad');
    fill('phone', '0470 55 66 77');
    fill('postcode', '3600');
    fireEvent.click(screen.getByRole('radio', { name: 'Met de fiets' }));
    fireEvent.click(screen.getByTestId('person-submit')); // before the 200 ms lookup
    await screen.findByTestId('invite-link');
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ worker: { postcode: '3600', municipality: 'Genk' } });
  });

  it('lists people with their status and searches', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/people': [
        ok({ people: [{ id: 1, role: 'worker', first_name: 'Ewa', last_name: 'K', phone: '+32470', email: null, municipality: 'Genk', status: 'invited' }] }),
        ok({ people: [] }),
      ],
    });
    renderAt('/coach/people');
    const list = await screen.findByTestId('people-list');
    expect(within(list).getByRole('link', { name: 'Ewa K' }).getAttribute('href')).toBe('/coach/people/1');
    expect(within(list).getByTestId('status').textContent).toBe('Uitgenodigd');
    fill('q', 'zzz');
    expect((await screen.findByTestId('people-empty')).textContent).toContain('Niemand gevonden voor “zzz”.');
    expect(calls.filter((c) => c.path === '/api/v1/org/people').map((c) => c.url.search)).toEqual(['?role=worker', '?role=worker&q=zzz']);
  });
});
