import { vi } from 'vitest';

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
      names: { nl: 'Iets anders' },
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

/** Replaces fetch with a mock that answers from the given queue, one response per call. */
export function mockFetch(...responses: (() => Response | Promise<Response>)[]) {
  const fn = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    const next = responses.shift();
    if (!next) throw new TypeError('no more mocked responses');
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
 * in turn. Unknown requests answer 404 so that a test fails loudly.
 */
export function mockApi(routes: Record<string, Handler | Handler[]>) {
  const calls: { method: string; path: string; url: URL; init: RequestInit; body: unknown; headers: Headers }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path: url.pathname, url, init, body, headers: new Headers(init.headers) });
    const route = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    const handler = Array.isArray(route) ? route.shift() : route;
    if (!handler) return jsonResponse({ title: 'Not Found', status: 404, code: 'not_found' }, 404, 'application/problem+json');
    return handler(init, url);
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
