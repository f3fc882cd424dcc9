import { type ComponentChildren, createContext } from 'preact';
import { useContext, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { setApiLanguage } from '../api';
import { type Lang, type Translate, saveLang, textDirection, translator } from './index';

type I18n = { lang: Lang; t: Translate; setLang: (lang: Lang) => void };

const I18nContext = createContext<I18n | null>(null);

/** Holds the current language. Changing it re-renders every string at once, no reload. */
export function I18nProvider({ initial, children }: { initial: Lang; children: ComponentChildren }) {
  const [lang, setLangState] = useState(initial);

  const value = useMemo<I18n>(() => {
    // The server translates its messages from Accept-Language: keep it in step, before any
    // effect of this render sends a request.
    setApiLanguage(lang);
    return {
      lang,
      t: translator(lang),
      setLang: (next) => {
        saveLang(next);
        setLangState(next);
      },
    };
  }, [lang]);

  // Screen readers pick their voice from <html lang>; the title shows in tabs and app switchers.
  // <html dir> turns the whole layout around for Arabic (styles.css uses logical properties).
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = textDirection(lang);
    document.title = value.t('app.title');
  }, [lang, value]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
