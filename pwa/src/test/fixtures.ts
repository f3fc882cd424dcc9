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
