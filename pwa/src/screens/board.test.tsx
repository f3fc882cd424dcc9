import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import {
  attentionReasons,
  barScale,
  type BoardJob,
  type BoardJobDetail,
  type BoardOffer,
  filterOf,
  points,
  sortBuddyRequests,
  sortOffers,
} from '../board';
import { forgetNews } from '../live';
import { categoriesBody, deferred, jsonResponse, mockApi, noContent, ok, problemDoc, session } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { brusselsClock, plain } from '../test/clock';
import { renderAt } from '../test/render';

// Times on the board are Belgian times. The board's clock: the fixtures' jobs start on
// 2 December, days from now.
brusselsClock(new Date('2026-11-28T10:00:00+01:00'), () => {
  sessionStorage.clear();
  forgetNews();
});

function boardJob(extra: Partial<BoardJob> = {}): BoardJob {
  return {
    id: 12,
    category: 'cleaning',
    municipality: 'Genk',
    start: '2026-12-02T09:00:00+01:00',
    end: '2026-12-02T11:00:00+01:00',
    state: 'offering',
    workers_needed: 2,
    booked: 1,
    awaiting_buddy: 0,
    offers_pending: 2,
    declines: 3,
    level: 1,
    buddy: 'allowed',
    ...extra,
  };
}

const unfilled = boardJob({ id: 12, state: 'unfilled', booked: 0, offers_pending: 0, declines: 4 });
const waitingForBuddy = boardJob({ id: 13, category: 'flatpack', municipality: 'Hasselt', state: 'offering', awaiting_buddy: 1, declines: 1 });
const quiet = boardJob({ id: 14, municipality: 'Beringen', state: 'offering', booked: 0, offers_pending: 1, declines: 0 });

function detail(extra: Partial<BoardJobDetail> = {}): BoardJobDetail {
  return {
    job: unfilled,
    description: 'Ramen en keuken.',
    offers: [
      {
        id: 6,
        wave: 2,
        state: 'expired',
        decline_reason: null,
        score: 0.52,
        breakdown: { travel: 0.1, skill: 0.05, fairness: 0.2, reliability: 0.1, familiarity: 0, buddy_travel: 0.05, travel_minutes: 25, level: 1, verified: false, hours_last_30_days: 12, jobs_for_poster: 0 },
        travel_minutes: 25,
        needs_buddy: false,
        created_at: '2026-12-01T11:00:00+01:00',
        answered_at: null,
        worker: { organisation: 'Werkplaats X' },
      },
      {
        id: 5,
        wave: 1,
        state: 'declined',
        decline_reason: 'too_far',
        score: 0.71,
        breakdown: {
          travel: 0.2,
          skill: 0.1,
          fairness: 0.25,
          reliability: 0.15,
          familiarity: 0,
          buddy_travel: 0.05,
          travel_minutes: 12.5,
          level: 2,
          verified: true,
          hours_last_30_days: 6,
          jobs_for_poster: 0,
        },
        travel_minutes: 12.5,
        needs_buddy: false,
        created_at: '2026-12-01T10:00:00+01:00',
        answered_at: '2026-12-01T10:05:00+01:00',
        worker: { id: 44, name: 'Ahmed B.', organisation: 'Kompas Maatwerk Genk' },
      },
    ],
    buddy_requests: [
      {
        id: 9,
        wave: 1,
        state: 'declined',
        decline_reason: 'not_available',
        travel_minutes: 18.4,
        created_at: '2026-12-01T10:10:00+01:00',
        answered_at: '2026-12-01T10:20:00+01:00',
        buddy: { id: 52, name: 'Mia P.', organisation: 'Kompas Maatwerk Genk' },
      },
      {
        id: 10,
        wave: 2,
        state: 'pending',
        decline_reason: null,
        travel_minutes: 9,
        created_at: '2026-12-01T11:00:00+01:00',
        answered_at: null,
        buddy: { organisation: 'Buddywerk Hasselt' },
      },
      {
        id: 8,
        wave: 1,
        state: 'accepted',
        decline_reason: null,
        travel_minutes: 1,
        created_at: '2026-12-01T10:00:00+01:00',
        answered_at: '2026-12-01T10:02:00+01:00',
        buddy: { id: 51, name: 'Jan D.', organisation: 'Kompas Maatwerk Genk' },
      },
    ],
    assignments: [
      { place: 2, worker: { organisation: 'Werkplaats X' }, buddy: { state: 'searching' } },
      {
        place: 1,
        worker: { id: 45, name: 'Ewa K.', organisation: 'Kompas Maatwerk Genk' },
        buddy: { state: 'confirmed', person: { id: 51, name: 'Jan D.', organisation: 'Kompas Maatwerk Genk' } },
      },
      { place: 3, worker: { id: 46, name: 'Ilse V.', organisation: 'Kompas Maatwerk Genk' }, buddy: { state: 'confirmed', person: { organisation: 'Buddywerk Hasselt' } } },
    ],
    transitions: [
      { from: 'open', to: 'offering', at: '2026-12-01T09:00:00+01:00', by: 'system', late: false },
      { from: 'offering', to: 'unfilled', at: '2026-12-01T12:00:00+01:00', by: 'system', late: false },
    ],
    ...extra,
  };
}

function coachApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/session': ok(session('coordinator')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/notifications': ok({ notifications: [] }),
    ...extra,
  });
}

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
  });

  it('reads the filter from the address, attention by default', () => {
    expect(filterOf(null)).toBe('attention');
    expect(filterOf('open')).toBe('open');
    expect(filterOf('all')).toBe('all');
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

  it('refreshes quietly when news arrives', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/jobs?filter=attention': [ok({ jobs: [unfilled] }), ok({ jobs: [unfilled, waitingForBuddy] })],
    });
    renderAt('/coach/jobs');
    const list = await screen.findByTestId('board-list');
    expect(calls.filter((c) => c.path === '/api/v1/org/jobs')).toHaveLength(1);

    act(() => {
      FakeWebSocket.last.open().ready(4).event(5, 'coordinator_alert', { job_id: 13 });
    });
    await waitFor(() => expect(screen.getAllByTestId('board-job')).toHaveLength(2));
    expect(screen.getByTestId('board-list')).toBe(list);
    expect(screen.queryByTestId('loading')).toBeNull();
    expect(calls.filter((c) => c.path === '/api/v1/org/jobs')).toHaveLength(2);
  });

  it('says when nothing needs attention', async () => {
    coachApi({ 'GET /api/v1/org/jobs': ok({ jobs: [] }) });
    renderAt('/coach/jobs');
    expect((await screen.findByTestId('board-empty')).textContent).toContain('Geen klussen die aandacht nodig hebben.');
  });
});

