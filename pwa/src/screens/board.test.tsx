// The coordinator's match board (/coach/jobs) and its rules (board.ts).
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { attentionReasons, barScale, columnOf, filterOf, mergeJobs, points, sortBuddyRequests, sortOffers } from '../board';
import { categoriesBody, deferred, jsonResponse, mockApi, ok, problemDoc, session } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { plain } from '../test/clock';
import { renderAt } from '../test/render';
import { boardClock, boardJob, coachApi, detail, quiet, unfilled, waitingForBuddy } from '../test/board';

boardClock();

describe('board rules', () => {
  const NOW = Date.parse('2026-12-01T09:00:00+01:00');

  it('marks unfilled jobs and jobs waiting for a buddy', () => {
    expect(attentionReasons(unfilled, NOW)).toEqual(['unfilled']);
    expect(attentionReasons(waitingForBuddy, NOW - 60 * 60_000)).toEqual(['buddy']);
    expect(attentionReasons(boardJob({ state: 'unfilled', awaiting_buddy: 2 }), NOW)).toEqual(['unfilled', 'buddy']);
    expect(attentionReasons(quiet, NOW - 60 * 60_000)).toEqual([]);
  });

  it('marks a job still to fill that starts within 24 hours, as the server’s filter does', () => {
    // quiet starts 2026-12-02 09:00: 24 hours after NOW.
    expect(attentionReasons(quiet, NOW)).toEqual([]);
    expect(attentionReasons(quiet, NOW + 1)).toEqual(['soon']);
    expect(attentionReasons(boardJob({ state: 'open', booked: 0 }), NOW + 60_000)).toEqual(['soon']);
    // All places taken, or no longer being filled: nothing to do.
    expect(attentionReasons(boardJob({ state: 'offering', booked: 2 }), NOW + 60_000)).toEqual([]);
    expect(attentionReasons(boardJob({ state: 'filled', booked: 2 }), NOW + 60_000)).toEqual([]);
    expect(attentionReasons(boardJob({ state: 'unfilled', booked: 0 }), NOW + 60_000)).toEqual(['unfilled']);
    expect(attentionReasons(boardJob({ state: 'offering', booked: 1, awaiting_buddy: 1 }), NOW + 60_000)).toEqual(['buddy', 'soon']);
    // Declined 3 times with no offer open and places left; not while offers still wait.
    expect(attentionReasons(boardJob({ declines: 3, offers_pending: 0 }), NOW - 60 * 60_000)).toEqual(['declines']);
    expect(attentionReasons(boardJob({ declines: 3, offers_pending: 1 }), NOW - 60 * 60_000)).toEqual([]);
    expect(attentionReasons(boardJob({ declines: 3, offers_pending: 0, booked: 2 }), NOW - 60 * 60_000)).toEqual([]);
  });

  it('reads the filter from the address, attention by default', () => {
    expect(filterOf(null)).toBe('attention');
    expect(filterOf('open')).toBe('open');
    expect(filterOf('all')).toBe('all');
    expect(filterOf('today')).toBe('today');
    expect(filterOf('not_arrived')).toBe('not_arrived');
    expect(filterOf('safety')).toBe('safety');
    expect(filterOf('nonsense')).toBe('attention');
  });

  it('sorts offers by wave, then score; points are out of 100; bars share one scale', () => {
    expect(sortOffers(detail().offers).map((o) => o.id)).toEqual([5, 6]);
    expect(points(0.71)).toBe(71);
    expect(points(0.254)).toBe(25);
    expect(points(Number.NaN)).toBe(0);
    expect(barScale(detail().offers.map((o) => o.breakdown))).toBe(0.25);
    expect(barScale([null, undefined])).toBe(1);
  });

  it('puts jobs in their column by state, and merges the jobs loaded again in order of start', () => {
    expect(columnOf({ state: 'unfilled' })).toBe('fill');
    expect(columnOf({ state: 'filled' })).toBe('booked');
    expect(columnOf({ state: 'in_progress' })).toBe('running');
    expect(columnOf({ state: 'done' })).toBe('over');
    const later = boardJob({ id: 40, start: '2026-12-03T09:00:00+01:00' });
    const merged = mergeJobs([unfilled, later], [12, 13, 40], [later, waitingForBuddy]);
    expect(merged.map((j) => j.id)).toEqual([13, 40]);
    expect(mergeJobs([unfilled], [], []).map((j) => j.id)).toEqual([12]);
  });

  it('sorts buddy requests by wave, then the first asked first', () => {
    expect(sortBuddyRequests(detail().buddy_requests).map((r) => r.id)).toEqual([8, 9, 10]);
  });
});

