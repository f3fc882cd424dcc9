import { describe, expect, it } from 'vitest';
import { countText, plural, pluralCategory } from './plural';

describe('pluralCategory', () => {
  it.each([
    ['ar', 0, 'zero'],
    ['ar', 1, 'one'],
    ['ar', 2, 'two'],
    ['ar', 3, 'few'],
    ['ar', 10, 'few'],
    ['ar', 11, 'many'],
    ['ar', 99, 'many'],
    ['ar', 100, 'other'],
    ['tr', 1, 'one'],
    ['tr', 2, 'other'],
    ['nl', 0, 'other'],
    ['nl', 1, 'one'],
    ['fr', 0, 'one'],
    ['fr', 2, 'other'],
    ['en', 1, 'one'],
    ['en', 5, 'other'],
  ] as const)('%s %d → %s', (lang, n, want) => {
    expect(pluralCategory(lang, n)).toBe(want);
  });
});

describe('plural', () => {
  const hours = { zero: 'لا ساعات', one: 'ساعة واحدة', two: 'ساعتان', few: 'ساعات', many: 'ساعة', other: 'ساعة.' };
  it('picks the Arabic form per category', () => {
    expect([0, 1, 2, 5, 12, 100].map((n) => plural('ar', n, hours))).toEqual([
      'لا ساعات',
      'ساعة واحدة',
      'ساعتان',
      'ساعات',
      'ساعة',
      'ساعة.',
    ]);
  });

  it('falls back to other when a form is missing', () => {
    expect(plural('ar', 2, { one: 'a', other: 'b' })).toBe('b');
    expect(plural('tr', 1, { one: '1 saat', other: 'saat' })).toBe('1 saat');
    expect(plural('tr', 7, { one: '1 saat', other: 'saat' })).toBe('saat');
  });
});

describe('countText', () => {
  it('uses the One text only for exactly 1', () => {
    const f = (n: number) => countText(n, () => 'one', () => `many ${n}`);
    expect([0, 1, 2].map(f)).toEqual(['many 0', 'one', 'many 2']);
  });
});