describe('coordinator: one job', () => {
  it('shows the job, who was asked and why: own people by name with a link, others by organisation', async () => {
    coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      // The person the link opens (this test does not wait for their page).
      'GET /api/v1/org/people/44': () => new Promise<Response>(() => {}),
    });
    renderAt('/coach/jobs/12');
    const page = await screen.findByTestId('coach-job');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Poetsen'));
    expect(within(page).getByTestId('coach-attention').textContent).toBe('Aandacht nodig: Niemand gevonden.');
    expect(page.textContent).toContain('Ramen en keuken.');
    expect(page.textContent).toContain('0 van 2 plaatsen bezet');

    expect(screen.getByRole('heading', { level: 2, name: 'Wie kreeg een aanbod en waarom' })).toBeTruthy();
    const waves = screen.getAllByTestId('coach-wave');
    expect(waves.map((w) => w.querySelector('h3')?.textContent)).toEqual(['Golf 1', 'Golf 2']);

    const offers = screen.getAllByTestId('coach-offer');
    expect(offers.map((o) => o.dataset.offerId)).toEqual(['5', '6']);
    const [own, other] = offers as [HTMLElement, HTMLElement];

    const link = within(own).getByRole('link', { name: 'Ahmed B.' });
    expect(link.getAttribute('href')).toBe('/coach/people/44');
    expect(within(own).getByTestId('offer-state').textContent).toBe('Zei nee');
    expect(within(own).getByTestId('offer-reason').textContent).toBe('Reden: Te ver');
    expect(within(own).getByTestId('offer-travel').textContent).toBe('Reistijd: 13 minuten');
    expect(plain(own.textContent)).toContain('Gevraagd: ');
    expect(plain(own.textContent)).toContain('Antwoord: ');

    expect(within(other).queryByRole('link')).toBeNull();
    expect(within(other).getByTestId('worker-other').textContent).toBe('iemand van Werkplaats X');
    expect(within(other).getByTestId('offer-state').textContent).toBe('Geen antwoord op tijd');
    expect(within(other).queryByTestId('offer-reason')).toBeNull();
    expect(plain(other.textContent)).not.toContain('Antwoord: ');

    // The link opens the person.
    fireEvent.click(link);
    await waitFor(() => expect(window.location.pathname).toBe('/coach/people/44'));
  });

  it('breaks the score down into readable parts with the facts behind them', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const own = (await screen.findAllByTestId('coach-offer'))[0]!;
    const table = within(own).getByTestId('coach-breakdown');
    expect(table.tagName).toBe('TABLE');
    expect(table.querySelector('caption')?.textContent).toBe('Waarom deze persoon? Score: 71 van 100 punten.');

    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => ({
      part: tr.querySelector('.breakdown__name')?.textContent,
      fact: tr.querySelector('.breakdown__fact')?.textContent ?? '',
      points: tr.querySelector('[data-testid="breakdown-points"]')?.textContent,
      bar: (tr.querySelector('.breakdown__fill') as HTMLElement | null)?.style.width,
    }));
    expect(rows).toEqual([
      { part: 'Reistijd', fact: '12,5 minuten onderweg', points: '20', bar: '80%' },
      { part: 'Vaardigheid', fact: 'niveau 2, nagekeken door een coach', points: '10', bar: '40%' },
      { part: 'Eerlijke verdeling', fact: '6 uur gewerkt in de laatste 30 dagen', points: '25', bar: '100%' },
      { part: 'Betrouwbaarheid', fact: '', points: '15', bar: '60%' },
      { part: 'Kent de klant', fact: '0 klussen gedaan voor deze klant', points: '0', bar: '0%' },
      { part: 'Buddy-reistijd', fact: 'geen buddy nodig', points: '5', bar: '20%' },
    ]);
    // Row headers name each line for screen readers; the bar itself is decoration.
    expect(table.querySelectorAll('th[scope="row"]')).toHaveLength(6);
    expect(table.querySelector('.breakdown__bar')?.getAttribute('aria-hidden')).toBe('true');

    const other = screen.getAllByTestId('coach-offer')[1]!;
    expect(within(other).getByTestId('coach-breakdown').textContent).toContain('niveau 1, niet nagekeken');
  });

  it('shows who is booked with their buddy, and what happened when', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const places = await screen.findAllByTestId('coach-assignment');
    expect(places.map((p) => p.dataset.place)).toEqual(['1', '2', '3']);
    expect(within(places[0]!).getByRole('link', { name: 'Ewa K.' }).getAttribute('href')).toBe('/coach/people/45');
    // The buddy is named like the workers: a link for the coordinator's own people …
    const buddy = within(places[0]!).getByTestId('assignment-buddy');
    expect(plain(buddy.textContent)).toBe('Buddy: Jan D.');
    expect(within(buddy).getByRole('link', { name: 'Jan D.' }).getAttribute('href')).toBe('/coach/people/51');
    expect(within(places[1]!).getByTestId('worker-other').textContent).toBe('iemand van Werkplaats X');
    expect(within(places[1]!).getByTestId('assignment-buddy').textContent).toBe('We zoeken nog een buddy');
    // … and "someone of" their organisation for others.
    const other = within(places[2]!).getByTestId('assignment-buddy');
    expect(plain(other.textContent)).toBe('Buddy: iemand van Buddywerk Hasselt');
    expect(within(other).queryByRole('link')).toBeNull();
    expect(within(other).getByTestId('buddy-other').querySelector('svg')).not.toBeNull();

    const history = screen.getAllByTestId('coach-transition');
    expect(history.map((h) => h.querySelector('.list__title')?.textContent)).toEqual([
      'Geplaatst → We zoeken mensen',
      'We zoeken mensen → Niemand gevonden',
    ]);
    expect(plain(history[1]!.textContent)).toMatch(/12:00 · door Klusbuddy$/);
    expect(screen.queryByTestId('transition-late')).toBeNull();
  });

  it('names who made each change, buddies and admins too, and marks late ones', async () => {
    coachApi({
      'GET /api/v1/org/jobs/12': ok(
        detail({
          transitions: [
            { from: 'filled', to: 'offering', at: '2026-12-01T09:00:00+01:00', by: 'buddy', late: true },
            { from: 'offering', to: 'cancelled', at: '2026-12-01T10:00:00+01:00', by: 'admin', late: false },
            { from: 'offering', to: 'filled', at: '2026-12-01T11:00:00+01:00', by: 'worker', late: false },
          ],
        }),
      ),
    });
    renderAt('/coach/jobs/12');
    const history = await screen.findAllByTestId('coach-transition');
    expect(plain(history[0]!.textContent)).toContain('09:00 · door een buddy');
    expect(plain(history[1]!.textContent)).toContain('10:00 · door een beheerder');
    expect(plain(history[2]!.textContent)).toContain('11:00 · door een medewerker');
    const late = within(history[0]!).getByTestId('transition-late');
    expect(late.textContent).toBe('Te laat: minder dan 24 uur voor de start');
    expect(late.querySelector('svg')).not.toBeNull();
    expect(within(history[1]!).queryByTestId('transition-late')).toBeNull();
  });

  it('offers an unfilled job again and shows it reloaded', async () => {
    const offering = { ...unfilled, state: 'offering' as const, offers_pending: 3 };
    const { calls } = coachApi({
      'GET /api/v1/org/jobs/12': [
        ok(detail()),
        ok(
          detail({
            job: offering,
            transitions: [
              ...detail().transitions,
              { from: 'unfilled', to: 'offering', at: '2026-12-01T13:00:00+01:00', by: 'coordinator', late: false },
            ],
          }),
        ),
      ],
      'POST /api/v1/org/jobs/12/reoffer': ok(offering),
    });
    renderAt('/coach/jobs/12');
    const button = await screen.findByTestId('coach-reoffer');
    expect(button.textContent).toBe('Opnieuw aanbieden');
    expect(button.querySelector('svg')).not.toBeNull();
    fireEvent.click(button);

    const done = await screen.findByTestId('coach-reoffered');
    expect(done.textContent).toBe('De klus wordt opnieuw aangeboden.');
    await waitFor(() => expect(screen.getAllByTestId('coach-transition')).toHaveLength(3));
    expect(screen.queryByTestId('coach-reoffer')).toBeNull();
    expect(screen.getByTestId('job-state').textContent).toBe('We zoeken mensen');
    expect(screen.queryByTestId('coach-attention')).toBeNull();
    expect(screen.getAllByTestId('coach-transition')[2]!.textContent).toContain('door een jobcoach');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/org/jobs/12/reoffer');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-coordinator');
    expect(calls.filter((c) => c.path === '/api/v1/org/jobs/12' && c.method === 'GET')).toHaveLength(2);
  });

  it('says plainly when the job can no longer be offered again (409 closed)', async () => {
    coachApi({
      'GET /api/v1/org/jobs/12': [ok(detail()), ok(detail({ job: { ...unfilled, state: 'filled', booked: 2 } }))],
      'POST /api/v1/org/jobs/12/reoffer': () =>
        new Response(JSON.stringify({ title: 'Conflict', status: 409, code: 'conflict', reason: 'closed' }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    });
    renderAt('/coach/jobs/12');
    fireEvent.click(await screen.findByTestId('coach-reoffer'));
    const error = await screen.findByTestId('coach-reoffer-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('Opnieuw aanbieden kan niet meer. De klus is intussen ingevuld, begonnen of afgesloten.');
    // The job as it is now.
    await waitFor(() => expect(screen.getByTestId('job-state').textContent).toBe('Volzet'));
    expect(screen.queryByTestId('coach-reoffer')).toBeNull();
  });

  it('has no re-offer button for a job that is still being offered', async () => {
    coachApi({ 'GET /api/v1/org/jobs/13': ok(detail({ job: waitingForBuddy, offers: [], assignments: [], transitions: [] })) });
    renderAt('/coach/jobs/13');
    await screen.findByTestId('coach-job');
    expect(screen.queryByTestId('coach-reoffer')).toBeNull();
    expect(screen.getByTestId('coach-attention').textContent).toBe('Aandacht nodig: 1 medewerker wacht op een buddy.');
    expect(screen.getByTestId('coach-no-offers').textContent).toBe('Nog geen aanbiedingen verstuurd.');
    expect(screen.getByTestId('coach-no-assignments')).toBeTruthy();
  });

  it('says so when the job does not exist', async () => {
    coachApi({ 'GET /api/v1/org/jobs/99': problemDoc(404, { code: 'not_found', title: 'Niet gevonden' }) });
    renderAt('/coach/jobs/99');
    expect((await screen.findByTestId('coach-job-not-found')).textContent).toContain('Deze klus vinden we niet');
  });
});

describe('coordinator: the buddies asked for a job', () => {
  it('shows them in their own section by wave: own people by name with a link, others by organisation', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const section = await screen.findByTestId('coach-buddy-requests');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Gevraagde buddy’s');
    expect(screen.getByRole('region', { name: 'Gevraagde buddy’s' })).toBe(section);
    const waves = within(section).getAllByTestId('coach-request-wave');
    expect(waves.map((w) => w.querySelector('h3')?.textContent)).toEqual(['Golf 1', 'Golf 2']);

    const requests = within(section).getAllByTestId('coach-buddy-request');
    expect(requests.map((r) => r.dataset.requestId)).toEqual(['8', '9', '10']);
    const [yes, no, waiting] = requests as [HTMLElement, HTMLElement, HTMLElement];

    expect(within(yes).getByRole('link', { name: 'Jan D.' }).getAttribute('href')).toBe('/coach/people/51');
    expect(within(yes).getByTestId('request-state').textContent).toBe('Zei ja');
    expect(within(yes).getByTestId('request-travel').textContent).toBe('Reistijd: 1 minuut');
    expect(within(yes).queryByTestId('request-reason')).toBeNull();
    expect(plain(yes.textContent)).toContain('Antwoord: ');

    expect(within(no).getByRole('link', { name: 'Mia P.' }).getAttribute('href')).toBe('/coach/people/52');
    expect(within(no).getByTestId('request-state').textContent).toBe('Zei nee');
    expect(within(no).getByTestId('request-state').querySelector('svg')).not.toBeNull();
    expect(within(no).getByTestId('request-reason').textContent).toBe('Reden: Niet beschikbaar');
    expect(within(no).getByTestId('request-travel').textContent).toBe('Reistijd: 18 minuten');

    expect(within(waiting).queryByRole('link')).toBeNull();
    expect(within(waiting).getByTestId('request-buddy-other').textContent).toBe('iemand van Buddywerk Hasselt');
    expect(within(waiting).getByTestId('request-state').textContent).toBe('Wacht op antwoord');
    expect(plain(waiting.textContent)).toContain('Gevraagd: ');
    expect(plain(waiting.textContent)).not.toContain('Antwoord: ');
    // Only the coordinator's own people can be kept away from this customer.
    expect(within(waiting).queryByTestId('coach-never-again')).toBeNull();
    expect(within(no).getByTestId('coach-never-again')).toBeTruthy();
  });

  it('says when another buddy was quicker, or a buddy said no without a reason', async () => {
    const base = detail().buddy_requests[0]!;
    coachApi({
      'GET /api/v1/org/jobs/12': ok(
        detail({
          buddy_requests: [
            { ...base, id: 20, state: 'taken', decline_reason: null },
            { ...base, id: 21, state: 'declined', decline_reason: null },
          ],
        }),
      ),
    });
    renderAt('/coach/jobs/12');
    const [taken, declined] = (await screen.findAllByTestId('coach-buddy-request')) as [HTMLElement, HTMLElement];
    expect(within(taken).getByTestId('request-state').textContent).toBe('Een andere buddy gaat al mee');
    expect(within(declined).getByTestId('request-reason').textContent).toBe('Reden: niet gezegd');
  });

  it('says so when no buddy was asked yet', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail({ buddy_requests: [] })) });
    renderAt('/coach/jobs/12');
    expect((await screen.findByTestId('coach-no-buddy-requests')).textContent).toBe('Nog geen buddy’s gevraagd.');
    expect(screen.queryAllByTestId('coach-buddy-request')).toHaveLength(0);
  });
});

