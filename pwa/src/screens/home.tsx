import { Icon } from '../components/Icon';
import { PriceList } from '../components/PriceList';
import { RoleCards } from '../components/RoleCards';
import { useI18n } from '../i18n/context';
import { Link, useRouter } from '../router';

/** Signed out: what Klusbuddy is, the prices, and the two ways in. */
export function Landing() {
  const { t } = useI18n();
  const { query } = useRouter();
  return (
    <>
      {query.get('deleted') === '1' && (
        <p class="notice notice--ok" role="status" data-testid="account-deleted">
          <Icon name="check" />
          {t('landing.deleted')}
        </p>
      )}
      <div class="hero">
        <h1 data-testid="home-title" tabIndex={-1}>
          {t('home.title')}
        </h1>
        <p class="hero__intro">{t('home.intro')}</p>
        <div class="button-row hero__actions">
          <Link class="button" href="/login" data-testid="landing-login">
            <Icon name="signIn" />
            {t('landing.signIn')}
          </Link>
          <Link class="button button--secondary" href="/signup" data-testid="landing-signup">
            <Icon name="userPlus" />
            {t('landing.signUp')}
          </Link>
        </div>
        <p class="hero__note">{t('landing.workerNote')}</p>
      </div>
      <RoleCards />
      <PriceList />
    </>
  );
}
