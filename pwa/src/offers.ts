// Offers to workers and their places on jobs (docs/openapi.yaml: Offer, Assignment): the
// shapes, the calls, and the small rules the worker home needs — the countdown to an offer's
// end, the Idempotency-Key kept per offer, the kind of a 409, the route link.
import { api, ApiError } from './api';
import { allOf } from './api/all-of';
import { randomKey } from './base64url';
import type { Translate } from './i18n';
import type * as Api from './api/types';
import type { Job } from './jobs';

export type Offer = Api.Offer;

/** Whether a buddy comes along: `searching` holds the place while buddies are asked (the
 * worker is not sure of the job yet); `confirmed` names the buddy. */
export type BuddyState = Api.BuddyState;
export type Assignment = Api.Assignment;
export type AssignmentBuddy = Assignment['buddy'];

export type DeclineReason = Api.DeclineReason;
export const DECLINE_REASONS = allOf<DeclineReason>()(['too_far', 'not_available', 'not_this_work', 'other']);

// ---- calls ----

export async function fetchOffers(signal?: AbortSignal): Promise<Offer[]> {
  const body = await api<{ offers?: unknown } | null>('GET', '/offers', { signal });
  return Array.isArray(body?.offers) ? (body.offers as Offer[]) : [];
}

export async function fetchAssignments(signal?: AbortSignal): Promise<Assignment[]> {
  const body = await api<{ assignments?: unknown } | null>('GET', '/me/assignments', { signal });
  return Array.isArray(body?.assignments) ? (body.assignments as Assignment[]) : [];
}

/** POST /offers/{id}/accept with this offer's Idempotency-Key (see yesWithKey). */
export async function acceptOffer(id: number): Promise<Assignment> {
  const body = await yesWithKey<{ assignment: Assignment }>(offerKeys, id, `/offers/${id}/accept`);
  return body.assignment;
}

/** POST /offers/{id}/decline, with `{reason}` or no body at all. */
export function declineOffer(id: number, reason: DeclineReason | null): Promise<void> {
  return declineAt(`/offers/${id}/decline`, reason);
}

/** POST /me/assignments/{job_id}/drop-out: `late` when it is within 24 hours of the start
 * (the coach is told). A 409 with reason "started" after the start. */
export function dropOut(jobId: number): Promise<{ late: boolean }> {
  return dropOutAt(`/me/assignments/${jobId}/drop-out`);
}

// ---- the answers a worker (an offer) and a buddy (a request) give alike ----

/** "Yes" (accept an offer, confirm a buddy request) with the item's Idempotency-Key: a retry
 * after a lost answer gets the answer of the first request instead of a second booking. The key
 * is forgotten once the server has given a final answer (200, 404 or 409). */
export async function yesWithKey<T>(keys: KeyStore, id: number, path: string): Promise<T> {
  try {
    const body = await api<T>('POST', path, { headers: { 'Idempotency-Key': keys.key(id) } });
    keys.forget(id);
    return body;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 409)) keys.forget(id);
    throw err;
  }
}

/** "No", with `{reason}` or no body at all. */
export async function declineAt(path: string, reason: DeclineReason | null): Promise<void> {
  await api<void>('POST', path, reason ? { body: { reason } } : {});
}

/** "Ik kan toch niet": `late` when within 24 hours of the start (the coach is told). */
export async function dropOutAt(path: string): Promise<{ late: boolean }> {
  const body = await api<{ late?: unknown } | null>('POST', path);
  return { late: body?.late === true };
}

// ---- Idempotency-Keys, one per thing answered (an offer, a buddy request) ----

/** Keys kept in memory, and in sessionStorage so that a reload in the middle of a retry keeps
 * the key. */
