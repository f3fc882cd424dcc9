// Offline everywhere a worker or a buddy goes (issue 14): each of their screens shows what it
// last saw when there is no connection, marked "possibly out of date", loads again by itself
// when the connection is back, and never shows another account's copy on the same phone.
import { act, cleanup, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { forgetNews } from '../live';
import { accompaniment, answerClock, assignment, buddyApi, offer, plain, request, workerApi } from '../test/answers';
import { buddyProfile, mockApi, ok, session, user, workerProfile } from '../test/fixtures';
import { renderAt } from '../test/render';

answerClock(() => forgetNews());

const offline = () => () => {
  throw new TypeError('Failed to fetch');
};

type Routes = Parameters<typeof mockApi>[0];

type Case = {
  name: string;
  role: 'worker' | 'buddy';
  path: string;
  /** The routes of the screen, answering with the first (a) or the second (b) data. */
  routes: (which: 'a' | 'b' | 'offline') => Routes;
  /** Whether the screen shows the first (a) or the second (b) data. */
  shows: (which: 'a' | 'b') => Promise<void>;
  stale: string[];
};

const api = (c: Case, which: 'a' | 'b' | 'offline', id = 12) => {
  const base = c.role === 'worker' ? workerApi : buddyApi;
  return base({ 'GET /api/v1/session': ok(session(c.role, { id })), ...c.routes(which) }, [], []);
};

const hours = (month_hours: number) => ({
  month: '2026-12',
  month_hours,
  year_hours: 100,
  month_cap: 60,
  year_cap: 630,
  rate_cents: null,
  month_pay_cents: null,
  jobs: [],
  history: [],
});
const volunteer = (year_hours: number) => ({ year: 2026, year_hours, total_hours: 12, jobs: [] });
const device = (name: string) => ({ id: 1, device: name, current: true, created_at: '2026-11-01T10:00:00+01:00', last_seen_at: '2026-12-01T09:00:00+01:00', expires_at: '2027-01-01T09:00:00+01:00' });
const answer = (which: 'a' | 'b' | 'offline', a: unknown, b: unknown) => (which === 'offline' ? offline() : ok(which === 'a' ? a : b));

const CASES: Case[] = [
  {
    name: "the worker's home (offers and booked jobs)",
    role: 'worker',
    path: '/',
    routes: (w) => ({
      'GET /api/v1/offers': answer(w, { offers: [offer()] }, { offers: [] }),
      'GET /api/v1/me/assignments': answer(w, { assignments: [assignment()] }, { assignments: [] }),
    }),
    shows: async (w) => {
      if (w === 'a') {
        await screen.findByTestId('offer');
        await screen.findByTestId('assignment');
      } else {
        await screen.findByTestId('offers-empty');
      }
    },
    stale: ['offers-stale', 'assignments-stale'],
  },
  {
    name: "the buddy's home (requests and accompaniments)",
    role: 'buddy',
    path: '/',
    routes: (w) => ({
      'GET /api/v1/me/buddy-requests': answer(w, { requests: [request()] }, { requests: [] }),
      'GET /api/v1/me/accompaniments': answer(w, { accompaniments: [accompaniment()] }, { accompaniments: [] }),
    }),
    shows: async (w) => {
      if (w === 'a') {
        await screen.findByTestId('buddy-request');
        await screen.findByTestId('accompaniment');
      } else {
        await screen.findByTestId('requests-empty');
      }
    },
    stale: ['buddy-requests-stale', 'accompaniments-stale'],
  },
  {
    name: 'my hours',
    role: 'worker',
    path: '/uren',
    routes: (w) => ({ 'GET /api/v1/me/hours': answer(w, hours(4), hours(9)) }),
    shows: async (w) => {
      await waitFor(() => expect(plain(screen.getByTestId('cap-month-text').textContent)).toContain(w === 'a' ? '4 uur' : '9 uur'));
    },
    stale: ['my-hours-stale'],
  },
  {
    name: "the buddy's volunteer hours",
    role: 'buddy',
    path: '/vrijwilligersuren',
    routes: (w) => ({ 'GET /api/v1/me/volunteer-hours': answer(w, volunteer(6.5), volunteer(8)) }),
    shows: async (w) => {
      await waitFor(() => expect(plain(screen.getByTestId('volunteer-year').textContent)).toBe(w === 'a' ? '6,5 uur' : '8 uur'));
    },
    stale: ['volunteer-hours-stale'],
  },
  {
    name: "the worker's profile",
    role: 'worker',
    path: '/profile',
    routes: (w) => ({
      'GET /api/v1/me/profile': answer(w, { user: user('worker', { last_name: 'Aydın' }), worker: workerProfile() }, { user: user('worker', { last_name: 'Demir' }), worker: workerProfile() }),
    }),
    shows: async (w) => {
      await waitFor(() => expect(screen.getByTestId('profile').textContent).toContain(w === 'a' ? 'Aydın' : 'Demir'));
    },
    stale: ['profile-stale'],
  },
  {
    name: "the buddy's profile",
    role: 'buddy',
    path: '/profile',
    routes: (w) => ({
      'GET /api/v1/me/profile': answer(w, { user: user('buddy', { last_name: 'Aydın' }), buddy: buddyProfile() }, { user: user('buddy', { last_name: 'Demir' }), buddy: buddyProfile() }),
    }),
    shows: async (w) => {
      await waitFor(() => expect(screen.getByTestId('profile').textContent).toContain(w === 'a' ? 'Aydın' : 'Demir'));
    },
    stale: ['profile-stale'],
  },
  {
    name: 'the devices',
    role: 'worker',
    path: '/devices',
    routes: (w) => ({ 'GET /api/v1/sessions': answer(w, { sessions: [device('Telefoon A')] }, { sessions: [device('Telefoon B')] }) }),
    shows: async (w) => {
      await waitFor(() => expect(screen.getByTestId('session').textContent).toContain(w === 'a' ? 'Telefoon A' : 'Telefoon B'));
    },
    stale: ['devices-stale'],
  },
];

describe.each(CASES)('without a connection: $name', (c) => {
  it('shows what it last saw, marked, and loads again by itself when the connection is back', async () => {
    api(c, 'a');
    renderAt(c.path);
    await c.shows('a');
    for (const id of c.stale) expect(screen.queryByTestId(id)).toBeNull();
    cleanup();
    forgetNews();

    // The reload, offline.
    api(c, 'offline');
    renderAt(c.path);
    await c.shows('a');
    for (const id of c.stale) {
      const mark = await screen.findByTestId(id);
      expect(plain(mark.textContent)).toMatch(/^Geen verbinding\. Dit bewaarde je telefoon \(Vandaag \d\d:\d\d\); het kan intussen veranderd zijn\.$/);
      expect(mark.querySelector('svg')).not.toBeNull();
    }

    // Back online: the server's answer replaces the copy, and the mark goes.
    api(c, 'b');
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await c.shows('b');
    await waitFor(() => {
      for (const id of c.stale) expect(screen.queryByTestId(id)).toBeNull();
    });
  });

  it("never shows another account's copy on the same phone", async () => {
    api(c, 'a');
    renderAt(c.path);
    await c.shows('a');
    cleanup();
    forgetNews();

    api(c, 'offline', 99);
    renderAt(c.path);
    expect((await screen.findAllByTestId('load-error')).length).toBeGreaterThan(0);
    for (const id of c.stale) expect(screen.queryByTestId(id)).toBeNull();
  });
});
