// The day of a job, for the worker and the buddy (issue 11): when "Ik ben er" is open, the
// way there by the person's own travel mode, the meeting point, the phone's position, and the
// page's side of the outbox (outbox.ts): a tap is kept on the phone first, then sent — now when
// there is a connection, else by the service worker's Background Sync or, where the browser has
// none, when the page sees the connection come back (or at the next start).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, currentCsrfToken } from './api';
import type * as Api from './api/types';
import type { Job } from './jobs';
import {
  clearOutbox,
  deleteEntry,
  flushOutbox,
  newEntry,
  OUTBOX_MESSAGE,
  OUTBOX_SYNC_TAG,
  type OutboxEntry,
  outboxEntries,
  putEntry,
  type SendResult,
  type TapKind,
  type TapRole,
} from './outbox';
import type { TravelMode } from './types';

export type { OutboxEntry, TapKind, TapRole };
export type Attendance = Api.Attendance;
export type Contact = Api.Contact;
export type Meeting = Api.Meeting;
export type Outcome = Api.Outcome;
export type SafetyAnswer = Api.SafetyAnswer;

// ---- the rules (klusbuddy/day.go) ----

/** "Ik ben er" from this long before the start … */
export const CHECK_IN_EARLY_MS = 30 * 60_000;
/** … until this long after the end. */
export const CHECK_IN_LATE_MS = 6 * 3_600_000;
/** A buddy meets the worker this long before the start, unless they choose … */
export const MEETING_BEFORE_MS = 15 * 60_000;
/** … and at most this long before it. */
export const MEETING_EARLIEST_MS = 3 * 3_600_000;

/** Whether "Ik ben er" (and the safe way out) is open now: from 30 minutes before the start
 * until six hours after the end, on a job that is not cancelled. */
export function dayOpen(job: Pick<Job, 'start' | 'end' | 'state'>, now: number): boolean {
  if (job.state === 'cancelled' || job.state === 'expired' || job.state === 'unfilled') return false;
  const start = Date.parse(job.start);
  const end = Date.parse(job.end);
  return now >= start - CHECK_IN_EARLY_MS && now <= end + CHECK_IN_LATE_MS;
}

// ---- the way there ----

const MAPS_MODE: Record<TravelMode, string> = {
  walk: 'walking',
  bike: 'bicycling',
  ebike: 'bicycling',
  public_transport: 'transit',
  car: 'driving',
};

/** Directions from wherever the phone is to the job, by the person's own way of travelling
 * (Google Maps opens its app on a phone that has it). */
export function routeUrl(point: { lat: number; lon: number }, mode: TravelMode | null): string | null {
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon)) return null;
  const travel = mode && Object.hasOwn(MAPS_MODE, mode) ? `&travelmode=${MAPS_MODE[mode]}` : '';
  return `https://www.google.com/maps/dir/?api=1&destination=${point.lat},${point.lon}${travel}`;
}

// ---- the meeting point ----

/** Where the buddy meets the worker unless they choose: 15 minutes before the start. */
export function defaultMeetingAt(start: string): Date {
  return new Date(Date.parse(start) - MEETING_BEFORE_MS);
}

/** PUT /me/accompaniments/{id}/meeting: a 422 has `place` and `at` field errors. */
export async function setMeeting(id: number, input: Api.MeetingInput): Promise<Api.Accompaniment> {
  const body = await api<{ accompaniment: Api.Accompaniment }>('PUT', `/me/accompaniments/${id}/meeting`, { body: input });
  return body.accompaniment;
}

// ---- the phone's position ----

type Geo = { getCurrentPosition(ok: (p: GeolocationPosition) => void, fail: (e: unknown) => void, options: PositionOptions): void };

/** Where the phone is, if the person allows it and it comes quickly; else null. Never waits
 * longer than `timeoutMs`, and never asks when the person said no before. */
