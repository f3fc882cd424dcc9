import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setUnauthorizedHandler } from './api';
import {
  ACK_GAP_MS,
  backoffMs,
  type ConnectionState,
  GOING_AWAY_MIN_MS,
  GOING_AWAY_SPREAD_MS,
  lastSeen,
  type Notification,
  POLL_MS,
  RETRY_CAP_MS,
  socketUrl,
  STABLE_MS,
  glanceNews,
  watchBoard,
  watchConnection,
  watchNews,
} from './live';
import { FakeWebSocket } from './test/fake-socket';
import { deferred, mockApi, ok, signedOut } from './test/fixtures';

const note = (id: number, kind = 'offer_new'): Notification => ({ id, kind, data: null, created_at: '2026-12-01T09:00:00Z' });
const list = (...ids: number[]) => ok({ notifications: ids.map((id) => note(id)) });
const searches = (calls: { path: string; url: URL }[]) => calls.filter((c) => c.path === '/api/v1/notifications').map((c) => c.url.search);
const ids = (fn: ReturnType<typeof vi.fn>) => fn.mock.calls.map((c) => (c[0] as Notification[]).map((n) => n.id));
const sockets = () => FakeWebSocket.all;
/** Lets promises (fetch, JSON) settle and runs what is due, without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);
const hide = () => {
  visibility = 'hidden';
  document.dispatchEvent(new Event('visibilitychange'));
};
const show = () => {
  visibility = 'visible';
  document.dispatchEvent(new Event('visibilitychange'));
};

let visibility: DocumentVisibilityState = 'visible';
let onLine = true;
let focused = true;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  visibility = 'visible';
  onLine = true;
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => onLine);
  focused = true;
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
  // The largest wait a backoff allows, unless a test says otherwise.
  vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
});
afterEach(() => {
  vi.useRealTimers();
  setUnauthorizedHandler(null);
});

function watch(userId = 12) {
  const onChange = vi.fn();
  const stop = watchNews({ userId, onChange });
  return { onChange, stop };
}

describe('the socket', () => {
  it('builds ws: or wss: on the page host, with after only when an id was seen', () => {
    expect(socketUrl(null, { protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api/v1/ws');
    expect(socketUrl(41, { protocol: 'https:', host: 'klusbuddy.be' })).toBe('wss://klusbuddy.be/api/v1/ws?after=41');
    expect(socketUrl(0, { protocol: 'https:', host: 'klusbuddy.be' })).toBe('wss://klusbuddy.be/api/v1/ws?after=0');
  });

  it('without a last id: catches up quietly, adopts ready.last_id, then reports and acks live events', async () => {
    const { onChange, stop } = watch();
    expect(sockets()).toHaveLength(1);
    const ws = FakeWebSocket.last;
    expect(ws.url).toBe(`ws://${location.host}/api/v1/ws`);
    ws.open().ready(57);
    expect(lastSeen(12)).toBe(57);
    expect(sessionStorage.getItem('klusbuddy.news.12')).toBe('57');
    expect(onChange).not.toHaveBeenCalled();
    expect(ws.acks()).toEqual([]);

    ws.event(58);
    expect(ids(onChange)).toEqual([[58]]);
    expect(ws.acks()).toEqual([58]);
    expect(lastSeen(12)).toBe(58);
    stop();
    expect(ws.closedWith).toBe(1000);
  });

  it('goes on after the id remembered in this tab: replays once, drops repeats, reports the rest in one go', async () => {
    sessionStorage.setItem('klusbuddy.news.12', '41');
    const { onChange, stop } = watch();
    const ws = FakeWebSocket.last;
    expect(ws.url.endsWith('/api/v1/ws?after=41')).toBe(true);
    ws.open().event(40).event(41).event(42).event(43).event(42);
    expect(onChange).not.toHaveBeenCalled(); // the replay comes in one batch, at "ready"
    ws.ready(43);
    expect(ids(onChange)).toEqual([[42, 43]]);
    expect(ws.acks()).toEqual([43]);

    ws.event(43).event(44);
    expect(ids(onChange)).toEqual([[42, 43], [44]]);
    expect(lastSeen(12)).toBe(44);
    stop();
  });

  it('ignores frames it does not understand', () => {
    const { onChange, stop } = watch();
    const ws = FakeWebSocket.last.open().ready(5);
    ws.frame('not json').frame({ type: 'event', id: 'x', kind: 'offer_new' }).frame({ type: 'hello' }).frame(null);
    ws.frame({ type: 'event', id: 6, kind: 'offer_new', data: [1], created_at: 7 });
    expect(onChange.mock.calls).toEqual([[[{ id: 6, kind: 'offer_new', data: null, created_at: '' }]]]);
    stop();
  });

  it('acks at most a few times a second, always the highest id, and only while the page is visible', async () => {
    const { stop } = watch();
    const ws = FakeWebSocket.last.open().ready(10);
    ws.event(11);
    ws.event(12).event(13);
    expect(ws.acks()).toEqual([11]);
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS - 1);
    expect(ws.acks()).toEqual([11]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.acks()).toEqual([11, 13]);

    // In the background the push is what the user sees: no ack, so the server sends it.
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS * 4);
    ws.event(14);
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS * 4);
    expect(ws.acks()).toEqual([11, 13]);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(ws.acks()).toEqual([11, 13, 14]);
    stop();
  });

  it('never acks from a page where no screen shows news (only the header keeps the socket open)', async () => {
    // The header's indicator on /profile: the events reach no screen, so the push must still go.
    const stopConnection = watchConnection(12, () => {});
    const ws = FakeWebSocket.last.open().ready(10);
    ws.event(11);
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS * 4);
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS * 4);
    expect(ws.acks()).toEqual([]);

    // A screen with offers comes (it loads them fresh): from now on what it is told is acked.
    const { onChange, stop } = watch();
    ws.event(12);
    expect(ids(onChange)).toEqual([[12]]);
    expect(ws.acks()).toEqual([12]);
    stop();
    ws.event(13);
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS * 4);
    expect(ws.acks()).toEqual([12]);
    stopConnection();
  });

  it('tells the header’s unread count what arrives without acking it (glanceNews)', async () => {
    const stopConnection = watchConnection(12, () => {});
    const onGlance = vi.fn();
    const stopGlance = glanceNews(12, onGlance);
    const ws = FakeWebSocket.last.open().ready(10);
    ws.event(11).event(12);
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS * 4);
    expect(ids(onGlance)).toEqual([[11], [12]]);
    expect(ws.acks()).toEqual([]);
    expect(sockets()).toHaveLength(1);
    stopGlance();
    stopConnection();
  });

  it('hands board events to the open board alone, each job once: they are no news for other screens', async () => {
    const { onChange, stop } = watch();
    const onGlance = vi.fn();
    const stopGlance = glanceNews(12, onGlance);
    const onBoard = vi.fn();
    const stopBoard = watchBoard(12, onBoard);
    const ws = FakeWebSocket.last.open().ready(10);
    ws.event(11, 'board_changed', { job_id: 4 }).event(12, 'board_changed', { job_id: 5 });
    ws.event(13, 'coordinator_alert', { job_id: 4 });
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS * 4);
    expect(onBoard.mock.calls).toEqual([[[4]], [[5]]]);
    expect(ids(onChange)).toEqual([[13]]);
    expect(ids(onGlance)).toEqual([[13]]);
    stopBoard();
    stopGlance();
    stop();
  });

  it('does not ack while the window has no focus; on focus the screens reload, then it acks', async () => {
    const { onChange, stop } = watch();
    const ws = FakeWebSocket.last.open().ready(10);
    focused = false; // a desktop tab behind another window: visible, but nobody looks
    ws.event(11);
    await vi.advanceTimersByTimeAsync(ACK_GAP_MS * 4);
    expect(ids(onChange)).toEqual([[11]]);
    expect(ws.acks()).toEqual([]);

    focused = true;
    window.dispatchEvent(new Event('focus'));
    expect(ids(onChange)).toEqual([[11], []]);
    expect(ws.acks()).toEqual([11]);
    stop();
  });

  it('is one socket for every watcher of the user, open until the last one stops', () => {
    const a = watch();
    const b = watch();
    expect(sockets()).toHaveLength(1);
    const ws = FakeWebSocket.last.open().ready(1);
    ws.event(2);
    expect(ids(a.onChange)).toEqual([[2]]);
    expect(ids(b.onChange)).toEqual([[2]]);
    a.stop();
    expect(ws.closedWith).toBeNull();
    ws.event(3);
    expect(ids(a.onChange)).toEqual([[2]]);
    expect(ids(b.onChange)).toEqual([[2], [3]]);
    b.stop();
    expect(ws.closedWith).toBe(1000);
  });

  it('starts over for another user (signed out, someone else signed in)', () => {
    const a = watch(12);
    const first = FakeWebSocket.last.open().ready(9);
    const b = watch(13);
    expect(first.closedWith).toBe(1000);
    expect(sockets()).toHaveLength(2);
    const second = FakeWebSocket.last.open().ready(3);
    second.event(4);
    expect(a.onChange).not.toHaveBeenCalled();
    expect(ids(b.onChange)).toEqual([[4]]);
    expect(lastSeen(12)).toBe(9);
    expect(lastSeen(13)).toBe(4);
    a.stop();
    b.stop();
  });
});

describe('reconnecting', () => {
  it('comes back after a drop with after = the last id, waiting a random time under a doubling cap', async () => {
    const { onChange, stop } = watch();
    FakeWebSocket.last.open().ready(20).event(21);
    FakeWebSocket.last.serverClose(1006);
    expect(sockets()).toHaveLength(1);
    // Math.random() ≈ 1: the longest waits, 1 s, 2 s, 4 s …
    await vi.advanceTimersByTimeAsync(998);
    expect(sockets()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets()).toHaveLength(2);
    expect(FakeWebSocket.last.url.endsWith('?after=21')).toBe(true);

    FakeWebSocket.last.open().serverClose(1011);
    await vi.advanceTimersByTimeAsync(1_998);
    expect(sockets()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets()).toHaveLength(3);

    const ws = FakeWebSocket.last.open().event(21).event(22).ready(22);
    expect(ids(onChange)).toEqual([[21], [22]]);
    expect(ws.acks()).toEqual([22]);
    stop();
  });

  it('backs off up to 30 s; full jitter may also come back at once', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffMs(n, () => 0.999_999))).toEqual([999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999, 29_999]);
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.5)).toBe(2_000);
    expect(backoffMs(50, () => 0.999_999)).toBeLessThan(RETRY_CAP_MS);
  });

  it('starts the backoff over once a connection was live for a while', async () => {
    mockApi({ 'GET /api/v1/notifications': list() });
    const { stop } = watch();
    // Three failures in a row: the next wait would be up to 8 s.
    for (let i = 0; i < 3; i++) {
      FakeWebSocket.last.open().serverClose(1011);
      await vi.advanceTimersByTimeAsync(RETRY_CAP_MS);
    }
    const ws = FakeWebSocket.last.open().ready(0);
    await vi.advanceTimersByTimeAsync(STABLE_MS);
    ws.serverClose(1006);
    const before = sockets().length;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(before + 1);
    stop();
  });

  it('comes back within 0.5–2 s when the server goes away for a restart (1001)', async () => {
    const random = vi.spyOn(Math, 'random');
    const { stop } = watch();
    random.mockReturnValue(0);
    FakeWebSocket.last.open().ready(5).serverClose(1001);
    await vi.advanceTimersByTimeAsync(GOING_AWAY_MIN_MS - 1);
    expect(sockets()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets()).toHaveLength(2);

    // Live for a while, then another restart: that one is quick again, and no failure.
    random.mockReturnValue(0.999_999);
    FakeWebSocket.last.open().ready(5);
    await vi.advanceTimersByTimeAsync(STABLE_MS);
    FakeWebSocket.last.serverClose(1001);
    await vi.advanceTimersByTimeAsync(GOING_AWAY_MIN_MS + GOING_AWAY_SPREAD_MS - 2);
    expect(sockets()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets()).toHaveLength(3);
    FakeWebSocket.last.open().ready(5);
    await vi.advanceTimersByTimeAsync(STABLE_MS);
    FakeWebSocket.last.serverClose(1001);
    await vi.advanceTimersByTimeAsync(GOING_AWAY_MIN_MS + GOING_AWAY_SPREAD_MS);
    FakeWebSocket.last.open().ready(5).serverClose(1006);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(5);
    stop();
  });

  it('backs off when the server answers 1001 again and again', async () => {
    const { stop } = watch();
    const goingAway = GOING_AWAY_MIN_MS + GOING_AWAY_SPREAD_MS; // Math.random() ≈ 1
    FakeWebSocket.last.open().ready(5).serverClose(1001);
    await vi.advanceTimersByTimeAsync(goingAway);
    expect(sockets()).toHaveLength(2);
    // The second 1001 in a row counts as a failure: the restart's wait plus up to 1 s, 2 s …
    FakeWebSocket.last.open().ready(5).serverClose(1001);
    await vi.advanceTimersByTimeAsync(goingAway);
    expect(sockets()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(3);
    FakeWebSocket.last.open().serverClose(1001);
    await vi.advanceTimersByTimeAsync(goingAway + 1_000);
    expect(sockets()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(4);
    stop();
  });

  it('reconnects at once when the page is shown again or the network comes back', async () => {
    mockApi({ 'GET /api/v1/notifications': list() });
    const { onChange, stop } = watch();
    FakeWebSocket.last.open().ready(3).serverClose(1006);
    expect(sockets()).toHaveLength(1);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(sockets()).toHaveLength(2);
    expect(ids(onChange)).toEqual([[]]); // the screens reload: the phone may have slept

    FakeWebSocket.last.fail();
    await settle();
    expect(sockets()).toHaveLength(2);
    window.dispatchEvent(new Event('online'));
    expect(sockets()).toHaveLength(3);
    stop();
  });

  it('keeps to the backoff on wake after "try again later" (1013) or a failed connect', async () => {
    mockApi({ 'GET /api/v1/notifications': list() });
    const { onChange, stop } = watch();
    FakeWebSocket.last.open().ready(3).serverClose(1013);
    hide();
    show();
    window.dispatchEvent(new Event('focus'));
    expect(sockets()).toHaveLength(1);
    expect(ids(onChange)).toEqual([[]]); // the screens still reload
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(2);

    FakeWebSocket.last.fail();
    await settle();
    hide();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(2);
    show();
    expect(sockets()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(3);
    stop();
  });

  it('after 30 s in the background, does not trust a socket that looks open: closes it and reconnects at once', async () => {
    const { onChange, stop } = watch();
    const first = FakeWebSocket.last.open().ready(10).event(11);
    hide();
    await vi.advanceTimersByTimeAsync(30_001);
    show();
    expect(first.closedWith).toBe(4000);
    expect(first.closedReason).toBe('wake');
    expect(sockets()).toHaveLength(2);
    expect(FakeWebSocket.last.url.endsWith('?after=11')).toBe(true);
    expect(ids(onChange)).toEqual([[11], []]);
    // Closed by us: no failure, and the old socket's late close changes nothing.
    first.serverClose(1006);
    expect(sockets()).toHaveLength(2);
    const ws = FakeWebSocket.last.open().event(12).ready(12);
    expect(ids(onChange)).toEqual([[11], [], [12]]);
    expect(ws.acks()).toEqual([12]);

    // Focus may come before "visible": that wakes it all the same, once.
    hide();
    await vi.advanceTimersByTimeAsync(60_000);
    visibility = 'visible';
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(ws.closedWith).toBe(4000);
    expect(sockets()).toHaveLength(3);

    // A short look away keeps the socket.
    const third = FakeWebSocket.last.open().ready(12);
    hide();
    await vi.advanceTimersByTimeAsync(20_000);
    show();
    expect(third.closedWith).toBeNull();
    expect(sockets()).toHaveLength(3);
    stop();
  });

  it('reconnects when the network comes back after the browser said it was offline', () => {
    const { stop } = watch();
    const first = FakeWebSocket.last.open().ready(10);
    onLine = false;
    window.dispatchEvent(new Event('offline'));
    onLine = true;
    window.dispatchEvent(new Event('online'));
    expect(first.closedWith).toBe(4000);
    expect(sockets()).toHaveLength(2);
    stop();
  });

  it('asks for a reload when the window gets focus, once for focus and "visible" together', async () => {
    const { onChange, stop } = watch();
    FakeWebSocket.last.open().ready(3);
    window.dispatchEvent(new Event('focus'));
    expect(ids(onChange)).toEqual([[]]);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(5_000);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
    expect(ids(onChange)).toEqual([[], []]);
    expect(sockets()).toHaveLength(1); // still open: no new socket
    stop();
  });

  it('waits for the network while the browser is offline', async () => {
    onLine = false;
    const { stop } = watch();
    expect(sockets()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(RETRY_CAP_MS * 2);
    expect(sockets()).toHaveLength(0);
    onLine = true;
    window.dispatchEvent(new Event('online'));
    expect(sockets()).toHaveLength(1);
    stop();
  });
});

describe('when the socket cannot be had', () => {
  it('asks /notifications once after a failed connect, then every 20 s, until the socket is live', async () => {
    sessionStorage.setItem('klusbuddy.news.12', '7');
    const { calls } = mockApi({
      'GET /api/v1/notifications?after=7': [list(8), list()],
      'GET /api/v1/notifications?after=8': [list(), list(9)],
      'GET /api/v1/notifications?after=9': list(),
    });
    const { onChange, stop } = watch();
    FakeWebSocket.last.fail();
    await settle();
    expect(searches(calls)).toEqual(['?after=7']);
    expect(ids(onChange)).toEqual([[8]]);

    // The socket keeps failing (at most 1 s, 2 s, 4 s … between tries): one poll per 20 s.
    const failAll = async (ms: number) => {
      for (let t = 0; t < ms; t += 500) {
        if (FakeWebSocket.last.readyState === FakeWebSocket.CONNECTING) FakeWebSocket.last.fail();
        await vi.advanceTimersByTimeAsync(500);
      }
    };
    await failAll(POLL_MS);
    expect(searches(calls)).toEqual(['?after=7', '?after=8']);
    await failAll(POLL_MS);
    expect(searches(calls)).toEqual(['?after=7', '?after=8', '?after=8']);
    expect(ids(onChange)).toEqual([[8], [9]]);

    // Live again: the socket replays from the last id, and the polling stops.
    const tries = sockets().length;
    await vi.advanceTimersByTimeAsync(RETRY_CAP_MS);
    expect(sockets().length).toBe(tries + 1);
    expect(FakeWebSocket.last.url.endsWith('?after=9')).toBe(true);
    FakeWebSocket.last.open().ready(9);
    const polls = searches(calls).length;
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(searches(calls)).toHaveLength(polls);
    stop();
  });

  it('drops what a poll brings once the socket is open: the replay has it, and no event comes twice', async () => {
    sessionStorage.setItem('klusbuddy.news.12', '7');
    const answer = deferred<Response>();
    mockApi({ 'GET /api/v1/notifications?after=7': () => answer.promise });
    const { onChange, stop } = watch();
    FakeWebSocket.last.fail(); // the poll starts, and is slow
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(2);
    const ws = FakeWebSocket.last.open().event(8);
    answer.resolve(list(8, 9, 10)());
    await settle();
    ws.ready(8).event(9).event(10);
    expect(ids(onChange)).toEqual([[8], [9], [10]]);
    expect(lastSeen(12)).toBe(10);
    stop();
  });

  it('does not go back to a lower ready.last_id when a poll was taken in during this socket', async () => {
    sessionStorage.setItem('klusbuddy.news.12', '7');
    const answer = deferred<Response>();
    mockApi({ 'GET /api/v1/notifications?after=7': () => answer.promise });
    const { onChange, stop } = watch();
    FakeWebSocket.last.fail();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets()).toHaveLength(2);
    answer.resolve(list(8, 9)()); // before the new socket opened: taken in
    await settle();
    expect(ids(onChange)).toEqual([[8, 9]]);
    FakeWebSocket.last.open().event(8).ready(8).event(9).event(10);
    expect(ids(onChange)).toEqual([[8, 9], [10]]);
    expect(lastSeen(12)).toBe(10);
    stop();
  });

  it('signs out when that poll says the session is gone (the upgrade was refused with 401)', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    mockApi({ 'GET /api/v1/notifications': signedOut });
    const { stop } = watch();
    FakeWebSocket.last.fail();
    await settle();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    stop();
  });

  it('catches up quietly when this tab has no last id yet', async () => {
    const { calls } = mockApi({ 'GET /api/v1/notifications?after=0': list(3, 7) });
    const { onChange, stop } = watch();
    FakeWebSocket.last.fail();
    await settle();
    expect(searches(calls)).toEqual(['?after=0']);
    expect(lastSeen(12)).toBe(7);
    expect(onChange).not.toHaveBeenCalled();
    stop();
  });

  it('polls every 20 s while the page is visible when there is no WebSocket at all', async () => {
    vi.stubGlobal('WebSocket', undefined);
    const { calls } = mockApi({
      'GET /api/v1/notifications?after=0': list(5),
      'GET /api/v1/notifications?after=5': [list(6), list()],
      'GET /api/v1/notifications?after=6': list(),
    });
    const { onChange, stop } = watch();
    await settle();
    expect(searches(calls)).toEqual(['?after=0']);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(searches(calls)).toEqual(['?after=0']);
    visibility = 'visible';
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(searches(calls)).toEqual(['?after=0', '?after=5']);
    expect(ids(onChange)).toEqual([[6]]);
    stop();
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(searches(calls)).toHaveLength(2);
  });
});

describe('the connection state', () => {
  it('is connecting, live once caught up, offline when neither socket nor server answers', async () => {
    mockApi({ 'GET /api/v1/notifications': [() => Promise.reject(new TypeError('offline')), list()] });
    const states: ConnectionState[] = [];
    const stop = watchConnection(12, (s) => states.push(s));
    expect(states).toEqual(['connecting']);
    FakeWebSocket.last.open();
    expect(states).toEqual(['connecting']);
    FakeWebSocket.last.ready(1);
    expect(states).toEqual(['connecting', 'live']);
    FakeWebSocket.last.serverClose(1006);
    expect(states.at(-1)).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1_000);
    FakeWebSocket.last.fail();
    await settle();
    expect(states.at(-1)).toBe('offline');
    onLine = false;
    window.dispatchEvent(new Event('offline'));
    expect(states.at(-1)).toBe('offline');
    onLine = true;
    window.dispatchEvent(new Event('online'));
    FakeWebSocket.last.open().ready(1);
    expect(states.at(-1)).toBe('live');
    stop();
  });
});