export function keyStore(storage: string) {
  const keys = new Map<number, string>();

  const stored = (): Record<string, string> => {
    try {
      const v = JSON.parse(sessionStorage.getItem(storage) ?? '{}') as unknown;
      return v && typeof v === 'object' ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  };

  const store = (all: Record<string, string>): void => {
    try {
      if (Object.keys(all).length === 0) sessionStorage.removeItem(storage);
      else sessionStorage.setItem(storage, JSON.stringify(all));
    } catch {
      /* storage disabled: the key lives in memory for this page */
    }
  };

  return {
    /** The key for this id: made on the first call, the same on every retry. */
    key(id: number): string {
      const known = keys.get(id) ?? stored()[String(id)];
      if (known && /^[A-Za-z0-9_-]{8,100}$/.test(known)) {
        keys.set(id, known);
        return known;
      }
      const key = randomKey();
      keys.set(id, key);
      store({ ...stored(), [String(id)]: key });
      return key;
    },
    forget(id: number): void {
      keys.delete(id);
      const all = stored();
      delete all[String(id)];
      store(all);
    },
    forgetAll(): void {
      keys.clear();
      store({});
    },
  };
}

export type KeyStore = ReturnType<typeof keyStore>;

const offerKeys = keyStore('klusbuddy.offerKeys');

export { randomKey } from './base64url';

/** The offer's key: made on the first accept, the same on every retry. */
export function offerKey(id: number): string {
  return offerKeys.key(id);
}

/** For tests. */
export function forgetOfferKeys(): void {
  offerKeys.forgetAll();
}

// ---- the countdown ----

export function remainingMs(offer: Pick<Offer, 'expires_at'>, now: number): number {
  const end = Date.parse(offer.expires_at);
  return Number.isNaN(end) ? 0 : end - now;
}

export function isOpen(offer: Pick<Offer, 'expires_at'>, now: number): boolean {
  return remainingMs(offer, now) > 0;
}

/** "nog 12 minuten": seconds under a minute, minutes under an hour, then hours and minutes. */
export function countdownText(ms: number, t: Translate): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return s === 1 ? t('offers.left.second') : t('offers.left.seconds', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return m === 1 ? t('offers.left.minute') : t('offers.left.minutes', { n: m });
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? t('offers.left.hours', { h }) : t('offers.left.hoursMinutes', { h, m: rest });
}

/** Under five minutes left: the countdown stands out. */
export const HURRY_MS = 5 * 60_000;

/** The remaining time as a screen reader hears it (in a polite live region): rounded up, so
 * that it changes now and then rather than every second — to the half minute under a minute,
 * the minute under five minutes, five minutes under an hour, a quarter after that. */
export function spokenRemainingMs(ms: number): number {
  if (ms <= 0) return 0;
  const step = ms < 60_000 ? 30_000 : ms < HURRY_MS ? 60_000 : ms < 3_600_000 ? 5 * 60_000 : 15 * 60_000;
  return Math.ceil(ms / step) * step;
}

// ---- why an accept was refused (409) ----

export type ConflictKind = 'taken' | 'cancelled' | 'expired' | 'booked' | 'cap' | 'no_buddy' | 'changed' | 'other';

/** The kinds we explain in our own words (the server's message says too little there). */
export const OWN_TEXT_CONFLICTS = ['no_buddy', 'changed'] as const;
export type OwnTextConflict = (typeof OWN_TEXT_CONFLICTS)[number];
export function hasOwnText(kind: ConflictKind): kind is OwnTextConflict {
  return (OWN_TEXT_CONFLICTS as readonly string[]).includes(kind);
}

// The server's 409 messages for an accept, in every language it speaks
// (internal/postgres/offer.go, translated in internal/httpapi/messages.go). The problem
// document has no finer code, so its words tell which kind it is; anything else is "other".
const CONFLICTS: Record<Exclude<ConflictKind, 'other' | OwnTextConflict>, readonly string[]> = {
  taken: [
    'All places of this job are taken.',
    'Alle plaatsen voor deze klus zijn al ingenomen.',
    'Toutes les places pour cette mission sont déjà prises.',
  ],
  cancelled: ['This job was cancelled.', 'Deze klus werd geannuleerd.', 'Cette mission a été annulée.'],
  expired: ['This offer has expired.', 'Dit aanbod is verlopen.', 'Cette offre a expiré.', 'This offer is no longer open.', 'Op dit aanbod kan je niet meer antwoorden.', "Cette offre n'est plus ouverte."],
  booked: [
    'You are already booked on another job at that time.',
    'Je hebt op dat moment al een andere klus.',
    'Vous avez déjà une autre mission à ce moment-là.',
  ],
  cap: [
    'This job would take you past your hours for the month.',
    'Met deze klus kom je boven je uren voor deze maand.',
    'This job would take you past your hours for the year.',
    'Met deze klus kom je boven je uren voor dit jaar.',
  ],
};

const norm = (s: string) => s.trim().toLowerCase().replace(/[’']/g, "'");

export function conflictKind(detail: string, reason = ''): ConflictKind {
  // The server's reason decides; the message texts are the fallback for an older server.
  if (reason === 'taken' || reason === 'cancelled' || reason === 'booked' || reason === 'cap' || reason === 'no_buddy' || reason === 'changed') return reason;
  if (reason === 'expired' || reason === 'closed' || reason === 'started') return 'expired';
  const d = norm(detail);
  for (const [kind, texts] of Object.entries(CONFLICTS) as [keyof typeof CONFLICTS, readonly string[]][]) {
    if (texts.some((text) => norm(text) === d)) return kind;
  }
  return 'other';
}

// ---- assignments ----

/** Soonest first; a newer copy of the same job replaces the old one. */
export function addAssignment(list: readonly Assignment[], a: Assignment): Assignment[] {
  return [...list.filter((x) => x.job_id !== a.job_id), a].sort((x, y) => Date.parse(x.job.start) - Date.parse(y.job.start));
}

/** Within this long before the start, dropping out is late: the coach is told. */
export const LATE_DROP_OUT_MS = 24 * 60 * 60 * 1000;

export function isLateDropOut(start: string, now: number = Date.now()): boolean {
  return Date.parse(start) - now < LATE_DROP_OUT_MS;
}

/** Whether the work has begun (dropping out in the app is no longer possible then). */
export function hasStarted(job: Pick<Job, 'start' | 'state'>, now: number = Date.now()): boolean {
  return job.state === 'in_progress' || job.state === 'done' || job.state === 'hours_confirmed' || Date.parse(job.start) <= now;
}

// The route link is day.ts routeUrl (by the person's own travel mode).
