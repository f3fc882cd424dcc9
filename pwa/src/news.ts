// "Is there anything new for me?" — for now by polling GET /api/v1/notifications?after=<last
// id> every 20 seconds while the page is visible, and once more when the window gets focus.
// A later version swaps this for a WebSocket and Web Push: screens only use useNews() /
// watchNews(), so only this file changes.
import { useEffect, useRef } from 'preact/hooks';
import { api } from './api';

export type NotificationKind =
  | 'offer_new'
  | 'offer_taken'
  | 'offer_expired'
  | 'offer_withdrawn'
  | 'assignment_confirmed'
  | 'job_status'
  | 'coordinator_alert'
  | 'buddy_request';

export type Notification = {
  id: number;
  kind: NotificationKind | (string & {});
  data: Record<string, unknown> | null;
  created_at: string;
};

export const POLL_MS = 20_000;
/** The server sends at most this many per answer; a full page means there is more. */
const PAGE = 200;
/** At most this many pages in one go (a long history at first start). */
const MAX_PAGES = 10;

export type WatchOptions = {
  /** Whose notifications: the last id seen is kept per user. */
  userId: number;
  /** Something new arrived (`news` non-empty), or the window got focus (`news` may be empty):
   * time to load the screen's data again. Not called for what happened before we started. */
  onChange: (news: Notification[]) => void;
  intervalMs?: number;
};

// The last id seen, per user: in sessionStorage so a reload does not start over, and in memory
// when storage is disabled.
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

/** For tests. */
export function forgetNews(): void {
  memory.clear();
}

const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

/** Starts watching; returns the function that stops it. */
export function watchNews({ userId, onChange, intervalMs = POLL_MS }: WatchOptions): () => void {
  let stopped = false;
  let busy = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  // Without a last id we first catch up quietly: the screen has just loaded its data.
  let quiet = lastSeen(userId) === null;

  const check = async (force: boolean) => {
    if (stopped) return;
    if (busy) {
      if (force) onChange([]);
      return;
    }
    busy = true;
    const news: Notification[] = [];
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const after = lastSeen(userId) ?? 0;
        const body = await api<{ notifications?: Notification[] } | null>('GET', `/notifications?after=${after}`);
        if (stopped) return;
        const list = Array.isArray(body?.notifications) ? body.notifications : [];
        const max = list.reduce((m, n) => (typeof n.id === 'number' && n.id > m ? n.id : m), after);
        if (max > after || lastSeen(userId) === null) remember(userId, max);
        news.push(...list);
        if (list.length < PAGE || max === after) break;
      }
    } catch {
      /* offline or a server hiccup: ask again next time (a 401 signs out through api()) */
    } finally {
      busy = false;
    }
    if (stopped) return;
    const wasQuiet = quiet;
    if (lastSeen(userId) !== null) quiet = false;
    if (force) onChange(wasQuiet ? [] : news);
    else if (!wasQuiet && news.length > 0) onChange(news);
  };

  const start = () => {
    if (timer === null && visible()) timer = setInterval(() => void check(false), intervalMs);
  };
  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const onVisibility = () => {
    if (visible()) {
      void check(false);
      start();
    } else {
      stop();
    }
  };
  const onFocus = () => void check(true);

  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('focus', onFocus);
  if (visible()) void check(false);
  start();

  return () => {
    stopped = true;
    stop();
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('focus', onFocus);
  };
}

/** watchNews() for as long as the component is on screen. */
export function useNews(userId: number, onChange: (news: Notification[]) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => watchNews({ userId, onChange: (news) => latest.current(news) }), [userId]);
}
