// Fixtures of the worker's and the buddy's homes (screens/offers.tsx, screens/buddy.tsx), which
// share their cards: an offer and a booked job, a buddy request and an accompaniment, each as
// docs/openapi.yaml describes it, and the fake API of each home. The clock: 1 December 2026,
// 10:00 in Brussels (answerClock).
import type { Accompaniment, BuddyRequest } from '../buddy';
import { forgetBuddyRequestKeys } from '../buddy';
import type { Job } from '../jobs';
import { forgetNews } from '../live';
import { type Assignment, forgetOfferKeys, type Offer } from '../offers';
import { brusselsClock } from './clock';
import { categoriesBody, mockApi, ok, problemDoc, session, user, workerProfile } from './fixtures';
import { home, posterJob } from './jobs';

export const NOW = new Date('2026-12-01T10:00:00+01:00');

/** Brussels time at NOW, and nothing left behind: keys, news, and what `more` says. */
export function answerClock(more: () => void = () => {}) {
  brusselsClock(NOW, () => {
    sessionStorage.clear();
    forgetOfferKeys();
    forgetBuddyRequestKeys();
    forgetNews();
    more();
  });
}

export { plain } from './clock';

export { home };

/** A job someone is booked on (tomorrow 09:00–11:00, cleaning in Genk). */
export function bookedJob(id: number, worker: string, buddy: Job['places'][number]['buddy'], extra: Partial<Job> = {}): Job {
  return posterJob({
    id,
    state: 'filled',
    coming: [worker],
    buddies: buddy.state === 'confirmed' && buddy.first_name ? [buddy.first_name] : [],
    awaiting_buddy: buddy.state === 'searching' ? 1 : 0,
    booked: 1,
    places: [{ place: 1, status: 'booked', first_name: worker, buddy }],
    ...extra,
  });
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
    pay_estimate_cents: null,
    ...extra,
  };
}

export function assignment(jobId = 77, extra: Partial<Job> = {}, buddy: Assignment['buddy'] = { state: 'none' }): Assignment {
  return { job_id: jobId, place: 1, buddy, job: bookedJob(jobId, 'Ayşe', { state: 'none' }, extra), travel_mode: 'bike', meeting: null, contacts: [], attendance: null, outcome: null, safety_reported: false };
}

export function workerApi(routes: Parameters<typeof mockApi>[0] = {}, offers: Offer[] = [offer()], assignments: Assignment[] = []) {
  return mockApi({
    'GET /api/v1/session': ok(session('worker')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/me/profile': ok({ user: user('worker'), worker: workerProfile() }),
    'GET /api/v1/offers': ok({ offers }),
    'GET /api/v1/me/assignments': ok({ assignments }),
    'GET /api/v1/notifications': ok({ notifications: [] }),
    // No hours before the check-out reaches the server (a test of the hours gives its own).
    'GET /api/v1/me/assignments/77/hours': problemDoc(404, { code: 'not_found' }),
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
  return {
    id,
    job_id: 12,
    worker_first_name: worker,
    job: bookedJob(12, worker, { state: 'confirmed', first_name: 'Jan' }, jobExtra),
    travel_mode: 'bike',
    meeting: { place: 'Stationsstraat 12, 3600 Genk', at: '2026-12-02T08:45:00+01:00', chosen: false },
    contacts: [],
    attendance: null,
    safety_reported: false,
  };
}

export function buddyApi(routes: Parameters<typeof mockApi>[0] = {}, requests: BuddyRequest[] = [request()], accompaniments: Accompaniment[] = []) {
  return mockApi({
    'GET /api/v1/session': ok(session('buddy')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/me/buddy-requests': ok({ requests }),
    'GET /api/v1/me/accompaniments': ok({ accompaniments }),
    'GET /api/v1/notifications': ok({ notifications: [] }),
    'GET /api/v1/me/accompaniments/31/hours': problemDoc(404, { code: 'not_found' }),
    ...routes,
  });
}