describe('coordinator: never again with this customer', () => {
  const ewaOffer: BoardOffer = {
    ...detail().offers[1]!,
    id: 7,
    state: 'accepted',
    decline_reason: null,
    worker: { id: 45, name: 'Ewa K.', organisation: 'Kompas Maatwerk Genk' },
  };

  it('is there for own people only, with an icon and a name that says who', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const [own, other] = (await screen.findAllByTestId('coach-offer')) as [HTMLElement, HTMLElement];
    const button = within(own).getByRole('button', { name: 'Niet meer bij deze klant: Ahmed B.' });
    expect(button.dataset.testid).toBe('coach-never-again');
    expect(button.querySelector('svg')).not.toBeNull();
    expect(within(other).queryByTestId('coach-never-again')).toBeNull();
    const places = screen.getAllByTestId('coach-assignment');
    expect(within(places[0]!).getByRole('button', { name: 'Niet meer bij deze klant: Ewa K.' })).toBeTruthy();
    expect(within(places[1]!).queryByTestId('coach-never-again')).toBeNull();
  });

  it('asks first, then sends {person_id} and says it is done, on every line of that person', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/jobs/12': ok(detail({ offers: [...detail().offers, ewaOffer] })),
      'POST /api/v1/jobs/12/never-again': noContent(),
    });
    renderAt('/coach/jobs/12');
    const offer = (await screen.findAllByTestId('coach-offer')).find((o) => o.dataset.offerId === '7')!;
    fireEvent.click(within(offer).getByTestId('coach-never-again'));
    const question = within(offer).getByTestId('coach-never-again-question');
    expect(question.getAttribute('role')).toBe('group');
    expect(plain(question.textContent)).toContain(
      'Ewa K. komt dan nooit meer bij deze klant: geen klussen en geen vragen om mee te gaan. Voor deze klus verandert er niets. De klant krijgt geen bericht.',
    );
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(within(offer).getByTestId('coach-never-again-confirm'));
    const done = await within(offer).findByTestId('coach-never-again-done');
    expect(done.textContent).toBe('Ewa K. komt niet meer bij deze klant.');
    expect(done.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(done));
    // The same person on their place: done there too, no second button.
    const place = screen.getAllByTestId('coach-assignment')[0]!;
    expect(within(place).getByTestId('coach-never-again-done').textContent).toBe('Ewa K. komt niet meer bij deze klant.');
    expect(within(place).queryByTestId('coach-never-again')).toBeNull();
    // Someone else keeps theirs.
    expect(screen.getAllByTestId('coach-offer').filter((o) => within(o).queryByTestId('coach-never-again'))).toHaveLength(1);

    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe('/api/v1/jobs/12/never-again');
    expect(posts[0]!.body).toEqual({ person_id: 45 });
    expect(posts[0]!.headers.get('X-CSRF-Token')).toBe('csrf-coordinator');
  });

  it('blocks a buddy from a buddy request with their person_id', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      'POST /api/v1/jobs/12/never-again': noContent(),
    });
    renderAt('/coach/jobs/12');
    const request = (await screen.findAllByTestId('coach-buddy-request')).find((r) => r.dataset.requestId === '9')!;
    fireEvent.click(within(request).getByRole('button', { name: 'Niet meer bij deze klant: Mia P.' }));
    fireEvent.click(within(request).getByRole('button', { name: 'Ja, niet meer bij deze klant' }));
    expect((await within(request).findByTestId('coach-never-again-done')).textContent).toBe('Mia P. komt niet meer bij deze klant.');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ person_id: 52 });
  });

  it('"Nee, laat maar" closes the question without sending anything', async () => {
    const { calls } = coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const own = (await screen.findAllByTestId('coach-offer'))[0]!;
    fireEvent.click(within(own).getByTestId('coach-never-again'));
    fireEvent.click(within(own).getByRole('button', { name: 'Nee, laat maar' }));
    await waitFor(() => expect(document.activeElement).toBe(within(own).getByTestId('coach-never-again')));
    expect(within(own).queryByTestId('coach-never-again-question')).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says plainly why it did not work: not on the job (404), not allowed (403), no connection', async () => {
    coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      'POST /api/v1/jobs/12/never-again': [
        problemDoc(404, { code: 'not_found', detail: 'There is no such person on this job.' }),
        problemDoc(403, { code: 'forbidden', detail: 'Admins do not block people from posters.' }),
        () => Promise.reject(new TypeError('Failed to fetch')),
      ],
    });
    renderAt('/coach/jobs/12');
    const own = (await screen.findAllByTestId('coach-offer'))[0]!;
    fireEvent.click(within(own).getByTestId('coach-never-again'));
    const question = within(own).getByTestId('coach-never-again-question');
    const confirm = within(own).getByTestId('coach-never-again-confirm');

    fireEvent.click(confirm);
    expect((await within(question).findByRole('alert')).textContent).toBe(
      'Dat lukte niet: Ahmed B. staat niet op deze klus, of is niet van jouw organisatie.',
    );
    fireEvent.click(confirm);
    await waitFor(() => expect(within(question).getByRole('alert').textContent).toBe('Dit kan niet met jouw account.'));
    fireEvent.click(confirm);
    await waitFor(() => expect(within(question).getByRole('alert').textContent).toContain('Geen verbinding met Klusbuddy.'));
    expect(within(own).queryByTestId('coach-never-again-done')).toBeNull();
  });
});
