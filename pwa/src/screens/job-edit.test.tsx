import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { type Job, jobPatch, type JobValues, patchReoffers } from '../jobs';
import { categoriesBody, mockApi, ok, problemDoc, session } from '../test/fixtures';
import { describedText, plain } from '../test/clock';
import { posterClock, posterJob, posterProfile } from '../test/jobs';
import { renderAt } from '../test/render';

posterClock();

/** A job that can still change: offering, two people, two days ahead. */
function job(extra: Partial<Job> = {}): Job {
  return posterJob({
    description: 'Ramen ook.',
    start: '2026-12-04T09:00:00+01:00',
    end: '2026-12-04T11:00:00+01:00',
    workers_needed: 2,
    language_hints: ['tr'],
    state: 'offering',
    price: { unit: 'hour', unit_price_cents: 2000, currency: 'EUR' },
    editable: true,
    booked: 0,
    ...extra,
  });
}

function editApi(j: Job, extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/session': ok(session('poster')),
    'GET /api/v1/me/profile': ok(posterProfile()),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/jobs/77': ok(j),
    ...extra,
  });
}

const radio = (name: string, value: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
const input = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe('what a change sends', () => {
  const values = (j: Job, extra: Partial<JobValues> = {}): JobValues => ({
    category: j.category,
    address_id: j.address.id,
    start: j.start,
    minutes: 120,
    workers_needed: j.workers_needed,
    level: j.level,
    buddy: j.buddy,
    description: j.description,
    language_hints: j.language_hints,
    window_days: 1,
    ...extra,
  });

  it('is nothing when nothing changed (the same moment written another way, languages in another order)', () => {
    const j = job({ language_hints: ['tr', 'ar'] });
    expect(jobPatch(j, values(j, { start: '2026-12-04T08:00:00Z', language_hints: ['ar', 'tr'], description: ' Ramen ook. ' }), false)).toEqual({});
  });

  it('is only the fields that changed', () => {
    const j = job();
    const patch = jobPatch(j, values(j, { start: '2026-12-04T10:00:00+01:00', minutes: 180, buddy: 'required', description: '' }), false);
    expect(patch).toEqual({ start: '2026-12-04T10:00:00+01:00', minutes: 180, buddy: 'required', description: '' });
    expect(patchReoffers(patch)).toBe(true);
    expect(patchReoffers({ description: 'x', workers_needed: 3, language_hints: [] })).toBe(false);
  });

  it('has window_days only when the days changed, and then searches again', () => {
    const j = job({ window_days: 4 });
    expect(jobPatch(j, values(j, { window_days: 4 }), false)).toEqual({});
    expect(jobPatch(j, values(j, { window_days: 1 }), false)).toEqual({ window_days: 1 });
    expect(patchReoffers({ window_days: 6 })).toBe(true);
    // An older server sends nothing (the API now always does): that is one day.
    const { window_days: _, ...rest } = job();
    const old = rest as Job;
    expect(jobPatch(old, values(old, { window_days: 1 }), false)).toEqual({});
    expect(jobPatch(old, values(old, { window_days: 3 }), false)).toEqual({ window_days: 3 });
    expect(jobPatch(job({ booked: 1, coming: ['Ayşe'] }), values(j, { window_days: 5 }), true)).toEqual({});
  });

  it('with someone booked, leaves out everything but description, languages and workers', () => {
    const j = job({ booked: 1, coming: ['Ayşe'] });
    const patch = jobPatch(j, values(j, { category: 'flatpack', address_id: 6, level: 3, workers_needed: 3, language_hints: [] }), true);
    expect(patch).toEqual({ workers_needed: 3, language_hints: [] });
  });
});

describe('change a job', () => {
  it('opens from the job page and fills in the job', async () => {
    editApi(job({ start: '2026-12-04T09:30:00+01:00', end: '2026-12-04T11:00:00+01:00' }));
    renderAt('/jobs/77');
    fireEvent.click(await screen.findByTestId('job-edit'));
    const form = await screen.findByTestId('job-edit-form');
    expect(window.location.pathname).toBe('/jobs/77/edit');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Klus aanpassen');
    expect(radio('category', 'cleaning')!.checked).toBe(true);
    expect(radio('address_id', '5')!.checked).toBe(true);
    expect(input('date').value).toBe('2026-12-04');
    expect(input('time').value).toBe('09:30');
    // 90 minutes is no chip of the new-job form: it gets its own.
    expect(screen.getByTestId('duration-90m').getAttribute('aria-pressed')).toBe('true');
    expect(input('workers_needed').value).toBe('2');
    expect(input('description').value).toBe('Ramen ook.');
    expect(radio('level', '1')!.checked).toBe(true);
    expect(radio('buddy', 'allowed')!.checked).toBe(true);
    expect(document.querySelector('[data-testid="language-hint"][data-code="tr"]')!.getAttribute('aria-pressed')).toBe('true');
    // The price of when it was posted (€ 20,00 an hour), not today's € 24,00.
    expect(plain(within(form).getByTestId('price-estimate').textContent)).toContain('Geschatte prijs: € 60,00');
    expect(within(form).getByTestId('price-estimate').textContent).toContain('Dit is de prijs van toen je de klus plaatste.');
    // The job's own tile says that price too; other kinds of job show today's price.
    const tilePrice = (slug: string) => plain(form.querySelector(`[data-testid="category-tile-price"][data-slug="${slug}"]`)?.textContent);
    expect(tilePrice('cleaning')).toBe('€ 20,00 per uur');
    expect(tilePrice('flatpack')).toBe('€ 18,50 per stuk');
    expect(screen.getByTestId('job-edit-submit').textContent).toBe('Opslaan');
  });

  it('sends only the changed fields as a PATCH, then says it searches again', async () => {
    const { calls } = editApi(job(), {
      'PATCH /api/v1/jobs/77': ok(job({ start: '2026-12-05T14:00:00+01:00', end: '2026-12-05T16:00:00+01:00', workers_needed: 3 })),
    });
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.input(input('date'), { target: { value: '2026-12-05' } });
    fireEvent.input(input('time'), { target: { value: '14:00' } });
    fireEvent.click(screen.getByTestId('workers-plus'));
    fireEvent.click(screen.getByTestId('job-edit-submit'));

    expect(await screen.findByTestId('job-page')).toBeTruthy();
    expect(window.location.pathname).toBe('/jobs/77');
    expect(screen.getByTestId('job-edited').textContent).toBe('Je klus is aangepast. We zoeken opnieuw mensen.');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.path).toBe('/api/v1/jobs/77');
    expect(patch.body).toEqual({ start: '2026-12-05T14:00:00+01:00', workers_needed: 3 });
    expect(patch.headers.get('X-CSRF-Token')).toBe('csrf-poster');
    expect(patch.headers.get('Content-Type')).toBe('application/json');
  });

  it('a change of the text only does not search again', async () => {
    const { calls } = editApi(job(), { 'PATCH /api/v1/jobs/77': ok(job({ description: 'De sleutel ligt onder de mat.' })) });
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.input(input('description'), { target: { value: '  De sleutel ligt onder de mat. ' } });
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect((await screen.findByTestId('job-edited')).textContent).toBe('Je klus is aangepast.');
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ description: 'De sleutel ligt onder de mat.' });
  });

  it('says so when nothing changed, without sending', async () => {
    const { calls } = editApi(job());
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect((await screen.findByTestId('job-edit-error')).textContent).toContain('Je hebt niets veranderd.');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('shows the 422 field errors beside their fields and focuses the first', async () => {
    editApi(job(), {
      'PATCH /api/v1/jobs/77': problemDoc(422, {
        code: 'invalid',
        detail: 'Kijk de velden na.',
        errors: [
          { field: 'start', detail: 'Kies een begin minstens een uur vanaf nu.' },
          { field: 'workers_needed', detail: 'Van 1 tot 20 mensen.' },
          { field: 'language_hints.0', detail: 'Onbekende taal.' },
        ],
      }),
    });
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.input(input('time'), { target: { value: '10:00' } });
    fireEvent.click(screen.getByTestId('workers-plus'));
    fireEvent.click(screen.getByTestId('job-edit-submit'));

    const date = input('date');
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(date)).toContain('Kies een begin minstens een uur vanaf nu.');
    const workers = input('workers_needed');
    expect(workers.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(workers)).toContain('Van 1 tot 20 mensen.');
    const turkish = document.querySelector('[data-testid="language-hint"][data-code="tr"]')!;
    expect(turkish.getAttribute('data-invalid')).toBe('true');
    expect(describedText(turkish)).toContain('Onbekende taal.');
    expect(screen.getByTestId('job-edit-error').textContent).toContain('Niet alles klopt.');
    await waitFor(() => expect(document.activeElement).toBe(date));
  });

  it('checks a new start before sending', async () => {
    const { calls } = editApi(job());
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.input(input('date'), { target: { value: '2026-12-01' } });
    fireEvent.input(input('time'), { target: { value: '10:30' } });
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    await waitFor(() => expect(input('date').getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(input('date'))).toContain('minstens een uur vanaf nu');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('on 409 closed, loads the job again and shows it can no longer change, without “Opslaan”', async () => {
    const { calls } = editApi(job(), {
      'PATCH /api/v1/jobs/77': problemDoc(409, { code: 'conflict', reason: 'closed', detail: 'This job can no longer change.' }),
      'GET /api/v1/jobs/77': [ok(job()), ok(job({ state: 'cancelled', editable: false }))],
    });
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.click(radio('level', '2')!);
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    const closed = await screen.findByTestId('job-edit-closed');
    expect(closed.getAttribute('role')).toBe('alert');
    expect(closed.textContent).toContain('Je kan deze klus niet meer aanpassen. Ze is al volzet, begonnen, voorbij of geannuleerd.');
    expect(screen.queryByTestId('job-edit-form')).toBeNull();
    expect(screen.queryByTestId('job-edit-submit')).toBeNull();
    expect(within(closed).getByRole('link', { name: 'Terug naar de klus' }).getAttribute('href')).toBe('/jobs/77');
    expect(calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/jobs/77')).toHaveLength(2);
    expect(window.location.pathname).toBe('/jobs/77/edit');
  });

  it('on 409 closed, does not offer “Opslaan” again even when the job cannot be loaded', async () => {
    editApi(job(), {
      'PATCH /api/v1/jobs/77': problemDoc(409, { code: 'conflict', reason: 'closed' }),
      'GET /api/v1/jobs/77': [ok(job()), () => Promise.reject(new TypeError('Failed to fetch'))],
    });
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.click(radio('level', '2')!);
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect(await screen.findByTestId('job-edit-closed')).toBeTruthy();
    expect(screen.queryByTestId('job-edit-submit')).toBeNull();
  });

  it('on 409 booked, says why and locks the fields that can no longer change', async () => {
    editApi(job(), {
      'PATCH /api/v1/jobs/77': problemDoc(409, { code: 'conflict', reason: 'booked' }),
      'GET /api/v1/jobs/77': [ok(job()), ok(job({ booked: 1, coming: ['Ayşe'] }))],
    });
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.click(radio('category', 'flatpack')!);
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect((await screen.findByTestId('job-edit-error')).textContent).toContain('Intussen komt er al iemand.');
    await screen.findByTestId('job-edit-locked');
    expect(radio('category', 'cleaning')).toBeNull();
  });

  it('without editable, says the job cannot change any more', async () => {
    editApi(job({ state: 'filled', editable: false }));
    renderAt('/jobs/77/edit');
    expect((await screen.findByTestId('job-edit-closed')).textContent).toContain('Je kan deze klus niet meer aanpassen.');
    expect(screen.queryByTestId('job-edit-form')).toBeNull();
  });

  it('is for posters only', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('worker')), 'GET /api/v1/categories': ok(categoriesBody) });
    renderAt('/jobs/77/edit');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });
});

