// The coordinator's home: counts, safety alerts, the way to every staff screen.
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Loading } from '../components/Page';
import { formatNumber } from '../format';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useNews } from '../live';
import { fetchFollowUp } from '../follow-up';
import { Link } from '../router';
import type { PersonSummary, User } from '../types';
import { Greeting } from './homes';
import { OrgSection } from './org-settings';
import { SafetyAlerts, useSafetyAlerts } from './safety-alerts';

export function CoachHome({ user }: { user: User }) {
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
