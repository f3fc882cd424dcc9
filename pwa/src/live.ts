// The live-updates client: "is there anything new for me?" (the news; hence useNews). One WebSocket
// per page (/api/v1/ws), shared by every screen: the server first replays what happened after the
// last id this tab saw, says "ready", then sends each event as it happens; we ack what we handled
// so that the server does not also send a Web Push for it. An ack deletes the pending pushes on all
// the user's devices, so we only ack what a person is looking at: a screen that shows offers
// (useNews) is mounted, the page is visible and its window has the focus. When the socket cannot be
// had (a proxy that blocks WebSockets, the server away, the session gone), GET
// /notifications?after=<last id> stands in: once after a failed connect (through api(), so a 401
// signs out) and then every 20 s until the socket is back.
//
// Screens use useNews() / watchNews() and reload their data when told; the header shows
// useConnection().
import { useEffect, useRef, useState } from 'preact/hooks';
import { API_BASE, api, ApiError } from './api';
import type * as Api from './api/types';
import { isBoardEvent, type NotificationKind } from './notification-kinds';

/** An event frame or a /notifications item (docs/openapi.yaml: Notification). A newer server
 * may send a kind this version does not know: it still counts as news (screens reload). */
export type Notification = Omit<Api.Notification, 'kind'> & { kind: NotificationKind | (string & {}) };
export type { NotificationKind };
export { isBoardEvent };

/** live: the socket is open and caught up; connecting: on the way (or only polling works);
 * offline: neither the socket nor the server can be reached. */
export type ConnectionState = 'live' | 'connecting' | 'offline';

/** The fallback poll while the socket is down. */
export const POLL_MS = 20_000;
/** Reconnecting after a failure: a random wait up to 1 s, 2 s, 4 s … at most 30 s ("full jitter",
 * so that a thousand phones do not come back in step). */
export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 30_000;
/** A connection that was live this long was fine: the next failure starts the backoff over. */
export const STABLE_MS = 60_000;
/** Close code 1001 (the server restarts for a deploy): back soon, spread over 0.5–2 s. */
export const GOING_AWAY_MIN_MS = 500;
export const GOING_AWAY_SPREAD_MS = 1_500;
/** At most one ack per this long; the last one waits for the end of the gap. */
export const ACK_GAP_MS = 250;
/** Focus and "visible again" often come together: one refresh for both. */
const WAKE_GAP_MS = 1_000;
/** Hidden longer than this (a phone asleep, another network since), a socket that looks open
 * may be dead without knowing it: on wake we open a new one. */
export const SLEEP_MS = 30_000;
/** Our close code for dropping a socket we no longer trust (4000–4999: the application's). */
const WAKE_CLOSE = 4000;
/** The server sends at most this many per answer; a full page means there is more. */
const PAGE = 200;
/** At most this many pages in one go (a long history at first start). */
const MAX_PAGES = 10;

// ---- the last id seen, per user: in sessionStorage so that a reload does not start over, and
// in memory when storage is disabled ----

const memory = new Map<number, number>();
const storageKey = (userId: number) => `klusbuddy.news.${userId}`;

export function lastSeen(userId: number): number | null {
  try {
    const v = Number.parseInt(sessionStorage.getItem(storageKey(userId)) ?? '', 10);
    if (Number.isSafeInteger(v) && v >= 0) return v;
  } catch {
    /* storage disabled */
  }
  return memory.get(userId) ?? null;
}

function remember(userId: number, id: number): void {
  memory.set(userId, id);
  try {
    sessionStorage.setItem(storageKey(userId), String(id));
  } catch {
    /* storage disabled: memory it is */
  }
}

// ---- frames ----

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** An event frame or a /notifications item (the same shape), or null when it is not one. */
export function toNotification(v: unknown): Notification | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (!isId(o.id) || typeof o.kind !== 'string') return null;
  const data = typeof o.data === 'object' && o.data !== null && !Array.isArray(o.data) ? (o.data as Record<string, unknown>) : null;
  return { id: o.id, kind: o.kind, data, created_at: typeof o.created_at === 'string' ? o.created_at : '' };
}

