// The buddy's (volunteer's) home: questions to go along, booked jobs, volunteer hours.
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/context';
import { Link } from '../router';
import type { User } from '../types';
import { BuddyJobs } from './buddy';
import { Greeting, ProfileLink } from './homes';

export function BuddyHome({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <div class="page" data-testid="buddy-home">
      <Greeting user={user} />
      {user.organisation && <p class="page__intro">{t('homes.buddy.orgLine', { org: user.organisation.name })}</p>}
      <BuddyJobs user={user} />
      <section class="section" aria-labelledby="me-title">
        <h2 id="me-title">{t('homes.me')}</h2>
        <p class="section__intro">{t('volunteer.homeText')}</p>
        <Link class="button button--wide" href="/vrijwilligersuren" data-testid="home-volunteer-hours">
          <Icon name="clock" />
          {t('volunteer.toHours')}
        </Link>
        <p class="section__intro">{t('homes.buddy.profileText')}</p>
        <ProfileLink label={t('homes.toProfile')} />
      </section>
    </div>
  );
}
