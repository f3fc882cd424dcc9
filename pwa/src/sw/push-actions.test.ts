import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionPath, answerClick, isPushAction, openApp, type Outcome, randomKey, resubscribe, runAction } from './push-actions';
import { type PushView, readPayload } from './push-view';

const offer = readPayload({ v: 1, id: 1, kind: 'offer_new', lang: 'fr', offer_id: 45, job_id: 9, category: 'Tuinwerk' });
const request = readPayload({ v: 1, id: 2, kind: 'buddy_request', lang: 'nl', request_id: 8, job_id: 9 });

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

type Call = { url: string; init: RequestInit | undefined };

/** A server: GET /session answers `session`, the POST answers `answer`. */
function server(answer: () => Response | Promise<Response>, session: () => Response = () => json({ user: { id: 12 }, csrf_token: 'tok' })) {
  const calls: Call[] = [];
  const fetchFn = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return url === '/api/v1/session' ? session() : answer();
  });
  return { fetchFn, calls };
}

describe('the buttons', () => {
  it('knows its buttons and where each one posts', () => {
    expect(['accept', 'decline', 'confirm'].every(isPushAction)).toBe(true);
    expect(isPushAction('')).toBe(false);
    expect(actionPath(offer, 'accept')).toBe('/api/v1/offers/45/accept');
    expect(actionPath(offer, 'decline')).toBe('/api/v1/offers/45/decline');
    expect(actionPath(offer, 'confirm')).toBeNull();
    expect(actionPath(request, 'confirm')).toBe('/api/v1/me/buddy-requests/8/confirm');
    expect(actionPath(request, 'decline')).toBe('/api/v1/me/buddy-requests/8/decline');
    expect(actionPath(request, 'accept')).toBeNull();
    expect(actionPath(readPayload({ kind: 'offer_new' }), 'accept')).toBeNull();
    expect(actionPath(readPayload({ kind: 'offer_taken', offer_id: 45 }), 'accept')).toBeNull();
  });

  it('accepts: the session CSRF token, an Idempotency-Key, an empty JSON body, the cookie', async () => {
    const { fetchFn, calls } = server(() => json({ assignment: { job_id: 9 } }));
    expect(await runAction(offer, 'accept', fetchFn, () => 'key-0123456789abcdefgh')).toEqual({ kind: 'done', text: 'push.done.accepted' });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/session', '/api/v1/offers/45/accept']);
    expect(calls[0]?.init?.credentials).toBe('same-origin');
    const post = calls[1]?.init;
    expect(post?.method).toBe('POST');
    expect(post?.credentials).toBe('same-origin');
    expect(post?.body).toBe('{}');
    expect(post?.headers).toMatchObject({
      'X-CSRF-Token': 'tok',
      'Idempotency-Key': 'key-0123456789abcdefgh',
      'Content-Type': 'application/json',
      'Accept-Language': 'fr',
    });
  });

  it('says the place is only held while a buddy is looked for', async () => {
    const { fetchFn } = server(() => json({ assignment: { job_id: 9, buddy: { state: 'searching' } } }));
    expect(await runAction(offer, 'accept', fetchFn)).toEqual({ kind: 'done', text: 'push.done.held' });
  });

  it('declines without an Idempotency-Key, and confirms a buddy request with one', async () => {
    const declined = server(() => new Response(null, { status: 204 }));
    expect(await runAction(offer, 'decline', declined.fetchFn)).toEqual({ kind: 'done', text: 'push.done.declined' });
    expect(declined.calls[1]?.url).toBe('/api/v1/offers/45/decline');
    expect(declined.calls[1]?.init?.headers).not.toHaveProperty('Idempotency-Key');

    const confirmed = server(() => json({ accompaniment: { id: 3 } }));
    expect(await runAction(request, 'confirm', confirmed.fetchFn)).toEqual({ kind: 'done', text: 'push.done.confirmed' });
    expect(confirmed.calls[1]?.url).toBe('/api/v1/me/buddy-requests/8/confirm');
    expect(confirmed.calls[1]?.init?.headers).toHaveProperty('Idempotency-Key');
    const buddyDecline = server(() => new Response(null, { status: 204 }));
    expect(await runAction(request, 'decline', buddyDecline.fetchFn)).toEqual({ kind: 'done', text: 'push.done.declined' });
  });

  it('too late: "al vergeven" when taken, "niet meer beschikbaar" when it closed otherwise', async () => {
    const conflict = (reason: string) => () => json({ status: 409, reason }, 409);
    expect(await runAction(offer, 'accept', server(conflict('taken')).fetchFn)).toEqual({ kind: 'closed', text: 'push.conflict.offer' });
    expect(await runAction(offer, 'accept', server(conflict('expired')).fetchFn)).toEqual({ kind: 'closed', text: 'push.closed.offer' });
    expect(await runAction(offer, 'accept', server(conflict('')).fetchFn)).toEqual({ kind: 'closed', text: 'push.closed.offer' });
    expect(await runAction(offer, 'accept', server(() => json({}, 404)).fetchFn)).toEqual({ kind: 'closed', text: 'push.closed.offer' });
    expect(await runAction(request, 'confirm', server(conflict('taken')).fetchFn)).toEqual({ kind: 'closed', text: 'push.conflict.buddy' });
    expect(await runAction(request, 'confirm', server(conflict('closed')).fetchFn)).toEqual({ kind: 'closed', text: 'push.closed.buddy' });
    // Declining what is gone needs no word.
    expect(await runAction(offer, 'decline', server(conflict('taken')).fetchFn)).toEqual({ kind: 'silent' });
  });

  it('opens the app where it must explain: booked, over the hours, no buddy, a changed job', async () => {
    for (const reason of ['booked', 'cap', 'no_buddy', 'changed']) {
      expect(await runAction(offer, 'accept', server(() => json({ reason }, 409)).fetchFn), reason).toEqual({ kind: 'open' });
    }
    expect(await runAction(request, 'confirm', server(() => json({ reason: 'booked' }, 409)).fetchFn)).toEqual({ kind: 'open' });
  });

  it('opens the app when signed out, offline or the server fails', async () => {
    const signedOut = server(
      () => json({}),
      () => json({ title: 'Meld je aan' }, 401),
    );
    expect(await runAction(offer, 'accept', signedOut.fetchFn)).toEqual({ kind: 'open' });
    expect(signedOut.calls).toHaveLength(1); // nothing was posted
    const noToken = server(
      () => json({}),
      () => json({ user: null }),
    );
    expect(await runAction(offer, 'accept', noToken.fetchFn)).toEqual({ kind: 'open' });
    expect(await runAction(offer, 'accept', server(() => json({ title: 'no' }, 401)).fetchFn)).toEqual({ kind: 'open' });
    expect(await runAction(offer, 'accept', server(() => json({}, 503)).fetchFn)).toEqual({ kind: 'open' });
    expect(await runAction(readPayload({ kind: 'job_status' }), 'accept', server(() => json({})).fetchFn)).toEqual({ kind: 'open' });
  });

  it('says it failed when the network does (opening the app late would not work)', async () => {
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await runAction(offer, 'accept', offline)).toEqual({ kind: 'failed' });
    expect(await runAction(readPayload({ kind: 'job_status' }), 'accept', offline)).toEqual({ kind: 'open' });
  });

  it('makes Idempotency-Keys the API accepts', () => {
    const a = randomKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{16,100}$/);
    expect(randomKey()).not.toBe(a);
  });
});

