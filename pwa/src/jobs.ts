// Jobs as a poster sees them (docs/openapi.yaml: NewJob, Job): the shapes, and the small
// rules the screens share — the price estimate, the start in the browser's time zone, which
// jobs are still to come and whether cancelling is still free. And "never again" (POST
// /jobs/{id}/never-again), which the poster, the worker, the buddy and the coach all use.
import { api, type Category } from './api';
import { allOf } from './api/all-of';
import type * as Api from './api/types';

export type JobState = Api.JobState;

export const JOB_STATES = allOf<JobState>()([
  'open',
  'offering',
  'filled',
  'in_progress',
  'done',
  'hours_confirmed',
  'cancelled',
  'expired',
  'unfilled',
]);

export type BuddyPolicy = Api.BuddyPolicy;
export const BUDDY_POLICIES = allOf<BuddyPolicy>()(['allowed', 'required', 'not_allowed']);

/** A job as its poster (and the people on it) see it. `window_days` above 1: the job may be
 * done on the start's day or any of the next window_days − 1 days, at the same time and for as
 * long; `start`/`end` are then the first possible day's slot, and the first worker to say yes
 * settles the day. `price` is the unit price fixed when the job was posted: the job's price comes
 * from it, never from today's price list. */
/** A job as its poster sees it: always with its price (a worker's or buddy's view never has one). */
export type Job = Api.Job & { price: NonNullable<Api.Job['price']> };
/** A job as a worker or buddy booked on it sees it: never with the poster's price. */
export type PersonJob = Api.Job;
/** A booked place: the worker's first name and their buddy (`searching` while buddies are
 * asked, `confirmed` with a first name). The poster names a worker by place ("never again"). */
export type JobPlace = Api.JobPlace;
export type PlaceBuddy = JobPlace['buddy'];
export type JobPrice = Api.JobPrice;

/** POST /jobs. `window_days`: 2 to 14, a day of the worker's choice (left out for one day). */
export type NewJob = Api.NewJob;

/** PATCH /jobs/{id}: a JSON merge patch of the fields that changed. */
export type JobPatch = Api.JobPatch;

/** The duration chips, in hours. */
export const DURATION_HOURS = [1, 2, 3, 4, 6, 8] as const;
export const DEFAULT_HOURS = 2;
export const MIN_WORKERS = 1;
export const MAX_WORKERS = 20;
export const DESCRIPTION_MAX = 2000;
/** "Een dag naar keuze": from 2 to 14 days, the start's day counted; 1 is one fixed day. */
export const MIN_WINDOW_DAYS = 2;
export const MAX_WINDOW_DAYS = 14;
/** The last day's default: the start + 3 days. */
export const DEFAULT_WINDOW_DAYS = 4;
/** Until this long before the start, cancelling is free (the server's FreeCancellation). */
export const FREE_CANCELLATION_MS = 24 * 60 * 60 * 1000;

export type Estimate =
  /** Hourly: unit price × hours × workers. */
  | { kind: 'total'; cents: number; currency: string }
  /** Per item: only the unit price is known before the work is done. */
  | { kind: 'perItem'; cents: number; currency: string };

export function priceEstimate(category: Pick<Category, 'unit' | 'unit_price_cents' | 'currency'>, minutes: number, workers: number): Estimate {
  if (category.unit === 'hour') {
    return { kind: 'total', cents: Math.round((category.unit_price_cents * minutes * workers) / 60), currency: category.currency };
  }
  return { kind: 'perItem', cents: category.unit_price_cents, currency: category.currency };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-02" for a Date, in the browser's time zone. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date "2026-12-08" as noon UTC that day (no time zone or summer time in the way),
 * or null for anything else. */
function dateUtc(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d, 12);
  return new Date(t).getUTCDate() === d ? t : null;
}

/** Whether this is a real calendar date "2026-12-08". */
export const isDate = (date: string): boolean => dateUtc(date) !== null;

