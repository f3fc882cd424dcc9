// The coordinator's match board (GET /org/jobs, GET /org/jobs/{id}, POST
// /org/jobs/{id}/reoffer): the shapes, the calls, and the small rules the screens share —
// which jobs need attention, how a score breaks down into its parts, the order of the buddy
// requests.
import { api } from './api';
import { allOf } from './api/all-of';
import type * as Api from './api/types';

export type BoardFilter = 'attention' | 'open' | 'all';
export const BOARD_FILTERS: readonly BoardFilter[] = ['attention', 'open', 'all'];
export const DEFAULT_FILTER: BoardFilter = 'attention';

export function filterOf(value: string | null): BoardFilter {
  return (BOARD_FILTERS as readonly string[]).includes(value ?? '') ? (value as BoardFilter) : DEFAULT_FILTER;
}

export type BoardJob = Api.BoardJob;

export type BoardJobDetail = Api.JobReview;
export type BoardOffer = BoardJobDetail['offers'][number];
export type BoardBuddyRequest = BoardJobDetail['buddy_requests'][number];
export type BoardAssignment = BoardJobDetail['assignments'][number];
/** Whether a buddy comes along with the worker on this place, and who (once confirmed). */
export type BoardAssignmentBuddy = BoardAssignment['buddy'];
/** `late`: a drop-out within 24 hours of the start. */
export type Transition = BoardJobDetail['transitions'][number];

export type OfferState = BoardOffer['state'];
export const OFFER_STATES = allOf<OfferState>()(['pending', 'accepted', 'declined', 'expired', 'taken', 'withdrawn']);

/** A person: with id and name only for the coordinator's own organisation; always with the
 * name of their organisation. */
export type PersonRef = Api.PersonRef;
/** A worker on the board is a PersonRef. */
export type BoardWorker = PersonRef;

/** Each part is its weighted share of the score (0 to 1 in all); then the facts behind them. */
export type Breakdown = BoardOffer['breakdown'];

export const BREAKDOWN_PARTS = ['travel', 'skill', 'fairness', 'reliability', 'familiarity', 'buddy_travel'] as const satisfies readonly (keyof Breakdown)[];
export type BreakdownPart = (typeof BREAKDOWN_PARTS)[number];

export type TransitionBy = Transition['by'];
export const TRANSITION_BY = allOf<TransitionBy>()(['system', 'worker', 'buddy', 'poster', 'coordinator', 'admin']);

// ---- calls ----

export async function fetchBoard(filter: BoardFilter, signal?: AbortSignal): Promise<BoardJob[]> {
  const body = await api<{ jobs?: unknown } | null>('GET', `/org/jobs?filter=${filter}`, { signal });
  return Array.isArray(body?.jobs) ? (body.jobs as BoardJob[]) : [];
}

export async function fetchBoardJob(id: number, signal?: AbortSignal): Promise<BoardJobDetail> {
  const body = await api<Partial<BoardJobDetail>>('GET', `/org/jobs/${id}`, { signal });
  return {
    job: body.job as BoardJob,
    description: body.description ?? '',
    offers: Array.isArray(body.offers) ? body.offers : [],
    buddy_requests: Array.isArray(body.buddy_requests) ? body.buddy_requests : [],
    assignments: Array.isArray(body.assignments) ? body.assignments : [],
    transitions: Array.isArray(body.transitions) ? body.transitions : [],
    attendance: Array.isArray(body.attendance) ? body.attendance : [],
    outcomes: Array.isArray(body.outcomes) ? body.outcomes : [],
    contacts: Array.isArray(body.contacts) ? body.contacts : [],
  };
}

export function reofferJob(id: number): Promise<BoardJob> {
  return api<BoardJob>('POST', `/org/jobs/${id}/reoffer`);
}

// ---- rules ----

export type AttentionReason = 'unfilled' | 'buddy' | 'soon';

/** A job still to fill that starts within this long needs attention (as the server's filter). */
export const SOON_MS = 24 * 60 * 60 * 1000;

/** Why a job needs the coordinator now, as the server's `attention` filter decides: nobody was
 * found, a worker waits for a buddy, or it starts within 24 hours with places left. */
export function attentionReasons(
  job: Pick<BoardJob, 'state' | 'awaiting_buddy' | 'start' | 'booked' | 'workers_needed'>,
  now: number = Date.now(),
): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (job.state === 'unfilled') reasons.push('unfilled');
  if (job.awaiting_buddy > 0) reasons.push('buddy');
  const start = Date.parse(job.start);
  if ((job.state === 'open' || job.state === 'offering') && job.booked < job.workers_needed && start < now + SOON_MS) reasons.push('soon');
  return reasons;
}

/** Someone of the coordinator's own organisation: named, with a page to open. */
export function isOwnWorker(w: PersonRef): w is PersonRef & { id: number } {
  return typeof w.id === 'number';
}

/** Offers by wave, and within a wave the highest score first. */
export function sortOffers(offers: readonly BoardOffer[]): BoardOffer[] {
  return [...offers].sort((a, b) => a.wave - b.wave || b.score - a.score || a.id - b.id);
}

/** Buddy requests by wave, and within a wave the first asked first. */
export function sortBuddyRequests(requests: readonly BoardBuddyRequest[]): BoardBuddyRequest[] {
  return [...requests].sort((a, b) => a.wave - b.wave || Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
}

/** A share of the score as points out of 100 ("0.25" → 25). */
export function points(value: number | undefined): number {
  return Number.isFinite(value) ? Math.round((value as number) * 100) : 0;
}

/** The largest part among all these breakdowns: the bars of one job share one scale. */
export function barScale(breakdowns: readonly (Breakdown | null | undefined)[]): number {
  let max = 0;
  for (const b of breakdowns) {
    if (!b) continue;
    for (const p of BREAKDOWN_PARTS) {
      const v = b[p];
      if (v !== undefined && Number.isFinite(v) && v > max) max = v;
    }
  }
  return max > 0 ? max : 1;
}
