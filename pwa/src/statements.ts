// What the poster pays (issue 12): a job's statement, a month's, and the months with amounts.
// Amounts are the server's (cents, per line rounded half up); payment stays outside Klusbuddy.
import { API_BASE, api } from './api';
import type { components } from './api/schema';
import { intlLocale } from './format';
import { amountText } from './hours';
import type { Lang, Translate } from './i18n';

export type JobStatement = components['schemas']['JobStatement'];
export type StatementLine = components['schemas']['StatementLine'];
export type MonthStatement = components['schemas']['MonthStatement'];
export type StatementMonth = components['schemas']['StatementMonth'];

export async function fetchJobStatement(jobId: number, signal?: AbortSignal): Promise<JobStatement> {
  return (await api<{ statement: JobStatement }>('GET', `/jobs/${jobId}/statement`, { signal })).statement;
}

export async function fetchMonthStatement(month: string, signal?: AbortSignal): Promise<MonthStatement> {
  return (await api<{ statement: MonthStatement }>('GET', `/me/statements/${month}`, { signal })).statement;
}

export async function fetchStatementMonths(signal?: AbortSignal): Promise<StatementMonth[]> {
  return (await api<{ months: StatementMonth[] }>('GET', '/me/statements', { signal })).months;
}

/** The month's CSV, for a spreadsheet (semicolons, decimal commas). */
export const csvHref = (month: string) => `${API_BASE}/me/statements/${month}?format=csv`;

// The router checks months too: a module of its own keeps statements out of the first chunk.
export { isMonth } from './month';

/** "november 2026" in the page's language. */
export function monthName(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number);
  const locale = intlLocale(lang);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)));
}

/** A line's hours ("2 u 15 min") or items ("3 stuks"); null while not approved. */
export function lineQuantity(l: StatementLine, t: Translate): string | null {
  if (l.minutes !== null) return amountText(l.minutes, 'minutes', t);
  if (l.items !== null) return amountText(l.items, 'items', t);
  return null;
}
