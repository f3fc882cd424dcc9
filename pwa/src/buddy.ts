// Buddies (volunteers who go along with a worker): the requests to go along and the jobs they
// go along with (docs: the issue-4 API contract). The shapes, the calls, the Idempotency-Key
// kept per request and the kind of a 409.
import { api } from './api';
import type * as Api from './api/types';
import { declineAt, type DeclineReason, dropOutAt, keyStore, yesWithKey } from './offers';

export type BuddyRequest = Api.BuddyRequest;
/** A job the buddy goes along with (`id` is the assignment's), with the exact address. */
export type Accompaniment = Api.Accompaniment;

// ---- calls ----

export async function fetchBuddyRequests(signal?: AbortSignal): Promise<BuddyRequest[]> {
  const body = await api<{ requests?: unknown } | null>('GET', '/me/buddy-requests', { signal });
  return Array.isArray(body?.requests) ? (body.requests as BuddyRequest[]) : [];
}

export async function fetchAccompaniments(signal?: AbortSignal): Promise<Accompaniment[]> {
  const body = await api<{ accompaniments?: unknown } | null>('GET', '/me/accompaniments', { signal });
  return Array.isArray(body?.accompaniments) ? sortAccompaniments(body.accompaniments as Accompaniment[]) : [];
}

const requestKeys = keyStore('klusbuddy.buddyRequestKeys');

/** The request's Idempotency-Key: the same on every retry, until a final answer. */
export function buddyRequestKey(id: number): string {
  return requestKeys.key(id);
}

/** For tests. */
export function forgetBuddyRequestKeys(): void {
  requestKeys.forgetAll();
}

/** POST /me/buddy-requests/{id}/confirm with this request's Idempotency-Key, like accepting an
 * offer (offers.ts yesWithKey). */
export async function confirmBuddyRequest(id: number): Promise<Accompaniment> {
  const body = await yesWithKey<{ accompaniment: Accompaniment }>(requestKeys, id, `/me/buddy-requests/${id}/confirm`);
  return body.accompaniment;
}

/** POST /me/buddy-requests/{id}/decline, with `{reason}` or no body at all. */
export function declineBuddyRequest(id: number, reason: DeclineReason | null): Promise<void> {
  return declineAt(`/me/buddy-requests/${id}/decline`, reason);
}

/** POST /me/accompaniments/{id}/drop-out: the worker is told and other buddies are asked. */
export function dropOutAccompaniment(id: number): Promise<{ late: boolean }> {
  return dropOutAt(`/me/accompaniments/${id}/drop-out`);
}

// ---- lists ----

/** Soonest first. */
export function sortAccompaniments(list: readonly Accompaniment[]): Accompaniment[] {
  return [...list].sort((a, b) => Date.parse(a.job.start) - Date.parse(b.job.start));
}

/** Soonest first; a newer copy of the same one replaces the old one. */
export function addAccompaniment(list: readonly Accompaniment[], a: Accompaniment): Accompaniment[] {
  return sortAccompaniments([...list.filter((x) => x.id !== a.id), a]);
}

// ---- why a confirm was refused (409) ----

export type BuddyConflict = 'taken' | 'expired' | 'cancelled' | 'booked' | 'closed' | 'other';

export function buddyConflictKind(reason: string): BuddyConflict {
  switch (reason) {
    case 'taken':
    case 'expired':
    case 'cancelled':
    case 'booked':
    case 'closed':
      return reason;
    default:
      return 'other';
  }
}
