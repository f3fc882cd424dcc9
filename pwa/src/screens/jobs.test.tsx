import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Job, priceEstimate, startIso } from '../jobs';
import { categoriesBody, mockApi, noContent, ok, problemDoc, session, user } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { renderAt } from '../test/render';

// The app runs in Belgium: the start goes out with the Brussels offset.
const savedTz = process.env.TZ;
process.env.TZ = 'Europe/Brussels';
afterAll(() => {
  process.env.TZ = savedTz;
});

// Only the clock is fake; the timers that findBy/waitFor use stay real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T10:00:00+01:00'));
});
afterEach(() => {
  vi.useRealTimers();
  window.history.replaceState(null, '', '/');
});

const plain = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');
const describedText = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

const home = { id: 5, label: 'Thuis', street: 'Stationsstraat 12', postcode: '3600', municipality: 'Genk', lat: 50.96, lon: 5.5 };
const office = { id: 6, label: 'Kantoor', street: 'Kerkplein 1', postcode: '3500', municipality: 'Hasselt', lat: 50.93, lon: 5.34 };
const posterProfile = (addresses = [home, office]) => ({
  user: user('poster'),
  poster: { kind: 'household', company_name: '', vat_number: '', addresses },
});

function job(extra: Partial<Job> = {}): Job {
  return {
    id: 77,
    category: 'cleaning',
    description: '',
    start: '2026-12-02T09:00:00+01:00',
    end: '2026-12-02T11:00:00+01:00',
    workers_needed: 1,
    level: 1,
    buddy: 'allowed',
    language_hints: [],
    state: 'open',
    address: home,
    coming: [],
    price: { unit: 'hour', unit_price_cents: 2400, currency: 'EUR' },
    buddies: [],
    awaiting_buddy: 0,
    editable: false,
    booked: extra.coming?.length ?? 0,
    window_days: 1,
    places: [],
    ...extra,
  };
}

function formApi(extra: Parameters<typeof mockApi>[0] = {}, addresses = [home, office]) {
  return mockApi({
    'GET /api/v1/session': ok(session('poster')),
    'GET /api/v1/me/profile': ok(posterProfile(addresses)),
    'GET /api/v1/categories': ok(categoriesBody),
    ...extra,
  });
}

