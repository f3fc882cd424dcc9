import { describe, expect, it } from 'vitest';
import { formatMoney, formatUnitPrice } from './format';
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
