import { api } from '../api';
import { Icon } from '../components/Icon';
import { Loading } from '../components/Page';
import { PriceList } from '../components/PriceList';
import { RoleCards } from '../components/RoleCards';
import { formatNumber } from '../format';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useNews } from '../live';
import { fetchFollowUp } from '../follow-up';
import { Link, useRouter } from '../router';
import type { PersonSummary, User } from '../types';
import { BuddyJobs } from './buddy';
import { MyJobs } from './my-jobs';
import { OrgSection } from './org-settings';
import { WorkerJobs } from './offers';
import { SafetyAlerts, useSafetyAlerts } from './safety-alerts';

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

export function Home({ user }: { user: User }) {
  switch (user.role) {
    case 'worker':
      return <WorkerHome user={user} />;
    case 'buddy':
      return <BuddyHome user={user} />;
    case 'poster':
      return <PosterHome user={user} />;
    case 'coordinator':
      return <CoachHome user={user} />;
    case 'admin':
      return <AdminHome user={user} />;
  }
}

function Greeting({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <h1 class="page__title" tabIndex={-1} data-testid="greeting">
      {t('homes.hello', { name: user.first_name })}
    </h1>
  );
}

function ProfileLink({ label }: { label: string }) {
  return (
    <Link class="button button--secondary button--wide" href="/profile" data-testid="home-profile">
      <Icon name="user" />
      {label}
    </Link>
  );
}

function WorkerHome({ user }: { user: User }) {
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

function BuddyHome({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <div class="page" data-testid="buddy-home">
      <Greeting user={user} />
      {user.organisation && <p class="page__intro">{t('homes.orgLine', { org: user.organisation.name })}</p>}
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

function PosterHome({ user }: { user: User }) {
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

function CoachHome({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const { state, reload } = useLoad(
    (signal) =>
      Promise.all([
        api<{ people: PersonSummary[] }>('GET', '/org/people?role=worker', { signal }),
        api<{ people: PersonSummary[] }>('GET', '/org/people?role=buddy', { signal }),
      ]),
    [],
  );
  const count = (people: PersonSummary[], status?: 'invited') =>
    formatNumber(people.filter((p) => !status || p.status === status).length, lang);

  // A safety report shows here too, the moment it comes (safety-alerts.tsx); someone entering
  // the follow-up list counts at once.
  const safety = useSafetyAlerts();
  const followUp = useLoad((signal) => fetchFollowUp(signal), []);
  useNews(user.id, (news) => {
    safety.take(news);
    if (news.length === 0 || news.some((n) => n.kind === 'follow_up')) followUp.refresh();
  });

  return (
    <div class="page" data-testid="coach-home">
      <Greeting user={user} />
      <SafetyAlerts alerts={safety.alerts} onDismiss={safety.dismiss} />
      {user.organisation && <p class="page__intro">{t('homes.orgCoach', { org: user.organisation.name })}</p>}
      <section class="section" aria-labelledby="people-title">
        <h2 id="people-title">{t('homes.coach.people')}</h2>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && (
          <div class="notice notice--error" role="alert">
            <p class="notice__text">
              <Icon name="alert" />
              <span>{messageOf(state.error, t)}</span>
            </p>
            <button type="button" class="button" onClick={reload}>
              <Icon name="refresh" />
              {t('common.retry')}
            </button>
          </div>
        )}
        {state.status === 'ready' && (
          <ul class="stats" data-testid="coach-counts">
            <li class="stat">
              <span class="stat__value" data-testid="count-workers">
                {count(state.data[0].people)}
              </span>
              <span class="stat__label">{t('homes.coach.workers')}</span>
              <span class="stat__note">{t('homes.coach.invited', { n: count(state.data[0].people, 'invited') })}</span>
            </li>
            <li class="stat">
              <span class="stat__value" data-testid="count-buddies">
                {count(state.data[1].people)}
              </span>
              <span class="stat__label">{t('homes.coach.buddies')}</span>
              <span class="stat__note">{t('homes.coach.invited', { n: count(state.data[1].people, 'invited') })}</span>
            </li>
          </ul>
        )}
        <div class="button-stack">
          <Link class="button button--wide" href="/coach/people" data-testid="home-people">
            <Icon name="buddies" />
            {t('homes.coach.toPeople')}
          </Link>
          <Link class="button button--wide" href="/coach/follow-up" data-testid="home-follow-up">
            <Icon name="phone" />
            {followUp.state.status === 'ready' ? t('followUp.toList', { n: formatNumber(followUp.state.data.length, lang) }) : t('followUp.title')}
          </Link>
          <Link class="button button--wide" href="/coach/jobs" data-testid="home-board">
            <Icon name="clipboard" />
            {t('board.toBoard')}
          </Link>
          <Link class="button button--wide" href="/coach/hours" data-testid="home-hours">
            <Icon name="clock" />
            {t('coachHours.title')}
          </Link>
          <Link class="button button--wide" href="/coach/impact" data-testid="home-impact">
            <Icon name="signal" />
            {t('impact.toImpact')}
          </Link>
          <Link class="button button--secondary button--wide" href="/coach/phoned" data-testid="home-phoned">
            <Icon name="phone" />
            {t('phoned.toPhoned')}
          </Link>
          <Link class="button button--secondary button--wide" href="/coach/exports" data-testid="home-exports">
            <Icon name="download" />
            {t('exports.toExports')}
          </Link>
          <Link class="button button--secondary button--wide" href="/coach/audit" data-testid="home-audit">
            <Icon name="note" />
            {t('audit.toAudit')}
          </Link>
          <Link class="button button--secondary button--wide" href="/coach/safety" data-testid="home-safety">
            <Icon name="shield" />
            {t('safety.title')}
          </Link>
          <Link class="button button--secondary button--wide" href="/coach/people/new?role=worker">
            <Icon name="userPlus" />
            {t('people.newWorker')}
          </Link>
        </div>
      </section>
      <OrgSection />
    </div>
  );
}

function AdminHome({ user }: { user: User }) {
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