const radio = (name: string, value: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;

describe('price estimate', () => {
  it('is unit price × hours × workers for hourly categories, the unit price for per-item ones', () => {
    const hourly = { unit: 'hour', unit_price_cents: 2400, currency: 'EUR' } as const;
    expect(priceEstimate(hourly, 120, 1)).toEqual({ kind: 'total', cents: 4800, currency: 'EUR' });
    expect(priceEstimate(hourly, 180, 2)).toEqual({ kind: 'total', cents: 14400, currency: 'EUR' });
    expect(priceEstimate(hourly, 30, 1)).toEqual({ kind: 'total', cents: 1200, currency: 'EUR' });
    expect(priceEstimate({ unit: 'item', unit_price_cents: 3500, currency: 'EUR' }, 120, 3)).toEqual({
      kind: 'perItem',
      cents: 3500,
      currency: 'EUR',
    });
  });

  it('shows on the form, following the category, the duration and the workers', async () => {
    formApi();
    renderAt('/jobs/new');
    const estimate = await screen.findByTestId('price-estimate');
    expect(estimate.textContent).toContain('Kies wat er moet gebeuren');

    fireEvent.click(radio('category', 'cleaning'));
    expect(plain(estimate.textContent)).toContain('Geschatte prijs: € 48,00');
    expect(plain(estimate.textContent)).toContain('1 persoon × 2 uur × € 24,00 per uur');

    fireEvent.click(screen.getByTestId('workers-plus'));
    fireEvent.click(screen.getByTestId('duration-3'));
    expect(plain(estimate.textContent)).toContain('Geschatte prijs: € 144,00');

    fireEvent.click(radio('category', 'flatpack'));
    expect(plain(estimate.textContent)).toContain('Prijs: € 18,50 per stuk');
    expect(estimate.textContent).toContain('De eindprijs hangt af van het aantal stuks.');
    expect(estimate.textContent).not.toContain('Geschatte prijs');
  });
});

describe('post a job', () => {
  it('has sensible defaults: first address, tomorrow at 09:00, 2 hours, 1 person', async () => {
    formApi();
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    expect(radio('address_id', '5').checked).toBe(true);
    expect(document.querySelector<HTMLInputElement>('input[name="date"]')!.value).toBe('2026-12-02');
    expect(document.querySelector<HTMLInputElement>('input[name="time"]')!.value).toBe('09:00');
    expect(screen.getByTestId('duration-2').getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector<HTMLInputElement>('input[name="workers_needed"]')!.value).toBe('1');
    expect(screen.getByTestId('job-submit').textContent).toBe('Klus plaatsen');
  });

  it('sends the start in ISO with the offset, minutes from the chip and workers from the stepper', async () => {
    const { calls } = formApi({
      'POST /api/v1/jobs': ok(job({ id: 91, start: '2026-12-02T09:00:00+01:00', end: '2026-12-02T12:00:00+01:00', workers_needed: 3 }), 201),
      'GET /api/v1/jobs/91': ok(job({ id: 91, end: '2026-12-02T12:00:00+01:00', workers_needed: 3 })),
    });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    fireEvent.click(radio('address_id', '6'));
    fireEvent.click(screen.getByTestId('duration-3'));
    fireEvent.click(screen.getByTestId('workers-plus'));
    fireEvent.click(screen.getByTestId('workers-plus'));
    fireEvent.click(screen.getByTestId('workers-plus'));
    fireEvent.click(screen.getByTestId('workers-minus'));
    fireEvent.click(screen.getByTestId('job-submit'));

    expect(await screen.findByTestId('job-page')).toBeTruthy();
    expect(window.location.pathname).toBe('/jobs/91');
    expect(screen.getByTestId('job-posted').textContent).toContain('Je klus is geplaatst.');
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/jobs')!;
    expect(post.body).toEqual({
      category: 'cleaning',
      address_id: 6,
      start: '2026-12-02T09:00:00+01:00',
      minutes: 180,
      workers_needed: 3,
      level: 1,
      buddy: 'allowed',
      language_hints: [],
    });
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-poster');
  });

  it('sends the summer offset for a summer day and the extra options', async () => {
    const { calls } = formApi({ 'POST /api/v1/jobs': problemDoc(500) });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    fireEvent.input(document.querySelector('input[name="date"]')!, { target: { value: '2027-06-15' } });
    fireEvent.input(document.querySelector('input[name="time"]')!, { target: { value: '13:30' } });
    fireEvent.click(screen.getByTestId('duration-8'));
    fireEvent.input(screen.getByLabelText(/Uitleg voor de medewerkers/), { target: { value: '  De sleutel ligt onder de mat. ' } });
    fireEvent.click(radio('level', '2'));
    fireEvent.click(radio('buddy', 'required'));
    fireEvent.click(screen.getByRole('button', { name: /Turks/ }));
    fireEvent.click(screen.getByTestId('job-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      category: 'cleaning',
      address_id: 5,
      start: '2027-06-15T13:30:00+02:00',
      minutes: 480,
      workers_needed: 1,
      level: 2,
      buddy: 'required',
      language_hints: ['tr'],
      description: 'De sleutel ligt onder de mat.',
    });
    expect(startIso('2026-12-02', '09:00')).toBe('2026-12-02T09:00:00+01:00');
    expect(startIso('2026-13-02', '09:00')).toBeNull();
  });

  it('shows the 422 field errors beside their fields and focuses the first', async () => {
    formApi({
      'POST /api/v1/jobs': problemDoc(422, {
        code: 'invalid',
        detail: 'Kijk de velden na.',
        errors: [
          { field: 'start', detail: 'Kies een begin minstens een uur vanaf nu.' },
          { field: 'category', detail: 'Kies een soort klus.' },
          { field: 'minutes', detail: 'Van 30 minuten tot 12 uur.' },
          { field: 'workers_needed', detail: 'Van 1 tot 20 mensen.' },
          { field: 'address_id', detail: 'Kies het adres.' },
          { field: 'description', detail: 'Hoogstens 2000 tekens.' },
        ],
      }),
    });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    fireEvent.click(screen.getByTestId('job-submit'));

    const category = radio('category', 'cleaning');
    await waitFor(() => expect(category.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(category)).toContain('Kies een soort klus.');
    const date = document.querySelector('input[name="date"]')!;
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(date)).toContain('Kies een begin minstens een uur vanaf nu.');
    expect(describedText(screen.getByTestId('duration-2'))).toContain('Van 30 minuten tot 12 uur.');
    expect(screen.getByTestId('duration-2').getAttribute('data-invalid')).toBe('true');
    const workers = document.querySelector('input[name="workers_needed"]')!;
    expect(workers.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(workers)).toContain('Van 1 tot 20 mensen.');
    expect(describedText(radio('address_id', '5'))).toContain('Kies het adres.');
    // An error inside "Meer opties" opens it.
    expect(document.querySelector<HTMLDetailsElement>('details.more')!.open).toBe(true);
    expect(describedText(document.querySelector('textarea[name="description"]')!)).toContain('Hoogstens 2000 tekens.');
    await waitFor(() => expect(document.activeElement).toBe(document.querySelector('input[name="category"]')));
    expect(screen.getByTestId('job-error').textContent).toContain('Niet alles klopt.');
  });

  it('checks the category and the start before sending', async () => {
    const { calls } = formApi();
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.input(document.querySelector('input[name="date"]')!, { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getByTestId('job-submit'));
    const category = radio('category', 'cleaning');
    await waitFor(() => expect(category.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(category)).toContain('Kies wat er moet gebeuren.');
    expect(describedText(document.querySelector('input[name="date"]')!)).toContain('minstens een uur vanaf nu');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says to try again later on 429', async () => {
    formApi({ 'POST /api/v1/jobs': problemDoc(429, { code: 'too_many', detail: 'Te veel aanvragen.' }, { 'Retry-After': '600' }) });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    fireEvent.click(screen.getByTestId('job-submit'));
    const alert = await screen.findByTestId('job-error');
    expect(alert.textContent).toContain('Probeer het later opnieuw.');
    expect(alert.textContent).toContain('Probeer opnieuw vanaf 10:10.');
  });

  it('without addresses, links to the profile to add one', async () => {
    formApi({}, []);
    renderAt('/jobs/new');
    const link = await screen.findByTestId('add-address');
    expect(link.getAttribute('href')).toBe('/profile');
    expect(link.textContent).toBe('Adres toevoegen in mijn profiel');
  });

  it('is for posters only', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('worker')), 'GET /api/v1/categories': ok(categoriesBody) });
    renderAt('/jobs/new');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });
});

