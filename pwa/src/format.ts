import type { Lang, Translate } from './i18n';

// Belgian conventions per language, as CLDR (and so every browser) has them:
// nl "€ 24,00", fr "24,00 €", en "€24.00".
const LOCALES: Record<Lang, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE' };

export function formatMoney(cents: number, currency: string, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency }).format(cents / 100);
}

/** "€ 24,00 per uur", "24,00 € par pièce", …; an unknown unit shows the bare price. */
export function formatUnitPrice(
  cents: number,
  currency: string,
  unit: string,
  lang: Lang,
  t: Translate,
): string {
  const price = formatMoney(cents, currency, lang);
  switch (unit) {
    case 'hour':
      return t('prices.perHour', { price });
    case 'item':
      return t('prices.perItem', { price });
    default:
      return price;
  }
}