/** The calendar date `days` later ("2026-12-08" + 3 → "2026-12-11"); "" when it is no date. */
export function addDays(date: string, days: number): string {
  const t = dateUtc(date);
  if (t === null) return '';
  const d = new Date(t + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Days from one calendar date to another (negative when `to` comes first); null when either
 * is no date. */
export function daysBetween(from: string, to: string): number | null {
  const a = dateUtc(from);
  const b = dateUtc(to);
  return a === null || b === null ? null : Math.round((b - a) / 86_400_000);
}

/** The job's window of days: 1 for a fixed day (and for an older server that sends nothing). */
export function windowDays(job: Pick<Job, 'window_days'>): number {
  const n = job.window_days;
  return typeof n === 'number' && Number.isInteger(n) && n > 1 ? n : 1;
}

/** The same time of day, `days` calendar days later in the browser's time zone (so 10:00
 * stays 10:00 across the change to or from summer time). */
export function shiftDays(iso: string, days: number): Date {
  const d = new Date(iso);
  d.setDate(d.getDate() + days);
  return d;
}

/** The last possible day's start and end: the job's own for a fixed day. */
export function lastSlot(job: Pick<Job, 'start' | 'end' | 'window_days'>): { start: Date; end: Date } {
  const extra = windowDays(job) - 1;
  return { start: shiftDays(job.start, extra), end: shiftDays(job.end, extra) };
}

/** Tomorrow's date in the browser's time zone: the form's default day. */
export function tomorrow(now: Date = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 12);
  return localDate(d);
}

/** A day a year from now: the latest start the server accepts. */
export function inAYear(now: Date = new Date()): string {
  return localDate(new Date(now.getFullYear() + 1, now.getMonth(), now.getDate(), 12));
}

/**
 * The start as the API wants it: an ISO date-time with the browser's offset,
 * "2026-12-02T09:00:00+01:00" for 9 o'clock in Belgium in winter. Null for a date or time
 * that is not one.
 */
export function startIso(date: string, time: string): string | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return null;
  const [y, mo, da, h, mi] = [dm[1], dm[2], dm[3], tm[1], tm[2]].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const d = new Date(y, mo - 1, da, h, mi, 0, 0);
  if (Number.isNaN(d.getTime()) || d.getDate() !== da) return null;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  // The fields of `d`, not the ones typed: a time that does not exist (the hour the clocks go
  // forward) moves on as the browser moves it.
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** States after which nothing more happens to the job. */
const CLOSED: ReadonlySet<JobState> = new Set(['done', 'hours_confirmed', 'cancelled', 'expired']);

/** Still to come (or going on now): not closed and not yet ended. */
export function isUpcoming(job: Job, now: Date = new Date()): boolean {
  return !CLOSED.has(job.state) && lastSlot(job).end.getTime() > now.getTime();
}

/** The poster may cancel before the work starts (the server's state table). */
export function canCancel(state: JobState): boolean {
  return state === 'open' || state === 'offering' || state === 'filled' || state === 'unfilled';
}

/** Whether cancelling now counts as late (less than 24 hours before the start). */
export function isLateCancellation(job: Pick<Job, 'start'>, now: Date = new Date()): boolean {
  return Date.parse(job.start) - now.getTime() < FREE_CANCELLATION_MS;
}

/** Upcoming jobs soonest first; past ones most recent first. */
export function splitJobs(jobs: readonly Job[], now: Date = new Date()): { upcoming: Job[]; past: Job[] } {
  const upcoming = jobs.filter((j) => isUpcoming(j, now)).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = jobs.filter((j) => !isUpcoming(j, now)).sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return { upcoming, past };
}

export function jobMinutes(job: Pick<Job, 'start' | 'end'>): number {
  return Math.max(0, Math.round((Date.parse(job.end) - Date.parse(job.start)) / 60_000));
}

/** Jobs just posted on this page load: their page says so once. */
const justPosted = new Set<number>();
export function markPosted(id: number): void {
  justPosted.add(id);
}
export function takePosted(id: number): boolean {
  return justPosted.delete(id);
}

/** Jobs just changed on this page load: their page says so once (and whether we search again). */
const justEdited = new Map<number, boolean>();
export function markEdited(id: number, reoffered: boolean): void {
  justEdited.set(id, reoffered);
}
export function takeEdited(id: number): { reoffered: boolean } | null {
  const v = justEdited.get(id);
  justEdited.delete(id);
  return v === undefined ? null : { reoffered: v };
}

/** What the edit form holds, in the API's terms (start as ISO, null when the date or time is
 * not one). */
export type JobValues = {
  category: string;
  address_id: number;
  start: string | null;
  minutes: number;
  workers_needed: number;
  level: number;
  buddy: BuddyPolicy;
  description: string;
  language_hints: readonly string[];
  /** 1 for one day, 2 to 14 for a day of the worker's choice. */
  window_days: number;
};

/** Fields that may still change once someone is booked. */
export const EDITABLE_WHEN_BOOKED = ['description', 'language_hints', 'workers_needed'] as const;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

/** Only the fields that differ from the job; with someone booked, only the ones that may
 * still change. */
export function jobPatch(job: Job, v: JobValues, locked: boolean): JobPatch {
  const patch: JobPatch = {};
  if (v.description.trim() !== job.description.trim()) patch.description = v.description.trim();
  if (!sameSet(v.language_hints, job.language_hints)) patch.language_hints = [...v.language_hints];
  if (v.workers_needed !== job.workers_needed) patch.workers_needed = v.workers_needed;
  if (locked) return patch;
  if (v.category !== job.category) patch.category = v.category;
  if (v.address_id !== job.address.id) patch.address_id = v.address_id;
  if (v.start !== null && Date.parse(v.start) !== Date.parse(job.start)) patch.start = v.start;
  if (v.minutes !== jobMinutes(job)) patch.minutes = v.minutes;
  if (v.level !== job.level) patch.level = v.level;
  if (v.buddy !== job.buddy) patch.buddy = v.buddy;
  if (v.window_days !== windowDays(job)) patch.window_days = v.window_days;
  return patch;
}

/** A change of time (the days too), place, category, level or buddy withdraws the open offers:
 * the job is offered again from scratch. */
export function patchReoffers(patch: JobPatch): boolean {
  return ['category', 'address_id', 'start', 'minutes', 'window_days', 'level', 'buddy'].some((k) => k in patch);
}

/** "09:00" for a moment, in the browser's time zone (the edit form's start time). */
export function localTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// ---- never again ----

// In a module of its own, so that the worker's home (answer-card.tsx) loads none of the rest.
export { neverAgain, type NeverAgainWho } from './never-again';
