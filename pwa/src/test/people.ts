// Fixtures of the coordinator's people screens (people.test.tsx, person.test.tsx): places for
// the postcode field, a worker to edit, and the coordinator's fake API.
import { categoriesBody, mockApi, ok, session } from './fixtures';

export const genk = { postcode: '3600', municipality: 'Genk', lat: 50.965, lon: 5.5 };
export const hasselt = [
  { postcode: '3500', municipality: 'Hasselt', lat: 50.93, lon: 5.33 },
  { postcode: '3500', municipality: 'Sint-Lambrechts-Herk', lat: 50.94, lon: 5.29 },
];
export const worker44 = {
  id: 44,
  role: 'worker',
  first_name: 'Ewa',
  last_name: 'Kowalska',
  email: null,
  phone: '+32470556677',
  language: 'nl',
  organisation: { id: 1, name: 'Kompas Maatwerk Genk' },
  status: 'active',
  buddy: null,
  worker: {
    postcode: '3600',
    municipality: 'Genk',
    home_point: { lat: 50.965432, lon: 5.500049 },
    travel_mode: 'bike',
    max_travel_minutes: 30,
    languages: ['nl'],
    spoken_languages: ['pl', 'ro'],
    buddy_need: 'first_jobs',
    buddy_first_jobs: 4,
    month_hour_cap: 40,
    year_hour_cap: null,
    skills: [],
    availability: [],
    exceptions: [],
  },
};

export function coachApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/session': ok(session('coordinator')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/postcodes?q=3600': ok({ places: [genk] }),
    'GET /api/v1/postcodes?q=3500': ok({ places: hasselt }),
    'GET /api/v1/postcodes?q=genk': ok({ places: [genk] }),
    // The person page's feedback (issue 12): none unless a test says otherwise.
    'GET /api/v1/org/people/44/feedback': ok({ received: [], given: [] }),
    'GET /api/v1/org/people/50/feedback': ok({ received: [], given: [] }),
    // The follow-up list (issue 13, the coach's home): nobody unless a test says otherwise.
    'GET /api/v1/org/follow-up': ok({ people: [] }),
    // Their follow-up history (issue 13): never on the list unless a test says otherwise.
    'GET /api/v1/org/people/44/follow-up': ok(noFollowUp),
    'GET /api/v1/org/people/50/follow-up': ok(noFollowUp),
    ...extra,
  });
}


export const noFollowUp = { state: null, snoozed_until: null, resolved_at: null, reasons: [], last_active_at: null, actions: [] };
