import type { Catalogue } from './nl';
import { part as first } from './tr/first';
import { part as more } from './tr/more';
import { part as staff } from './tr/staff';

// Turkish: polite, simple "siz"; short sentences and everyday words (B1). Suffixes are never
// glued to a {placeholder} (vowel harmony depends on the word), so the sentences put the
// placeholder before a separate word ("{name} ile", "{name} adlı kişi").
// The texts live in parts (tr/first.ts, tr/more.ts, tr/staff.ts): see nl.ts.
export const tr: Catalogue = { ...first, ...more, ...staff };
