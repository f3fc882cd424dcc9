import { describe, expect, it } from 'vitest';
import { formatDayRange, formatDayYear, formatMoney, formatTime, formatUnitPrice } from './format';
import { translator } from './i18n';

// Browsers use no-break spaces (U+00A0, U+202F) inside prices; compare with plain spaces.
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('formatUnitPrice', () => {
  it.each([
    ['nl', 'hour', '€ 24,00 per uur'],
    ['nl', 'item', '€ 24,00 per stuk'],
    ['fr', 'hour', '24,00 € par heure'],
    ['fr', 'item', '24,00 € par pièce'],
    ['en', 'hour', '€24.00 per hour'],
    ['en', 'item', '€24.00 per item'],
    ['tr', 'hour', '€24,00 / saat'],
  ] as const)('%s %s', (lang, unit, want) => {
    expect(plain(formatUnitPrice(2400, 'EUR', unit, lang, translator(lang)))).toBe(want);
  });

  it('shows the bare price for a unit it does not know', () => {
    expect(plain(formatUnitPrice(2400, 'EUR', 'day', 'nl', translator('nl')))).toBe('€ 24,00');
  });

  it('never splits a price over two lines', () => {
    expect(formatMoney(2400, 'EUR', 'nl')).not.toContain(' ');
    expect(formatMoney(2400, 'EUR', 'fr')).not.toContain(' ');
  });
});

describe('formatMoney', () => {
  it('handles cents and thousands the Belgian way', () => {
    expect(plain(formatMoney(1850, 'EUR', 'nl'))).toBe('€ 18,50');
    expect(plain(formatMoney(123456, 'EUR', 'nl'))).toBe('€ 1.234,56');
    expect(plain(formatMoney(123456, 'EUR', 'en'))).toBe('€1,234.56');
    expect(plain(formatMoney(5, 'EUR', 'fr'))).toBe('0,05 €');
  });
});

describe('formatDayRange', () => {
  const day = (y: number, m: number, d: number) => new Date(y, m - 1, d, 10);

  it('says the month and year once when the days share them', () => {
    expect(formatDayRange(day(2026, 12, 8), day(2026, 12, 11), 'nl')).toEqual({ first: 'di 8', last: 'vr 11 december' });
    expect(formatDayRange(day(2026, 12, 8), day(2026, 12, 11), 'nl', 'long')).toEqual({ first: 'dinsdag 8', last: 'vrijdag 11 december 2026' });
    expect(formatDayRange(day(2026, 12, 8), day(2026, 12, 11), 'fr')).toEqual({ first: 'mar. 8', last: 'ven. 11 décembre' });
  });

  it('names both months, and both years when they differ', () => {
    expect(formatDayRange(day(2026, 11, 30), day(2026, 12, 3), 'nl')).toEqual({ first: 'ma 30 november', last: 'do 3 december' });
    expect(formatDayRange(day(2026, 12, 30), day(2027, 1, 2), 'nl', 'long')).toEqual({
      first: 'woensdag 30 december 2026',
      last: 'zaterdag 2 januari 2027',
    });
  });
});

describe('formatDayYear', () => {
  it('gives the day, the month and the year, without the weekday', () => {
    const d = new Date(2026, 11, 2, 10);
    expect(formatDayYear(d, 'nl')).toBe('2 december 2026');
    expect(formatDayYear(d, 'fr')).toBe('2 décembre 2026');
    expect(formatDayYear(d, 'en')).toBe('2 December 2026');
    expect(formatDayYear('nonsense', 'nl')).toBe('');
  });
});

describe('Turkish and Arabic', () => {
  // Bidi marks (U+200E, U+200F, U+061C) only steer the direction; they are not shown.
  const bare = (s: string) => plain(s).replace(/[\u200e\u200f\u061c]/g, '');

  it('writes Arabic numbers and dates with Latin digits', () => {
    // CLDR's Arabic with Latin digits: a decimal point, like the Arabic texts' examples (24.50).
    expect(bare(formatMoney(123456, 'EUR', 'ar'))).toBe('1,234.56 €');
    expect(bare(formatUnitPrice(2400, 'EUR', 'item', 'ar', translator('ar')))).toBe('24.00 € للقطعة');
    const day = formatDayYear('2026-12-24', 'ar');
    expect(day).toContain('2026');
    expect(day).toContain('24');
    expect(day).not.toMatch(/[\u0660-\u0669]/);
  });

  it('gives Arabic times on the 24-hour clock, as Belgian timetables do', () => {
    expect(bare(formatTime(new Date(2026, 11, 24, 14, 5), 'ar'))).toBe('14:05');
  });

  it('names Turkish months in Turkish', () => {
    expect(formatDayYear('2026-12-24', 'tr')).toContain('Aralık');
  });
});
