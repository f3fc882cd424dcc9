import type { Catalogue } from './nl';
import { part as first } from './fr/first';
import { part as more } from './fr/more';
import { part as staff } from './fr/staff';

// French (Belgian usage: « GSM », vouvoiement). A non-breaking space (\u00a0) goes before ? and :.
// The texts live in parts (fr/first.ts, fr/more.ts, fr/staff.ts): see nl.ts.
export const fr: Catalogue = { ...first, ...more, ...staff };
