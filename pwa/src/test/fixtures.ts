import { vi } from 'vitest';
import { answerProblem, describedRoute, requestProblem } from './openapi';

// What GET /api/v1/categories answers (see the server's API).
export const categoriesBody = {
  categories: [
    {
      slug: 'cleaning',
      icon: 'broom',
      names: { nl: 'Poetsen', fr: 'Nettoyage', en: 'Cleaning' },
      unit: 'hour',
      unit_price_cents: 2400,
      currency: 'EUR',
    },
    {
      slug: 'flatpack',
      icon: 'toolbox',
      names: { nl: 'Meubels monteren', fr: 'Montage de meubles', en: 'Flat-pack assembly' },
      unit: 'item',
      unit_price_cents: 1850,
      currency: 'EUR',
    },
    {
      slug: 'mystery',
      icon: 'does-not-exist',
      names: { nl: 'Iets anders', fr: 'Autre chose', en: 'Something else' },
      unit: 'hour',
      unit_price_cents: 2000,
      currency: 'EUR',
    },
  ],
};

export function jsonResponse(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

export const problem = (status: number) =>
  jsonResponse(
    { type: 'about:blank', title: 'Service Unavailable', status, detail: 'database is down' },
    status,
    'application/problem+json',
  );

// What went wrong between the app and the fake API during a test. The app may swallow a failed
// request (it shows "no connection" and goes on), so these are kept here and test/setup.ts
// fails the test with them after it ran.
const apiProblems: string[] = [];

/** The problems seen since the last call, for test/setup.ts. */
export function takeApiProblems(): string[] {
  return apiProblems.splice(0);
}

/** Replaces fetch with a mock that answers from the given queue, one response per call. The
 * requests must be routes of docs/openapi.yaml; the answers are not checked (mockApi checks
 * them), so that a test can play an answer the description does not allow. */
export function mockFetch(...responses: (() => Response | Promise<Response>)[]) {
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    if (!describedRoute(method, url.pathname)) apiProblems.push(`mockFetch: ${method} ${url.pathname} is not a route of docs/openapi.yaml`);
    const next = responses.shift();
    if (!next) {
      apiProblems.push(`mockFetch: no more mocked responses for ${method} ${url.pathname}`);
      throw new TypeError('no more mocked responses');
    }
    return next();
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

/** A response we resolve by hand, to look at the loading state. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

type Handler = (init: RequestInit, url: URL) => Response | Promise<Response>;

/**
 * Replaces fetch with a small fake API: handlers are keyed "METHOD /path" (the query string
 * is ignored unless the key has one). A key maps to one handler, or to a list used once each
 * in turn. Held to docs/openapi.yaml (test/openapi.ts):
 * - a key for a route the description does not have throws at once;
 * - a request that no handler answers (or whose list is used up) fails the test: the app gets a
 *   network error, and the test fails after it ran. A test of 404 handling registers a 404;
 * - a JSON body the app sends must have the shape of the route's request body;
 * - a 2xx answer must be one the route gives, with a JSON body of the described shape.
 */
export function mockApi(routes: Record<string, Handler | Handler[]>) {
  for (const key of Object.keys(routes)) {
    const m = /^(GET|POST|PUT|PATCH|DELETE) (\/[^?\s]*)(\?\S*)?$/.exec(key);
    if (!m || !describedRoute(m[1]!, m[2]!)) throw new Error(`mockApi: "${key}" is not a route of docs/openapi.yaml`);
  }
  const calls: { method: string; path: string; url: URL; init: RequestInit; body: unknown; headers: Headers }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path: url.pathname, url, init, body, headers: new Headers(init.headers) });
    const key = `${method} ${url.pathname}${url.search}`;
    const route = routes[key] ?? routes[`${method} ${url.pathname}`];
    const handler = Array.isArray(route) ? route.shift() : route;
    if (!handler) {
      const problem = `mockApi: no handler for ${key}${Array.isArray(route) ? ' (its list of answers is used up)' : ''}`;
      apiProblems.push(problem);
      throw new TypeError(problem);
    }
    const described = describedRoute(method, url.pathname);
    if (described) {
      const sent = requestProblem(described, body, typeof init.body === 'string');
      if (sent) apiProblems.push(`mockApi: ${sent}`);
    }
    const res = await handler(init, url);
    if (described) {
      const text = res.body === null ? '' : await res.clone().text();
      let json: unknown;
      try {
        json = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        json = text;
      }
      const problem = answerProblem(described, res.status, json, text !== '');
      if (problem) apiProblems.push(`mockApi: ${problem}`);
    }
    return res;
  });
  vi.stubGlobal('fetch', fn);
  return { fetch: fn, calls };
}

export const ok = (body: unknown, status = 200) => () => jsonResponse(body, status);
export const noContent = () => () => new Response(null, { status: 204 });

export function problemDoc(
  status: number,
  fields: Partial<{ code: string; title: string; detail: string; reason: string; errors: { field: string; detail: string }[] }> = {},
  headers: Record<string, string> = {},
) {
  return () =>
    new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', status, code: 'x', ...fields }), {
      status,
      headers: { 'Content-Type': 'application/problem+json', ...headers },
    });
}

export const signedOut = problemDoc(401, { code: 'unauthorized', title: 'Meld je eerst aan' });

export function user(role: 'worker' | 'buddy' | 'poster' | 'coordinator' | 'admin', extra: Record<string, unknown> = {}) {
  return {
    id: 12,
    role,
    first_name: 'Ayşe',
    last_name: 'Yılmaz',
    email: null,
    phone: '+32470123456',
    language: 'nl',
    organisation: role === 'poster' || role === 'admin' ? null : { id: 1, name: 'Kompas Maatwerk Genk' },
    ...extra,
  };
}

export function session(role: Parameters<typeof user>[0], extra: Record<string, unknown> = {}) {
  return { user: user(role, extra), csrf_token: `csrf-${role}` };
}

/** A worker's profile as GET /me/profile answers it (docs/openapi.yaml: WorkerProfile). */
export function workerProfile(extra: Record<string, unknown> = {}) {
  return {
    postcode: '3600',
    municipality: 'Genk',
    home_point: null,
    travel_mode: 'bike',
    max_travel_minutes: 30,
    languages: ['nl'],
    spoken_languages: ['tr'],
    buddy_need: 'never',
    buddy_first_jobs: 0,
    month_hour_cap: null,
    year_hour_cap: null,
    skills: [{ category: 'cleaning', level: 2, verified: true }],
    availability: [{ weekday: 1, start: '09:00', end: '17:00' }],
    exceptions: [],
    ...extra,
  };
}

/** A buddy's profile (docs/openapi.yaml: BuddyProfile). */
export function buddyProfile(extra: Record<string, unknown> = {}) {
  return {
    postcode: '3600',
    municipality: 'Genk',
    travel_mode: 'bike',
    max_travel_minutes: 30,
    spoken_languages: [],
    categories: ['cleaning'],
    availability: [],
    exceptions: [],
    ...extra,
  };
}

/** A worker or buddy as a coordinator sees them (docs/openapi.yaml: Person). */
export function person(role: 'worker' | 'buddy', extra: Record<string, unknown> = {}) {
  return {
    ...user(role),
    status: 'invited',
    worker: role === 'worker' ? workerProfile() : null,
    buddy: role === 'buddy' ? buddyProfile() : null,
    ...extra,
  };
}
