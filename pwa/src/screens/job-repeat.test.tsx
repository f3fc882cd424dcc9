// Repeat work on the poster's screens (issue 12): "Graag opnieuw" on a done job, a series with
// "Hele reeks annuleren", "Opnieuw plaatsen" for a past job, and "Herhalen" on the form.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { maxUntil, nextSameWeekday, occurrenceCount, repeatOf } from '../repeat';
import { categoriesBody, mockApi, noContent, ok, session } from '../test/fixtures';
import { jobStatement } from '../test/statements';
import { NOW, posterClock, posterJob as job, posterProfile } from '../test/jobs';
import { renderAt } from '../test/render';

posterClock();

const past = job({
  state: 'done',
  start: '2026-11-24T09:00:00+01:00',
  end: '2026-11-24T11:00:00+01:00',
  coming: ['Ayşe'],
  places: [{ place: 1, status: 'done', first_name: 'Ayşe', worker_id: 41, favourite: false, buddy: { state: 'none' } }],
});

describe('repeat helpers', () => {
  it('counts the jobs of a series and caps its last date', () => {
    expect(occurrenceCount('2026-12-08', '2026-12-29', 1)).toBe(4);
    expect(occurrenceCount('2026-12-08', '2026-12-28', 1)).toBe(3);
    expect(occurrenceCount('2026-12-08', '2026-12-22', 2)).toBe(2);
    expect(occurrenceCount('2026-12-08', '2026-12-07', 1)).toBeNull();
    expect(occurrenceCount('2026-12-08', maxUntil('2026-12-08', 2), 2)).toBe(26);
    expect(repeatOf('none', '2026-12-29')).toBeNull();
    expect(repeatOf('2', '2026-12-29')).toEqual({ every_weeks: 2, until: '2026-12-29' });
  });

  it('suggests the same weekday and time, at least a day ahead', () => {
    expect(nextSameWeekday(past, NOW)).toEqual({ date: '2026-12-08', time: '09:00' });
  });
});

describe('graag opnieuw', () => {
  it('marks a worker of a done job, and unmarks them', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(past),
      'GET /api/v1/jobs/77/hours': ok({ sheets: [] }),
      'GET /api/v1/jobs/77/statement': ok({ statement: jobStatement({ state: 'done', lines: [], net_cents: 0, vat_cents: 0, total_cents: 0, pending: 0 }) }),
      'GET /api/v1/jobs/77/feedback': ok({ feedback: [] }),
      'PUT /api/v1/me/favourites/41': ok({ worker_id: 41, first_name: 'Ayşe', since: '2026-12-01T09:00:00Z' }),
      'DELETE /api/v1/me/favourites/41': noContent(),
    });
    renderAt('/jobs/77');
    const toggle = await screen.findByTestId('place-favourite-toggle');
    expect(toggle.textContent).toBe('Graag opnieuw');
    expect(toggle.querySelector('svg')).toBeTruthy();
    fireEvent.click(toggle);
    expect((await screen.findByTestId('place-favourite-on')).textContent).toBe('Graag opnieuw: Ayşe krijgt je volgende klussen eerst.');
    expect(screen.getByTestId('place-favourite-toggle').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('place-favourite-toggle'));
    await waitFor(() => expect(screen.getByTestId('place-favourite').dataset.on).toBe('false'));
    expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual([
      'PUT /api/v1/me/favourites/41',
      'DELETE /api/v1/me/favourites/41',
    ]);
  });

  it('is not offered before the job is done', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(job({ state: 'filled', coming: ['Ayşe'], places: [{ place: 1, status: 'booked', first_name: 'Ayşe', worker_id: 41, buddy: { state: 'none' } }] })),
    });
    renderAt('/jobs/77');
    await screen.findByTestId('job-places');
    expect(screen.queryByTestId('place-favourite-toggle')).toBeNull();
  });
});

describe('opnieuw plaatsen', () => {
  it('posts a past job again at the picked date with one tap, and opens the new job', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(past),
      'GET /api/v1/jobs/77/hours': ok({ sheets: [] }),
      'GET /api/v1/jobs/77/statement': ok({ statement: jobStatement({ state: 'done', lines: [], net_cents: 0, vat_cents: 0, total_cents: 0, pending: 0 }) }),
      'GET /api/v1/jobs/77/feedback': ok({ feedback: [] }),
      'POST /api/v1/jobs/77/repost': ok(job({ id: 78, start: '2026-12-09T10:30:00+01:00', end: '2026-12-09T12:30:00+01:00' }), 201),
      'GET /api/v1/jobs/78': ok(job({ id: 78, start: '2026-12-09T10:30:00+01:00', end: '2026-12-09T12:30:00+01:00' })),
    });
    renderAt('/jobs/77');
    const card = await screen.findByTestId('job-repost');
    const date = within(card).getByLabelText('Dag') as HTMLInputElement;
    expect(date.value).toBe('2026-12-08');
    fireEvent.input(date, { target: { value: '2026-12-09' } });
    fireEvent.input(within(card).getByLabelText('Beginuur'), { target: { value: '10:30' } });
    fireEvent.click(within(card).getByTestId('repost-submit'));
    expect(await screen.findByTestId('job-posted')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/jobs/77/repost');
    expect(post.body).toEqual({ start: '2026-12-09T10:30:00+01:00' });
  });

  it('is not there for a job still to come', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(job()),
    });
    renderAt('/jobs/77');
    await screen.findByTestId('job-page');
    expect(screen.queryByTestId('job-repost')).toBeNull();
  });
});