describe('a day of their choice', () => {
  const input = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  const typeIn = (name: string, value: string) => fireEvent.input(input(name), { target: { value } });

  it('starts at one day; "Een dag naar keuze" shows the last day, the start + 3 days, following the start', async () => {
    formApi();
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    expect(radio('days', 'one').checked).toBe(true);
    expect(document.querySelector('input[name="last_day"]')).toBeNull();
    expect(radio('days', 'window').closest('label')!.textContent).toContain('Een dag naar keuze');

    fireEvent.click(radio('days', 'window'));
    const last = input('last_day');
    expect(last.type).toBe('date');
    expect(screen.getByLabelText('Ten laatste op')).toBe(last);
    expect(last.value).toBe('2026-12-05');
    expect(plain(screen.getByTestId('window-summary').textContent)).toBe('4 dagen: van wo 2 tot za 5 december.');

    // The last day moves along with the start until the poster picks one.
    typeIn('date', '2026-12-08');
    expect(input('last_day').value).toBe('2026-12-11');
    expect(input('last_day').min).toBe('2026-12-09');
    expect(input('last_day').max).toBe('2026-12-21');
    typeIn('last_day', '2026-12-10');
    typeIn('date', '2026-12-07');
    expect(input('last_day').value).toBe('2026-12-10');
    expect(plain(screen.getByTestId('window-summary').textContent)).toBe('4 dagen: van ma 7 tot do 10 december.');
  });

  it('sends window_days from the two dates, with the same price as one day', async () => {
    const { calls } = formApi({ 'POST /api/v1/jobs': problemDoc(500) });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    typeIn('date', '2026-12-08');
    typeIn('time', '10:00');
    fireEvent.click(radio('days', 'window'));
    typeIn('last_day', '2026-12-11');
    expect(plain(screen.getByTestId('price-estimate').textContent)).toContain('Geschatte prijs: € 48,00');
    fireEvent.click(screen.getByTestId('job-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      category: 'cleaning',
      address_id: 5,
      start: '2026-12-08T10:00:00+01:00',
      minutes: 120,
      workers_needed: 1,
      level: 1,
      buddy: 'allowed',
      language_hints: [],
      window_days: 4,
    });
  });

  it('sends 14 days, and no window_days after going back to one day', async () => {
    const { calls } = formApi({ 'POST /api/v1/jobs': [problemDoc(500), problemDoc(500)] });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    typeIn('date', '2026-12-08');
    fireEvent.click(radio('days', 'window'));
    typeIn('last_day', '2026-12-21');
    fireEvent.click(screen.getByTestId('job-submit'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect((calls.find((c) => c.method === 'POST')!.body as { window_days?: number }).window_days).toBe(14);
    await screen.findByTestId('job-error');

    fireEvent.click(radio('days', 'one'));
    expect(document.querySelector('input[name="last_day"]')).toBeNull();
    fireEvent.click(screen.getByTestId('job-submit'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1]!.body).not.toHaveProperty('window_days');
  });

  it.each([
    ['15 days', '2026-12-22', 'Hoogstens 14 dagen. Kies ten laatste ma 21 december.'],
    ['a last day before the start', '2026-12-07', 'Kies een dag na di 8 december.'],
    ['the start’s own day', '2026-12-08', 'Kies een dag na di 8 december.'],
    ['no last day', '', 'Kies de laatste dag.'],
  ])('refuses %s with a message beside the last day, without sending', async (_, lastDay, message) => {
    const { calls } = formApi();
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    typeIn('date', '2026-12-08');
    fireEvent.click(radio('days', 'window'));
    typeIn('last_day', lastDay);
    expect(screen.queryByTestId('window-summary')).toBeNull();
    fireEvent.click(screen.getByTestId('job-submit'));
    const last = input('last_day');
    await waitFor(() => expect(last.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(last)).toContain(message);
    await waitFor(() => expect(document.activeElement).toBe(last));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    // Changing the last day takes the message away.
    typeIn('last_day', '2026-12-10');
    expect(input('last_day').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows the 422 window_days error beside the last day', async () => {
    formApi({
      'POST /api/v1/jobs': problemDoc(422, {
        code: 'invalid',
        detail: 'Kijk de velden na.',
        errors: [{ field: 'window_days', detail: 'Van 1 tot 14 dagen.' }],
      }),
    });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    fireEvent.click(radio('days', 'window'));
    fireEvent.click(screen.getByTestId('job-submit'));
    const last = input('last_day');
    await waitFor(() => expect(last.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(last)).toContain('Van 1 tot 14 dagen.');
    expect(screen.getByTestId('job-error').textContent).toContain('Niet alles klopt.');
    expect(screen.getByTestId('job-error').textContent).not.toContain('Van 1 tot 14 dagen.');
    await waitFor(() => expect(document.activeElement).toBe(last));
  });

  it('shows a 422 window_days error for one day on the choice', async () => {
    formApi({
      'POST /api/v1/jobs': problemDoc(422, { code: 'invalid', errors: [{ field: 'window_days', detail: 'Van 1 tot 14 dagen.' }] }),
    });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    fireEvent.click(screen.getByTestId('job-submit'));
    await waitFor(() => expect(radio('days', 'one').getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(radio('days', 'one'))).toContain('Van 1 tot 14 dagen.');
  });

  const windowJob = (extra: Partial<Job> = {}) =>
    job({ start: '2026-12-08T10:00:00+01:00', end: '2026-12-08T12:00:00+01:00', window_days: 4, ...extra });

  it('the job page says which days, and who picks the day', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': [ok(windowJob()), ok(windowJob({ window_days: 1, start: '2026-12-10T10:00:00+01:00', end: '2026-12-10T12:00:00+01:00' }))],
    });
    const { unmount } = renderAt('/jobs/77');
    await screen.findByTestId('job-page');
    expect(plain(screen.getByTestId('job-when').textContent)).toBe('Een dag tussen dinsdag 8 en vrijdag 11 december 2026, 10:00–12:00');
    expect(screen.getByTestId('job-window-note').textContent).toBe('De eerste die ja zegt, kiest de dag.');
    // One day's work: the price does not change.
    expect(plain(screen.getByTestId('job-page').textContent)).toContain('Geschatte prijs: € 48,00');
    unmount();

    // Settled (window_days 1): the day, as always.
    renderAt('/jobs/77');
    const page = await screen.findByTestId('job-page');
    expect(plain(page.textContent)).toContain('donderdag 10 december 2026 · 10:00–12:00');
    expect(page.textContent).not.toContain('Een dag tussen');
    expect(screen.queryByTestId('job-window-note')).toBeNull();
  });

  it('the cards say which days; a window still going is upcoming, across months too', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({
        jobs: [
          windowJob({ id: 1 }),
          // Its first day is over, its last is still to come.
          windowJob({ id: 2, start: '2026-11-30T10:00:00+01:00', end: '2026-11-30T12:00:00+01:00' }),
          job({ id: 3, window_days: 1 }),
        ],
      }),
    });
    renderAt('/');
    await screen.findByTestId('my-jobs');
    const cards = screen.getAllByTestId('job-card');
    expect(cards.map((c) => c.dataset.jobId)).toEqual(['2', '3', '1']);
    expect(screen.queryByText('Voorbij en geannuleerd')).toBeNull();
    const when = (c: HTMLElement) => plain(within(c).getByTestId('job-card-when').textContent);
    expect(when(cards[2]!)).toBe('Een dag tussen di 8 en vr 11 december, 10:00–12:00');
    expect(when(cards[0]!)).toBe('Een dag tussen ma 30 november en do 3 december, 10:00–12:00');
    expect(within(cards[2]!).getByTestId('job-window-note').textContent).toBe('De eerste die ja zegt, kiest de dag.');
    expect(plain(within(cards[2]!).getByRole('link').textContent)).toContain('Een dag tussen di 8 en vr 11 december');
    expect(when(cards[1]!)).toBe('wo 2 december · 09:00–11:00');
    expect(within(cards[1]!).queryByTestId('job-window-note')).toBeNull();
  });

  it('is translated', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster', { language: 'fr' })),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({ jobs: [windowJob()] }),
    });
    renderAt('/', 'fr');
    const card = await screen.findByTestId('job-card');
    expect(plain(within(card).getByTestId('job-card-when').textContent)).toBe('Un jour entre le mar. 8 et le ven. 11 décembre, 10:00–12:00');
    expect(within(card).getByTestId('job-window-note').textContent).toBe('La première personne qui dit oui choisit le jour.');
  });
});

