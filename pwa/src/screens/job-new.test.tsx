// /jobs/new: the price estimate, posting a job, one day or a day of their choice (job-form.tsx;
// changing a job is job-edit.test.tsx).
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { priceEstimate, startIso } from '../jobs';
import { describedText, plain } from '../test/clock';
import { categoriesBody, mockApi, ok, problemDoc, session } from '../test/fixtures';
import { home, office, posterClock, posterJob as job, posterProfile } from '../test/jobs';
import { renderAt } from '../test/render';

posterClock();

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

});