describe('a series', () => {
  const series = (states: string[]) => ({
    id: 9,
    every_weeks: 1,
    until: '2026-12-23',
    cancelled: states[1] === 'cancelled',
    jobs: states.map((state, i) => ({ id: 77 + i, start: `2026-12-${String(2 + 7 * i).padStart(2, '0')}T09:00:00+01:00`, state })),
  });

  it('shows every date and cancels the whole series after a confirmation', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': [ok(job({ series_id: 9 })), ok(job({ series_id: 9, state: 'cancelled' }))],
      'GET /api/v1/series/9': ok(series(['open', 'open', 'filled', 'open'])),
      'POST /api/v1/series/9/cancel': ok({ series: series(['cancelled', 'cancelled', 'cancelled', 'cancelled']), cancelled: [77, 78, 79, 80] }),
    });
    renderAt('/jobs/77');
    const card = await screen.findByTestId('job-series');
    await waitFor(() => expect(within(card).getAllByTestId('series-job')).toHaveLength(4));
    expect(within(card).getByTestId('series-rule').textContent).toContain('Elke week, tot en met');
    expect(within(card).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['/jobs/78', '/jobs/79', '/jobs/80']);
    fireEvent.click(within(card).getByTestId('series-cancel'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(screen.getByTestId('series-cancel-question').textContent).toContain('Wie al zou komen, krijgt bericht.');
    fireEvent.click(screen.getByTestId('series-cancel-confirm'));
    expect((await screen.findByTestId('series-cancelled')).textContent).toBe('De rest van de reeks is geannuleerd.');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/series/9/cancel']);
    expect(screen.queryByTestId('series-cancel')).toBeNull();
  });
});

describe('herhalen on the form', () => {
  const radio = (name: string, value: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;
  const formApi = (extra: Parameters<typeof mockApi>[0] = {}) =>
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/me/profile': ok(posterProfile()),
      'GET /api/v1/categories': ok(categoriesBody),
      ...extra,
    });

  it('sends every week until the last date, four weeks on by default', async () => {
    const { calls } = formApi({
      'POST /api/v1/jobs': ok(job({ id: 91, series_id: 4 }), 201),
      'GET /api/v1/jobs/91': ok(job({ id: 91, series_id: 4 })),
      'GET /api/v1/series/4': ok({ id: 4, every_weeks: 1, until: '2026-12-30', cancelled: false, jobs: [] }),
    });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    expect(radio('repeat', 'none').checked).toBe(true);
    fireEvent.click(radio('category', 'cleaning'));
    fireEvent.click(radio('repeat', '1'));
    const until = document.querySelector<HTMLInputElement>('input[name="repeat_until"]')!;
    expect(until.value).toBe('2026-12-30');
    expect(screen.getByTestId('repeat-summary').textContent).toBe('5 klussen, elk apart.');
    fireEvent.click(screen.getByTestId('job-submit'));
    await screen.findByTestId('job-page');
    const post = calls.find((c) => c.method === 'POST')!;
    expect((post.body as { repeat: unknown }).repeat).toEqual({ every_weeks: 1, until: '2026-12-30' });
  });

  it('refuses a last date too far for the client, and shows the server’s word on it', async () => {
    const { calls } = formApi({
      'POST /api/v1/jobs': ok(
        {
          type: 'urn:klusbuddy:problem:invalid',
          title: 'Niet alle gegevens kloppen',
          status: 422,
          code: 'invalid',
          request_id: 'r1',
          errors: [{ field: 'repeat.until', pointer: '#/repeat/until', detail: 'Elke klus van een reeks moet binnen een jaar beginnen; kies een vroegere laatste datum.' }],
        },
        422,
      ),
    });
    renderAt('/jobs/new');
    await screen.findByTestId('job-form');
    fireEvent.click(radio('category', 'cleaning'));
    fireEvent.click(radio('repeat', '2'));
    const until = document.querySelector<HTMLInputElement>('input[name="repeat_until"]')!;
    fireEvent.input(until, { target: { value: '2028-01-01' } });
    fireEvent.click(screen.getByTestId('job-submit'));
    expect(await screen.findByText('Hoogstens 26 klussen: kies een vroegere laatste datum.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.input(until, { target: { value: '2027-03-01' } });
    fireEvent.click(screen.getByTestId('job-submit'));
    expect(await screen.findByText('Elke klus van een reeks moet binnen een jaar beginnen; kies een vroegere laatste datum.')).toBeTruthy();
  });
});

describe('favourites on the profile', () => {
  it('lists them by first name and stops asking one first', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/me/profile': ok(posterProfile()),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/me/favourites': ok({ favourites: [{ worker_id: 41, first_name: 'Ayşe', since: '2026-11-25T10:00:00Z' }] }),
      'DELETE /api/v1/me/favourites/41': noContent(),
    });
    renderAt('/profile');
    const section = await screen.findByTestId('favourites');
    expect(within(section).getByTestId('favourite').textContent).toContain('Ayşe');
    fireEvent.click(within(section).getByTestId('favourite-remove'));
    expect((await screen.findByTestId('favourites-none')).textContent).toBe('Nog niemand.');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/v1/me/favourites/41']);
  });
});