describe('coordinator: match board', () => {
  it('is in the menu next to the people, and on the home screen', async () => {
    coachApi({ 'GET /api/v1/org/people': ok({ people: [] }) });
    renderAt('/');
    await screen.findByTestId('coach-home');
    const items = [...document.querySelectorAll('#main-menu a')].map((a) => a.getAttribute('href'));
    expect(items.indexOf('/coach/jobs')).toBe(items.indexOf('/coach/people') + 1);
    expect(screen.getByTestId('nav-jobs').textContent).toBe('Klussen');
    expect(screen.getByTestId('home-board').getAttribute('href')).toBe('/coach/jobs');
  });

  it('is not for posters', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('poster')), 'GET /api/v1/categories': ok(categoriesBody) });
    renderAt('/coach/jobs');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });

  it('starts on "needs attention" and switches the filter', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/jobs?filter=attention': ok({ jobs: [unfilled, waitingForBuddy] }),
      'GET /api/v1/org/jobs?filter=open': ok({ jobs: [unfilled, waitingForBuddy, quiet] }),
      'GET /api/v1/org/jobs?filter=all': ok({ jobs: [] }),
    });
    renderAt('/coach/jobs');
    await screen.findByTestId('coach-board');
    expect(await screen.findAllByTestId('board-job')).toHaveLength(2);
    const filter = screen.getByTestId('board-filter');
    expect(filter.tagName).toBe('NAV');
    expect(filter.getAttribute('aria-label')).toBe('Welke klussen tonen');
    expect(within(filter).getByRole('link', { name: 'Aandacht nodig' }).getAttribute('aria-current')).toBe('page');

    fireEvent.click(within(filter).getByRole('link', { name: 'Open' }));
    await waitFor(() => expect(screen.getAllByTestId('board-job')).toHaveLength(3));
    expect(window.location.search).toBe('?filter=open');
    expect(within(filter).getByRole('link', { name: 'Open' }).getAttribute('aria-current')).toBe('page');
    expect(within(filter).getByRole('link', { name: 'Aandacht nodig' }).hasAttribute('aria-current')).toBe(false);

    fireEvent.click(within(filter).getByRole('link', { name: 'Alle' }));
    expect((await screen.findByTestId('board-empty')).textContent).toBe('Geen komende klussen.');
    expect(calls.filter((c) => c.path === '/api/v1/org/jobs').map((c) => c.url.search)).toEqual([
      '?filter=attention',
      '?filter=open',
      '?filter=all',
    ]);
  });

  it('shows each job as a card and marks the ones that need attention with an icon and words', async () => {
    coachApi({ 'GET /api/v1/org/jobs': ok({ jobs: [unfilled, waitingForBuddy, quiet] }) });
    renderAt('/coach/jobs?filter=open');
    const cards = await screen.findAllByTestId('board-job');
    const [first, second, third] = cards as [HTMLElement, HTMLElement, HTMLElement];

    expect(within(first).getByRole('link').getAttribute('href')).toBe('/coach/jobs/12');
    await waitFor(() => expect(within(first).getByRole('link').textContent).toContain('Poetsen'));
    expect(first.querySelector('.list__icon svg')).not.toBeNull();
    expect(first.textContent).toContain('Genk');
    expect(plain(first.textContent)).toContain('09:00–11:00');
    expect(within(first).getByTestId('job-state').textContent).toBe('Niemand gevonden');
    expect(within(first).getByTestId('board-places').textContent).toBe('0 van 2 plaatsen bezet');
    expect(within(first).getByTestId('board-pending').textContent).toBe('0 aanbiedingen wachten op antwoord');
    expect(within(first).getByTestId('board-declines').textContent).toBe('4 keer nee');

    // Not by colour only: an icon and words say why.
    expect(first.dataset.attention).toBe('true');
    const mark = within(first).getByTestId('board-attention');
    expect(mark.querySelector('svg')).not.toBeNull();
    expect(mark.textContent).toBe('Aandacht nodig: Niemand gevonden.');

    expect(second.dataset.attention).toBe('true');
    expect(within(second).getByTestId('board-attention').textContent).toBe('Aandacht nodig: 1 medewerker wacht op een buddy.');
    expect(within(second).getByTestId('board-awaiting').textContent).toBe('1 wacht op een buddy');
    expect(within(second).getByTestId('board-declines').textContent).toBe('1 keer nee');
    expect(second.textContent).toContain('Meubels monteren');

    expect(third.dataset.attention).toBe('false');
    expect(within(third).queryByTestId('board-attention')).toBeNull();
    expect(within(third).getByTestId('board-awaiting').textContent).toBe('0 wachten op een buddy');
    expect(within(third).getByTestId('board-pending').textContent).toBe('1 aanbod wacht op antwoord');
  });

  it('says why a job that starts within 24 hours with places left is on the attention list', async () => {
    vi.setSystemTime(new Date('2026-12-01T12:00:00+01:00'));
    coachApi({ 'GET /api/v1/org/jobs?filter=attention': ok({ jobs: [quiet, waitingForBuddy] }) });
    renderAt('/coach/jobs');
    const cards = await screen.findAllByTestId('board-job');
    // Every card on this list says why it is there.
    for (const card of cards) {
      expect(card.dataset.attention).toBe('true');
      expect(within(card).getByTestId('board-attention')).toBeTruthy();
    }
    const [soon, both] = cards as [HTMLElement, HTMLElement];
    const note = within(soon).getByTestId('board-attention');
    expect(plain(note.textContent)).toBe('Aandacht nodig: Begint binnen 24 uur en er zijn nog plaatsen vrij.');
    const reason = within(note).getByTestId('attention-reason');
    expect(reason.dataset.reason).toBe('soon');
    expect(reason.querySelector('svg')).not.toBeNull();
    // Each reason has its own icon and words.
    const reasons = within(both).getAllByTestId('attention-reason');
    expect(reasons.map((r) => r.dataset.reason)).toEqual(['buddy', 'soon']);
    expect(reasons.every((r) => r.querySelector('svg') !== null)).toBe(true);
    expect(plain(within(both).getByTestId('board-attention').textContent)).toBe(
      'Aandacht nodig: 1 medewerker wacht op een buddy. Begint binnen 24 uur en er zijn nog plaatsen vrij.',
    );
  });

  it('refreshes quietly on “Vernieuwen”: the list stays, no spinner, then the new list', async () => {
    const second = deferred<Response>();
    const { calls } = coachApi({
      'GET /api/v1/org/jobs?filter=attention': [ok({ jobs: [unfilled] }), () => second.promise],
    });
    renderAt('/coach/jobs');
    const list = await screen.findByTestId('board-list');
    expect(screen.getAllByTestId('board-job')).toHaveLength(1);

    fireEvent.click(screen.getByTestId('board-refresh'));
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/org/jobs')).toHaveLength(2));
    expect(screen.queryByTestId('loading')).toBeNull();
    expect(screen.getByTestId('board-list')).toBe(list);
    expect(screen.getAllByTestId('board-job')).toHaveLength(1);

    second.resolve(jsonResponse({ jobs: [unfilled, waitingForBuddy] }));
    await waitFor(() => expect(screen.getAllByTestId('board-job')).toHaveLength(2));
    expect(screen.getByTestId('board-list')).toBe(list);
    expect(screen.getByTestId('board-refreshed').textContent).toBe('De lijst is bijgewerkt.');
  });

  it('keeps the list and says so when a refresh by hand fails', async () => {
    coachApi({
      'GET /api/v1/org/jobs?filter=attention': [ok({ jobs: [unfilled] }), problemDoc(503, { code: 'unavailable', title: 'Even niet bereikbaar' })],
    });
    renderAt('/coach/jobs');
    const list = await screen.findByTestId('board-list');
    fireEvent.click(screen.getByTestId('board-refresh'));
    const error = await screen.findByTestId('board-refresh-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('board-list')).toBe(list);
    expect(screen.getAllByTestId('board-job')).toHaveLength(1);
  });

  it('loads the jobs that board events name, together in one request, never the whole list', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/jobs?filter=attention': ok({ jobs: [unfilled] }),
      'GET /api/v1/org/jobs?filter=attention&ids=13,12': ok({ jobs: [{ ...unfilled, declines: 5 }, waitingForBuddy] }),
      // No longer needs attention: off the list.
      'GET /api/v1/org/jobs?filter=attention&ids=12': ok({ jobs: [] }),
    });
    renderAt('/coach/jobs');
    const list = await screen.findByTestId('board-list');
    act(() => {
      FakeWebSocket.last.open().ready(4).event(5, 'board_changed', { job_id: 13 }).event(6, 'board_changed', { job_id: 12 }).event(7, 'board_changed', { job_id: 13 });
    });
    await waitFor(() => expect(screen.getAllByTestId('board-job')).toHaveLength(2));
    expect(screen.getByTestId('board-list')).toBe(list);
    expect(screen.queryByTestId('loading')).toBeNull();
    expect(within(screen.getAllByTestId('board-job')[0]!).getByTestId('board-declines').textContent).toBe('5 keer nee');
    const searches = () => calls.filter((c) => c.path === '/api/v1/org/jobs').map((c) => c.url.search);
    expect(searches()).toEqual(['?filter=attention', '?filter=attention&ids=13,12']);
    expect(screen.getByTestId('board-updated').textContent).toBe('Klus bijgewerkt.');

    act(() => {
      FakeWebSocket.last.event(8, 'board_changed', { job_id: 12 });
    });
    await waitFor(() => expect(screen.getAllByTestId('board-job')).toHaveLength(1));
    expect(screen.getByTestId('board-job').dataset.jobId).toBe('13');
    expect(searches()).toHaveLength(3);
  });

  it('shows who is booked, whether they came, and whom to call at the other organisation', async () => {
    const job = boardJob({
      id: 30,
      state: 'in_progress',
      booked: 1,
      workers_needed: 1,
      people: [
        { place: 1, role: 'worker', person: { organisation: 'Kompas Maatwerk Genk' }, arrival: 'not_arrived', checked_in_at: null },
        { place: 1, role: 'buddy', person: { id: 7, name: 'Bert V.', organisation: 'De Schakel Hasselt vzw' }, arrival: 'late', checked_in_at: '2026-12-02T09:20:00+01:00' },
      ],
      other_organisations: [{ id: 1, name: 'Kompas Maatwerk Genk', coordinators: [{ role: 'coordinator', first_name: 'Marie', phone: '+32 470 12 34 56' }] }],
    });
    coachApi({ 'GET /api/v1/org/jobs?filter=today': ok({ jobs: [job, boardJob({ id: 31, people: [] })] }) });
    renderAt('/coach/jobs?filter=today');
    const [card, empty] = (await screen.findAllByTestId('board-job')) as [HTMLElement, HTMLElement];
    expect(card.dataset.column).toBe('running');
    expect(empty.dataset.column).toBe('fill');
    const [worker, buddy] = within(card).getAllByTestId('board-person') as [HTMLElement, HTMLElement];
    expect(worker.textContent).toContain('iemand van Kompas Maatwerk Genk');
    expect(within(worker).queryByRole('link')).toBeNull();
    expect(worker.dataset.arrival).toBe('not_arrived');
    expect(within(worker).getByTestId('board-arrival').textContent).toBe('Niet aangekomen');
    expect(within(worker).getByTestId('board-arrival').querySelector('svg')).not.toBeNull();
    expect(within(buddy).getByRole('link').getAttribute('href')).toBe('/coach/people/7');
    expect(plain(within(buddy).getByTestId('board-arrival').textContent)).toBe('Te laat, aangekomen om 09:20');
    const call = within(card).getByTestId('board-call');
    expect(call.getAttribute('href')).toBe('tel:+32470123456');
    expect(call.textContent).toBe('Bel Marie (+32 470 12 34 56)');
    expect(within(card).getByTestId('board-other').textContent).toContain('Coördinator van Kompas Maatwerk Genk');
    expect(within(empty).getByTestId('board-nobody').textContent).toBe('Nog niemand geboekt.');
    const filter = screen.getByTestId('board-filter');
    expect(within(filter).getByRole('link', { name: 'Vandaag' }).getAttribute('aria-current')).toBe('page');
    expect(within(filter).getAllByRole('link').map((a) => a.textContent)).toEqual(['Aandacht nodig', 'Vandaag', 'Niet aangekomen', 'Veiligheid', 'Open', 'Alle']);
  });

  it('says when nothing needs attention', async () => {
    coachApi({ 'GET /api/v1/org/jobs': ok({ jobs: [] }) });
    renderAt('/coach/jobs');
    expect((await screen.findByTestId('board-empty')).textContent).toContain('Geen klussen die aandacht nodig hebben.');
  });
});

