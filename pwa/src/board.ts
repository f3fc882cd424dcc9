// The coordinator's match board (GET /org/jobs, GET /org/jobs/{id}, POST
// /org/jobs/{id}/reoffer): the shapes, the calls, and the small rules the screens share —
// which jobs need attention, how a score breaks down into its parts, the order of the buddy
// requests.
import { api } from './api';
import { allOf } from './api/all-of';
import type * as Api from './api/types';

export type BoardFilter = NonNullable<NonNullable<Api.operations['board']['parameters']['query']>['filter']>;
export const BOARD_FILTERS = allOf<BoardFilter>()(['attention', 'today', 'not_arrived', 'safety', 'open', 'all']);
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

/** The jobs named (those of them that still match the filter): what a live board loads when
 * `board_changed` events name them. */
export async function fetchBoardJobs(filter: BoardFilter, ids: readonly number[], signal?: AbortSignal): Promise<BoardJob[]> {
  const body = await api<{ jobs?: unknown } | null>('GET', `/org/jobs?filter=${filter}&ids=${ids.join(',')}`, { signal });
  return Array.isArray(body?.jobs) ? (body.jobs as BoardJob[]) : [];
}

/** The server names at most this many jobs per request. */
export const MAX_IDS = 100;

/** The list with the jobs that were asked for again: each one that came back in its place (or
 * added, in order of start), each one that did not gone (it no longer matches the filter). */
export function mergeJobs(list: readonly BoardJob[], asked: readonly number[], fresh: readonly BoardJob[]): BoardJob[] {
  const gone = new Set(asked);
  const byId = new Map(fresh.map((j) => [j.id, j]));
  const out = list.filter((j) => !gone.has(j.id) || byId.has(j.id)).map((j) => byId.get(j.id) ?? j);
  const have = new Set(out.map((j) => j.id));
  for (const j of fresh) if (!have.has(j.id)) out.push(j);
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id - b.id);
}

/** Someone booked on a job, and whether they came. */
export type BoardPerson = Api.components['schemas']['BoardPerson'];
export type Arrival = BoardPerson['arrival'];
export const ARRIVALS = allOf<Arrival>()(['expected', 'checked_in', 'late', 'checked_out', 'not_arrived', 'away']);
export type OtherOrganisation = NonNullable<BoardJob['other_organisations']>[number];