export async function currentPosition(timeoutMs = 3000): Promise<Api.Position | null> {
  const geo = (navigator as { geolocation?: Geo }).geolocation;
  if (!geo) return null;
  try {
    const status = await navigator.permissions?.query({ name: 'geolocation' });
    if (status?.state === 'denied') return null;
  } catch {
    /* no Permissions API: just ask */
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    try {
      geo.getCurrentPosition(
        (p) => {
          clearTimeout(timer);
          const { latitude: lat, longitude: lon, accuracy } = p.coords;
          const ok = Number.isFinite(lat) && Number.isFinite(lon) && Number.isFinite(accuracy);
          resolve(ok ? { lat, lon, accuracy: Math.min(100000, Math.max(0, accuracy)) } : null);
        },
        () => {
          clearTimeout(timer);
          resolve(null);
        },
        { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
      );
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
}

// ---- the outbox, on the page ----

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);

/** The CSRF token the page has; asked of the server when it has none (started offline). */
async function csrf(): Promise<string | null> {
  const known = currentCsrfToken();
  if (known) return known;
  try {
    const s = await api<{ csrf_token?: string } | null>('GET', '/session', { expect401: true });
    return typeof s?.csrf_token === 'string' ? s.csrf_token : null;
  } catch {
    return null;
  }
}

/** Everything that changes the outbox on this page says so here. */
const changed = new EventTarget();
type Sent = { results: SendResult[] };
const notify = (detail: Sent) => changed.dispatchEvent(new CustomEvent<Sent>('change', { detail }));

/** Asks the service worker to send when the connection is back (Background Sync), where the
 * browser has it and a service worker controls the page. */
async function askSync(): Promise<void> {
  try {
    const sw = navigator.serviceWorker;
    if (!sw?.controller) return;
    const reg = (await sw.ready) as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };
    await reg.sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    /* the page sends on "online" */
  }
}

/** Sends this person's waiting taps now (the lock keeps it from running beside the service
 * worker's send). */
export async function sendWaiting(userId: number): Promise<SendResult[]> {
  const results = await flushOutbox(userId, fetchFn, csrf);
  if (results.some((r) => r.result === 'retry')) void askSync();
  notify({ results });
  return results;
}

/** A tap: kept on the phone with its time (now) and position, then sent at once. Resolves with
 * what became of it (sent, failed, or waiting for the connection). */
export async function tap(init: { userId: number; role: TapRole; target: number; kind: TapKind; lang: string }, position: Api.Position | null): Promise<OutboxEntry> {
  const at = new Date().toISOString();
  const e = newEntry({ ...init, body: position ? { at, position } : { at } });
  await putEntry(e);
  notify({ results: [] });
  await sendWaiting(init.userId);
  return e;
}

/** The person read why a tap was refused: it goes. */
export async function dismiss(key: string): Promise<void> {
  await deleteEntry(key);
  notify({ results: [] });
}

/** Sign-out: the taps kept on this phone go with the person. */
export async function forgetTaps(): Promise<void> {
  await clearOutbox();
  notify({ results: [] });
}

/** How often the page tries again while taps wait and the browser says it is online. */
const RETRY_MS = 30_000;

/** What a tap that went through did, until the list from the server shows it. */
export type SentTap = Pick<OutboxEntry, 'role' | 'target' | 'kind' | 'body'> & { safety?: SafetyAnswer };

/**
 * The signed-in person's taps kept on this phone (waiting or refused) and the ones sent since
 * the page opened; sends what waits at start and whenever the connection comes back, and hears
 * what the service worker sent. `onSent` runs after something went through (reload the lists).
 */
export function useOutbox(userId: number, onSent: () => void) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [sent, setSent] = useState<SentTap[]>([]);
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;

  const reread = useCallback(async () => {
    const all = await outboxEntries().catch(() => [] as OutboxEntry[]);
    setEntries(all.filter((e) => e.userId === userId));
  }, [userId]);

  useEffect(() => {
    let live = true;
    const heard = (results: SendResult[]) => {
      const went = results.filter((r) => r.result === 'sent');
      if (went.length > 0) {
        setSent((s) => [
          ...s,
          ...went.map((r) => ({ role: r.entry.role, target: r.entry.target, kind: r.entry.kind, body: r.entry.body, ...(r.result === 'sent' && r.answer.safety ? { safety: r.answer.safety } : {}) })),
        ]);
        onSentRef.current();
      }
      if (live) void reread();
    };
    const onChange = (e: Event) => heard((e as CustomEvent<Sent>).detail.results);
    const onMessage = (e: MessageEvent) => {
      const d = e.data as { type?: unknown; results?: unknown } | null;
      if (d && d.type === OUTBOX_MESSAGE && Array.isArray(d.results)) heard(d.results as SendResult[]);
    };
    const onOnline = () => void sendWaiting(userId).catch(() => {});
    changed.addEventListener('change', onChange);
    navigator.serviceWorker?.addEventListener('message', onMessage);
    window.addEventListener('online', onOnline);
    void reread().then(() => sendWaiting(userId)).catch(() => {});
    // "online" can come before the network really works: while taps wait and the browser says
    // it is online, try again now and then (nothing is sent when nothing waits).
    const retry = setInterval(() => {
      if (navigator.onLine) void sendWaiting(userId).catch(() => {});
    }, RETRY_MS);
    return () => {
      live = false;
      clearInterval(retry);
      changed.removeEventListener('change', onChange);
      navigator.serviceWorker?.removeEventListener('message', onMessage);
      window.removeEventListener('online', onOnline);
    };
  }, [userId, reread]);

  return { entries, sent };
}

export type OutboxView = ReturnType<typeof useOutbox>;

/** Whether an error is "no connection" (the tap waits). */
export const isNetwork = (err: unknown) => err instanceof ApiError && err.isNetwork;
