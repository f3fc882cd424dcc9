// Translation core: no Preact here, so it is easy to test. See context.tsx for the UI side.
// Only the types come from nl.ts: each language's catalogue is split in parts, each a chunk of
// its own, loaded when its language is chosen and a screen needs the part (issue 14), so a
// phone downloads one language, and of it only the texts of the screens it shows.
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

/** The parts of a catalogue, in the order they are needed (scripts/catalogue-parts.mjs says
 * which key is in which): `first` for the first screens (landing page, sign-in, the worker's
 * and buddy's homes, the app's frame), `more` for the other screens of workers, buddies and
 * posters, `staff` for the coordinator's and admin's. Loading a part loads those before it. */
export type Part = 'first' | 'more' | 'staff';
const PARTS: readonly Part[] = ['first', 'more', 'staff'];

type Texts = Readonly<Record<string, string>>;
// One dynamic import per language and part: each a chunk of its own (and precached by the
// service worker, so a part loads offline too).
const loaders: Readonly<Record<Lang, Readonly<Record<Part, () => Promise<Texts>>>>> = {
  nl: { first: () => import('./nl/first').then((m) => m.part), more: () => import('./nl/more').then((m) => m.part), staff: () => import('./nl/staff').then((m) => m.part) },
  fr: { first: () => import('./fr/first').then((m) => m.part), more: () => import('./fr/more').then((m) => m.part), staff: () => import('./fr/staff').then((m) => m.part) },
  en: { first: () => import('./en/first').then((m) => m.part), more: () => import('./en/more').then((m) => m.part), staff: () => import('./en/staff').then((m) => m.part) },
  tr: { first: () => import('./tr/first').then((m) => m.part), more: () => import('./tr/more').then((m) => m.part), staff: () => import('./tr/staff').then((m) => m.part) },
  ar: { first: () => import('./ar/first').then((m) => m.part), more: () => import('./ar/more').then((m) => m.part), staff: () => import('./ar/staff').then((m) => m.part) },
};

// Each language's texts so far (its parts merged into one object, which translator() reads, so
// a translator made before a part came sees it), and which parts are in.
const texts: Partial<Record<Lang, Record<string, string>>> = {};
const have: Partial<Record<Lang, Set<Part>>> = {};
const loading = new Map<string, Promise<void>>();
// How many parts the screens shown so far need (lazy.tsx): a language is only "loaded" with
// all of them, so switching language never shows a screen without its texts.
let wantedParts = 1;
// The languages a new part is loaded for: the one on screen and the one being switched to.
let shown: Lang | undefined;
let asked: Lang | undefined;

function loadPart(lang: Lang, part: Part): Promise<void> {
  const id = `${lang}/${part}`;
  let p = loading.get(id);
  if (!p) {
    p = loaders[lang][part]().then(
      (t) => {
        Object.assign((texts[lang] ??= {}), t);
        (have[lang] ??= new Set()).add(part);
      },
      (e: unknown) => {
        loading.delete(id); // offline for a moment: the next try fetches again
        throw e;
      },
    );
    loading.set(id, p);
  }
  return p;
}

const missing = (lang: Lang): Part[] => PARTS.slice(0, wantedParts).filter((p) => !have[lang]?.has(p));

/** Fetches a language's catalogue: every part the screens so far need (each part once);
 * translator(lang) works after it resolves. */
export function loadCatalogue(lang: Lang): Promise<void> {
  asked = lang;
  return fill(lang);
}

async function fill(lang: Lang): Promise<void> {
  // A screen may want another part while these load: loop until none is missing.
  for (let parts = missing(lang); parts.length > 0; parts = missing(lang)) {
    await Promise.all(parts.map((p) => loadPart(lang, p)));
  }
}

/** Loads `part` (and the parts before it) of the language on screen and of the one being
 * switched to, and keeps it for every language chosen later. lazy.tsx calls it with a
 * screen's chunk, so the screen never renders before its texts. */
export function loadCataloguePart(part: Part): Promise<void> {
  wantedParts = Math.max(wantedParts, PARTS.indexOf(part) + 1);
  const langs = new Set([shown, asked].filter((l): l is Lang => l !== undefined));
  return Promise.all([...langs].map(fill)).then(() => undefined);
}

/** The language the page shows now (context.tsx). */
export function setShownLang(lang: Lang): void {
  shown = lang;
}

/** Whether every part the screens need is loaded for `lang`. */
export function hasCatalogue(lang: Lang): boolean {
  return missing(lang).length === 0;
}

/** Puts a whole catalogue in place without loading it (tests, which import them statically). */
export function registerCatalogue(lang: Lang, catalogue: Catalogue): void {
  Object.assign((texts[lang] ??= {}), catalogue);
  have[lang] = new Set(PARTS);
}

/** Drops a loaded catalogue (tests of lazy loading). */
export function forgetCatalogue(lang: Lang): void {
  delete texts[lang];
  delete have[lang];
  for (const p of PARTS) loading.delete(`${lang}/${p}`);
}

/** Back to the first part only (tests of lazy loading). */
export function resetCatalogueParts(): void {
  wantedParts = 1;
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
  const catalogue = texts[lang];
  if (!catalogue) throw new Error(`catalogue ${lang} not loaded`);
  return (key, ...rest) => {
    // Missing only if a screen rendered before its part (a bug the part test guards against):
    // the key then shows, which a browser test notices.
    const text: string = catalogue[key] ?? key;
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
