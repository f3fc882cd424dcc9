import { LANGUAGES } from '../i18n';
import { useI18n } from '../i18n/context';

export function Header() {
  const { t } = useI18n();
  return (
    <header class="header">
      <div class="header__inner">
        <span class="brand">
          {/* Decorative: the name beside it says the same. */}
          <img class="brand__logo" src="/icons/logo-inverse.svg" alt="" width="36" height="36" />
          <span class="brand__name">{t('app.name')}</span>
        </span>
        <LanguageSwitcher />
      </div>
    </header>
  );
}

/** NL / FR / EN, each named in its own language so that everyone can find theirs. The name
 * also holds the visible "NL" (WCAG 2.5.3 label in name: voice control users say "NL"); axe
 * checks this and ignores text in parentheses, hence "Nederlands, NL". */
export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.choose')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          class="lang-switch__button"
          lang={l.code}
          aria-label={`${l.name}, ${l.short}`}
          aria-pressed={l.code === lang}
          data-testid={`lang-${l.code}`}
          onClick={() => setLang(l.code)}
        >
          {l.short}
        </button>
      ))}
    </div>
  );
}
