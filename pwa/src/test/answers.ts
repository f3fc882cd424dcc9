// Fixtures of the worker's and the buddy's homes (screens/offers.tsx, screens/buddy.tsx), which
// share their cards: an offer and a booked job, a buddy request and an accompaniment, each as
// docs/openapi.yaml describes it, and the fake API of each home. The clock: 1 December 2026,
// 10:00 in Brussels (answerClock).
import { afterAll, afterEach, beforeEach, vi } from 'vitest';
import type { Accompaniment, BuddyRequest } from '../buddy';
import { forgetBuddyRequestKeys } from '../buddy';
import type { Job } from '../jobs';
import { forgetNews } from '../live';
import { type Assignment, forgetOfferKeys, type Offer } from '../offers';
import { categoriesBody, mockApi, ok, session, user, workerProfile } from './fixtures';

export const NOW = new Date('2026-12-01T10:00:00+01:00');

/** Brussels time, the clock at NOW (only Date is fake: findBy/waitFor keep real timers), and
 * nothing left behind: keys, news, the address. */
export function answerClock(more: () => void = () => {}) {
  const savedTz = process.env.TZ;
  process.env.TZ = 'Europe/Brussels';
  afterAll(() => {
    process.env.TZ = savedTz;
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    sessionStorage.clear();
    forgetOfferKeys();
    forgetBuddyRequestKeys();
    forgetNews();
    more();
    window.history.replaceState(null, '', '/');
  });
}

export const plain = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');

export const home = { id: 5, label: 'Thuis', street: 'Stationsstraat 12', postcode: '3600', municipality: 'Genk', lat: 50.96, lon: 5.5 };

/** A job someone is booked on (tomorrow 09:00–11:00, cleaning in Genk). */
export function bookedJob(id: number, worker: string, buddy: Job['places'][number]['buddy'], extra: Partial<Job> = {}): Job {
  return {
    id,
    category: 'cleaning',
    description: '',
    start: '2026-12-02T09:00:00+01:00',
    end: '2026-12-02T11:00:00+01:00',
    workers_needed: 1,
    level: 1,
    buddy: 'allowed',
    language_hints: [],
    state: 'filled',
    address: home,
    coming: [worker],
    window_days: 1,
    buddies: buddy.state === 'confirmed' && buddy.first_name ? [buddy.first_name] : [],
    awaiting_buddy: buddy.state === 'searching' ? 1 : 0,
    booked: 1,
    editable: false,
    places: [{ place: 1, first_name: worker, buddy }],
    price: { unit: 'hour', unit_price_cents: 2400, currency: 'EUR' },
    ...extra,
  };
}

// ---- the worker ----

export function offer(extra: Partial<Offer> = {}): Offer {
  return {
    id: 301,
    job_id: 77,
    category: 'cleaning',
    description: '',
    municipality: 'Genk',
    start: '2026-12-02T09:00:00+01:00',
    end: '2026-12-02T11:00:00+01:00',
    travel_minutes: 14.6,
    needs_buddy: false,
    expires_at: '2026-12-01T10:12:00+01:00',
    ...extra,
  };
}

export function assignment(jobId = 77, extra: Partial<Job> = {}, buddy: Assignment['buddy'] = { state: 'none' }): Assignment {
  return { job_id: jobId, place: 1, buddy, job: bookedJob(jobId, 'Ayşe', { state: 'none' }, extra) };
}

export function workerApi(routes: Parameters<typeof mockApi>[0] = {}, offers: Offer[] = [offer()], assignments: Assignment[] = []) {
  return mockApi({
    'GET /api/v1/session': ok(session('worker')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/me/profile': ok({ user: user('worker'), worker: workerProfile() }),
    'GET /api/v1/offers': ok({ offers }),
    'GET /api/v1/me/assignments': ok({ assignments }),
    'GET /api/v1/notifications': ok({ notifications: [] }),
    ...routes,
  });
}

// ---- the buddy ----

export function request(extra: Partial<BuddyRequest> = {}): BuddyRequest {
  return {
    id: 7,
    job_id: 12,
    category: 'cleaning',
    description: 'Eerste keer bij deze klant.',
    municipality: 'Genk',
    start: '2026-12-02T09:00:00+01:00',
    end: '2026-12-02T11:00:00+01:00',
    travel_minutes: 14.5,
    worker_first_name: 'Ahmed',
    expires_at: '2026-12-01T10:12:00+01:00',
    ...extra,
  };
}

export function accompaniment(id = 31, jobExtra: Partial<Job> = {}, worker = 'Ahmed'): Accompaniment {
  return { id, job_id: 12, worker_first_name: worker, job: bookedJob(12, worker, { state: 'confirmed', first_name: 'Jan' }, jobExtra) };
}

export function buddyApi(routes: Parameters<typeof mockApi>[0] = {}, requests: BuddyRequest[] = [request()], accompaniments: Accompaniment[] = []) {
  return mockApi({
    'GET /api/v1/session': ok(session('buddy')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/me/buddy-requests': ok({ requests }),
    'GET /api/v1/me/accompaniments': ok({ accompaniments }),
    'GET /api/v1/notifications': ok({ notifications: [] }),
    ...routes,
  });
}
