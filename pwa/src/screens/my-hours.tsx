// "Mijn uren" (/uren): a worker's hours this month and this year against their caps (progress
// bars with the numbers in words), the month's jobs with their hours and where their sheet
// stands, their earlier jobs, and their pay only where their organisation sets a rate. Hours
// count as the caps count them: approved where final, booked otherwise. "Mijn vrijwilligersuren"
// (/vrijwilligersuren): a buddy's approved hours, with thanks. Payment happens outside Klusbuddy.
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page, StaleNote } from '../components/Page';
import { formatMoney } from '../format';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import {
  fetchMyHours,
  fetchVolunteerHours,
  hoursText,
  monthName,
  monthParam,
  shiftMonth,
  type VolunteerHours,
  type WorkedJob,
} from '../worked';
import { useCategory, whenText } from './board-parts';

/** A bar of hours against a cap, with the same in words for everyone. */
function CapBar({ id, label, hours, cap }: { id: string; label: string; hours: number; cap: number }) {
  const { t, lang } = useI18n();
  const over = hours > cap;
  return (
    <div class="cap" data-testid={id} data-over={over ? 'true' : undefined}>
      <p class="cap__label" id={`${id}-label`}>
        <span class="cap__title">{label}</span>
        <span class="cap__text" data-testid={`${id}-text`}>
          {t('worked.ofCap', { hours: hoursText(hours, lang, t), cap: hoursText(cap, lang, t) })}
        </span>
      </p>
      <progress class="cap__bar" max={cap} value={Math.min(hours, cap)} aria-labelledby={`${id}-label`} />
    </div>
  );
}

function stateText(j: WorkedJob, t: ReturnType<typeof useI18n>['t']): string {
  switch (j.sheet_state) {
    case 'approved':
      return t('worked.state.approved');
    case 'decided':
      return t('worked.state.decided');
    case 'disputed':
      return t('worked.state.disputed');
    case 'confirmed':
      return t('worked.state.confirmed');
    case 'proposed':
      return t('worked.state.proposed');
    default:
      return new Date(j.end).getTime() <= Date.now() ? t('worked.state.none') : t('worked.state.planned');
  }
}

function JobLine({ job, withPay }: { job: WorkedJob; withPay: boolean }) {
  const { t, lang } = useI18n();
  const { name, icon } = useCategory(job.category);
  const hours = hoursText(job.hours, lang, t);
  return (
    <li class="worked-job" data-testid="worked-job" data-job={job.job_id} data-final={job.final ? 'true' : 'false'}>
      <p class="worked-job__head">
        <Icon name={icon} />
        <strong>{name}</strong>
      </p>
      <ul class="offer__facts">
        <li class="job-line">
          <Icon name="calendar" />
          <span>{whenText(job, lang)}</span>
        </li>
        <li class="job-line" data-testid="worked-job-hours">
          <Icon name="clock" />
          <span>
            {job.final ? t('worked.approvedHours', { hours }) : t('worked.bookedHours', { hours })}
            {job.pending_hours != null && ` · ${t('worked.pendingHours', { hours: hoursText(job.pending_hours, lang, t) })}`}
            {job.items != null && ` · ${t('worked.items', { n: job.items })}`}
          </span>
        </li>
        <li class="job-line" data-testid="worked-job-state">
          <Icon name={job.final ? 'check' : 'hourglass'} />
          <span>{stateText(job, t)}</span>
        </li>
        {withPay && job.pay_cents != null && (
          <li class="job-line" data-testid="worked-job-pay">
            <Icon name="euro" />
            <span>{t('worked.pay', { amount: formatMoney(job.pay_cents, 'EUR', lang) })}</span>
          </li>
        )}
      </ul>
    </li>
  );
}

