// The buttons on a notification ("Ja, ik doe het", "Nee", "Ik ga mee"): the API call they make
// and what to show after. Kept apart from sw.ts, with fetch passed in, so that vitest can play
// the server. The service worker has no CSRF token of its own: it asks GET /session for the
// one of the signed-in session (the cookie comes along), as the app does at start.
//
// The click's user activation lasts only ~10 s (Chrome): after that the browser will not open or
// focus a window. So each request gets a deadline, and what fails is said in a notification
// that opens the app when tapped, instead of an openWindow that would come too late.
import { base64UrlToBytes, randomKey } from '../base64url';
import type { PushKey } from '../i18n/push';
import { kindInfo } from '../notification-kinds';
import { openMessage } from '../sw-messages';
import { APP_URL, failedView, outcomeView, type PushPayload, type PushView } from './push-view';

export type PushAction = 'accept' | 'decline' | 'confirm';

export function isPushAction(v: string): v is PushAction {
  return v === 'accept' || v === 'decline' || v === 'confirm';
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** done: it worked (a quiet line says so); closed: too late (a quiet line says why); silent:
 * nothing to say; open: the app must explain (or the person must sign in); failed: the server
 * could not be reached in time (a notification says so). */
export type Outcome = { kind: 'done' | 'closed'; text: PushKey } | { kind: 'silent' } | { kind: 'open' } | { kind: 'failed' };

/** Each request's deadline: two of them still end before the click's activation does. */
export const FETCH_TIMEOUT_MS = 6_000;

/** fetchFn, aborted after `ms`. The timer is left running after the answer on purpose: the
 * abort then also ends a body that never finishes arriving (after that it does nothing). */
export function withTimeout(fetchFn: Fetch, ms = FETCH_TIMEOUT_MS): Fetch {
  return (input, init = {}) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), ms);
    return fetchFn(input, { ...init, signal: controller.signal });
  };
}

/** POST path for a button, or null when this notification has no such button. */
export function actionPath(p: PushPayload, action: PushAction): string | null {
  const kind = kindInfo(p.kind);
  if (kind?.push !== 'asking') return null;
  if (kind.about === 'offer' && p.offer_id > 0) {
    if (action === 'accept') return `/api/v1/offers/${p.offer_id}/accept`;
    if (action === 'decline') return `/api/v1/offers/${p.offer_id}/decline`;
  }
  if (kind.about === 'buddy_request' && p.request_id > 0) {
    if (action === 'confirm') return `/api/v1/me/buddy-requests/${p.request_id}/confirm`;
    if (action === 'decline') return `/api/v1/me/buddy-requests/${p.request_id}/decline`;
  }
  return null;
}

export { randomKey } from '../base64url';

