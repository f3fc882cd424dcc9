import { api } from './api';
import type { Notification } from './live';
import { isBoardEvent } from './notification-kinds';

// ---- unread: events newer than the newest one seen on the list, per user on this device ----

const SEEN_PREFIX = 'klusbuddy.newsSeen.';
/** Said on window when the list was seen, so that the header's count clears at once. */
export const NEWS_SEEN_EVENT = 'klusbuddy-news-seen';

export function seenNewsId(userId: number): number | null {
  try {
    const v = Number(localStorage.getItem(SEEN_PREFIX + userId));
    return Number.isSafeInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/** The list showed events up to `id`: nothing up to it counts as unread any more. */
export function markNewsSeen(userId: number, id: number): void {
  const before = seenNewsId(userId);
  if (before !== null && before >= id) return;
  try {
    localStorage.setItem(SEEN_PREFIX + userId, String(id));
  } catch {
    /* storage off: the count comes back after a reload, that is all */
  }
  window.dispatchEvent(new CustomEvent(NEWS_SEEN_EVENT, { detail: { userId, id } }));
}

/** The events after the last one seen (GET /notifications?after=…, at most 200). */
export async function fetchUnread(after: number, signal?: AbortSignal): Promise<number[]> {
  const r = await api<{ notifications: Notification[] }>('GET', `/notifications?after=${after}`, { signal });
  return r.notifications.filter((n) => !isBoardEvent(n)).map((n) => n.id).filter((id) => id > after);
}

/** "3", "99+" */
export const unreadText = (n: number) => (n > 99 ? '99+' : String(n));
