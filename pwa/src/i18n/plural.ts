// Plural forms per language, from CLDR through Intl.PluralRules: Dutch, French, English and
// Turkish have "one" and "other" (French counts 0 as "one"); Arabic has zero, one, two, few
// (3–10), many (11–99) and other (100, 1000 …).
//
// The catalogues keep a pair of keys for a counted text: "…One" spells out the number 1 and is
// only for exactly 1; "…Many" has {n} and is written to be right for every other count in its
// language (Turkish keeps the noun singular after a number; Arabic uses "noun: {n}" or a short
// unit, see docs/decisions.md). plural() is for a text that needs a form per category.
import type { Lang } from './index';

const rules = new Map<Lang, Intl.PluralRules>();

/** The CLDR plural category of n in a language. */
export function pluralCategory(lang: Lang, n: number): Intl.LDMLPluralRule {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  return r.select(n);
}

export type PluralForms<T> = { other: T } & Partial<Record<Intl.LDMLPluralRule, T>>;

/** The form for n's category, else "other". */
export function plural<T>(lang: Lang, n: number, forms: PluralForms<T>): T {
  return forms[pluralCategory(lang, n)] ?? forms.other;
}

/** A counted text from a One/Many key pair: the One text only for exactly 1 (it names the
 * number), the Many text for every other count. */
export function countText(n: number, one: () => string, many: () => string): string {
  return n === 1 ? one() : many();
}
