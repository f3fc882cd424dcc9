// Fixtures of the coordinator's match board and a job's review (board.test.tsx,
// coach-job.test.tsx): jobs on the board, one job's review, the coordinator's fake API. The
// board's clock: the fixtures' jobs start on 2 December, days from now (boardClock).
import type { BoardJob, BoardJobDetail, SafetyReport } from '../board';
import { forgetNews } from '../live';
import { brusselsClock } from './clock';
import { categoriesBody, mockApi, ok, session } from './fixtures';

export function boardClock() {
  // Times on the board are Belgian times.
  brusselsClock(new Date('2026-11-28T10:00:00+01:00'), () => {
    sessionStorage.clear();
    forgetNews();
  });
}

export function boardJob(extra: Partial<BoardJob> = {}): BoardJob {
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
    declines: 2,
    level: 1,
    buddy: 'allowed',
    organisation: null,
    not_arrived: 0,
    far_check_ins: 0,
    safety_open: 0,
    ...extra,
  };
}

export const unfilled = boardJob({ id: 12, state: 'unfilled', booked: 0, offers_pending: 0, declines: 4 });
export const waitingForBuddy = boardJob({ id: 13, category: 'flatpack', municipality: 'Hasselt', state: 'offering', awaiting_buddy: 1, declines: 1 });
export const quiet = boardJob({ id: 14, municipality: 'Beringen', state: 'offering', booked: 0, offers_pending: 1, declines: 0 });

export function detail(extra: Partial<BoardJobDetail> = {}): BoardJobDetail {
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
        breakdown: { travel: 0.1, skill: 0.05, fairness: 0.2, reliability: 0.1, familiarity: 0, buddy_travel: 0.05, travel_minutes: 25, level: 1, verified: false, hours_last_30_days: 12, jobs_for_poster: 0, reliability_share: 0.5, done_jobs: 0, no_shows: 0, late_dropouts: 0 },
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
          reliability_share: 0.625,
          done_jobs: 3,
          no_shows: 1,
          late_dropouts: 0,
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
    attendance: [],
    outcomes: [],
    contacts: [],
    ...extra,
  };
}

export function coachApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/session': ok(session('coordinator')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/notifications': ok({ notifications: [] }),
    // the organisation section of the coach's home (org-settings.tsx)
    'GET /api/v1/org/figures': ok({ year: 2026, volunteer_hours: 0, worked_hours: 0 }),
    'GET /api/v1/org/settings': ok({ worker_rate_cents: null }),
    // the follow-up count on the coach's home (issue 13)
    'GET /api/v1/org/follow-up': ok({ people: [] }),
    ...extra,
  });
}


/** A safety report of the coordinator's organisation, not acknowledged yet (GET /org/safety). */
export function safetyReport(extra: Partial<SafetyReport> = {}): SafetyReport {
  return {
    id: 3,
    job_id: 12,
    role: 'worker',
    person: { id: 45, name: 'Ewa K.', organisation: 'Kompas Maatwerk Genk' },
    phone: '+32 470 11 22 33',
    category: 'cleaning',
    municipality: 'Genk',
    street: 'Stationsstraat 12',
    start: '2026-11-28T09:00:00+01:00',
    at: '2026-11-28T09:40:00+01:00',
    received_at: '2026-11-28T09:40:02+01:00',
    position: { lat: 50.96, lon: 5.5, accuracy: 20 },
    distance_m: 40,
    acknowledged_at: null,
    acknowledged_by: null,
    follow_up: null,
    ...extra,
  };
}