/** A server that never answers: only an abort ends the request. */
const hanging = (url: string, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });

describe('a slow server', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs the button and reports its outcome once there is one (null until then). */
  function start(fetchFn: (url: string, init?: RequestInit) => Promise<Response>) {
    let outcome: Outcome | null = null;
    void runAction(offer, 'accept', fetchFn).then((o) => {
      outcome = o;
    });
    return () => outcome;
  }

  it('gives up on GET /session after about 6 s', async () => {
    vi.useFakeTimers();
    const fetchFn = vi.fn(hanging);
    const outcome = start(fetchFn);
    await vi.advanceTimersByTimeAsync(5_999);
    expect(outcome()).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome()).toEqual({ kind: 'failed' });
    expect(fetchFn.mock.calls[0]?.[1]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('gives the POST its own 6 s', async () => {
    vi.useFakeTimers();
    const fetchFn = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/v1/session') {
        await new Promise((r) => setTimeout(r, 5_000));
        return json({ csrf_token: 'tok' });
      }
      return hanging(url, init);
    });
    const outcome = start(fetchFn);
    await vi.advanceTimersByTimeAsync(10_999);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(outcome()).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome()).toEqual({ kind: 'failed' });
  });
});

describe('after a tap', () => {
  /** The service worker's side: what it showed and whether it opened the app. */
  function worker(fetchFn: (url: string, init?: RequestInit) => Promise<Response>, open: () => Promise<boolean> = async () => true) {
    const shown: PushView[] = [];
    const io = {
      fetch: fetchFn,
      open: vi.fn(open),
      show: vi.fn(async (v: PushView) => {
        shown.push(v);
      }),
      now: () => 1_000,
    };
    return { io, shown };
  }

  it('shows the quiet line after an answer, without opening the app', async () => {
    const { io, shown } = worker(server(() => new Response(null, { status: 204 })).fetchFn);
    await answerClick(offer, 'decline', io);
    expect(io.open).not.toHaveBeenCalled();
    expect(shown.map((v) => v.options.body)).toEqual(['Refusé.']);
  });

  it('says it did not work (same tag, a tap opens the app) when the server cannot be reached', async () => {
    const { io, shown } = worker(async () => {
      throw new TypeError('Failed to fetch');
    });
    await answerClick(offer, 'accept', io);
    expect(io.open).not.toHaveBeenCalled();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.options).toMatchObject({ body: 'Cela n’a pas marché. Touchez pour ouvrir Klusbuddy.', tag: 'offer-45' });
    expect(shown[0]?.options.actions ?? []).toEqual([]);
    expect(shown[0]?.options.data).toEqual(offer);
  });

  it('opens the app when it must explain, and says it did not work when the browser will not open it', async () => {
    const booked = () => server(() => json({ reason: 'booked' }, 409)).fetchFn;
    const opened = worker(booked());
    await answerClick(offer, 'accept', opened.io);
    expect(opened.io.open).toHaveBeenCalledTimes(1);
    expect(opened.shown).toEqual([]);

    // Too late for the click's user activation: openWindow rejects.
    const refused = worker(booked(), () => Promise.reject(new DOMException('Not allowed to open a window.', 'InvalidAccessError')));
    await expect(answerClick(offer, 'accept', refused.io)).resolves.toBeUndefined();
    expect(refused.shown.map((v) => [v.options.tag, v.options.body])).toEqual([['offer-45', 'Cela n’a pas marché. Touchez pour ouvrir Klusbuddy.']]);

    const unfocused = worker(booked(), async () => false);
    await answerClick(request, 'confirm', unfocused.io);
    expect(unfocused.shown.map((v) => [v.options.tag, v.options.body])).toEqual([['buddy-8', 'Dat lukte niet. Tik om Klusbuddy te openen.']]);
  });

  it('opens the app on a tap on the notification itself', async () => {
    const { io, shown } = worker(vi.fn(hanging));
    await answerClick(offer, '', io);
    expect(io.open).toHaveBeenCalledTimes(1);
    expect(io.fetch).not.toHaveBeenCalled();
    expect(shown).toEqual([]);
  });
});