describe('my jobs on the poster home', () => {
  it('shows cards with the translated state and who is coming, upcoming before past', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({
        jobs: [
          job({ id: 1, state: 'filled', workers_needed: 2, coming: ['Ayşe', 'Jan'] }),
          job({ id: 2, state: 'offering', category: 'flatpack', address: office, start: '2026-12-05T14:00:00+01:00', end: '2026-12-05T16:00:00+01:00' }),
          job({ id: 3, state: 'done', start: '2026-11-20T09:00:00+01:00', end: '2026-11-20T11:00:00+01:00', coming: ['Piet'] }),
        ],
      }),
    });
    renderAt('/');
    const list = await screen.findByTestId('my-jobs');
    expect(screen.getByTestId('post-job').getAttribute('href')).toBe('/jobs/new');
    expect(screen.getByTestId('post-job').textContent).toBe('Klus plaatsen');
    const cards = within(list).getAllByTestId('job-card');
    expect(cards.map((c) => c.dataset.jobId)).toEqual(['1', '2', '3']);

    const filled = within(cards[0]!).getByTestId('job-state');
    expect(filled.dataset.state).toBe('filled');
    expect(filled.textContent).toBe('Volzet');
    expect(cards[0]!.textContent).toContain('Ayşe en Jan komen');
    expect(cards[0]!.textContent).toContain('Genk');
    expect(plain(cards[0]!.textContent)).toContain('09:00–11:00');
    expect(within(cards[0]!).getByRole('link').getAttribute('href')).toBe('/jobs/1');

    expect(within(cards[1]!).getByTestId('job-state').textContent).toBe('We zoeken mensen');
    expect(cards[1]!.textContent).toContain('Meubels monteren');
    expect(cards[1]!.textContent).toContain('Hasselt');
    expect(within(cards[2]!).getByTestId('job-state').textContent).toBe('Klaar');
    expect(cards[2]!.textContent).toContain('Piet komt');
    expect(screen.getByText('Voorbij en geannuleerd')).toBeTruthy();
    expect(screen.queryByTestId('jobs-empty')).toBeNull();
  });

  it('translates the states', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster', { language: 'fr' })),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({ jobs: [job({ id: 1, state: 'offering', coming: ['Ayşe', 'Jan'] })] }),
    });
    renderAt('/', 'fr');
    const card = await screen.findByTestId('job-card');
    expect(within(card).getByTestId('job-state').textContent).toBe('Nous cherchons des personnes');
    expect(card.textContent).toContain('Ayşe et Jan viennent');
  });

  it('keeps the empty state when there are no jobs', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({ jobs: [] }),
    });
    renderAt('/');
    expect((await screen.findByTestId('jobs-empty')).textContent).toContain('Je hebt nog geen klussen.');
    expect(screen.queryByTestId('my-jobs')).toBeNull();
  });
});

