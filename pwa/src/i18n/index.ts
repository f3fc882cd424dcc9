// Translation core: no Preact here, so it is easy to test. See context.tsx for the UI side.
// Only the types come from nl.ts: each catalogue is a chunk of its own, loaded when its
// language is chosen (issue 14), so a phone downloads one language, not all of them.
import type { Catalogue, MessageKey, nl } from './nl';

export type { Catalogue, MessageKey } from './nl';

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

/** Arabic is written right to left; the other languages left to right. */
export function textDirection(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

const loaders: Readonly<Record<Lang, () => Promise<Catalogue>>> = {
  nl: () => import('./nl').then((m) => m.nl),
  fr: () => import('./fr').then((m) => m.fr),
  en: () => import('./en').then((m) => m.en),
  tr: () => import('./tr').then((m) => m.tr),
  ar: () => import('./ar').then((m) => m.ar),
};

const loaded: Partial<Record<Lang, Catalogue>> = {};
const loading: Partial<Record<Lang, Promise<Catalogue>>> = {};

/** Fetches a language's catalogue (once); translator(lang) works after it resolves. */
export function loadCatalogue(lang: Lang): Promise<Catalogue> {
  const have = loaded[lang];
  if (have) return Promise.resolve(have);
  loading[lang] ??= loaders[lang]().then(
    (c) => (loaded[lang] = c),
    (e: unknown) => {
      delete loading[lang]; // offline for a moment: the next choice tries again
      throw e;
    },
  );
  return loading[lang];
}

export function hasCatalogue(lang: Lang): boolean {
  return loaded[lang] !== undefined;
}

/** Puts a catalogue in place without loading it (tests, which import them statically). */
export function registerCatalogue(lang: Lang, catalogue: Catalogue): void {
  loaded[lang] = catalogue;
}

/** Drops a loaded catalogue (tests of lazy loading). */
export function forgetCatalogue(lang: Lang): void {
  delete loaded[lang];
  delete loading[lang];
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(loaders, value);
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

/** Translates with a loaded catalogue (loadCatalogue first); throws if it is not loaded. */
export function translator(lang: Lang): Translate {
  const catalogue = loaded[lang];
  if (!catalogue) throw new Error(`catalogue ${lang} not loaded`);
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