describe('a renewed subscription', () => {
  const subscription = (key: ArrayBuffer | null) =>
    ({
      options: { applicationServerKey: key, userVisibleOnly: true },
      toJSON: () => ({ endpoint: 'https://push.example/new', keys: { p256dh: 'p', auth: 'a' } }),
    }) as unknown as PushSubscription;

  it('subscribes again with the old key and PUTs the new subscription', async () => {
    const key = new Uint8Array([4, 1, 2, 3]).buffer;
    const subscribe = vi.fn(async () => subscription(key));
    const { fetchFn, calls } = server(() => new Response(null, { status: 204 }));
    expect(await resubscribe(subscription(key), subscribe, fetchFn)).toBe(true);
    expect(subscribe).toHaveBeenCalledWith(key);
    const put = calls.find((c) => c.init?.method === 'PUT');
    expect(put?.url).toBe('/api/v1/me/push-subscription');
    expect(put?.init?.headers).toMatchObject({ 'X-CSRF-Token': 'tok' });
    expect(JSON.parse(String(put?.init?.body))).toEqual({ endpoint: 'https://push.example/new', keys: { p256dh: 'p', auth: 'a' } });
  });

  it('asks the server for its key when the old subscription has none', async () => {
    const subscribe = vi.fn(async (_key: BufferSource) => subscription(null));
    const calls: string[] = [];
    const fetchFn = vi.fn(async (url: string) => {
      calls.push(url);
      if (url === '/api/v1/push/key') return json({ public_key: 'BAECAw' });
      if (url === '/api/v1/session') return json({ csrf_token: 'tok' });
      return new Response(null, { status: 204 });
    });
    expect(await resubscribe(null, subscribe, fetchFn)).toBe(true);
    expect([...new Uint8Array(subscribe.mock.calls[0]?.[0] as Uint8Array)]).toEqual([4, 1, 2, 3]);
    expect(calls).toEqual(['/api/v1/push/key', '/api/v1/session', '/api/v1/me/push-subscription']);
  });

  it('gives up quietly when signed out', async () => {
    const subscribe = vi.fn(async () => subscription(null));
    const fetchFn = vi.fn(async (url: string) => (url === '/api/v1/push/key' ? json({ public_key: 'BAECAw' }) : json({}, 401)));
    expect(await resubscribe(null, subscribe, fetchFn)).toBe(false);
    expect(fetchFn.mock.calls.some((c) => c[0] === '/api/v1/me/push-subscription')).toBe(false);
  });
});

