// The household's (poster's) home: post a job, their jobs, statements, prices.
import { Icon } from '../components/Icon';
import { PriceList } from '../components/PriceList';
import { useI18n } from '../i18n/context';
import { Link } from '../router';
import type { User } from '../types';
import { Greeting, ProfileLink } from './homes';
import { MyJobs } from './my-jobs';

export function PosterHome({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <div class="page" data-testid="poster-home">
      <Greeting user={user} />
      <Link class="button button--wide button--big" href="/jobs/new" data-testid="post-job">
        <Icon name="plus" />
        {t('homes.poster.post')}
      </Link>
      <section class="section" aria-labelledby="jobs-title">
        <h2 id="jobs-title">{t('homes.poster.jobs')}</h2>
        <MyJobs userId={user.id} />
        <Link class="button button--secondary button--wide" href="/afrekeningen" data-testid="home-statements">
          <Icon name="euro" />
          {t('statement.toList')}
        </Link>
      </section>
      <PriceList />
      <section class="section" aria-labelledby="me-title">
        <h2 id="me-title">{t('homes.me')}</h2>
        <p class="section__intro">{t('homes.poster.profileText')}</p>
        <ProfileLink label={t('homes.toProfile')} />
      </section>
    </div>
  );
}
