// Talks to the Go server (docs/api-accounts.md). Every call goes through api(): it sends the
// page language, JSON, the CSRF token on state-changing requests and the session cookie, and
// turns RFC 9457 problem documents into an ApiError that screens can show field by field.

import type * as Api from './api/types';

export const API_BASE = '/api/v1';

/** A category of the catalogue with its price (GET /categories). */
export type Category = Api.Category;

type ApiErrorInit = {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  reason?: string;
  fieldErrors?: Record<string, string>;
  retryAfter?: number | null;
};

/**
 * A failed call. status 0 with code "network" means the server could not be reached at all.
 * `detail` and `fieldErrors` are the server's words, already in the page language (the server
 * translates them from Accept-Language); `fieldErrors` is keyed by the dotted JSON field name
 * (`first_name`, `worker.max_travel_minutes`, `availability.2.end`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** Finer than code where the server gives it (an offer: taken, expired, cancelled, booked, closed). */
  readonly reason: string;
  readonly fieldErrors: Record<string, string>;
  /** Seconds to wait, from Retry-After (429), or null. */
  readonly retryAfter: number | null;

  constructor(init: ApiErrorInit) {
    super(`${init.status} ${init.code ?? ''} ${init.title ?? ''}`.trim());
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code ?? '';
    this.title = init.title ?? '';
    this.detail = init.detail ?? '';
    this.reason = init.reason ?? '';
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfter = init.retryAfter ?? null;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

// What the session layer tells this module: the CSRF token of the signed-in session, the
// page language and what to do when the server says we are signed out.
let csrfToken: string | null = null;
let language = 'nl';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The signed-in session's CSRF token, or null (the outbox sends with it: day.ts). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

export function setApiLanguage(lang: string): void {
  language = lang;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiOptions = {
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** A 401 here is an answer, not "your session ended" (login, session check). */
  expect401?: boolean;
  /** Extra request headers (Idempotency-Key on accepting an offer). */
  headers?: Record<string, string>;
};

const UNSAFE = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Calls /api/v1 + path. Resolves with the JSON body (undefined for 204); rejects with ApiError. */
export async function api<T>(method: Method, path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': language,
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.signal) init.signal = options.signal;

  let res: Response;
  try {
    res = await fetch(API_BASE + path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network' });
  }

  if (!res.ok) {
    const error = await problemOf(res);
    if (res.status === 401 && !options.expect401) {
      csrfToken = null;
      onUnauthorized?.();
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ status: res.status, code: 'bad_response' });
  }
}

/** Reads a problem document; anything else becomes an ApiError with just the status. */
export async function problemOf(res: Response): Promise<ApiError> {
  const retry = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
  const init: ApiErrorInit = {
    status: res.status,
    title: res.statusText,
    retryAfter: Number.isFinite(retry) && retry >= 0 ? retry : null,
  };
  try {
    const p = (await res.json()) as Record<string, unknown> | null;
    if (p && typeof p === 'object') {
      if (typeof p.code === 'string') init.code = p.code;
      if (typeof p.title === 'string') init.title = p.title;
      if (typeof p.detail === 'string') init.detail = p.detail;
      if (typeof p.reason === 'string') init.reason = p.reason;
      if (Array.isArray(p.errors)) {
        const fields: Record<string, string> = {};
        for (const e of p.errors as unknown[]) {
          if (typeof e !== 'object' || e === null) continue;
          const { field, pointer, detail } = e as Record<string, unknown>;
          const name =
            typeof field === 'string' && field !== ''
              ? field
              : typeof pointer === 'string'
                ? pointer.replace(/^\//, '').replaceAll('/', '.')
                : '';
          // The first message per field is the one to show.
          if (typeof detail === 'string' && !(name in fields)) fields[name] = detail;
        }
        init.fieldErrors = fields;
      }
    }
  } catch {
    /* not JSON: keep the status */
  }
  return new ApiError(init);
}

function isCategory(v: unknown): v is Category {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.slug === 'string' &&
    typeof c.icon === 'string' &&
    typeof c.names === 'object' &&
    c.names !== null &&
    typeof c.unit === 'string' &&
    typeof c.unit_price_cents === 'number' &&
    Number.isFinite(c.unit_price_cents) &&
    typeof c.currency === 'string'
  );
}

/** GET /api/v1/categories. Malformed entries are dropped rather than breaking the list. */
export async function fetchCategories(signal?: AbortSignal): Promise<Category[]> {
  const body = await api<{ categories?: unknown } | null>('GET', '/categories', { signal });
  if (!body || !Array.isArray(body.categories)) throw new ApiError({ status: 0, code: 'bad_response' });
  return body.categories.filter(isCategory);
}