describe('job page', () => {
  it('shows the details and who is coming', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(job({ state: 'filled', workers_needed: 2, coming: ['Ayşe', 'Jan'], language_hints: ['tr'], description: 'Ramen ook.' })),
    });
    renderAt('/jobs/77');
    const page = await screen.findByTestId('job-page');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Poetsen');
    expect(screen.getByTestId('job-state').dataset.state).toBe('filled');
    expect(screen.getByTestId('job-coming').textContent).toBe('Ayşe en Jan komen');
    expect(plain(page.textContent)).toContain('Geschatte prijs: € 96,00');
    expect(page.textContent).toContain('Thuis — Stationsstraat 12, 3600 Genk');
    expect(page.textContent).toContain('Ramen ook.');
    expect(screen.getByTestId('job-cancel').textContent).toBe('Annuleren');
  });

  it('takes the price from job.price (the price when it was posted), not today’s price list', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      // Today cleaning costs € 24,00 an hour; this job was posted at € 20,00.
      'GET /api/v1/jobs/77': ok(job({ workers_needed: 2, price: { unit: 'hour', unit_price_cents: 2000, currency: 'EUR' } })),
    });
    renderAt('/jobs/77');
    const page = await screen.findByTestId('job-page');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Poetsen'));
    expect(plain(page.textContent)).toContain('Geschatte prijs: € 80,00');
    expect(plain(page.textContent)).not.toContain('€ 96,00');
  });

  it('shows a per-item price from job.price even when the category is gone from the list', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(job({ category: 'old-kind', price: { unit: 'item', unit_price_cents: 3500, currency: 'EUR' } })),
    });
    renderAt('/jobs/77');
    const page = await screen.findByTestId('job-page');
    expect(plain(page.textContent)).toContain('€ 35,00 per stuk. De eindprijs hangt af van het aantal stuks.');
  });

  it('lists the confirmed buddies and says when a worker still waits for a buddy', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(job({ state: 'offering', workers_needed: 3, coming: ['Ayşe', 'Piet'], buddies: ['Jan'], awaiting_buddy: 1 })),
    });
    renderAt('/jobs/77');
    expect((await screen.findByTestId('job-buddies')).textContent).toBe('Buddy Jan gaat mee');
    expect(screen.getByTestId('job-coming').textContent).toBe('Ayşe en Piet komen');
    expect(screen.getByTestId('job-awaiting-buddy').textContent).toBe('1 medewerker wacht nog op een buddy. Pas als een buddy bevestigt, is het zeker.');
  });

  it('names several buddies, and shows no buddy lines when there are none', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': [ok(job({ state: 'filled', buddies: ['Jan', 'Els'], awaiting_buddy: 2 })), ok(job())],
    });
    const { unmount } = renderAt('/jobs/77');
    expect((await screen.findByTestId('job-buddies')).textContent).toBe('Buddy’s Jan en Els gaan mee');
    expect(screen.getByTestId('job-awaiting-buddy').textContent).toContain('2 medewerkers wachten nog op een buddy.');
    unmount();
    renderAt('/jobs/77');
    await screen.findByTestId('job-page');
    expect(screen.queryByTestId('job-buddies')).toBeNull();
    expect(screen.queryByTestId('job-awaiting-buddy')).toBeNull();
  });

  it('offers “Aanpassen” only while the job is editable', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': [ok(job({ editable: true })), ok(job({ state: 'filled', editable: false, coming: ['Ayşe'] }))],
    });
    const { unmount } = renderAt('/jobs/77');
    const edit = await screen.findByTestId('job-edit');
    expect(edit.getAttribute('href')).toBe('/jobs/77/edit');
    expect(edit.textContent).toBe('Aanpassen');
    expect(edit.querySelector('svg')).toBeTruthy();
    unmount();
    renderAt('/jobs/77');
    await screen.findByTestId('job-page');
    expect(screen.queryByTestId('job-edit')).toBeNull();
  });

  it('cancels for free more than 24 hours ahead', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(job({ start: '2026-12-04T09:00:00+01:00', end: '2026-12-04T11:00:00+01:00' })),
      'POST /api/v1/jobs/77/cancel': ok({ job: job({ state: 'cancelled', start: '2026-12-04T09:00:00+01:00', end: '2026-12-04T11:00:00+01:00' }), late: false }),
    });
    renderAt('/jobs/77');
    fireEvent.click(await screen.findByTestId('job-cancel'));
    const question = screen.getByTestId('job-cancel-question');
    expect(question.textContent).toContain('Dat is gratis');
    expect(question.textContent).not.toContain('late annulering');
    fireEvent.click(screen.getByTestId('job-cancel-confirm'));
    await waitFor(() => expect(screen.getByTestId('job-state').dataset.state).toBe('cancelled'));
    expect(screen.getByTestId('job-state').textContent).toBe('Geannuleerd');
    expect(screen.getByTestId('job-cancelled').textContent).toBe('De klus is geannuleerd.');
    expect(screen.queryByTestId('job-cancel')).toBeNull();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/jobs/77/cancel');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-poster');
  });

  it('warns that it counts as late less than 24 hours ahead, then calls the endpoint', async () => {
    const soon = job({ state: 'filled', coming: ['Ayşe'], start: '2026-12-01T15:00:00+01:00', end: '2026-12-01T17:00:00+01:00' });
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(soon),
      'POST /api/v1/jobs/77/cancel': ok({ job: { ...soon, state: 'cancelled', coming: [] }, late: true }),
    });
    renderAt('/jobs/77');
    fireEvent.click(await screen.findByTestId('job-cancel'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(screen.getByTestId('job-cancel-question').textContent).toContain('De klus begint binnen 24 uur. Dan noteren we een late annulering.');
    fireEvent.click(screen.getByTestId('job-cancel-confirm'));
    expect((await screen.findByTestId('job-cancelled')).textContent).toContain('late annulering');
    expect(screen.getByTestId('job-state').dataset.state).toBe('cancelled');
    expect(screen.getByTestId('job-coming').textContent).toBe('Er komt niemand.');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/jobs/77/cancel']);
  });

  it('says so kindly when the job does not exist', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/404': problemDoc(404, { code: 'not_found', detail: 'There is no such job.' }),
    });
    renderAt('/jobs/404');
    const page = await screen.findByTestId('job-not-found');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Deze klus vinden we niet');
    expect(within(page).getByRole('link').getAttribute('href')).toBe('/');
  });
});

