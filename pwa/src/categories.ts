import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Category, fetchCategories } from './api';
import { type IconName, isIconName } from './components/Icon';
import type { Lang } from './i18n';

// The category catalogue changes rarely: one request per page load is plenty. The last one is
// kept on the phone too, so that the names and icons of booked jobs show without a connection.
let cached: Promise<Category[]> | null = null;
const KEPT = 'klusbuddy.categories';

function keep(list: Category[]): Category[] {
  try {
    localStorage.setItem(KEPT, JSON.stringify(list));
  } catch {
    /* no copy, that is all */
  }
  return list;
}

function kept(): Category[] | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEPT) ?? 'null') as unknown;
    return Array.isArray(v) ? (v as Category[]) : null;
  } catch {
    return null;
  }
}

export function loadCategories(): Promise<Category[]> {
  if (!cached) {
    cached = fetchCategories().then(keep, (err: unknown) => {
      cached = null;
      const copy = err instanceof ApiError && err.isNetwork ? kept() : null;
      if (copy) return copy;
      throw err;
    });
  }
  return cached;
}

/** For tests. */
export function forgetCategories(): void {
  cached = null;
}

export type CategoriesState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; categories: Category[] };

export function useCategories(): CategoriesState {
  const [state, setState] = useState<CategoriesState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadCategories().then(
      (categories) => live && setState({ status: 'ready', categories }),
      () => live && setState({ status: 'error' }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function categoryName(c: Category, lang: Lang): string {
  const names: Partial<Record<Lang, string>> = c.names;
  return names[lang] || c.names.nl || c.slug;
}

export function categoryIcon(c: Category | undefined): IconName {
  return c && isIconName(c.icon) ? c.icon : 'generic';
}

export function findCategory(categories: readonly Category[], slug: string): Category | undefined {
  return categories.find((c) => c.slug === slug);
}