export function MyHoursScreen() {
  const { t, lang } = useI18n();
  const { query } = useRouter();
  const asked = monthParam(query.get('month'));
  const me = useSession().user;
  // Kept per month asked ("" is this month): offline, the months seen before still show.
  const { state, reload } = useLoad((signal) => fetchMyHours(asked, signal), [asked], me ? { userId: me.id, name: `hours.${asked ?? ''}` } : undefined);
  const back = { href: '/', label: t('nav.toHome') };
  if (state.status !== 'ready') {
    return (
      <Page title={t('worked.title')} intro={t('worked.intro')} back={back} testid="my-hours">
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }
  const h = state.data;
  const withPay = h.rate_cents != null;
  const year = h.month.slice(0, 4);
  return (
    <Page title={t('worked.title')} intro={t('worked.intro')} back={back} testid="my-hours">
      <StaleNote state={state} testid="my-hours-stale" />
      <nav class="month-nav" aria-label={t('worked.months')}>
        <Link class="button button--secondary" href={`/uren?month=${shiftMonth(h.month, -1)}`} data-testid="month-prev">
          <Icon name="back" />
          {monthName(shiftMonth(h.month, -1), lang)}
        </Link>
        <Link class="button button--secondary" href={`/uren?month=${shiftMonth(h.month, 1)}`} data-testid="month-next">
          {monthName(shiftMonth(h.month, 1), lang)}
          <Icon name="chevron" />
        </Link>
      </nav>
      <section class="section" aria-labelledby="worked-caps-title">
        <h2 id="worked-caps-title" data-testid="worked-month">
          {monthName(h.month, lang)}
        </h2>
        <CapBar id="cap-month" label={t('worked.thisMonth')} hours={h.month_hours} cap={h.month_cap} />
        <CapBar id="cap-year" label={t('worked.thisYear', { year })} hours={h.year_hours} cap={h.year_cap} />
        {withPay && h.month_pay_cents != null && h.rate_cents != null ? (
          <p class="worked-pay" data-testid="worked-month-pay">
            <Icon name="euro" />
            <span>
              {t('worked.monthPay', {
                amount: formatMoney(h.month_pay_cents, 'EUR', lang),
                rate: formatMoney(h.rate_cents, 'EUR', lang),
              })}
            </span>
          </p>
        ) : null}
        <p class="section__intro">{t('worked.howCounted')}</p>
      </section>
      <section class="section" aria-labelledby="worked-jobs-title">
        <h2 id="worked-jobs-title">{t('worked.jobs')}</h2>
        {h.jobs.length === 0 ? (
          <Empty testid="worked-none">{t('worked.none')}</Empty>
        ) : (
          <ul class="worked-list" data-testid="worked-jobs">
            {h.jobs.map((j) => (
              <JobLine key={j.job_id} job={j} withPay={withPay} />
            ))}
          </ul>
        )}
      </section>
      <section class="section" aria-labelledby="worked-history-title">
        <h2 id="worked-history-title">{t('worked.history')}</h2>
        {h.history.length === 0 ? (
          <Empty testid="worked-history-none">{t('worked.historyNone')}</Empty>
        ) : (
          <ul class="worked-list" data-testid="worked-history">
            {h.history.map((j) => (
              <JobLine key={j.job_id} job={j} withPay={withPay} />
            ))}
          </ul>
        )}
      </section>
      <p class="section__intro" data-testid="worked-payment-note">
        {withPay ? t('worked.paidOutside') : t('worked.noRate')}
      </p>
    </Page>
  );
}

function VolunteerJobLine({ job }: { job: VolunteerHours['jobs'][number] }) {
  const { t, lang } = useI18n();
  const { name, icon } = useCategory(job.category);
  const approved = job.sheet_state === 'approved';
  return (
    <li class="worked-job" data-testid="volunteer-job" data-job={job.job_id}>
      <p class="worked-job__head">
        <Icon name={icon} />
        <strong>{name}</strong>
      </p>
      <ul class="offer__facts">
        <li class="job-line">
          <Icon name="calendar" />
          <span>{whenText(job, lang)}</span>
        </li>
        <li class="job-line">
          <Icon name={approved ? 'check' : 'hourglass'} />
          <span>{approved ? t('worked.approvedHours', { hours: hoursText(job.hours, lang, t) }) : t('volunteer.waiting')}</span>
        </li>
      </ul>
    </li>
  );
}

export function VolunteerHoursScreen() {
  const { t, lang } = useI18n();
  const me = useSession().user;
  const { state, reload } = useLoad((signal) => fetchVolunteerHours(signal), [], me ? { userId: me.id, name: 'volunteer-hours' } : undefined);
  const back = { href: '/', label: t('nav.toHome') };
  if (state.status !== 'ready') {
    return (
      <Page title={t('volunteer.title')} back={back} testid="volunteer-hours">
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }
  const v = state.data;
  return (
    <Page title={t('volunteer.title')} back={back} testid="volunteer-hours">
      <StaleNote state={state} testid="volunteer-hours-stale" />
      <ul class="stats">
        <li class="stat">
          <span class="stat__value" data-testid="volunteer-year">
            {hoursText(v.year_hours, lang, t)}
          </span>
          <span class="stat__label">{t('volunteer.thisYear', { year: String(v.year) })}</span>
        </li>
        <li class="stat">
          <span class="stat__value" data-testid="volunteer-total">
            {hoursText(v.total_hours, lang, t)}
          </span>
          <span class="stat__label">{t('volunteer.total')}</span>
        </li>
      </ul>
      <p class="notice notice--ok page-note" data-testid="volunteer-thanks">
        <Icon name="star" />
        <span>{v.total_hours > 0 ? t('volunteer.thanks') : t('volunteer.thanksFirst')}</span>
      </p>
      <section class="section" aria-labelledby="volunteer-jobs-title">
        <h2 id="volunteer-jobs-title">{t('volunteer.jobs')}</h2>
        {v.jobs.length === 0 ? (
          <Empty testid="volunteer-none">{t('volunteer.none')}</Empty>
        ) : (
          <ul class="worked-list" data-testid="volunteer-jobs">
            {v.jobs.map((j) => (
              <VolunteerJobLine key={j.job_id} job={j} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
