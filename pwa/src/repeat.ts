// Repeat work (issue 12): a worker marked "graag opnieuw" (PUT/DELETE /me/favourites/{worker}),
// a past job posted again at a new date (POST /jobs/{id}/repost), and a job that recurs every
// week or every two weeks (NewJob.repeat; GET /series/{id}, POST /series/{id}/cancel).
import { api } from './api';
import type * as Api from './api/types';
import { addDays, type Job, localDate, localTime } from './jobs';

export type Repeat = Api.Repeat;
export type Series = Api.Series;
export type Favourite = Api.Favourite;

/** "Herhalen": not, every week, every two weeks. */
export type RepeatChoice = 'none' | '1' | '2';

/** The most jobs in one series (the server's klusbuddy.MaxOccurrences). */
export const MAX_OCCURRENCES = 26;

/** The last date a series may run to from its first date: 25 steps of one or two weeks. */
export function maxUntil(date: string, everyWeeks: 1 | 2): string {
  return addDays(date, 7 * everyWeeks * (MAX_OCCURRENCES - 1));
}

/** The default "tot en met": four weeks after the first date. */
export const defaultUntil = (date: string): string => addDays(date, 28);

/** How many jobs a series makes from date up to and including until; null when either is no
 * date or until comes first. */
export function occurrenceCount(date: string, until: string, everyWeeks: 1 | 2): number | null {
  const a = Date.parse(`${date}T12:00:00Z`);
  const b = Date.parse(`${until}T12:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return Math.floor(Math.round((b - a) / 86_400_000) / (7 * everyWeeks)) + 1;
}

/** The repeat to send, or null for "niet". */
export function repeatOf(choice: RepeatChoice, until: string): Repeat | null {
  return choice === 'none' ? null : { every_weeks: choice === '1' ? 1 : 2, until };
}

/** A repost's first suggestion: the job's weekday and time, in the first week from tomorrow on. */
export function nextSameWeekday(job: Pick<Job, 'start'>, now: Date = new Date()): { date: string; time: string } {
  const start = new Date(job.start);
  const d = new Date(start);
  while (d.getTime() < now.getTime() + 24 * 60 * 60 * 1000) d.setDate(d.getDate() + 7);
  return { date: localDate(d), time: localTime(start) };
}

export async function addFavourite(workerId: number): Promise<Favourite> {
  return api<Favourite>('PUT', `/me/favourites/${workerId}`);
}

export async function removeFavourite(workerId: number): Promise<void> {
  await api<void>('DELETE', `/me/favourites/${workerId}`);
}

/** POST /jobs/{id}/repost: the new job, at today's price, as long as the old one. */
export async function repostJob(jobId: number, start: string): Promise<Job> {
  return api<Job>('POST', `/jobs/${jobId}/repost`, { body: { start } });
}

export async function cancelSeries(id: number): Promise<{ series: Series; cancelled: number[] }> {
  return api<{ series: Series; cancelled: number[] }>('POST', `/series/${id}/cancel`);
}
