import { describe, expect, it } from 'vitest';
import { setCsrfToken } from './api';
import { base64UrlToBytes } from './base64url';
import {
  disablePush,
  enablePush,
  NOT_NOW_MS,
  pushState,
  rememberNotNow,
  saidNotNow,
  shouldAskForPush,
  subscribePush,
  syncPush,
  turnedOff,
  unsubscribePush,
} from './push';
import { mockApi, noContent, ok, problemDoc } from './test/fixtures';
import { SERVER_KEY, SERVER_KEY_BYTES, stubPush } from './test/push-stubs';

const pushApi = () =>
  mockApi({
    'GET /api/v1/push/key': ok({ public_key: SERVER_KEY }),
    'PUT /api/v1/me/push-subscription': noContent(),
  });
const puts = (calls: ReturnType<typeof mockApi>['calls']) => calls.filter((c) => c.method === 'PUT' && c.path === '/api/v1/me/push-subscription');

describe('whether to ask', () => {
  it('never where there is no service worker (dev server, tests, old browsers)', () => {
    expect(shouldAskForPush(12)).toBe(false);
  });

  it('only while nobody decided, and not for 14 days after "Niet nu", per user', () => {
    stubPush({ permission: 'default' });
    expect(shouldAskForPush(12)).toBe(true);
    const now = Date.now();
    rememberNotNow(12, now);
    expect(shouldAskForPush(12)).toBe(false);
    expect(shouldAskForPush(13)).toBe(true);
    expect(saidNotNow(12, now + NOT_NOW_MS - 1)).toBe(true);
    expect(saidNotNow(12, now + NOT_NOW_MS)).toBe(false);
  });

  it('not once the browser has an answer', () => {
    stubPush({ permission: 'granted' });
    expect(shouldAskForPush(12)).toBe(false);
    stubPush({ permission: 'denied' });
    expect(shouldAskForPush(12)).toBe(false);
  });
});

describe('subscribing', () => {
  it('reads the base64url key', () => {
    expect([...base64UrlToBytes(SERVER_KEY)]).toEqual(SERVER_KEY_BYTES);
    expect([...base64UrlToBytes('-_8')]).toEqual([251, 255]);
  });

  it('asks the browser, subscribes with the server key and hands the subscription to the server', async () => {
    setCsrfToken('csrf-worker');
    const push = stubPush({ answer: 'granted' });
    const { calls } = pushApi();
    expect(await enablePush(12)).toBe('granted');
    expect(push.notification.requestPermission).toHaveBeenCalledTimes(1);
    expect(push.pushManager.subscribe).toHaveBeenCalledTimes(1);
    const options = push.pushManager.subscribe.mock.calls[0]?.[0];
    expect(options?.userVisibleOnly).toBe(true);
    expect([...(options?.applicationServerKey ?? [])]).toEqual(SERVER_KEY_BYTES);
    const [put] = puts(calls);
    expect(put?.body).toEqual({ endpoint: 'https://push.example/4-1-2-3', expirationTime: null, keys: { p256dh: 'p256dh-key', auth: 'auth-key' } });
    expect(put?.headers.get('X-CSRF-Token')).toBe('csrf-worker');
    setCsrfToken(null);
  });

  it('subscribes nothing when the person says no', async () => {
    const push = stubPush({ answer: 'denied' });
    const { calls } = pushApi();
    expect(await enablePush(12)).toBe('denied');
    expect(push.pushManager.subscribe).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
  });

  it('keeps a subscription made with the same key, and replaces one made with another', async () => {
    const same = stubPush({ permission: 'granted', existingKey: SERVER_KEY_BYTES });
    const first = pushApi();
    await subscribePush();
    expect(same.pushManager.subscribe).not.toHaveBeenCalled();
    expect(puts(first.calls)).toHaveLength(1);

    const other = stubPush({ permission: 'granted', existingKey: [9, 9] });
    const second = pushApi();
    await subscribePush();
    expect(other.unsubscribed).toEqual(['https://push.example/9-9']);
    expect(other.pushManager.subscribe).toHaveBeenCalledTimes(1);
    expect((puts(second.calls)[0]?.body as { endpoint: string }).endpoint).toBe('https://push.example/4-1-2-3');
  });

  it('renews quietly at start only with permission', async () => {
    stubPush({ permission: 'default' });
    const before = pushApi();
    await syncPush(12);
    expect(before.calls).toHaveLength(0);
    stubPush({ permission: 'granted' });
    const after = pushApi();
    await syncPush(12);
    expect(puts(after.calls)).toHaveLength(1);
  });

  it('drops this device’s subscription at sign-out', async () => {
    const push = stubPush({ permission: 'granted', existingKey: SERVER_KEY_BYTES });
    await unsubscribePush();
    expect(push.unsubscribed).toEqual(['https://push.example/4-1-2-3']);
    await unsubscribePush(); // nothing left: no harm
  });
});

describe('turning it off and on again', () => {
  it('forgets the subscription on the server first, then here, and stops the renewal at start', async () => {
    setCsrfToken('csrf-worker');
    const push = stubPush({ permission: 'granted', existingKey: SERVER_KEY_BYTES });
    const { calls } = mockApi({ 'DELETE /api/v1/me/push-subscription': noContent() });
    await disablePush(12);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['DELETE /api/v1/me/push-subscription']);
    expect(calls[0]?.headers.get('X-CSRF-Token')).toBe('csrf-worker');
    expect(push.unsubscribed).toEqual(['https://push.example/4-1-2-3']);
    expect(turnedOff(12)).toBe(true);
    expect(turnedOff(13)).toBe(false);

    // The browser still says "granted": only our memory keeps the next start from subscribing.
    const restart = pushApi();
    await syncPush(12);
    expect(restart.calls).toHaveLength(0);
    expect(push.current()).toBeNull();
    setCsrfToken(null);
  });

  it('changes nothing here when the server cannot be reached', async () => {
    const push = stubPush({ permission: 'granted', existingKey: SERVER_KEY_BYTES });
    mockApi({ 'DELETE /api/v1/me/push-subscription': problemDoc(503) });
    await expect(disablePush(12)).rejects.toThrow();
    expect(push.unsubscribed).toEqual([]);
    expect(turnedOff(12)).toBe(false);
  });

  it('turning on again undoes both "uitzetten" and "Niet nu"', async () => {
    stubPush({ permission: 'granted', existingKey: SERVER_KEY_BYTES });
    mockApi({ 'DELETE /api/v1/me/push-subscription': noContent() });
    await disablePush(12);
    rememberNotNow(12);
    const { calls } = pushApi();
    expect(await enablePush(12)).toBe('granted');
    expect(turnedOff(12)).toBe(false);
    expect(saidNotNow(12)).toBe(false);
    expect(puts(calls)).toHaveLength(1);
    const later = pushApi();
    await syncPush(12);
    expect(puts(later.calls)).toHaveLength(1);
  });
});

describe('the state of this device', () => {
  it('is "unsupported" without a service worker, PushManager or registration', async () => {
    expect(await pushState()).toBe('unsupported');
    stubPush({ registered: false });
    expect(await pushState()).toBe('unsupported');
  });

  it.each([
    [{ permission: 'denied' }, 'denied'],
    [{ permission: 'default' }, 'off'],
    [{ permission: 'granted' }, 'off'],
    [{ permission: 'granted', existingKey: SERVER_KEY_BYTES }, 'on'],
  ] as const)('%j → %s', async (options, want) => {
    stubPush(options);
    expect(await pushState()).toBe(want);
  });
});
