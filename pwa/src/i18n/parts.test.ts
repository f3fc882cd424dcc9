// The catalogue's parts (issue 14): each language splits its texts the same way, and each
// text is in the part loaded with the first screen that shows it (scripts/catalogue-parts.mjs).
import { describe, expect, it } from 'vitest';
import { misplaced, PARTS, partKeys } from '../../scripts/catalogue-parts.mjs';
import { placeholdersOf } from './index';
import { part as arFirst } from './ar/first';
import { part as arMore } from './ar/more';
import { part as arStaff } from './ar/staff';
import { part as enFirst } from './en/first';
import { part as enMore } from './en/more';
import { part as enStaff } from './en/staff';
import { part as frFirst } from './fr/first';
import { part as frMore } from './fr/more';
import { part as frStaff } from './fr/staff';
import { part as nlFirst } from './nl/first';
import { part as nlMore } from './nl/more';
import { part as nlStaff } from './nl/staff';
import { part as trFirst } from './tr/first';
import { part as trMore } from './tr/more';
import { part as trStaff } from './tr/staff';

type Texts = Readonly<Record<string, string>>;
const parts: Record<string, Record<(typeof PARTS)[number], Texts>> = {
  nl: { first: nlFirst, more: nlMore, staff: nlStaff },
  fr: { first: frFirst, more: frMore, staff: frStaff },
  en: { first: enFirst, more: enMore, staff: enStaff },
  tr: { first: trFirst, more: trMore, staff: trStaff },
  ar: { first: arFirst, more: arMore, staff: arStaff },
};

describe('catalogue parts', () => {
  it('has every key in one part only', () => {
    const all = Object.values(parts.nl ?? {}).flatMap((p) => Object.keys(p));
    expect(all.length).toBe(new Set(all).size);
    // The script reads the same keys from the Dutch files as the app loads.
    const read = partKeys();
    for (const part of PARTS) expect(read[part].sort()).toEqual(Object.keys(parts.nl?.[part] ?? {}).sort());
  });

  for (const [lang, byPart] of Object.entries(parts)) {
    it(`${lang}: has in each part exactly the Dutch part's keys, with the same {placeholders}`, () => {
      for (const part of PARTS) {
        const dutch = parts.nl?.[part] ?? {};
        expect(Object.keys(byPart[part]).sort(), part).toEqual(Object.keys(dutch).sort());
        for (const [key, text] of Object.entries(byPart[part])) {
          expect(placeholdersOf(text), `${part} ${key}`).toEqual(placeholdersOf(dutch[key] ?? ''));
        }
      }
    });
  }

  it('keeps each text in the part its first screen loads, and no more in the first part than the first screens use', () => {
    expect(misplaced()).toEqual([]);
  });
});
