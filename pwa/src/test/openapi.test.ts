// The tests' fake API is held to docs/openapi.yaml: these check that it really is.
import { describe, expect, it } from 'vitest';
import { categoriesBody, jsonResponse, mockApi, mockFetch, noContent, ok, problemDoc, session, takeApiProblems } from './fixtures';
import { answerProblem, describedRoute, requestProblem } from './openapi';

const route = (method: string, path: string) => {
  const r = describedRoute(method, path);
  if (!r) throw new Error(`no route ${method} ${path}`);
  return r;
};

describe('describedRoute', () => {
  it('matches path templates one segment per parameter, and the method', () => {
    expect(describedRoute('GET', '/api/v1/jobs/12')?.template).toBe('/api/v1/jobs/{id}');
    expect(describedRoute('POST', '/api/v1/me/buddy-requests/7/confirm')?.template).toBe('/api/v1/me/buddy-requests/{id}/confirm');
    expect(describedRoute('GET', '/api/v1/jobs/12/extra')).toBeNull();
    expect(describedRoute('DELETE', '/api/v1/jobs/12')).toBeNull();
    expect(describedRoute('GET', '/api/v1/nothing')).toBeNull();
  });
});

describe('answerProblem', () => {
  it('accepts a body of the described shape', () => {
    expect(answerProblem(route('GET', '/api/v1/categories'), 200, categoriesBody, true)).toBeNull();
    expect(answerProblem(route('GET', '/api/v1/session'), 200, session('worker'), true)).toBeNull();
    expect(answerProblem(route('POST', '/api/v1/logout'), 204, undefined, false)).toBeNull();
  });

  it('names what is wrong with a body, a status or a missing body', () => {
    const { csrf_token: _, ...noToken } = session('worker');
    expect(answerProblem(route('GET', '/api/v1/session'), 200, noToken, true)).toContain("must have required property 'csrf_token'");
    const offer = {
      id: 1,
      job_id: 2,
      category: 'cleaning',
      description: '',
      municipality: 'Genk',
      start: '2026-12-02T09:00:00+01:00',
      end: '2026-12-02T11:00:00+01:00',
      travel_minutes: 12,
      needs_buddy: false,
      expires_at: '2026-12-01T10:12:00+01:00',
      pay_estimate_cents: null,
    };
    expect(answerProblem(route('GET', '/api/v1/offers'), 200, { offers: [offer] }, true)).toBeNull();
    expect(answerProblem(route('GET', '/api/v1/offers'), 200, { offers: [{ ...offer, travel_mode: 'bike' }] }, true)).toContain('(travel_mode)');
    expect(answerProblem(route('POST', '/api/v1/signup'), 200, session('poster'), true)).toContain('never answers 200');
    expect(answerProblem(route('GET', '/api/v1/session'), 200, undefined, false)).toContain('sends none');
    expect(answerProblem(route('POST', '/api/v1/logout'), 204, {}, true)).toContain('without a JSON body');
  });

  it('leaves error answers alone: any route may fail with a problem document', () => {
    expect(answerProblem(route('GET', '/api/v1/session'), 503, { title: 'x' }, true)).toBeNull();
  });
});

describe('requestProblem', () => {
  it('holds what the app sends to the request body the route describes', () => {
    expect(requestProblem(route('POST', '/api/v1/offers/1/decline'), { reason: 'too_far' }, true)).toBeNull();
    expect(requestProblem(route('POST', '/api/v1/offers/1/decline'), undefined, false)).toBeNull();
    expect(requestProblem(route('POST', '/api/v1/offers/1/decline'), { reason: 'bored' }, true)).toContain('/reason must be equal to one of the allowed values');
    expect(requestProblem(route('POST', '/api/v1/login'), { login: 'x' }, true)).toContain("must have required property 'secret'");
    expect(requestProblem(route('GET', '/api/v1/session'), {}, true)).toContain('takes no JSON body');
  });
});

describe('mockApi', () => {
  it('refuses a route the description does not have', () => {
    expect(() => mockApi({ 'GET /api/v1/nothing': ok({}) })).toThrow('"GET /api/v1/nothing" is not a route of docs/openapi.yaml');
    expect(() => mockApi({ 'PUT /api/v1/jobs/12': ok({}) })).toThrow('is not a route');
    expect(() => mockApi({ 'GET /api/v1/org/jobs?filter=attention': ok({ jobs: [] }) })).not.toThrow();
  });

  it('fails the test for a request no handler answers, even if the app swallows the error', async () => {
    const { fetch } = mockApi({ 'GET /api/v1/session': [ok(session('worker'))] });
    await expect(fetch('/api/v1/session')).resolves.toBeInstanceOf(Response);
    await expect(fetch('/api/v1/session')).rejects.toThrow('no handler for GET /api/v1/session (its list of answers is used up)');
    await expect(fetch('/api/v1/offers')).rejects.toThrow('no handler for GET /api/v1/offers');
    // What test/setup.ts would fail this test with (taken here, so that it does not).
    expect(takeApiProblems()).toEqual([
      'mockApi: no handler for GET /api/v1/session (its list of answers is used up)',
      'mockApi: no handler for GET /api/v1/offers',
    ]);
  });

  it('records a request body unlike the description', async () => {
    const { fetch } = mockApi({ 'POST /api/v1/offers/1/decline': noContent() });
    await fetch('/api/v1/offers/1/decline', { method: 'POST', body: JSON.stringify({ reason: 'bored' }) });
    expect(takeApiProblems()).toEqual([
      'mockApi: POST /api/v1/offers/{id}/decline: the app sent a body unlike docs/openapi.yaml: /reason must be equal to one of the allowed values',
    ]);
  });

  it('records a 2xx answer unlike the description', async () => {
    const { fetch } = mockApi({ 'GET /api/v1/offers': ok({ offers: [{ id: 1 }] }) });
    await fetch('/api/v1/offers');
    const problems = takeApiProblems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("GET /api/v1/offers 200: the mocked body does not match docs/openapi.yaml: /offers/0 must have required property 'job_id'");
  });

  it('answers what a test registers, a 404 too', async () => {
    const { fetch } = mockApi({ 'GET /api/v1/jobs/12': problemDoc(404, { code: 'not_found' }), 'POST /api/v1/logout': noContent() });
    expect((await fetch('/api/v1/jobs/12')).status).toBe(404);
    expect((await fetch('/api/v1/logout', { method: 'POST' })).status).toBe(204);
    expect(takeApiProblems()).toEqual([]);
  });
});

describe('mockFetch', () => {
  it('answers in turn, but only for routes of the description, and fails the test when it runs out', async () => {
    const fetch = mockFetch(
      () => jsonResponse({}),
      () => jsonResponse({}),
    );
    await fetch('/api/v1/categories');
    await fetch('/api/v1/nothing');
    await expect(fetch('/api/v1/categories')).rejects.toThrow('no more mocked responses');
    expect(takeApiProblems()).toEqual([
      'mockFetch: GET /api/v1/nothing is not a route of docs/openapi.yaml',
      'mockFetch: no more mocked responses for GET /api/v1/categories',
    ]);
  });
});
