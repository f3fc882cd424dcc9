// The worker's home: offers, booked jobs, hours. A chunk of its own (app.tsx): nothing of the
// coordinator's or the admin's screens comes with it.
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/context';
import { Link } from '../router';
import type { User } from '../types';
import { Greeting, ProfileLink } from './homes';
import { WorkerJobs } from './offers';

export function WorkerHome({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <div class="page" data-testid="worker-home">
      <Greeting user={user} />
      {user.organisation && <p class="page__intro">{t('homes.orgLine', { org: user.organisation.name })}</p>}
      <WorkerJobs user={user} />
      <section class="section" aria-labelledby="me-title">
        <h2 id="me-title">{t('homes.me')}</h2>
        <p class="section__intro">{t('worked.homeText')}</p>
        <Link class="button button--wide" href="/uren" data-testid="home-hours">
          <Icon name="clock" />
          {t('worked.toHours')}
        </Link>
        <p class="section__intro">{t('homes.worker.profileText')}</p>
        <ProfileLink label={t('homes.toProfile')} />
      </section>
    </div>
  );
}
