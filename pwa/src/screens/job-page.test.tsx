// /jobs/:id: the details, who comes place by place, cancelling, never again, following the news.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Job } from '../jobs';
import { plain } from '../test/clock';
import { categoriesBody, mockApi, noContent, ok, problemDoc, session } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { posterClock, posterJob as job } from '../test/jobs';
import { renderAt } from '../test/render';

posterClock();

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
    const button = await screen.findByTestId('job-cancel');
    // The line above says what a later cancellation means: nothing to pay, but it is noted.
    expect(button.closest('section')?.textContent).toContain(
      'Annuleren kost niets. Minder dan 24 uur voor het begin noteren we wel een late annulering bij de klus.',
    );
    fireEvent.click(button);
    const question = screen.getByTestId('job-cancel-question');
    expect(question.textContent).toContain('meer dan 24 uur: dat is op tijd');
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
    expect(screen.getByTestId('job-cancel-question').textContent).toContain('De klus begint binnen 24 uur. Het kost niets, maar we noteren een late annulering.');
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
    { place: 2, status: 'booked', first_name: 'Piet', buddy: { state: 'searching' } },
    { place: 1, status: 'booked', first_name: 'Ayşe', buddy: { state: 'confirmed', first_name: 'Jan' } },
    { place: 3, status: 'booked', first_name: 'Ewa', buddy: { state: 'none' } },
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
      'GET /api/v1/jobs/77': ok(job({ state: 'filled', coming: ['Ayşe'], places: [{ place: 1, status: 'booked', first_name: 'Ayşe', buddy: { state: 'confirmed' } }] })),
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

describe('a day of their choice', () => {
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

});

describe('live', () => {
  it('the job page follows the news: state and who is coming change without a reload or a spinner', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': [
        ok(job({ state: 'offering' })),
        ok(job({ state: 'filled', coming: ['Ayşe'], places: [{ place: 1, status: 'booked', first_name: 'Ayşe', buddy: { state: 'none' } }] })),
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

});
