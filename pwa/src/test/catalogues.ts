// Tests import every catalogue statically: translator() works at once, with no await.
import { ar } from '../i18n/ar';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { type Catalogue, type Lang, registerCatalogue } from '../i18n';
import { nl } from '../i18n/nl';
import { tr } from '../i18n/tr';

export const allCatalogues: Readonly<Record<Lang, Catalogue>> = { nl, fr, en, tr, ar };

/** Makes every language available synchronously (src/test/setup.ts calls it before each test). */
export function loadAllCatalogues(): void {
  for (const [lang, catalogue] of Object.entries(allCatalogues)) registerCatalogue(lang as Lang, catalogue);
}
