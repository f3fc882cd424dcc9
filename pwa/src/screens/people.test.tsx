// The coordinator's people (/coach/people, /coach/people/new) and the form of a worker or
// buddy (person-form.tsx).
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, person, problemDoc, session } from '../test/fixtures';
import { coachApi, worker44 } from '../test/people';
import { renderAt } from '../test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

const invite = { url: 'http://localhost/invite#abcdefghijklmnop', expires_at: '2026-12-03T14:00:00Z' };

const input = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const fill = (name: string, value: string) => fireEvent.input(input(name), { target: { value } });
const errorOf = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');

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
          { field: 'worker.availability.0.start', detail: 'Iets wat dit formulier niet toont.' },
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
      'POST /api/v1/org/people': ok({ person: person('worker', { id: 44 }), invite }, 201),
      'GET /api/v1/org/people': ok({ people: [] }),
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
      'POST /api/v1/org/people': ok({ person: person('worker', { id: 45, first_name: 'Rania' }), invite }, 201),
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
        ok({ people: [{ id: 1, role: 'worker', first_name: 'Ewa', last_name: 'K', phone: '+32470123456', email: null, municipality: 'Genk', status: 'invited' }] }),
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

const postBody = (calls: ReturnType<typeof coachApi>['calls'], method = 'POST') =>
  calls.find((c) => c.method === method)!.body as Record<string, Record<string, unknown>>;

const created = ok({ person: person('worker', { id: 44 }), invite }, 201);

