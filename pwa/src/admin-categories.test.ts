import { describe, expect, it } from 'vitest';
import { type AdminCategory, changedFields, isAcceptedIconName, newCategoryBody, parsePrice, priceInput, SLUG_PATTERN, slugify, valuesOf } from './admin-categories';

describe('parsePrice', () => {
  it.each([
    ['24,50', 2450],
    ['24.50', 2450],
    ['24,5', 2450],
    ['24', 2400],
    ['0,29', 29],
    ['1,05', 105],
    [' 24,50 ', 2450],
    ['€ 24,50', 2450],
    ['24,50 €', 2450],
    ['24,50\u00a0€', 2450],
    ['1999.99', 199999],
  ])('%j → %i cents', (text, cents) => {
    expect(parsePrice(text)).toBe(cents);
  });

  it.each(['', 'abc', '24,505', '1.234,50', '24,', ',50', '-5', '24 50', '2e3'])('%j is not a price', (text) => {
    expect(parsePrice(text)).toBeNull();
  });
});

describe('priceInput', () => {
  it('writes cents the way each language types them', () => {
    expect(priceInput(2450, 'nl')).toBe('24,50');
    expect(priceInput(2405, 'fr')).toBe('24,05');
    expect(priceInput(1850, 'en')).toBe('18.50');
    expect(priceInput(7, 'nl')).toBe('0,07');
  });
});

describe('slugify', () => {
  it('makes a short name from the Dutch name', () => {
    expect(slugify('Meubels monteren')).toBe('meubels-monteren');
    expect(slugify('  Café & Strijk! ')).toBe('cafe-strijk');
  });

  it('starts with a letter, as the server wants', () => {
    expect(slugify('2 kasten')).toBe('kasten');
    expect(SLUG_PATTERN.test(slugify('3D-print'))).toBe(true);
  });
});

describe('the server’s rule for slugs and icon names: ^[a-z][a-z0-9-]{1,39}$', () => {
  it.each([
    ['tuin', true],
    ['meubels-monteren', true],
    ['ab', true],
    ['a'.repeat(40), true],
    ['a-', true],
    ['a--b', true],
    ['x1', true],
    ['a', false],
    ['a'.repeat(41), false],
    ['1tuin', false],
    ['-tuin', false],
    ['Tuin', false],
    ['tuin_werk', false],
    ['tuin werk', false],
    ['', false],
  ])('%j → %s', (slug, valid) => {
    expect(SLUG_PATTERN.test(slug)).toBe(valid);
    expect(isAcceptedIconName(slug)).toBe(valid);
  });

  it('refuses icon names in camel case', () => {
    expect(isAcceptedIconName('signIn')).toBe(false);
    expect(isAcceptedIconName('ebike')).toBe(true);
  });
});

const garden: AdminCategory = {
  slug: 'garden',
  icon: 'leaf',
  names: { nl: 'Tuinwerk', fr: 'Jardinage', en: 'Gardening' },
  unit: 'hour',
  unit_price_cents: 2450,
  currency: 'EUR',
  active: true,
  vat_rate: 21,
};

describe('changedFields', () => {
  it('is empty when nothing changed', () => {
    expect(changedFields(garden, valuesOf(garden, 'nl'))).toEqual({});
    // The same price typed another way is no change either.
    expect(changedFields(garden, { ...valuesOf(garden, 'nl'), price: '24.5' })).toEqual({});
  });

  it('holds only what changed', () => {
    const v = valuesOf(garden, 'nl');
    expect(changedFields(garden, { ...v, price: '26' })).toEqual({ unit_price_cents: 2600 });
    expect(changedFields(garden, { ...v, icon: 'broom', active: false })).toEqual({ icon: 'broom', active: false });
    expect(changedFields(garden, { ...v, unit: 'item' })).toEqual({ unit: 'item' });
    expect(changedFields(garden, { ...v, vatRate: 6 })).toEqual({ vat_rate: 6 });
  });

  it('sends the three names together when one changed, trimmed', () => {
    const v = valuesOf(garden, 'nl');
    expect(changedFields(garden, { ...v, names: { ...v.names, fr: ' Jardin ' } })).toEqual({
      names: { nl: 'Tuinwerk', fr: 'Jardin', en: 'Gardening' },
    });
    expect(changedFields(garden, { ...v, names: { ...v.names, nl: 'Tuinwerk ' } })).toEqual({});
  });
});

describe('newCategoryBody', () => {
  it('is what POST /admin/categories wants', () => {
    expect(
      newCategoryBody({
        slug: 'ramen',
        icon: 'window',
        names: { nl: 'Ramen wassen ', fr: 'Laver les vitres', en: 'Window cleaning' },
        unit: 'item',
        price: '12,5',
        vatRate: 6,
        active: true,
      }),
    ).toEqual({
      slug: 'ramen',
      icon: 'window',
      names: { nl: 'Ramen wassen', fr: 'Laver les vitres', en: 'Window cleaning' },
      unit: 'item',
      unit_price_cents: 1250,
      vat_rate: 6,
    });
  });
});
