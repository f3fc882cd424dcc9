// Dutch: the default language and the source of truth for message keys. fr.ts and en.ts must
// have exactly these keys (the type check fails otherwise) and the same {placeholders} (a unit
// test checks that). Keep sentences short and plain: many readers are not at ease with Dutch.
//
// The texts live in parts (nl/first.ts, nl/more.ts, nl/staff.ts), each a chunk the app loads
// when a screen needs it (i18n/index.ts); this whole catalogue is for types and tests.
import { part as first } from './nl/first';
import { part as more } from './nl/more';
import { part as staff } from './nl/staff';

export const nl = { ...first, ...more, ...staff };

export type MessageKey = keyof typeof nl;

/** Every other language has exactly the Dutch keys. */
export type Catalogue = { readonly [K in MessageKey]: string };
