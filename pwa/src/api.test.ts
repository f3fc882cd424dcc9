import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, fetchCategories, setApiLanguage, setCsrfToken, setUnauthorizedHandler } from './api';
import { mockApi, noContent, ok, problemDoc, session, user, workerProfile } from './test/fixtures';

afterEach(() => {
  setCsrfToken(null);
  setUnauthorizedHandler(null);
  setApiLanguage('nl');
});

// Bodies of the shape docs/openapi.yaml gives (the fake API checks them).
const login = { login: '+32470123456', secret: '358024' };
const signup = { kind: 'household', first_name: 'An', last_name: 'Peeters', email: 'an@example.be', password: 'lang-genoeg-1', phone: '0470 12 34 56' };

describe('api()', () => {
  it('sends JSON, the page language and the session cookie', async () => {
    const { calls } = mockApi({ 'POST /api/v1/login': ok(session('worker')) });
    setApiLanguage('fr');
    await expect(api('POST', '/login', { body: { login: 'a', secret: 'b' } })).resolves.toEqual(session('worker'));
    const call = calls[0]!;
    expect(call.path).toBe('/api/v1/login');
    expect(call.body).toEqual({ login: 'a', secret: 'b' });
    expect(call.headers.get('Content-Type')).toBe('application/json');
    expect(call.headers.get('Accept-Language')).toBe('fr');
    expect(call.init.credentials).toBe('same-origin');
  });

  it('sends the CSRF token on POST, PUT, PATCH and DELETE, never on GET', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('worker')),
      'POST /api/v1/logout-all': noContent(),
      'PUT /api/v1/me/push-subscription': noContent(),
      'PATCH /api/v1/me/profile': ok({ user: user('worker'), worker: workerProfile() }),
      'DELETE /api/v1/sessions/3': noContent(),
    });
    setCsrfToken('tok-1');
    await api('GET', '/session');
    await api('POST', '/logout-all');
    await api('PUT', '/me/push-subscription', { body: { endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { p256dh: 'p', auth: 'a' } } });
    await api('PATCH', '/me/profile', { body: {} });
    await api('DELETE', '/sessions/3');
    expect(calls.map((c) => [c.method, c.headers.get('X-CSRF-Token')])).toEqual([
      ['GET', null],
      ['POST', 'tok-1'],
      ['PUT', 'tok-1'],
      ['PATCH', 'tok-1'],
      ['DELETE', 'tok-1'],
    ]);
  });

  it('sends no CSRF header when signed out', async () => {
    const { calls } = mockApi({ 'POST /api/v1/signup': ok(session('poster'), 201) });
    await api('POST', '/signup', { body: signup });
    expect(calls[0]!.headers.has('X-CSRF-Token')).toBe(false);
  });

  it('answers 204 with undefined', async () => {
    mockApi({ 'POST /api/v1/logout': noContent() });
    await expect(api('POST', '/logout')).resolves.toBeUndefined();
  });

  it('turns a problem document into an ApiError with field errors', async () => {
    mockApi({
      'POST /api/v1/org/people': problemDoc(422, {
        code: 'invalid',
        title: 'Niet alle gegevens kloppen',
        detail: 'Kijk de velden na.',
        errors: [
          { field: 'phone', detail: 'Dit gsm-nummer is al in gebruik.' },
          { field: 'worker.max_travel_minutes', detail: 'Te lang.' },
          { field: 'phone', detail: 'A second message for the same field.' },
        ],
      }),
    });
    const body = { role: 'worker', first_name: 'Ayşe', phone: '0470 12 34 56', worker: { postcode: '3600', municipality: 'Genk', travel_mode: 'bike', max_travel_minutes: 30 } };
    const err = await api('POST', '/org/people', { body }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect([e.status, e.code, e.title, e.detail]).toEqual([422, 'invalid', 'Niet alle gegevens kloppen', 'Kijk de velden na.']);
    expect(e.fieldErrors).toEqual({ phone: 'Dit gsm-nummer is al in gebruik.', 'worker.max_travel_minutes': 'Te lang.' });
  });

  it('reads Retry-After on 429', async () => {
    mockApi({ 'POST /api/v1/login': problemDoc(429, { code: 'too_many' }, { 'Retry-After': '120' }) });
    const e = (await api('POST', '/login', { body: login, expect401: true }).catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code, e.retryAfter]).toEqual([429, 'too_many', 120]);
  });

  it('on 401 forgets the token and reports the session gone', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    setCsrfToken('tok-2');
    const { calls } = mockApi({
      'PATCH /api/v1/me/profile': problemDoc(401, { code: 'unauthorized' }),
      'POST /api/v1/logout': noContent(),
    });
    const e = (await api('PATCH', '/me/profile', { body: {} }).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await api('POST', '/logout');
    expect(calls[1]!.headers.has('X-CSRF-Token')).toBe(false);
  });

  it('does not treat a wrong password (401 on login) as a lost session', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    mockApi({ 'POST /api/v1/login': problemDoc(401, { code: 'unauthorized', detail: 'Deze gegevens kloppen niet.' }) });
    const e = (await api('POST', '/login', { body: login, expect401: true }).catch((x: unknown) => x)) as ApiError;
    expect(e.detail).toBe('Deze gegevens kloppen niet.');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const e = (await api('GET', '/session').catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code, e.isNetwork]).toEqual([0, 'network', true]);
  });

  it('keeps an answer that is not a problem document as a bare status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    const e = (await api('GET', '/categories').catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.title, e.fieldErrors]).toEqual([502, 'Bad Gateway', {}]);
  });

  it('fetchCategories goes through api()', async () => {
    const { calls } = mockApi({ 'GET /api/v1/categories': ok({ categories: [] }) });
    await expect(fetchCategories()).resolves.toEqual([]);
    expect(calls[0]!.headers.get('Accept-Language')).toBe('nl');
  });
});