describe('job page: who comes, place by place', () => {
  const places: Job['places'] = [
    { place: 2, first_name: 'Piet', buddy: { state: 'searching' } },
    { place: 1, first_name: 'Ayşe', buddy: { state: 'confirmed', first_name: 'Jan' } },
    { place: 3, first_name: 'Ewa', buddy: { state: 'none' } },
  ];
  const filled = job({ state: 'filled', workers_needed: 3, coming: ['Ayşe', 'Piet', 'Ewa'], buddies: ['Jan'], awaiting_buddy: 1, places });
  const posterApi = (extra: Parameters<typeof mockApi>[0] = {}) =>
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(filled),
      ...extra,
    });

  it('names each worker with their buddy: confirmed by name, or still looking', async () => {
    posterApi();
    renderAt('/jobs/77');
    const list = await screen.findByTestId('job-places');
    const items = within(list).getAllByTestId('job-place');
    expect(items.map((i) => i.dataset.place)).toEqual(['1', '2', '3']);
    expect(items.map((i) => within(i).getByTestId('job-place-name').textContent)).toEqual(['Ayşe', 'Piet', 'Ewa']);
    const buddy = (i: number) => within(items[i]!).queryByTestId('job-place-buddy');
    expect(buddy(0)!.textContent).toBe('Buddy Jan gaat mee');
    expect(buddy(0)!.querySelector('svg')).toBeTruthy();
    expect(buddy(1)!.textContent).toBe('Zoekt nog een buddy');
    expect(buddy(1)!.dataset.state).toBe('searching');
    expect(buddy(2)).toBeNull();
    // The places say it all: no summary lines beside them.
    expect(screen.queryByTestId('job-coming')).toBeNull();
    expect(screen.queryByTestId('job-buddies')).toBeNull();
    expect(screen.getByTestId('job-awaiting-buddy')).toBeTruthy();
  });

  it('names a confirmed buddy without a first name plainly', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(job({ state: 'filled', coming: ['Ayşe'], places: [{ place: 1, first_name: 'Ayşe', buddy: { state: 'confirmed' } }] })),
    });
    renderAt('/jobs/77');
    expect((await screen.findByTestId('job-place-buddy')).textContent).toBe('Een buddy gaat mee');
  });

  it('has a "Niet meer deze persoon" per place, named for the person, with an icon', async () => {
    posterApi();
    renderAt('/jobs/77');
    const items = await screen.findAllByTestId('job-place');
    const button = within(items[1]!).getByRole('button', { name: 'Niet meer deze persoon: Piet' });
    expect(button.textContent).toBe('Niet meer deze persoon');
    expect(button.querySelector('svg')).toBeTruthy();
    expect(screen.getAllByTestId('place-never-again')).toHaveLength(3);
  });

  it('asks first, then sends {place} and says it calmly', async () => {
    const { calls } = posterApi({ 'POST /api/v1/jobs/77/never-again': noContent() });
    renderAt('/jobs/77');
    const piet = (await screen.findAllByTestId('job-place'))[1]!;
    fireEvent.click(within(piet).getByTestId('place-never-again'));
    const question = within(piet).getByTestId('place-never-again-question');
    expect(plain(question.textContent)).toContain(
      'Wil je Piet niet meer voor je klussen? Dan sturen we Piet nooit meer naar jou. Voor deze klus verandert er niets.',
    );
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(within(piet).getByRole('button', { name: 'Ja, niet meer Piet' }));
    const done = await within(piet).findByTestId('place-never-again-done');
    expect(done.textContent).toBe('Oké. We sturen Piet niet meer naar jou.');
    expect(done.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(done));
    // The others keep theirs.
    expect(screen.getAllByTestId('place-never-again')).toHaveLength(2);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/jobs/77/never-again');
    expect(post.body).toEqual({ place: 2 });
    expect(post.headers.get('Content-Type')).toBe('application/json');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-poster');
  });

  it('"Nee, laat maar" closes the question without sending anything', async () => {
    const { calls } = posterApi();
    renderAt('/jobs/77');
    const first = (await screen.findAllByTestId('job-place'))[0]!;
    fireEvent.click(within(first).getByTestId('place-never-again'));
    fireEvent.click(within(first).getByRole('button', { name: 'Nee, laat maar' }));
    await waitFor(() => expect(document.activeElement).toBe(within(first).getByTestId('place-never-again')));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says plainly when the person is no longer on the job (404) or it is not allowed (403)', async () => {
    posterApi({
      'POST /api/v1/jobs/77/never-again': [
        problemDoc(404, { code: 'not_found', detail: 'There is no such person on this job.' }),
        problemDoc(403, { code: 'forbidden' }),
      ],
    });
    renderAt('/jobs/77');
    const piet = (await screen.findAllByTestId('job-place'))[1]!;
    fireEvent.click(within(piet).getByTestId('place-never-again'));
    const question = within(piet).getByTestId('place-never-again-question');
    fireEvent.click(within(piet).getByTestId('place-never-again-confirm'));
    expect((await within(question).findByRole('alert')).textContent).toBe('Dat lukte niet: Piet staat niet meer op deze klus. Laad de pagina opnieuw.');
    fireEvent.click(within(piet).getByTestId('place-never-again-confirm'));
    await waitFor(() => expect(within(question).getByRole('alert').textContent).toBe('Dit kan niet met jouw account.'));
    expect(within(piet).queryByTestId('place-never-again-done')).toBeNull();
  });
});

