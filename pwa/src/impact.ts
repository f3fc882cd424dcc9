// Impact figures (issue 13): the coordinator's query, the figures and series, the
// organisation's social-return values and the CSV of the figures table.
import { API_BASE, api } from './api';
import type { components } from './api/schema';

export type ImpactReport = components['schemas']['ImpactReport'];
export type ImpactFigures = components['schemas']['ImpactFigures'];
export type ImpactStep = components['schemas']['ImpactStep'];
export type ImpactValue = components['schemas']['ImpactValue'];
export type ImpactEstimate = components['schemas']['ImpactEstimate'];

export const PERIODS = ['week', 'month', 'quarter', 'year', 'range'] as const;
export type Period = (typeof PERIODS)[number];

export type ImpactFilters = {
  period: Period;
  date: string; // YYYY-MM-DD, a day in the period ('' = today)
  from: string;
  to: string;
  category: string; // slug, '' = all
  municipality: string;
};

/** The query string for the filters, without "?"; only what is set. */
export function impactQuery(f: ImpactFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  q.set('period', f.period);
  if (f.period === 'range') {
    if (f.from) q.set('from', f.from);
    if (f.to) q.set('to', f.to);
  } else if (f.date) q.set('date', f.date);
  if (f.category) q.set('category', f.category);
  if (f.municipality.trim()) q.set('municipality', f.municipality.trim());
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export async function fetchImpact(f: ImpactFilters, signal?: AbortSignal): Promise<ImpactReport> {
  return api<ImpactReport>('GET', `/org/impact?${impactQuery(f)}`, { signal });
}

export const impactCsvHref = (f: ImpactFilters) => `${API_BASE}/org/impact?${impactQuery(f, { format: 'csv' })}`;

export async function saveImpactValues(values: ImpactValue[]): Promise<ImpactValue[]> {
  return (await api<{ values: ImpactValue[] }>('PUT', '/org/impact/values', { body: { values } })).values;
}

/** The bars of a chart: a value per step, scaled to the largest (0 when all are 0). */
export function bars(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? v / max : 0));
}
