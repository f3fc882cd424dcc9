// Fixtures of the poster's screens (job-new, job-page, my-jobs, job-edit): addresses, the
// poster's profile, a job as GET /jobs/{id} answers it (docs/openapi.yaml: Job), and the clock:
// 1 December 2026, 10:00 in Brussels (posterClock).
import type { Job } from '../jobs';
import { brusselsClock } from './clock';
import { user } from './fixtures';

export const NOW = new Date('2026-12-01T10:00:00+01:00');

export function posterClock() {
  brusselsClock(NOW);
}

export const home = { id: 5, label: 'Thuis', street: 'Stationsstraat 12', postcode: '3600', municipality: 'Genk', lat: 50.96, lon: 5.5 };
export const office = { id: 6, label: 'Kantoor', street: 'Kerkplein 1', postcode: '3500', municipality: 'Hasselt', lat: 50.93, lon: 5.34 };

export const posterProfile = (addresses = [home, office]) => ({
  user: user('poster'),
  poster: { kind: 'household', company_name: '', vat_number: '', addresses },
});

/** Cleaning at home tomorrow 09:00–11:00 for one person, open, nobody booked yet. */
export function posterJob(extra: Partial<Job> = {}): Job {
  return {
    id: 77,
    category: 'cleaning',
    description: '',
    start: '2026-12-02T09:00:00+01:00',
    end: '2026-12-02T11:00:00+01:00',
    workers_needed: 1,
    level: 1,
    buddy: 'allowed',
    language_hints: [],
    state: 'open',
    address: home,
    coming: [],
    price: { unit: 'hour', unit_price_cents: 2400, currency: 'EUR' },
    buddies: [],
    awaiting_buddy: 0,
    editable: false,
    booked: extra.coming?.length ?? 0,
    window_days: 1,
    places: [],
    contacts: [],
    ...extra,
  };
}
