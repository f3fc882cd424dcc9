// The hours after a job (issue 12): a worker's or a buddy's sheet (proposed at check-out,
// confirmed or corrected by them, approved by the poster — or the coordinator for a buddy —
// or by Klusbuddy when nobody answers in time), the calls, and the words for a duration.
import { api } from './api';
import type { components } from './api/schema';
import type { Translate } from './i18n';

export type Sheet = components['schemas']['Sheet'];
export type SheetConfirm = components['schemas']['SheetConfirm'];
export type HoursRole = 'worker' | 'buddy';

/** The worker's sheet is under the job's id, the buddy's under the accompaniment's. */
const base = (role: HoursRole, target: number) => (role === 'worker' ? `/me/assignments/${target}/hours` : `/me/accompaniments/${target}/hours`);

export async function fetchMySheet(role: HoursRole, target: number, signal?: AbortSignal): Promise<Sheet> {
  return (await api<{ sheet: Sheet }>('GET', base(role, target), { signal })).sheet;
}

export async function confirmMySheet(role: HoursRole, target: number, body: SheetConfirm): Promise<Sheet> {
  return (await api<{ sheet: Sheet }>('POST', `${base(role, target)}/confirm`, { body })).sheet;
}

export async function fetchJobSheets(jobId: number, signal?: AbortSignal): Promise<Sheet[]> {
  return (await api<{ sheets: Sheet[] }>('GET', `/jobs/${jobId}/hours`, { signal })).sheets;
}

export async function approveSheet(jobId: number, sheet: number): Promise<Sheet> {
  return (await api<{ sheet: Sheet }>('POST', `/jobs/${jobId}/hours/${sheet}/approve`)).sheet;
}

export async function disputeSheet(jobId: number, sheet: number, reason: string): Promise<Sheet> {
  return (await api<{ sheet: Sheet }>('POST', `/jobs/${jobId}/hours/${sheet}/dispute`, { body: { reason } })).sheet;
}

/** The value that counts now: the final one, else the confirmed one, else the proposal. */
export function sheetValue(s: Sheet): number | null {
  return s.approved ?? s.confirmed ?? s.proposed;
}

/** "2 u 15 min", "45 min", "2 u"; for a per-item job "3 stuks". */
export function amountText(value: number, unit: Sheet['unit'], t: Translate): string {
  if (unit === 'items') return t('hours.items', { n: String(value) });
  const h = Math.floor(value / 60);
  const m = value % 60;
  if (h === 0) return t('hours.min', { m: String(m) });
  if (m === 0) return t('hours.h', { h: String(h) });
  return t('hours.hMin', { h: String(h), m: String(m) });
}
