import { describe, expect, it } from 'vitest';
import { allCatalogues as catalogues } from '../test/catalogues';
import { isLang, LANGUAGES, negotiateLang, placeholdersOf, textDirection, translator } from './index';
import { nl } from './nl';
import { pushCatalogues } from './push';

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
    [['tr'], 'tr'],
    [['tr-BE', 'nl-BE'], 'tr'],
    [['TR-tr'], 'tr'],
    [['ar-MA'], 'ar'],
    [['ar'], 'ar'],
    [['ar-SA', 'fr'], 'ar'],
    [['tr', 'ar'], 'tr'],
    [['de-DE', 'ar-MA', 'fr-BE'], 'ar'], // the first language we have wins
    [['fr-BE', 'ar-MA'], 'fr'],
    [[], 'nl'],
  ] as const)('browser %j → %s', (browser, want) => {
    expect(negotiateLang(null, browser)).toBe(want);
  });

  it('prefers the saved choice over the browser', () => {
    expect(negotiateLang('en', ['fr-BE'])).toBe('en');
    expect(negotiateLang('fr', ['nl'])).toBe('fr');
  });

  it('keeps a saved Turkish or Arabic choice', () => {
    expect(negotiateLang('ar', ['nl-BE'])).toBe('ar');
    expect(negotiateLang('tr', ['ar-MA'])).toBe('tr');
  });

  it('ignores a saved value that is not a language we have', () => {
    expect(negotiateLang('toString', ['tr'])).toBe('tr'); // not an inherited property either
    expect(negotiateLang('de', ['fr-BE'])).toBe('fr');
    expect(negotiateLang('', ['en'])).toBe('en');
  });
});

describe('languages', () => {
  it('has the five languages, each named in its own language', () => {
    expect(LANGUAGES.map((l) => [l.code, l.name])).toEqual([
      ['nl', 'Nederlands'],
      ['fr', 'Français'],
      ['en', 'English'],
      ['tr', 'Türkçe'],
      ['ar', 'العربية'],
    ]);
    expect(LANGUAGES.every((l) => isLang(l.code))).toBe(true);
    expect(isLang('de')).toBe(false);
    expect(isLang(undefined)).toBe(false);
  });

  it('writes Arabic right to left and the others left to right', () => {
    expect(textDirection('ar')).toBe('rtl');
    for (const lang of ['nl', 'fr', 'en', 'tr'] as const) expect(textDirection(lang)).toBe('ltr');
  });
});

describe('catalogues', () => {
  const keys = Object.keys(nl).sort();

  it('has one catalogue per switcher language', () => {
    expect(Object.keys(catalogues).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
    expect(Object.keys(catalogues).sort()).toEqual(['ar', 'en', 'fr', 'nl', 'tr']);
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

      it('is really translated: no text left in Dutch or English', () => {
        if (lang !== 'tr' && lang !== 'ar') return;
        // Texts that are the same in every language: the name, numbers and units, formats.
        const same = (text: string) => !/\p{L}{3,}/u.test(text.replace(/\{\w+\}|Klusbuddy|CSV/g, ''));
        // The same word on purpose: "buddy" is the role's name in every language (as in Dutch
        // and French); "Rol" and "Net" are Turkish words too.
        const samePurpose = (text: string) => /^buddy:?$/i.test(text) || text === 'Rol' || text === 'Net';
        const untranslated: string[] = [];
        for (const key of keys) {
          const k = key as keyof typeof nl;
          const text = catalogue[k];
          if (same(text) || samePurpose(text)) continue;
          if (text === nl[k] || text === catalogues.en[k]) untranslated.push(key);
        }
        expect(untranslated).toEqual([]);
      });

      if (lang === 'ar') {
        it('writes Arabic script in every text that has words', () => {
          const latinOnly: string[] = [];
          for (const key of keys) {
            const text = catalogue[key as keyof typeof nl];
            if (!/[A-Za-z]{4,}/.test(text.replace(/\{\w+\}|Klusbuddy|[\w.-]+@[\w.-]+|BE \d|CSV|QR|URL|iPhone|Google|WhatsApp|wijk-werken|kompas-genk|garden|Genk/g, ''))) continue;
            if (!/[\u0600-\u06ff]/.test(text)) latinOnly.push(key);
          }
          expect(latinOnly).toEqual([]);
        });
      }

      it('has the same {placeholders} as Dutch', () => {
        for (const key of keys) {
          const k = key as keyof typeof nl;
          expect(placeholdersOf(catalogue[k]), key).toEqual(placeholdersOf(nl[k]));
        }
      });
    });
  }
});

describe('push texts', () => {
  // The service worker's own few texts (push.ts), apart from the app's catalogue.
  const keys = Object.keys(pushCatalogues.nl).sort();
  it('has one set per switcher language', () => {
    expect(Object.keys(pushCatalogues).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });
  for (const [lang, texts] of Object.entries(pushCatalogues)) {
    it(`${lang}: has exactly the Dutch keys, no empty text, the same {placeholders}`, () => {
      expect(Object.keys(texts).sort()).toEqual(keys);
      for (const key of keys) {
        const text = texts[key as keyof typeof texts];
        expect(text.trim(), key).not.toBe('');
        expect(placeholdersOf(text), key).toEqual(placeholdersOf(pushCatalogues.nl[key as keyof typeof texts]));
      }
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