describe('opening the app', () => {
  const origin = 'https://klusbuddy.example';

  /** A browser window as the worker sees it; navigate is there to prove it is not used. */
  function appWindow(path: string, focused = false) {
    const w = {
      url: `${origin}${path}`,
      focused,
      focus: vi.fn(async () => w),
      navigate: vi.fn(async () => w),
      postMessage: vi.fn((_message: unknown) => {}),
    };
    return w;
  }

  function browser(windows: ReturnType<typeof appWindow>[]) {
    return {
      matchAll: vi.fn(async () => windows),
      openWindow: vi.fn(async (_url: string) => null),
    };
  }

  it('focuses the open window and asks it to route (no navigate: that reloads and loses a form)', async () => {
    const behind = appWindow('/');
    const front = appWindow('/profile', true);
    const b = browser([behind, front]);
    expect(await openApp(b, origin)).toBe(true);
    expect(front.focus).toHaveBeenCalledTimes(1);
    expect(front.postMessage).toHaveBeenCalledWith({ type: 'OPEN', path: '/' });
    expect(front.navigate).not.toHaveBeenCalled();
    expect(behind.focus).not.toHaveBeenCalled();
    expect(b.openWindow).not.toHaveBeenCalled();
  });

  it('tells the window also when it is on the home already (the page then refreshes its news)', async () => {
    const w = appWindow('/');
    expect(await openApp(browser([w]), origin, '/')).toBe(true);
    expect(w.postMessage).toHaveBeenCalledWith({ type: 'OPEN', path: '/' });
    expect(w.navigate).not.toHaveBeenCalled();
  });

  it('opens a window when none of ours is open', async () => {
    const b = browser([{ ...appWindow('/'), url: 'https://elsewhere.example/' }]);
    expect(await openApp(b, origin)).toBe(true);
    expect(b.openWindow).toHaveBeenCalledWith('/');
    const none = browser([]);
    expect(await openApp(none, origin)).toBe(true);
    expect(none.openWindow).toHaveBeenCalledWith('/');
  });

  it('says false when the browser refuses focus or a new window (the activation is over)', async () => {
    const refused = () => Promise.reject(new DOMException('Not allowed to focus a window.', 'InvalidAccessError'));
    const w = appWindow('/profile');
    w.focus.mockImplementation(refused);
    expect(await openApp(browser([w]), origin)).toBe(false);
    expect(w.postMessage).not.toHaveBeenCalled();
    const b = browser([]);
    b.openWindow.mockImplementation(refused);
    expect(await openApp(b, origin)).toBe(false);
  });
});
