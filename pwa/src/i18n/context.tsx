import { type ComponentChildren, createContext } from 'preact';
import { useContext, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { setApiLanguage } from '../api';
import { hasCatalogue, type Lang, loadCatalogue, saveLang, setShownLang, textDirection, type Translate, translator } from './index';

type I18n = { lang: Lang; t: Translate; setLang: (lang: Lang) => void };

const I18nContext = createContext<I18n | null>(null);

/** Holds the current language. Changing it re-renders every string at once, no reload. The
 * initial language's catalogue must be loaded (main.tsx waits for it); another one is loaded
 * before the switch, with every part the screens so far needed (i18n/index.ts), so no screen
 * ever renders with a missing catalogue. */
export function I18nProvider({ initial, children }: { initial: Lang; children: ComponentChildren }) {
  const [lang, setLangState] = useState(initial);
  // The last language asked for: a slow catalogue must not overrule a later choice.
  const wanted = useRef(initial);

  const value = useMemo<I18n>(() => {
    // The server translates its messages from Accept-Language: keep it in step, before any
    // effect of this render sends a request.
    setApiLanguage(lang);
    // A screen that needs another part of the catalogue loads it for this language (lazy.tsx).
    setShownLang(lang);
    return {
      lang,
      t: translator(lang),
      setLang: (next) => {
        saveLang(next);
        wanted.current = next;
        // Loaded before: switch in this very render pass, as before catalogues were chunks.
        if (hasCatalogue(next)) {
          setLangState(next);
          return;
        }
        loadCatalogue(next).then(
          () => {
            if (wanted.current === next) setLangState(next);
          },
          // Offline and not cached: stay in the language on screen; the choice is saved for
          // the next start.
          () => {},
        );
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
