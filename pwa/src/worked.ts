// What a worker worked and a buddy volunteered (issue 12): the worker's hours in a month and
// its year against their caps, per job and in their history (GET /me/hours) — counted as the
// caps count them: the approved hours where final, the booked hours otherwise — with their pay
// only where their organisation sets a rate; a buddy's approved volunteer hours (GET
// /me/volunteer-hours); the organisation's rate and figures for its coordinators. Never the
// poster's price; payment itself happens outside Klusbuddy.
import { api } from './api';
import type { components } from './api/schema';
import { formatNumber, intlLocale } from './format';
import type { Lang, Translate } from './i18n';

export type WorkedHours = components['schemas']['WorkedHours'];
export type WorkedJob = components['schemas']['WorkedJob'];
export type VolunteerHours = components['schemas']['VolunteerHours'];
export type OrgSettings = components['schemas']['OrgSettings'];
export type OrgFigures = components['schemas']['OrgFigures'];

export async function fetchMyHours(month: string | null, signal?: AbortSignal): Promise<WorkedHours> {
  return api<WorkedHours>('GET', month ? `/me/hours?month=${encodeURIComponent(month)}` : '/me/hours', { signal });
}

export async function fetchVolunteerHours(signal?: AbortSignal): Promise<VolunteerHours> {
  return api<VolunteerHours>('GET', '/me/volunteer-hours', { signal });
}

export async function fetchOrgSettings(signal?: AbortSignal): Promise<OrgSettings> {
  return api<OrgSettings>('GET', '/org/settings', { signal });
}

export async function saveOrgSettings(body: OrgSettings): Promise<OrgSettings> {
  return api<OrgSettings>('PATCH', '/org/settings', { body });
}

export async function fetchOrgFigures(signal?: AbortSignal): Promise<OrgFigures> {
  return api<OrgFigures>('GET', '/org/figures', { signal });
}

/** "YYYY-MM" of a valid month query, else null (the server's current month). */
export function monthParam(q: string | null): string | null {
  return q && /^\d{4}-(0[1-9]|1[0-2])$/.test(q) ? q : null;
}

/** The month before (−1) or after (+1) "YYYY-MM". */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** "november 2026" in the page language. */
export function monthName(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const locale = intlLocale(lang);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** "1,5 uur" / "1 uur". */
export function hoursText(h: number, lang: Lang, t: Translate): string {
  const n = Math.round(h * 100) / 100;
  return n === 1 ? t('worked.oneHour') : t('worked.hours', { n: formatNumber(n, lang) });
}

/** Euro text for an amount typed as "12,50" or "12.50"; null when it is not one. */
export function parseEuro(s: string): number | null {
  const v = s.trim().replace(/^€\s*/, '').replace(',', '.');
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(v)) return null;
  return Math.round(Number(v) * 100);
}