describe('change the days of a job', () => {
  // Fri 4 – Mon 7 December, 09:00–11:00.
  const windowJob = (extra: Partial<Job> = {}) => job({ window_days: 4, ...extra });
  const patched = (j: Job) => ({ 'PATCH /api/v1/jobs/77': ok(j) });
  const patchBody = async (calls: ReturnType<typeof editApi>['calls']) => {
    await screen.findByTestId('job-page');
    return calls.find((c) => c.method === 'PATCH')!.body;
  };

  it('fills in the choice and the last day from the job', async () => {
    editApi(windowJob());
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    expect(radio('days', 'window')!.checked).toBe(true);
    expect(input('last_day').value).toBe('2026-12-07');
    expect(plain(screen.getByTestId('window-summary').textContent)).toBe('4 dagen: van vr 4 tot ma 7 december.');
  });

  it('a job on one day shows “Op één dag” without a last day', async () => {
    editApi(job({ window_days: 1 }));
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    expect(radio('days', 'one')!.checked).toBe(true);
    expect(document.querySelector('[name="last_day"]')).toBeNull();
  });

  it('does not send window_days when the days did not change (the last day follows a new start)', async () => {
    const { calls } = editApi(windowJob(), patched(windowJob()));
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.input(input('date'), { target: { value: '2026-12-05' } });
    expect(input('last_day').value).toBe('2026-12-08');
    fireEvent.input(input('description'), { target: { value: 'Alleen de ramen.' } });
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect(await patchBody(calls)).toEqual({ start: '2026-12-05T09:00:00+01:00', description: 'Alleen de ramen.' });
  });

  it('sends window_days when the last day changed', async () => {
    const { calls } = editApi(windowJob(), patched(windowJob({ window_days: 6 })));
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.input(input('last_day'), { target: { value: '2026-12-09' } });
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect(await patchBody(calls)).toEqual({ window_days: 6 });
    expect(screen.getByTestId('job-edited').textContent).toBe('Je klus is aangepast. We zoeken opnieuw mensen.');
  });

  it('sends window_days 1 when it goes back to one day', async () => {
    const { calls } = editApi(windowJob(), patched(job()));
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.click(radio('days', 'one')!);
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect(await patchBody(calls)).toEqual({ window_days: 1 });
  });

  it('a job on one day gets the start + 3 days', async () => {
    const { calls } = editApi(job(), patched(windowJob()));
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.click(radio('days', 'window')!);
    expect(input('last_day').value).toBe('2026-12-07');
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect(await patchBody(calls)).toEqual({ window_days: 4 });
  });

  it('refuses more than 14 days before sending, and shows the 422 window_days error', async () => {
    const { calls } = editApi(windowJob(), {
      'PATCH /api/v1/jobs/77': problemDoc(422, { code: 'invalid', errors: [{ field: 'window_days', detail: 'Van 1 tot 14 dagen.' }] }),
    });
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-form');
    fireEvent.input(input('last_day'), { target: { value: '2026-12-18' } });
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    await waitFor(() => expect(input('last_day').getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(input('last_day'))).toContain('Hoogstens 14 dagen. Kies ten laatste do 17 december.');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    fireEvent.input(input('last_day'), { target: { value: '2026-12-17' } });
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    await waitFor(() => expect(describedText(input('last_day'))).toContain('Van 1 tot 14 dagen.'));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ window_days: 14 });
    await waitFor(() => expect(document.activeElement).toBe(input('last_day')));
  });

  it('with someone booked, the days are read-only and never sent', async () => {
    const { calls } = editApi(windowJob({ booked: 1, coming: ['Ayşe'] }), patched(windowJob({ booked: 1, coming: ['Ayşe'], workers_needed: 3 })));
    renderAt('/jobs/77/edit');
    const locked = await screen.findByTestId('job-edit-locked');
    expect(plain(locked.textContent)).toContain('Een dag tussen vrijdag 4 en maandag 7 december 2026, 09:00–11:00');
    expect(document.querySelector('[name="days"]')).toBeNull();
    expect(document.querySelector('[name="last_day"]')).toBeNull();
    fireEvent.click(screen.getByTestId('workers-plus'));
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect(await patchBody(calls)).toEqual({ workers_needed: 3 });
  });
});