describe('live', () => {
  it('the job page follows the news: state and who is coming change without a reload or a spinner', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': [
        ok(job({ state: 'offering' })),
        ok(job({ state: 'filled', coming: ['Ayşe'], places: [{ place: 1, first_name: 'Ayşe', buddy: { state: 'none' } }] })),
      ],
    });
    renderAt('/jobs/77');
    const page = await screen.findByTestId('job-page');
    expect(screen.getByTestId('job-state').dataset.state).toBe('offering');
    act(() => {
      FakeWebSocket.last.open().ready(3).event(4, 'assignment_confirmed', { job_id: 77 });
    });
    await waitFor(() => expect(screen.getByTestId('job-state').dataset.state).toBe('filled'));
    expect(screen.getByTestId('job-page')).toBe(page);
    expect(screen.getByTestId('job-place-name').textContent).toBe('Ayşe');
    expect(calls.filter((c) => c.path === '/api/v1/jobs/77')).toHaveLength(2);
  });

  it('keeps the page as it is when a refresh fails', async () => {
    // The failed answer is one we hold, so the test knows when the page has read it.
    const failed = problemDoc(503)();
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': [ok(job({ state: 'offering' })), () => failed, ok(job({ state: 'filled', coming: ['Jan'] }))],
    });
    renderAt('/jobs/77');
    const page = await screen.findByTestId('job-page');
    // Everything the page shows from here on: an error or a spinner would stay in this record
    // even if a later refresh took it away again.
    const seen = new Set<string>();
    const watch = new MutationObserver(() => {
      if (screen.queryByTestId('load-error')) seen.add('load-error');
      if (screen.queryByTestId('loading')) seen.add('loading');
      seen.add(`state:${screen.queryByTestId('job-state')?.dataset.state ?? 'none'}`);
    });
    watch.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    act(() => {
      FakeWebSocket.last.open().ready(3).event(4, 'job_status', { job_id: 77 });
    });
    await waitFor(() => expect(failed.bodyUsed).toBe(true));
    expect(screen.getByTestId('job-state').dataset.state).toBe('offering');
    // The next news brings the next answer: the page went on from the one it had, not from an error.
    act(() => {
      FakeWebSocket.last.event(5, 'job_status', { job_id: 77 });
    });
    await waitFor(() => expect(screen.getByTestId('job-state').dataset.state).toBe('filled'));
    watch.disconnect();
    expect(calls.filter((c) => c.path === '/api/v1/jobs/77')).toHaveLength(3);
    expect(screen.getByTestId('job-page')).toBe(page);
    expect([...seen]).not.toContain('load-error');
    expect([...seen]).not.toContain('loading');
    expect([...seen]).not.toContain('state:none');
  });

  it('the cards on the poster home follow the news too', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': [ok({ jobs: [job({ id: 1, state: 'offering' })] }), ok({ jobs: [job({ id: 1, state: 'filled', coming: ['Jan'] })] })],
    });
    renderAt('/');
    const card = await screen.findByTestId('job-card');
    expect(within(card).getByTestId('job-state').dataset.state).toBe('offering');
    act(() => {
      FakeWebSocket.last.open().ready(1).event(2, 'job_status', { job_id: 1 });
    });
    await waitFor(() => expect(within(screen.getByTestId('job-card')).getByTestId('job-state').dataset.state).toBe('filled'));
    expect(screen.getByTestId('job-card').textContent).toContain('Jan komt');
  });
});
