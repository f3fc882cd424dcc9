import type { Catalogue } from './nl';
import { part as first } from './ar/first';
import { part as more } from './ar/more';
import { part as staff } from './ar/staff';

// Arabic: Modern Standard Arabic in simple, everyday words (B1); the direct "you" (masculine
// singular, the usual neutral form of app texts); Arabic comma and question mark (، ؟).
// A counted noun changes form with the number in Arabic (1, 2, 3–10, 11+), so texts with {n}
// use a form that fits every number: "noun: {n}" or a short unit (س hours, د minutes,
// ث seconds). See docs/decisions.md, "Languages and register".
// A phone number is wrapped in a left-to-right isolate (\u2066 … \u2069), or the bidi
// algorithm would show its groups in reverse order ("56 34 12 0470").
// The texts live in parts (ar/first.ts, ar/more.ts, ar/staff.ts): see nl.ts.
export const ar: Catalogue = { ...first, ...more, ...staff };