/** ws: or wss: as the page, same host; `after` left out when this tab never saw an id. */
export function socketUrl(after: number | null, loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}${API_BASE}/ws${after === null ? '' : `?after=${after}`}`;
}

/** The wait before reconnect attempt `failures` (1, 2, …): full jitter under a doubling cap. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const cap = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * cap);
}

const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';
// A desktop tab behind another window is "visible" too: only the focus says someone looks.
const focused = () => typeof document === 'undefined' || typeof document.hasFocus !== 'function' || document.hasFocus();
const online = () => typeof navigator === 'undefined' || navigator.onLine !== false;

// ---- one connection per page, for the signed-in user whose screens watch ----

type Subscriber = {
  userId: number;
  onChange?: (news: Notification[]) => void;
  /** Like onChange, but only looks: it does not make the page ack (the header's unread count
   * shows a number, not the offer, so the push must still come). */
  onGlance?: (news: Notification[]) => void;
  onState?: (state: ConnectionState) => void;
  /** The jobs of `board_changed` events (the coordinator's match board), each once: no other
   * watcher is told of them, so that a busy board does not make every screen reload. */
  onBoard?: (jobIds: number[]) => void;
};


type Hub = { userId: number; state: () => ConnectionState; wake: () => void; stop: () => void };

const subscribers = new Set<Subscriber>();
let hub: Hub | null = null;

function forUser(userId: number): Subscriber[] {
  return [...subscribers].filter((s) => s.userId === userId);
}

function startHub(userId: number): Hub {
  let stopped = false;
  let state: ConnectionState = 'connecting';
  let ws: WebSocket | null = null;
  /** This socket opened (a socket that closes without opening is a failed connect). */
  let opened = false;
  /** This socket's replay is done: live. */
  let ready = false;
  /** This socket was opened without a last id: its replay only catches up. */
  let quiet = false;
  /** Events of the replay, handed to the screens in one go at "ready". */
  let buffer: Notification[] = [];
  let liveSince = 0;
  let failures = 0;
  /** 1001 closes in a row without a stable connection between. */
  let goingAway = 0;
  /** Why the pending retry waits: a wake may skip the wait after a drop, not after the server
   * said "try again later" (1013) or refused the connection. */
  let waitReason: 'drop' | 'later' | 'refused' = 'drop';
  /** Sockets opened so far: a poll that sees this change while it waited is stale. */
  let opens = 0;
  /** A poll result was taken in since this socket was made: its ready.last_id may be behind. */
  let polledThisSocket = false;
  /** The highest id taken in on this socket, and the highest acked on it. */
  let handled = 0;
  let acked = 0;
  let lastAckAt = Number.NEGATIVE_INFINITY;
  let polling = false;
  let lastPollAt = Number.NEGATIVE_INFINITY;
  /** The last poll could not reach the server. */
  let unreachable = false;
  let lastWake = Number.NEGATIVE_INFINITY;
  /** Since when the page is hidden, or null while it is visible. */
  let hiddenAt: number | null = visible() ? null : Date.now();
  /** The browser said "offline" since the socket was made: the socket is likely dead. */
  let wentOffline = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let ackTimer: ReturnType<typeof setTimeout> | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;

  const update = () => {
    const next: ConnectionState = !online() ? 'offline' : ready ? 'live' : unreachable ? 'offline' : 'connecting';
    if (next === state) return;
    state = next;
    for (const s of forUser(userId)) s.onState?.(next);
  };

  const notify = (all: Notification[]) => {
    // Board events go to the boards alone; a batch of only those is no news for the others
    // (an empty batch is: the page came back into view).
    const news = all.filter((n) => !isBoardEvent(n));
    const jobs = [...new Set(all.filter(isBoardEvent).map((n) => n.data?.job_id).filter(isId))];
    for (const s of forUser(userId)) {
      try {
        if (news.length > 0 || all.length === 0) {
          s.onChange?.(news);
          s.onGlance?.(news);
        }
        if (jobs.length > 0) s.onBoard?.(jobs);
      } catch (err) {
        // One screen's bug must not keep the news from the others.
        console.error(err);
      }
    }
  };

  /** Takes an event in once: ids at or below the last one seen are repeats (a replay). */
  const accept = (n: Notification): boolean => {
    const last = lastSeen(userId);
    if (last !== null && n.id <= last) return false;
    remember(userId, n.id);
    return true;
  };

  /** A screen that shows offers or requests is mounted (not only the header's indicator). */
  const watched = () => forUser(userId).some((s) => s.onChange !== undefined);

  // Only what someone sees is acked: a phone with the app in the background, a window behind
  // another one, or a page without offers on it (the profile) should still get the push. What
  // came meanwhile is acked when they hold again: the screens reload then (wake) and show it.
  const ack = (due = false) => {
    if (!ready || !ws || handled <= acked || !visible() || !focused() || !watched()) return;
    const wait = lastAckAt + ACK_GAP_MS - Date.now();
    if (wait > 0 && !due) {
      ackTimer ??= setTimeout(() => {
        ackTimer = null;
        ack(true);
      }, wait);
      return;
    }
    try {
      ws.send(JSON.stringify({ type: 'ack', id: handled }));
    } catch {
      return; // closing: the close handler takes over
    }
    acked = handled;
    lastAckAt = Date.now();
  };

  const onEvent = (n: Notification) => {
    if (!accept(n)) return;
    handled = Math.max(handled, n.id);
    if (!ready) {
      if (!quiet) buffer.push(n);
      return;
    }
    notify([n]);
    ack();
  };

  const onReady = (lastId: unknown) => {
    ready = true;
    liveSince = Date.now();
    unreachable = false;
    stopPolling();
    const last = lastSeen(userId);
    // No id yet: the newest one is where we start. Ours above the server's newest: the ids
    // are not from this server's history (a restored database), so its word wins; unless a
    // poll answered during this socket, whose ids may simply be newer than the replay's end.
    if (isId(lastId) && (last === null || (lastId < last && !polledThisSocket))) remember(userId, lastId);
    const news = buffer;
    buffer = [];
    if (news.length > 0) notify(news);
    ack();
    update();
  };

  const onFrame = (data: unknown) => {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const type = (msg as { type?: unknown }).type;
    if (type === 'event') {
      const n = toNotification(msg);
      if (n) onEvent(n);
    } else if (type === 'ready') {
      onReady((msg as { last_id?: unknown }).last_id);
    }
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, ms);
  };

  /** The socket is gone (closed, or dropped by us): forget its state. Returns whether it had
   * opened. */
  const release = (): boolean => {
    const wasOpen = opened;
    const wasLive = ready;
    ws = null;
    opened = false;
    ready = false;
    if (ackTimer !== null) clearTimeout(ackTimer);
    ackTimer = null;
    // Events that came before "ready" are news all the same.
    const news = buffer;
    buffer = [];
    if (news.length > 0) notify(news);
    if (wasLive && Date.now() - liveSince >= STABLE_MS) {
      failures = 0;
      goingAway = 0;
    }
    return wasOpen;
  };

  /** Closes the socket without waiting for its close event (it may never come). */
  const detach = (code: number, reason?: string) => {
    const socket = ws;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    try {
      socket.close(code, reason);
    } catch {
      /* already closed */
    }
  };

  const onClosed = (code: number) => {
    const wasOpen = release();
    if (code === 1001) {
      // A restart for a deploy: back soon. Another one before a stable connection is a server
      // that keeps going away: that counts as a failure, so the waits grow.
      const soon = GOING_AWAY_MIN_MS + Math.random() * GOING_AWAY_SPREAD_MS;
      if (goingAway++ > 0) failures++;
      waitReason = 'drop';
      schedule(goingAway > 1 ? soon + backoffMs(failures) : soon);
    } else {
      failures++;
      waitReason = !wasOpen ? 'refused' : code === 1013 ? 'later' : 'drop';
      if (!wasOpen) {
        // Refused before the upgrade: a 401 (api() then signs out), a proxy without
        // WebSockets, or the server away. The poll tells which, and catches up meanwhile.
        startPolling();
        if (Date.now() - lastPollAt >= POLL_MS) void poll();
      }
      schedule(backoffMs(failures));
    }
    update();
  };

  function connect() {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    if (stopped || ws) return;
    if (typeof WebSocket !== 'function') {
      // No WebSocket in this browser: polling is all there is.
      startPolling();
      void poll();
      return;
    }
    if (!online()) {
      update(); // 'online' brings us back
      return;
    }
    const after = lastSeen(userId);
    let socket: WebSocket;
    try {
      socket = new WebSocket(socketUrl(after));
    } catch {
      ws = null;
      onClosed(1006);
      return;
    }
    ws = socket;
    polledThisSocket = false;
    wentOffline = false;
    quiet = after === null;
    opened = false;
    ready = false;
    buffer = [];
    handled = 0;
    acked = 0;
    socket.onopen = () => {
      if (ws !== socket) return;
      opened = true;
      opens++;
    };
    socket.onmessage = (e: MessageEvent) => {
      if (ws === socket) onFrame(e.data);
    };
    socket.onclose = (e: CloseEvent) => {
      if (ws === socket) onClosed(e.code);
    };
    update();
  }

  function startPolling() {
    pollTimer ??= setInterval(() => {
      if (visible()) void poll();
    }, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer !== null) clearInterval(pollTimer);
    pollTimer = null;
  }

  async function poll() {
    // An open socket replays what a poll would bring; polling then could only race it.
    if (stopped || polling || (ws && opened)) return;
    polling = true;
    lastPollAt = Date.now();
    const opensAtStart = opens;
    // Without a last id the first answer only catches up: the screens have just loaded.
    const catchingUp = lastSeen(userId) === null;
    const news: Notification[] = [];
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const after = lastSeen(userId) ?? 0;
        const body = await api<{ notifications?: unknown } | null>('GET', `/notifications?after=${after}`);
        if (stopped) return;
        // A socket opened while we waited: its replay has these, and taking them in now could
        // run ahead of the replay's end.
        if (opens !== opensAtStart) break;
        const list = (Array.isArray(body?.notifications) ? body.notifications : [])
          .map(toNotification)
          .filter((n): n is Notification => n !== null)
          .sort((a, b) => a.id - b.id);
        let taken = 0;
        for (const n of list) {
          if (accept(n)) {
            news.push(n);
            taken++;
            if (ws) polledThisSocket = true;
          }
        }
        if (lastSeen(userId) === null) remember(userId, 0);
        if (list.length < PAGE || taken === 0) break;
      }
      unreachable = false;
    } catch (err) {
      if (err instanceof ApiError && err.isNetwork) unreachable = true;
      // Anything else: ask again next time (a 401 has signed out through api()).
    } finally {
      polling = false;
    }
    if (stopped) return;
    if (!catchingUp && news.length > 0) notify(news);
    update();
  }

  /** Back on screen, focused, or back online: reconnect now (phones suspend sockets) and let
   * the screens reload; then ack what they have shown. */
  const wake = (refresh: boolean, network = false) => {
    if (stopped) return;
    const slept = visible() && hiddenAt !== null && Date.now() - hiddenAt > SLEEP_MS;
    if (visible()) hiddenAt = null;
    const lost = network && wentOffline;
    if (ws && (slept || lost)) {
      // It may look open and be dead (the header would say Live while nothing comes): a new
      // one replays from the last id, so nothing is lost by not trusting it.
      detach(WAKE_CLOSE, 'wake');
      release();
      connect();
    } else if (!ws) {
      // A drop is retried at once; "try again later" and a refused connect keep their wait,
      // except that the network coming back is news for a refused connect.
      const keepWait = waitReason === 'later' || (waitReason === 'refused' && !network);
      if (retryTimer === null || !keepWait) connect();
    }
    if (refresh && Date.now() - lastWake >= WAKE_GAP_MS) {
      lastWake = Date.now();
      notify([]);
    }
    ack();
  };

  const onVisibility = () => {
    if (!visible()) {
      hiddenAt ??= Date.now();
      return;
    }
    if (hiddenAt !== null) wake(true);
  };
  const onFocus = () => wake(true);
  const onOnline = () => {
    failures = 0;
    wake(false, true);
    update();
  };
  const onOffline = () => {
    wentOffline = true;
    update();
  };

  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('focus', onFocus);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  connect();

  return {
    userId,
    state: () => state,
    wake: () => wake(true),
    stop: () => {
      stopped = true;
      for (const t of [retryTimer, ackTimer]) if (t !== null) clearTimeout(t);
      stopPolling();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      detach(1000);
      ws = null;
    },
  };
}

/** Adds a watcher; the connection opens with the first and closes with the last (sign-out
 * unmounts them all). Another user's watcher restarts it for that user. */
function subscribe(sub: Subscriber): () => void {
  subscribers.add(sub);
  if (!hub || hub.userId !== sub.userId) {
    hub?.stop();
    hub = startHub(sub.userId);
  }
  sub.onState?.(hub.state());
  return () => {
    if (!subscribers.delete(sub) || !hub) return;
    if (forUser(hub.userId).length > 0) return;
    hub.stop();
    hub = null;
    const next = [...subscribers].at(-1);
    if (next) {
      hub = startHub(next.userId);
      for (const s of forUser(next.userId)) s.onState?.(hub.state());
    }
  };
}

export type WatchOptions = {
  /** Whose news: the last id seen is kept per user. */
  userId: number;
  /** Something new arrived (`news` non-empty), or the page came back into view (`news` may be
   * empty): time to load the screen's data again. Not called for what happened before the
   * first connection of this tab. */
  onChange: (news: Notification[]) => void;
};

/** Starts watching; returns the function that stops it. */
export function watchNews({ userId, onChange }: WatchOptions): () => void {
  return subscribe({ userId, onChange });
}

/** watchNews() for as long as the component is on screen. */
export function useNews(userId: number, onChange: (news: Notification[]) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => watchNews({ userId, onChange: (news) => latest.current(news) }), [userId]);
}

/** Follows the jobs of the coordinator's match board that change (`board_changed`), for as
 * long as the component is on screen; the page coming back into view is news (useNews). */
export function useBoardNews(userId: number, onBoard: (jobIds: number[]) => void): void {
  const latest = useRef(onBoard);
  latest.current = onBoard;
  useEffect(() => watchBoard(userId, (ids) => latest.current(ids)), [userId]);
}

/** Follows the jobs named by `board_changed` events; returns the function that stops it. */
export function watchBoard(userId: number, onBoard: (jobIds: number[]) => void): () => void {
  return subscribe({ userId, onBoard });
}

/** Follows the news without showing it (no acks): the unread count in the header (news.ts).
 * Returns the function that stops it. */
export function glanceNews(userId: number, onGlance: (news: Notification[]) => void): () => void {
  return subscribe({ userId, onGlance });
}

/** Follows the state of the connection (told at once, then on every change); it keeps the
 * connection open too. Returns the function that stops it. */
export function watchConnection(userId: number, onState: (state: ConnectionState) => void): () => void {
  return subscribe({ userId, onState });
}

/** watchConnection() for the header: while it is shown, news flows on every screen of a
 * signed-in user (acks only where a screen watches with useNews). */
export function useConnection(userId: number): ConnectionState {
  const [state, setState] = useState<ConnectionState>(() => (hub?.userId === userId ? hub.state() : 'connecting'));
  useEffect(() => watchConnection(userId, setState), [userId]);
  return state;
}

/** The screens reload now, as when the window gets the focus: a notification was tapped while
 * the app already showed its screen (a focused window gets no focus event). Once with a focus
 * that comes with it. */
export function refreshNews(): void {
  hub?.wake();
}

/** For tests: closes the connection and forgets every watcher and every id seen. */
export function forgetNews(): void {
  hub?.stop();
  hub = null;
  subscribers.clear();
  memory.clear();
}
