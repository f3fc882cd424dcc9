import type { Lang, Translate } from './i18n';

// Belgian conventions per language, as CLDR (and so every browser) has them:
// nl "€ 24,00", fr "24,00 €", en "€24.00", tr "€24,00" (CLDR has no tr-BE: plain Turkish).
// Arabic keeps Latin digits and the 24-hour clock (ar-u-hc-h23-nu-latn: "24.00 €", "14:05"), as
// in Belgium and the Maghreb; see docs/decisions.md.
const LOCALES: Record<Lang, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE', tr: 'tr-BE', ar: 'ar-u-hc-h23-nu-latn' };

/** The BCP 47 locale that Intl formats numbers and dates with for a UI language. */
export function intlLocale(lang: Lang): string {
  return LOCALES[lang];
}

export function formatMoney(cents: number, currency: string, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency }).format(cents / 100);
}

/** "€ 24,00 per uur", "24,00 € par pièce", …; an unknown unit shows the bare price. */
export function formatUnitPrice(
  cents: number,
  currency: string,
  unit: string,
  lang: Lang,
  t: Translate,
): string {
  const price = formatMoney(cents, currency, lang);
  switch (unit) {
    case 'hour':
      return t('prices.perHour', { price });
    case 'item':
      return t('prices.perItem', { price });
    default:
      return price;
  }
}

const toDate = (iso: string | Date) => (iso instanceof Date ? iso : new Date(iso));

/** "dinsdag 3 december om 14:05" style: a day and a time, in the page language. */
export function formatDateTime(iso: string | Date, lang: Lang): string {
  const d = toDate(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** "di 24 december 2026" for a calendar date "2026-12-24" (no time zone shift). */
export function formatDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** "14:05" */
export function formatTime(d: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit' }).format(d);
}

/** "12" for a number, in the page language. */
export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

/** "wo 2 december" (short) or "woensdag 2 december 2026" (long): the day of a moment, in the
 * browser's time zone. */
export function formatDay(iso: string | Date, lang: Lang, style: 'short' | 'long' = 'short'): string {
  const d = toDate(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: style,
    day: 'numeric',
    month: 'long',
    ...(style === 'long' ? { year: 'numeric' as const } : {}),
  }).format(d);
}

/** "2 december 2026": the day of a moment with its year, no weekday, in the browser's time zone. */
export function formatDayYear(iso: string | Date, lang: Lang): string {
  const d = toDate(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** "Ayşe en Jan", "Ayşe, Jan et Piet", "Ayşe and Jan". */
export function formatList(items: readonly string[], lang: Lang): string {
  try {
    return new Intl.ListFormat(LOCALES[lang], { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** The first and the last day of a window of days, as formatDay has them but without saying
 * twice what they share: "di 8" and "vr 11 december"; "ma 28 december" and "vr 1 januari";
 * long: "dinsdag 8" and "vrijdag 11 december 2026". In the browser's time zone. */
export function formatDayRange(
  first: string | Date,
  last: string | Date,
  lang: Lang,
  style: 'short' | 'long' = 'short',
): { first: string; last: string } {
  const a = toDate(first);
  const b = toDate(last);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return { first: '', last: '' };
  const sameYear = a.getFullYear() === b.getFullYear();
  const sameMonth = sameYear && a.getMonth() === b.getMonth();
  const firstText = sameMonth
    ? new Intl.DateTimeFormat(LOCALES[lang], { weekday: style, day: 'numeric' }).format(a)
    : sameYear
      ? new Intl.DateTimeFormat(LOCALES[lang], { weekday: style, day: 'numeric', month: 'long' }).format(a)
      : formatDay(a, lang, style);
  return { first: firstText, last: formatDay(b, lang, style) };
}

const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** "Vandaag", "Morgen" or "wo 2 december". */
export function dayText(d: Date, lang: Lang, t: Translate, now: number): string {
  const days = Math.round((dayStart(d) - dayStart(new Date(now))) / 86_400_000);
  if (days === 0) return t('offers.today');
  if (days === 1) return t('offers.tomorrow');
  return formatDay(d, lang);
}