/** The columns of the board on a wide screen, by the job's state. */
export type BoardColumn = 'fill' | 'booked' | 'running' | 'over';
export const BOARD_COLUMNS: readonly BoardColumn[] = ['fill', 'booked', 'running', 'over'];
export function columnOf(job: Pick<BoardJob, 'state'>): BoardColumn {
  switch (job.state) {
    case 'open':
    case 'offering':
    case 'unfilled':
      return 'fill';
    case 'filled':
      return 'booked';
    case 'in_progress':
      return 'running';
    default:
      return 'over';
  }
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

export type AttentionReason = 'safety' | 'not_arrived' | 'unfilled' | 'buddy' | 'soon' | 'declines';

/** This many declines on a job with places left and no offer open need a coach (as the
 * server's filter). */
export const DECLINES_ATTENTION = 3;

/** A job still to fill that starts within this long needs attention (as the server's filter). */
export const SOON_MS = 24 * 60 * 60 * 1000;

/** Why a job needs the coordinator now, as the server's `attention` filter decides, the most
 * urgent first: someone does not feel safe (a report nobody acknowledged yet), a booked worker
 * has not checked in 15 minutes after the start, nobody was found, a worker waits for a buddy,
 * it starts within 24 hours with places left, or it was declined 3 times with places left and no offer open. A far check-in is shown, but is no reason on
 * its own (phones indoors are often off by more than the radius). */
export function attentionReasons(
  job: Pick<BoardJob, 'state' | 'awaiting_buddy' | 'start' | 'booked' | 'workers_needed'> &
    Partial<Pick<BoardJob, 'safety_open' | 'not_arrived' | 'declines' | 'offers_pending'>>,
  now: number = Date.now(),
): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if ((job.safety_open ?? 0) > 0) reasons.push('safety');
  if ((job.not_arrived ?? 0) > 0) reasons.push('not_arrived');
  if (job.state === 'unfilled') reasons.push('unfilled');
  if (job.awaiting_buddy > 0) reasons.push('buddy');
  const start = Date.parse(job.start);
  const toFill = (job.state === 'open' || job.state === 'offering') && job.booked < job.workers_needed;
  if (toFill && start < now + SOON_MS) reasons.push('soon');
  if (toFill && (job.declines ?? 0) >= DECLINES_ATTENTION && (job.offers_pending ?? 0) === 0) reasons.push('declines');
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

// ---- the day of the job (issue 11): attendance, outcomes, contacts, safety reports ----

type Schemas = Api.components['schemas'];

/** One check-in (and check-out) on a job, by the phone's time, with how far from the address. */
export type AttendanceRow = BoardJobDetail['attendance'][number];
/** How the job or one of its places ended, who recorded it and when. */
export type OutcomeRow = BoardJobDetail['outcomes'][number];
export { type Contact, CONTACT_ROLES, type ContactRole, telLink } from './contacts';

export type Outcome = Schemas['Outcome'];
export const OUTCOMES = allOf<Outcome>()([
  'done',
  'worker_no_show',
  'buddy_no_show',
  'poster_absent',
  'left_for_safety',
  'cancelled_late_by_poster',
  'cancelled_by_coordinator',
]);
/** What a coordinator may record for one place (a person), as the server allows it. */
export const PLACE_OUTCOMES: readonly Outcome[] = ['done', 'worker_no_show', 'buddy_no_show', 'poster_absent', 'left_for_safety'];
/** What a coordinator may record for the whole job. */
export const JOB_OUTCOMES: readonly Outcome[] = ['done', 'poster_absent', 'cancelled_late_by_poster', 'cancelled_by_coordinator'];

export function outcomesFor(place: number | null): readonly Outcome[] {
  return place === null ? JOB_OUTCOMES : PLACE_OUTCOMES;
}

/** Whether "close the job" may go with this outcome: only a started job can be closed (in
 * progress, or filled and past its start), and a cancellation is never closed as done. */
export function canClose(job: Pick<BoardJob, 'state' | 'start'>, outcome: Outcome | '', now: number = Date.now()): boolean {
  if (outcome === 'cancelled_by_coordinator') return false;
  return job.state === 'in_progress' || (job.state === 'filled' && Date.parse(job.start) <= now);
}

/** Whether the job can still get an outcome at all (cancelled or expired jobs are over). */
export function canRecordOutcome(job: Pick<BoardJob, 'state'>): boolean {
  return job.state !== 'cancelled' && job.state !== 'expired';
}

export type OutcomeInput = { outcome: Outcome; place?: number; close?: boolean };

export async function recordOutcome(jobId: number, input: OutcomeInput): Promise<BoardJob> {
  const body: OutcomeInput = { outcome: input.outcome };
  if (input.place !== undefined) body.place = input.place;
  if (input.close) body.close = true;
  const answer = await api<{ job: BoardJob }>('POST', `/org/jobs/${jobId}/outcome`, { body });
  return answer.job;
}

/** A safety report of the coordinator's organisation ("Ik voel me niet veilig"). */
export type SafetyReport = Schemas['SafetyReport'];
export type Position = Schemas['Position'];
export const FOLLOW_UP_MAX = 1000;

export async function fetchSafetyReports(signal?: AbortSignal): Promise<SafetyReport[]> {
  const body = await api<{ reports?: unknown } | null>('GET', '/org/safety', { signal });
  return Array.isArray(body?.reports) ? sortSafetyReports(body.reports as SafetyReport[]) : [];
}

export async function acknowledgeSafety(id: number, followUp: string): Promise<SafetyReport> {
  const answer = await api<{ report: SafetyReport }>('POST', `/org/safety/${id}/ack`, { body: { follow_up: followUp } });
  return answer.report;
}

export const isOpenReport = (r: Pick<SafetyReport, 'acknowledged_at'>): boolean => !r.acknowledged_at;

/** The ones nobody acknowledged yet first, then the newest first (as the server sends them). */
export function sortSafetyReports(reports: readonly SafetyReport[]): SafetyReport[] {
  const time = (r: SafetyReport) => Date.parse(r.at) || 0;
  return [...reports].sort((a, b) => Number(isOpenReport(b)) - Number(isOpenReport(a)) || time(b) - time(a) || b.id - a.id);
}

/** A map of the spot (OpenStreetMap, a marker at the position). */
export function mapLink(p: Pick<Position, 'lat' | 'lon'>): string {
  const lat = p.lat.toFixed(5);
  const lon = p.lon.toFixed(5);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/** What a `safety_alert` event says (live.ts: Notification.data): who, which job, when, where. */
export type SafetyAlert = {
  /** The notification's id: one alert per event. */
  id: number;
  reportId: number | null;
  jobId: number | null;
  role: 'worker' | 'buddy' | null;
  firstName: string;
  /** When it was pressed, by the phone. */
  at: string;
  position: { lat: number; lon: number } | null;
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The alert in a `safety_alert` event, or null for another kind, or one that expired. */
export function safetyAlertOf(
  n: { id: number; kind: string; data?: Record<string, unknown> | null; created_at: string },
  now: number = Date.now(),
): SafetyAlert | null {
  if (n.kind !== 'safety_alert') return null;
  const d = n.data ?? {};
  const expires = typeof d.expires_at === 'string' ? Date.parse(d.expires_at) : Number.NaN;
  if (Number.isFinite(expires) && expires <= now) return null;
  const lat = num(d.lat);
  const lon = num(d.lon);
  return {
    id: n.id,
    reportId: num(d.report_id),
    jobId: num(d.job_id),
    role: d.role === 'worker' || d.role === 'buddy' ? d.role : null,
    firstName: typeof d.first_name === 'string' ? d.first_name : '',
    at: typeof d.at === 'string' && !Number.isNaN(Date.parse(d.at)) ? d.at : n.created_at,
    position: lat !== null && lon !== null ? { lat, lon } : null,
  };
}