async function json(res: Response): Promise<Record<string, unknown> | null> {
  try {
    const v: unknown = await res.json();
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The CSRF token of the signed-in session, or null (signed out, offline). */
export async function csrfToken(fetchFn: Fetch): Promise<string | null> {
  const res = await fetchFn('/api/v1/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) return null;
  const token = (await json(res))?.csrf_token;
  return typeof token === 'string' && token !== '' ? token : null;
}

/** A 409's reason for an offer: the ones that mean "gone" say so quietly; being booked, over
 * the hours, without a buddy or a changed job need the app's explanation. */
const OFFER_GONE = new Set(['', 'taken', 'cancelled', 'expired', 'closed', 'started']);
const REQUEST_GONE = new Set(['', 'taken', 'cancelled', 'expired', 'closed']);

/** Runs a button. Never throws: no answer (network, deadline) is "failed", anything else
 * unexpected opens the app. */
export async function runAction(p: PushPayload, action: PushAction, fetchFn: Fetch, key: () => string = randomKey): Promise<Outcome> {
  const path = actionPath(p, action);
  if (!path) return { kind: 'open' };
  fetchFn = withTimeout(fetchFn);
  try {
    const token = await csrfToken(fetchFn);
    if (!token) return { kind: 'open' };
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': p.lang,
      'Content-Type': 'application/json',
      'X-CSRF-Token': token,
    };
    // A retry by the browser must not book twice (accept and confirm only: declines are safe).
    if (action !== 'decline') headers['Idempotency-Key'] = key();
    const res = await fetchFn(path, { method: 'POST', credentials: 'same-origin', headers, body: '{}' });
    const buddy = kindInfo(p.kind)?.about === 'buddy_request';
    if (res.ok) {
      if (action === 'decline') return { kind: 'done', text: 'push.done.declined' };
      if (buddy) return { kind: 'done', text: 'push.done.confirmed' };
      // The place is held while a buddy is found: not sure yet, so no "you took the job".
      const assignment = (await json(res))?.assignment as { buddy?: { state?: unknown } } | undefined;
      return { kind: 'done', text: assignment?.buddy?.state === 'searching' ? 'push.done.held' : 'push.done.accepted' };
    }
    if (res.status === 404 || res.status === 409) {
      // Declining what is no longer open: nothing more to say.
      if (action === 'decline') return { kind: 'silent' };
      const reason = res.status === 404 ? 'closed' : String((await json(res))?.reason ?? '');
      if (!(buddy ? REQUEST_GONE : OFFER_GONE).has(reason)) return { kind: 'open' };
      if (reason === 'taken') return { kind: 'closed', text: buddy ? 'push.conflict.buddy' : 'push.conflict.offer' };
      return { kind: 'closed', text: buddy ? 'push.closed.buddy' : 'push.closed.offer' };
    }
    return { kind: 'open' };
  } catch {
    // fetch rejects only without an answer: offline, or aborted at the deadline.
    return { kind: 'failed' };
  }
}

export type ClickIO = {
  fetch: Fetch;
  /** Focuses or opens the app; false (or a rejection) when the browser would not. */
  open: () => Promise<boolean>;
  /** Shows a notification. */
  show: (view: PushView) => Promise<void>;
  now: () => number;
};

/** A tap on a notification (action '') or one of its buttons. The notification itself is
 * already closed, so every way out shows something: the result, the app, or "did not work". */
export async function answerClick(p: PushPayload, action: string, io: ClickIO): Promise<void> {
  const failed = () => io.show(failedView(p, { now: io.now() }));
  const openApp = async () => {
    if (!(await io.open().catch(() => false))) await failed();
  };
  if (!isPushAction(action)) return openApp();
  const outcome = await runAction(p, action, io.fetch);
  if (outcome.kind === 'open') return openApp();
  if (outcome.kind === 'failed') return failed();
  if (outcome.kind === 'silent') return;
  await io.show(outcomeView(p, outcome.text, { now: io.now() }));
}

/** A browser window as openApp needs it (WindowClient fits). */
export type AppWindow = {
  readonly url: string;
  readonly focused: boolean;
  focus(): Promise<AppWindow>;
  postMessage(message: unknown): void;
};

/** The worker's windows (self.clients, with matchAll asking for every window of ours). */
export type AppWindows = {
  matchAll(): Promise<readonly AppWindow[]>;
  openWindow(url: string): Promise<unknown>;
};

/** Focuses an open Klusbuddy window and tells it to show `path`, or opens one there. False when
 * the browser would not (focus and openWindow reject once the click's activation is over): the
 * caller then says so in a notification. The open window routes itself (sw-messages.ts): a
 * navigate() here would reload it and lose what was typed in it. */
export async function openApp(windows: AppWindows, origin: string, path: string = APP_URL): Promise<boolean> {
  try {
    const mine = (await windows.matchAll()).filter((c) => new URL(c.url).origin === origin);
    const target = mine.find((c) => c.focused) ?? mine[0];
    if (target) {
      const focused = await target.focus();
      focused.postMessage(openMessage(path));
      return true;
    }
    await windows.openWindow(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser replaced this device's subscription (pushsubscriptionchange): subscribe again
 * with the same server key and hand the new one to the server. Returns whether it reached it.
 */
export async function resubscribe(
  old: PushSubscription | null,
  subscribe: (key: BufferSource) => Promise<PushSubscription>,
  fetchFn: Fetch,
): Promise<boolean> {
  let key: BufferSource | null = old?.options.applicationServerKey ?? null;
  if (!key) {
    const res = await fetchFn('/api/v1/push/key', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const text = res.ok ? (await json(res))?.public_key : null;
    if (typeof text !== 'string' || text === '') return false;
    key = base64UrlToBytes(text);
  }
  const subscription = await subscribe(key);
  const token = await csrfToken(fetchFn);
  if (!token) return false;
  const res = await fetchFn('/api/v1/me/push-subscription', {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
    body: JSON.stringify(subscription.toJSON()),
  });
  return res.ok;
}
