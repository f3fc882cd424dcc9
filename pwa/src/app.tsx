import { Header } from './components/Header';
import { OfflineBanner } from './components/OfflineBanner';
import { PriceList } from './components/PriceList';
import { RoleCards } from './components/RoleCards';
import { UpdateBar } from './components/UpdateBar';
import type { Lang } from './i18n';
import { I18nProvider, useI18n } from './i18n/context';

export function App({ lang }: { lang: Lang }) {
  return (
    <I18nProvider initial={lang}>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  return (
    <>
      <a class="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <Header />
      <OfflineBanner />
      <main id="main" class="main" tabIndex={-1}>
        <div class="hero">
          <h1 data-testid="home-title">{t('home.title')}</h1>
          <p class="hero__intro">{t('home.intro')}</p>
        </div>
        <RoleCards />
        <PriceList />
      </main>
      <footer class="footer">
        <p>{t('footer.text')}</p>
      </footer>
      <UpdateBar />
    </>
  );
}
