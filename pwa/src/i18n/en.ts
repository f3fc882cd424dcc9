import type { Catalogue } from './nl';
import { part as first } from './en/first';
import { part as more } from './en/more';
import { part as staff } from './en/staff';

// English: plain words for people who use English as a second language.
// The texts live in parts (en/first.ts, en/more.ts, en/staff.ts): see nl.ts.
export const en: Catalogue = { ...first, ...more, ...staff };
