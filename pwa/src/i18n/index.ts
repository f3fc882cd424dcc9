// Translation core: no Preact here, so it is easy to test. See context.tsx for the UI side.
import { ar } from './ar';
import { en } from './en';
import { fr } from './fr';
import { type Catalogue, type MessageKey, nl } from './nl';
import { tr } from './tr';

export type { MessageKey } from './nl';

export type Lang = 'nl' | 'fr' | 'en' | 'tr' | 'ar';

/** The languages, in switcher order. Each one is named in its own language, so these few
 * words are the same whatever language the page is in and live here, not in the catalogues. */
export const LANGUAGES: readonly { code: Lang; short: string; name: string }[] = [
  { code: 'nl', short: 'NL', name: 'Nederlands' },
  { code: 'fr', short: 'FR', name: 'Français' },
  { code: 'en', short: 'EN', name: 'English' },
  { code: 'tr', short: 'TR', name: 'Türkçe' },
  { code: 'ar', short: 'AR', name: 'العربية' },
];

export const DEFAULT_LANG: Lang = 'nl';

export const catalogues: Readonly<Record<Lang, Catalogue>> = { nl, fr, en, tr, ar };

/** Arabic is written right to left; the other languages left to right. */
export function textDirection(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(catalogues, value);
}

/**
 * Picks the language: the user's saved choice first, else the first browser language we
 * have (nl, nl-BE → nl; fr, fr-BE → fr; en-* → en; tr, tr-BE → tr; ar, ar-MA → ar), else Dutch.
 */
export function negotiateLang(saved: string | null | undefined, browser: readonly string[]): Lang {
  if (isLang(saved)) return saved;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return DEFAULT_LANG;
}

// `{name}` placeholders, read from the Dutch text at type level, so that
// t('x', { nmae: 1 }) or a missing parameter fails the type check.
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
export type Params<K extends MessageKey> = [Placeholders<(typeof nl)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof nl)[K]>, string | number>];

/** Keys whose text has no placeholders: the ones that can be kept in tables and passed around. */
export type PlainKey = { [K in MessageKey]: Params<K> extends [] ? K : never }[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...params: Params<K>) => string;

export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang];
  return (key, ...rest) => {
    const text: string = catalogue[key];
    const params: Record<string, string | number> | undefined = rest[0];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** All `{placeholder}` names in a text, sorted (used by the catalogue test). */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

// The saved choice. localStorage can throw (private mode, storage disabled): then the choice
// lasts until the page closes, which is fine.
const STORAGE_KEY = 'klusbuddy.lang';

export function loadSavedLang(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* see above */
  }
}

/** The language to start with in this browser. */
export function initialLang(): Lang {
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  return negotiateLang(loadSavedLang(), browser);
}
