// The admin's home.
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/context';
import { Link } from '../router';
import type { User } from '../types';
import { Greeting } from './homes';

export function AdminHome({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <div class="page" data-testid="admin-home">
      <Greeting user={user} />
      <p class="page__intro">{t('homes.admin.intro')}</p>
      <div class="button-stack section">
        <Link class="button button--wide" href="/admin" data-testid="home-admin">
          <Icon name="building" />
          {t('homes.admin.toAdmin')}
        </Link>
        <Link class="button button--secondary button--wide" href="/admin/categories" data-testid="home-categories">
          <Icon name="euro" />
          {t('adminCategories.toCategories')}
        </Link>
      </div>
    </div>
  );
}