describe('person form: hour caps', () => {
  it('sends null for empty caps (the organisation’s) and numbers when filled', async () => {
    const { calls } = coachApi({ 'POST /api/v1/org/people': [created, created] });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    expect(input('month_hour_cap').value).toBe('');
    expect(input('month_hour_cap').getAttribute('inputmode')).toBe('numeric');
    // The hint says what empty means, for both fields.
    expect(errorOf(input('month_hour_cap'))).toContain('Leeg = de grens van de organisatie (wijk-werken: 60 uur per maand, 630 per jaar)');
    expect(errorOf(input('year_hour_cap'))).toContain('Leeg = de grens van de organisatie');
    fireEvent.click(screen.getByTestId('person-submit'));
    await screen.findByTestId('invite-link');
    expect(postBody(calls).worker).toMatchObject({ month_hour_cap: null, year_hour_cap: null });
  });

  it('sends the numbers typed, and checks them first', async () => {
    const { calls } = coachApi({ 'POST /api/v1/org/people': created });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    fill('month_hour_cap', '800');
    fill('year_hour_cap', '4,5');
    fireEvent.click(screen.getByTestId('person-submit'));
    await waitFor(() => expect(input('month_hour_cap').getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(input('month_hour_cap'))).toContain('Vul een heel getal van 1 tot 744 in, of laat het leeg.');
    expect(errorOf(input('year_hour_cap'))).toContain('Vul een heel getal van 1 tot 8784 in, of laat het leeg.');
    expect(document.activeElement).toBe(input('month_hour_cap'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fill('month_hour_cap', ' 40 ');
    expect(input('month_hour_cap').hasAttribute('aria-invalid')).toBe(false);
    fill('year_hour_cap', '400');
    fireEvent.click(screen.getByTestId('person-submit'));
    await screen.findByTestId('invite-link');
    const worker = postBody(calls).worker!;
    expect(worker.month_hour_cap).toBe(40);
    expect(worker.year_hour_cap).toBe(400);
  });

  it('shows a 422 for worker.month_hour_cap beside that field', async () => {
    coachApi({
      'POST /api/v1/org/people': problemDoc(422, {
        code: 'invalid',
        title: 'Niet alle gegevens kloppen',
        errors: [{ field: 'worker.month_hour_cap', detail: 'Geef een aantal uren van 1 tot 744, of geen.' }],
      }),
    });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    fill('month_hour_cap', '60');
    fireEvent.click(screen.getByTestId('person-submit'));

    const month = input('month_hour_cap');
    await waitFor(() => expect(month.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById('f-month_hour_cap-error')!;
    expect(message.textContent).toBe('Geef een aantal uren van 1 tot 744, of geen.');
    // Right under its own field, and linked to it.
    expect(message.parentElement).toBe(month.parentElement);
    expect(month.getAttribute('aria-describedby')).toContain('f-month_hour_cap-error');
    expect(input('year_hour_cap').hasAttribute('aria-invalid')).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(month));
    // The alert at the top only says to look at the fields.
    const alert = screen.getByTestId('person-error').textContent ?? '';
    expect(alert).toContain('Niet alles klopt.');
    expect(alert).not.toContain('744');
    // Typing again clears the message.
    fill('month_hour_cap', '50');
    expect(document.getElementById('f-month_hour_cap-error')).toBeNull();
  });
});

describe('person form: buddy for the first jobs', () => {
  it('asks for the number only with first_jobs and sends 0 otherwise', async () => {
    const { calls } = coachApi({ 'POST /api/v1/org/people': created });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    expect(input('buddy_first_jobs')).toBeNull();
    fireEvent.change(document.querySelector('select[name="buddy_need"]')!, { target: { value: 'always' } });
    expect(input('buddy_first_jobs')).toBeNull();
    fireEvent.click(screen.getByTestId('person-submit'));
    await screen.findByTestId('invite-link');
    expect(postBody(calls).worker).toMatchObject({ buddy_need: 'always', buddy_first_jobs: 0 });
  });

  it('sends the number typed with first_jobs, after checking it is 1 to 100', async () => {
    const { calls } = coachApi({ 'POST /api/v1/org/people': created });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    fireEvent.change(document.querySelector('select[name="buddy_need"]')!, { target: { value: 'first_jobs' } });
    const jobs = await waitFor(() => input('buddy_first_jobs'));
    expect(jobs.value).toBe('3');
    fill('buddy_first_jobs', '0');
    fireEvent.click(screen.getByTestId('person-submit'));
    await waitFor(() => expect(input('buddy_first_jobs').getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(input('buddy_first_jobs'))).toContain('Vul een getal van 1 tot 100 in.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fill('buddy_first_jobs', '5');
    fireEvent.click(screen.getByTestId('person-submit'));
    await screen.findByTestId('invite-link');
    expect(postBody(calls).worker).toMatchObject({ buddy_need: 'first_jobs', buddy_first_jobs: 5 });
  });
});

describe('person form: editing a worker', () => {
  it('shows what is set and sends the caps, languages and home point back', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/people/44': ok(worker44),
      'PATCH /api/v1/org/people/44': ok(worker44),
      'GET /api/v1/org/people/44/blocks': ok({ blocks: [] }),
    });
    renderAt('/coach/people/44');
    await screen.findByTestId('person-form');
    expect(input('month_hour_cap').value).toBe('40');
    expect(input('year_hour_cap').value).toBe('');
    expect(input('buddy_first_jobs').value).toBe('4');
    expect(screen.getByTestId('home-point-value').textContent).toBe('Plek: 50.9654, 5.5000');
    // Chosen languages by name in the page language, also one that is not in the common list.
    const chosen = screen.getAllByTestId('spoken-remove').map((b) => b.textContent);
    expect(chosen).toEqual(['Pools', 'Roemeens']);
    expect(screen.getAllByTestId('spoken-add').map((b) => b.getAttribute('data-code'))).not.toContain('pl');

    fill('month_hour_cap', '');
    fireEvent.click(screen.getByRole('button', { name: 'Roemeens weghalen' }));
    // Focus stays in the list: on the chip before the removed one.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Pools weghalen' })));
    fireEvent.click(screen.getByRole('button', { name: 'Wissen' }));
    expect(screen.getByTestId('home-point-none')).toBeTruthy();
    fireEvent.click(screen.getByTestId('person-submit'));
    await screen.findByText('Opgeslagen');
    const patch = postBody(calls, 'PATCH').worker!;
    expect(patch).toMatchObject({
      month_hour_cap: null,
      year_hour_cap: null,
      buddy_need: 'first_jobs',
      buddy_first_jobs: 4,
      spoken_languages: ['pl'],
      home_point: null,
    });
  });
});

describe('person form: spoken languages', () => {
  it('adds and removes languages as chips and stores their codes (workers)', async () => {
    const { calls } = coachApi({ 'POST /api/v1/org/people': created });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    const group = screen.getByTestId('spoken-languages');
    expect(within(group).getByTestId('spoken-none').textContent).toBe('Nog geen talen gekozen.');
    expect(within(group).getAllByTestId('spoken-add').map((b) => b.getAttribute('data-code'))).toEqual(
      ['tr', 'ar', 'it', 'pl', 'ti', 'uk', 'ru', 'so', 'fa', 'es', 'fr', 'en', 'de'],
    );
    fireEvent.click(within(group).getByRole('button', { name: 'Turks toevoegen' }));
    // Focus goes on to the next language to add; a status line says what happened.
    await waitFor(() => expect(document.activeElement).toBe(within(group).getByRole('button', { name: 'Arabisch toevoegen' })));
    expect(within(group).getByRole('status').textContent).toBe('Toegevoegd: Turks');
    fireEvent.click(within(group).getByRole('button', { name: 'Arabisch toevoegen' }));
    fireEvent.click(within(group).getByRole('button', { name: 'Tigrinya toevoegen' }));
    fireEvent.click(within(group).getByRole('button', { name: 'Turks weghalen' }));
    expect(within(group).getByRole('status').textContent).toBe('Weggehaald: Turks');
    expect(within(group).getAllByTestId('spoken-remove').map((b) => b.getAttribute('data-code'))).toEqual(['ar', 'ti']);
    fireEvent.click(screen.getByTestId('person-submit'));
    await screen.findByTestId('invite-link');
    expect(postBody(calls).worker!.spoken_languages).toEqual(['ar', 'ti']);
  });

  it('names the languages in the interface language', async () => {
    // The page follows the language of the signed-in account.
    coachApi({ 'GET /api/v1/session': ok(session('coordinator', { language: 'fr' })) });
    renderAt('/coach/people/new?role=worker', 'fr');
    const group = await screen.findByTestId('spoken-languages');
    const names = within(group).getAllByTestId('spoken-add').map((b) => b.textContent);
    expect(names.slice(0, 3)).toEqual(['Turc', 'Arabe', 'Italien']);
  });

  it('has the same chips for buddies, sent as buddy.spoken_languages', async () => {
    const { calls } = coachApi({ 'POST /api/v1/org/people': ok({ person: person('buddy', { id: 50, first_name: 'Jan' }), invite }, 201) });
    renderAt('/coach/people/new?role=buddy');
    await fillWorker();
    expect(screen.queryByTestId('hour-caps')).toBeNull();
    expect(screen.queryByTestId('home-point')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Oekraïens toevoegen' }));
    fireEvent.click(screen.getByTestId('person-submit'));
    await screen.findByTestId('invite-link');
    const body = postBody(calls);
    expect(body.buddy).toMatchObject({ spoken_languages: ['uk'] });
    expect(body).not.toHaveProperty('worker');
    expect(body.buddy).not.toHaveProperty('month_hour_cap');
    expect(body.buddy).not.toHaveProperty('home_point');
  });
});

describe('person form: exact home point', () => {
  type Success = (pos: { coords: { latitude: number; longitude: number; accuracy: number } }) => void;
  type Failure = (err: { code: number; PERMISSION_DENIED: number }) => void;

  function fakeGeolocation(answer: (ok: Success, fail: Failure) => void) {
    const getCurrentPosition = vi.fn((ok: Success, fail: Failure) => answer(ok, fail));
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
    return getCurrentPosition;
  }
  afterEach(() => {
    delete (navigator as unknown as Record<string, unknown>).geolocation;
  });

  it('asks the phone only on a tap, shows the point rounded and sends it', async () => {
    const geo = fakeGeolocation((ok) => ok({ coords: { latitude: 50.9654321, longitude: 5.4987654, accuracy: 12 } }));
    const { calls } = coachApi({ 'POST /api/v1/org/people': created });
    renderAt('/coach/people/new?role=worker');
    await fillWorker();
    expect(geo).not.toHaveBeenCalled();
    expect(screen.getByTestId('home-point').textContent).toContain('Deze plek blijft privé');
    fireEvent.click(screen.getByRole('button', { name: 'Gebruik de locatie van deze gsm' }));
    expect(geo).toHaveBeenCalledTimes(1);
    expect((await screen.findByTestId('home-point-value')).textContent).toBe('Plek: 50.9654, 5.4988');
    fireEvent.click(screen.getByTestId('person-submit'));
    await screen.findByTestId('invite-link');
    expect(postBody(calls).worker!.home_point).toEqual({ lat: 50.96543, lon: 5.49877 });
  });

  it('says so beside the button when the location is refused or outside Belgium', async () => {
    fakeGeolocation((_ok, fail) => fail({ code: 1, PERMISSION_DENIED: 1 }));
    coachApi();
    renderAt('/coach/people/new?role=worker');
    await screen.findByTestId('person-form');
    const button = screen.getByTestId('home-point-locate');
    fireEvent.click(button);
    expect(errorOf(button)).toContain('De browser mag de locatie niet gebruiken.');
    expect(screen.getByTestId('home-point-none')).toBeTruthy();

    fakeGeolocation((ok) => ok({ coords: { latitude: 48.85, longitude: 2.35, accuracy: 10 } }));
    fireEvent.click(button);
    await waitFor(() => expect(errorOf(button)).toContain('Deze plek ligt niet in België.'));
    expect(screen.queryByTestId('home-point-value')).toBeNull();
  });
});