describe('change a job with someone booked', () => {
  const booked = () => job({ state: 'offering', workers_needed: 2, booked: 1, coming: ['Ayşe'] });

  it('shows time, place, kind, level and buddy read-only, with why', async () => {
    editApi(booked());
    renderAt('/jobs/77/edit');
    const locked = await screen.findByTestId('job-edit-locked');
    expect(locked.textContent).toContain('Er komt al iemand. Daarom kan je alleen de uitleg, de talen en het aantal mensen nog aanpassen.');
    const text = plain(locked.textContent);
    expect(text).toContain('Poetsen');
    expect(text).toContain('Thuis — Stationsstraat 12, 3600 Genk');
    expect(text).toContain('vrijdag 4 december 2026 · 09:00–11:00');
    expect(text).toContain('Niveau 1: iedereen kan het');
    expect(text).toContain('Een buddy mag mee');
    for (const name of ['category', 'address_id', 'date', 'time', 'level', 'buddy']) {
      expect(document.querySelector(`[name="${name}"]`), name).toBeNull();
    }
    expect(screen.queryByTestId('duration-2')).toBeNull();
    // What can still change is there.
    expect(input('description').value).toBe('Ramen ook.');
    expect(input('workers_needed').value).toBe('2');
    expect(screen.getAllByTestId('language-hint').length).toBeGreaterThan(0);
    expect(describedText(input('workers_needed'))).toContain('Van 1 tot 20.');
  });

  it('will not go below the people booked, and sends only what may change', async () => {
    const { calls } = editApi(job({ workers_needed: 3, booked: 2, coming: ['Ayşe', 'Jan'] }), {
      'PATCH /api/v1/jobs/77': ok(job({ workers_needed: 2, booked: 2, coming: ['Ayşe', 'Jan'] })),
    });
    renderAt('/jobs/77/edit');
    await screen.findByTestId('job-edit-locked');
    fireEvent.click(screen.getByTestId('workers-minus'));
    fireEvent.click(screen.getByTestId('workers-minus'));
    expect(input('workers_needed').value).toBe('2');
    expect(screen.getByTestId('workers-minus').getAttribute('aria-disabled')).toBe('true');

    fireEvent.input(input('workers_needed'), { target: { value: '1' } });
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    await waitFor(() => expect(describedText(input('workers_needed'))).toContain('Er komen al 2 mensen. Kies er minstens 2.'));
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    fireEvent.input(input('workers_needed'), { target: { value: '2' } });
    fireEvent.click(document.querySelector('[data-testid="language-hint"][data-code="tr"]')!);
    fireEvent.click(screen.getByTestId('job-edit-submit'));
    expect((await screen.findByTestId('job-edited')).textContent).toBe('Je klus is aangepast.');
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ workers_needed: 2, language_hints: [] });
  });
});
