import { describe, expect, it } from 'vitest';
import { allCatalogues as catalogues } from '../test/catalogues';
import { LANGUAGES, negotiateLang, placeholdersOf, translator } from './index';
import { nl } from './nl';

describe('negotiateLang', () => {
  it.each([
    [['nl'], 'nl'],
    [['nl-BE', 'en'], 'nl'],
    [['fr'], 'fr'],
    [['fr-BE', 'nl-BE'], 'fr'],
    [['FR-be'], 'fr'],
    [['en-GB'], 'en'],
    [['en-US', 'fr'], 'en'],
    [['en'], 'en'],
    [['de-DE'], 'nl'],
    [['tr', 'ar'], 'nl'],
    [['ar-MA', 'fr-BE'], 'fr'], // the first language we have wins
    [[], 'nl'],
  ] as const)('browser %j → %s', (browser, want) => {
    expect(negotiateLang(null, browser)).toBe(want);
  });

  it('prefers the saved choice over the browser', () => {
    expect(negotiateLang('en', ['fr-BE'])).toBe('en');
    expect(negotiateLang('fr', ['nl'])).toBe('fr');
  });

  it('ignores a saved value that is not a language we have', () => {
    expect(negotiateLang('de', ['fr-BE'])).toBe('fr');
    expect(negotiateLang('', ['en'])).toBe('en');
  });
});

describe('catalogues', () => {
  const keys = Object.keys(nl).sort();

  it('has one catalogue per switcher language', () => {
    expect(Object.keys(catalogues).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  for (const [lang, catalogue] of Object.entries(catalogues)) {
    describe(lang, () => {
      it('has exactly the Dutch keys', () => {
        expect(Object.keys(catalogue).sort()).toEqual(keys);
      });

      it('has no empty texts', () => {
        for (const [key, text] of Object.entries(catalogue)) {
          expect(text.trim(), key).not.toBe('');
        }
      });

      it('has the same {placeholders} as Dutch', () => {
        for (const key of keys) {
          const k = key as keyof typeof nl;
          expect(placeholdersOf(catalogue[k]), key).toEqual(placeholdersOf(nl[k]));
        }
      });
    });
  }
});

describe('translator', () => {
  it('fills placeholders', () => {
    expect(translator('nl')('prices.perHour', { price: 'X' })).toBe('X per uur');
    expect(translator('fr')('prices.perItem', { price: 'X' })).toBe('X par pièce');
  });

  it('returns plain texts as they are', () => {
    expect(translator('en')('home.title')).toBe('Welcome to Klusbuddy');
  });
});

describe('wording', () => {
  const nbsp = '\u00a0';
  it.each([
    ['nl', 'coachJob.part.familiarity', 'Kent de klant'],
    ['nl', 'assignment.buddySearchingMore', 'De klus is pas zeker als een buddy ja zegt.'],
    ['fr', 'buddy.conflictText.booked', 'À ce moment-là, vous accompagnez déjà quelqu’un sur un autre travail.'],
    ['fr', 'buddy.confirmed', `C’est noté${nbsp}: vous y allez${nbsp}!`],
    ['fr', 'adminCategories.priceRange', `Tapez un montant entre 0,01 et 1${nbsp}000 euros.`],
    ['fr', 'board.filter.attention', 'À traiter'],
    ['en', 'jobEdit.reofferNote', 'If you change the time, place, kind of work, level or buddy, we look for people again.'],
    ['en', 'adminCategories.create', 'Add a kind of job'],
  ] as const)('%s %s', (lang, key, text) => {
    expect(catalogues[lang][key]).toBe(text);
  });

  it('has a readable name for every icon the admin can pick, in every language', () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(catalogue)) {
        if (!key.startsWith('adminCategories.iconName.')) continue;
        expect(text, `${lang} ${key}`).not.toBe(key.slice('adminCategories.iconName.'.length));
      }
    }
  });
});
