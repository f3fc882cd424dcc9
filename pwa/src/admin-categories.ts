// The category catalogue as an admin manages it (GET/POST /admin/categories, PATCH
// /admin/categories/{slug}): the shapes, the calls, and the small rules of the form — a price
// typed as "24,50" or "24.50" in cents, and a PATCH body with only what changed.
import { api } from './api';
import { allOf } from './api/all-of';
import type * as Api from './api/types';
import type { Lang } from './i18n';

export type Unit = Api.Unit;
export const UNITS = allOf<Unit>()(['hour', 'item']);

// The form edits the names the app has catalogues for; Turkish and Arabic names (optional on the
// server) come with the app's tr/ar catalogues.
export type CategoryNames = Required<Pick<Api.CategoryNames, 'nl' | 'fr' | 'en'>>;
export const NAME_LANGS = allOf<keyof CategoryNames>()(['nl', 'fr', 'en']);

export type AdminCategory = Api.AdminCategory;
export type VATRate = Api.VATRate;
export const VAT_RATES: readonly VATRate[] = [0, 6, 12, 21] satisfies readonly VATRate[];
/** The catalogue's rate unless an admin states another (Belgium's standard rate). */
export const DEFAULT_VAT_RATE: VATRate = 21;
export type NewCategory = Api.NewCategory;
export type CategoryPatch = Api.CategoryPatch;

// ---- calls ----

export async function fetchAdminCategories(signal?: AbortSignal): Promise<AdminCategory[]> {
  const body = await api<{ categories?: unknown } | null>('GET', '/admin/categories', { signal });
  return Array.isArray(body?.categories) ? (body.categories as AdminCategory[]) : [];
}

export function createCategory(c: NewCategory): Promise<AdminCategory> {
  return api<AdminCategory>('POST', '/admin/categories', { body: c });
}

export function updateCategory(slug: string, patch: CategoryPatch): Promise<AdminCategory> {
  return api<AdminCategory>('PATCH', `/admin/categories/${encodeURIComponent(slug)}`, { body: patch });
}

// ---- rules ----

/** The server's rule for slugs and icon names (openapi `Slug`): a lower-case letter, then 1 to
 * 39 lower-case letters, digits or dashes. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/** An icon name the server accepts (the same rule as a slug). */
export function isAcceptedIconName(name: string): boolean {
  return SLUG_PATTERN.test(name);
}

/** "Meubels monteren" → "meubels-monteren": the slug follows the Dutch name until typed. It
 * starts with a letter, as the server wants ("2 kasten" → "kasten"). */
export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** The most a unit price may be (€ 1 000, as the server's catalogue allows). */
export const MAX_PRICE_CENTS = 100_000;

/**
 * A price in euro as people type it → cents: "24,50", "24.50", "24,5", "24", "€ 24,50" and
 * "24,50 €" all work. Null for anything else (more than two decimals, thousands separators,
 * letters, nothing). Integer arithmetic only, so "0,29" is 29 and not 28.999….
 */
export function parsePrice(text: string): number | null {
  const s = text
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim()
    .replace(/^€\s*/, '')
    .replace(/\s*(?:€|eur|euro)$/i, '');
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const euros = Number(m[1]);
  const cents = Number((m[2] ?? '').padEnd(2, '0'));
  return euros * 100 + cents;
}

/** Cents → what the price field shows: "24,50" (Dutch, French, Turkish) or "24.50" (English,
 * Arabic with Latin digits, as format.ts shows prices). */
export function priceInput(cents: number, lang: Lang): string {
  const whole = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${whole}${lang === 'en' || lang === 'ar' ? '.' : ','}${rest}`;
}

/** What the form holds, as typed. */
export type CategoryValues = {
  slug: string;
  icon: string;
  names: CategoryNames;
  unit: Unit | '';
  price: string;
  /** The VAT rate included in the price (issue 12). */
  vatRate: VATRate;
  active: boolean;
};

export function valuesOf(c: AdminCategory | null, lang: Lang): CategoryValues {
  return {
    slug: c?.slug ?? '',
    icon: c?.icon ?? '',
    names: { nl: c?.names.nl ?? '', fr: c?.names.fr ?? '', en: c?.names.en ?? '' },
    unit: c && (UNITS as readonly string[]).includes(c.unit) ? (c.unit as Unit) : '',
    price: c ? priceInput(c.unit_price_cents, lang) : '',
    vatRate: c?.vat_rate ?? DEFAULT_VAT_RATE,
    active: c?.active ?? true,
  };
}

const trimmed = (n: CategoryNames): CategoryNames => ({ nl: n.nl.trim(), fr: n.fr.trim(), en: n.en.trim() });

/**
 * The PATCH body: only the fields that differ from the category as loaded. The names go as one
 * object with all three languages when any of them changed (the same under a merge patch and
 * under a plain replace). Call with checked values (a price that parses).
 */
export function changedFields(original: AdminCategory, v: CategoryValues): CategoryPatch {
  const patch: CategoryPatch = {};
  if (v.icon !== original.icon) patch.icon = v.icon;
  const names = trimmed(v.names);
  if (NAME_LANGS.some((l) => names[l] !== (original.names[l] ?? ''))) patch.names = names;
  if (v.unit && v.unit !== original.unit) patch.unit = v.unit;
  const cents = parsePrice(v.price);
  if (cents !== null && cents !== original.unit_price_cents) patch.unit_price_cents = cents;
  if (v.vatRate !== original.vat_rate) patch.vat_rate = v.vatRate;
  if (v.active !== original.active) patch.active = v.active;
  return patch;
}

/** The POST body for a new category. Call with checked values. */
export function newCategoryBody(v: CategoryValues): NewCategory {
  return {
    slug: v.slug.trim(),
    icon: v.icon,
    names: trimmed(v.names),
    unit: v.unit === 'item' ? 'item' : 'hour',
    unit_price_cents: parsePrice(v.price) ?? 0,
    vat_rate: v.vatRate,
  };
}

/** The name to show in the page language, then Dutch, then the slug. */
export function adminCategoryName(c: AdminCategory, lang: Lang): string {
  const names: Partial<Record<Lang, string>> = c.names;
  return names[lang] || c.names.nl || c.slug;
}
