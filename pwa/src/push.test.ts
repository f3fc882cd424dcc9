import { describe, expect, it } from 'vitest';
import { setCsrfToken } from './api';
import { base64UrlToBytes } from './base64url';
import { enablePush, NOT_NOW_MS, rememberNotNow, saidNotNow, shouldAskForPush, subscribePush, syncPush, unsubscribePush } from './push';
import { mockApi, noContent, ok } from './test/fixtures';
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
    expect(await enablePush()).toBe('granted');
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
    expect(await enablePush()).toBe('denied');
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
    await syncPush();
    expect(before.calls).toHaveLength(0);
    stubPush({ permission: 'granted' });
    const after = pushApi();
    await syncPush();
    expect(puts(after.calls)).toHaveLength(1);
  });

  it('drops this device’s subscription at sign-out', async () => {
    const push = stubPush({ permission: 'granted', existingKey: SERVER_KEY_BYTES });
    await unsubscribePush();
    expect(push.unsubscribed).toEqual(['https://push.example/4-1-2-3']);
    await unsubscribePush(); // nothing left: no harm
  });
});
