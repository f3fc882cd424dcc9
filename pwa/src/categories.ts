import { useEffect, useState } from 'preact/hooks';
import { type Category, fetchCategories } from './api';
import type { Lang } from './i18n';

// The category catalogue changes rarely: one request per page load is plenty.
let cached: Promise<Category[]> | null = null;

export function loadCategories(): Promise<Category[]> {
  if (!cached) {
    cached = fetchCategories().catch((err: unknown) => {
      cached = null;
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
  return c.names[lang] ?? c.names.nl ?? c.slug;
}
