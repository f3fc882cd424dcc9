// "Mijn klussen" on the poster's home: a card per job, the ones to come first.
import { api, type Category } from '../api';
import { categoryIcon, categoryName, findCategory, useCategories } from '../categories';
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading } from '../components/Page';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { type Job, splitJobs, windowDays } from '../jobs';
import { useLoad } from '../load';
import { useNews } from '../live';
import { Link } from '../router';
import { fetchStatementMonths } from '../statements';
import { formatMoney } from '../format';
import { comingText, dayText, JobStateBadge, jobWhenText } from './job-parts';

/** The poster's jobs as cards: the ones to come first, then past and cancelled ones. They
 * follow the news (someone accepted, the job is filled) without a reload. */
export function MyJobs({ userId }: { userId: number }) {
  const { t } = useI18n();
  const { state, reload, refresh } = useLoad(
    (signal) => api<{ jobs?: Job[] } | null>('GET', '/jobs', { signal }).then((b) => (Array.isArray(b?.jobs) ? b.jobs : [])),
    [],
  );
  useNews(userId, refresh);
  const categories = useCategories();
  const list = categories.status === 'ready' ? categories.categories : [];

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />;
  if (state.data.length === 0) {
    return (
      <Empty icon="clipboard" testid="jobs-empty">
        {t('homes.poster.empty')}
      </Empty>
    );
  }
  const { upcoming, past } = splitJobs(state.data);
  return (
    <MyJobsLists upcoming={upcoming} past={past} list={list} />
  );
}

/** The poster's history with amounts (issue 12): a past job worked on shows what it costs. */
function MyJobsLists({ upcoming, past, list }: { upcoming: Job[]; past: Job[]; list: Category[] }) {
  const { t } = useI18n();
  const worked = past.some((j) => j.state === 'done' || j.state === 'hours_confirmed');
  const amounts = useLoad(
    (signal): Promise<Map<number, { total: number; pending: number }>> =>
      worked
        ? fetchStatementMonths(signal).then((ms) => new Map(ms.flatMap((m) => m.jobs.map((j) => [j.job_id, { total: j.total_cents, pending: j.pending }] as const))))
        : Promise.resolve(new Map()),
    [worked],
  );
  const amountOf = (id: number) => (amounts.state.status === 'ready' ? amounts.state.data.get(id) : undefined);
  return (
    <div class="my-jobs" data-testid="my-jobs">
      {upcoming.length > 0 && (
        <div class="my-jobs__group">
          <h3 class="my-jobs__title">{t('homes.poster.upcoming')}</h3>
          <ul class="list">
            {upcoming.map((j) => (
              <JobCard key={j.id} job={j} category={findCategory(list, j.category)} />
            ))}
          </ul>
        </div>
      )}
      {past.length > 0 && (
        <div class="my-jobs__group">
          <h3 class="my-jobs__title">{t('homes.poster.past')}</h3>
          <ul class="list">
            {past.map((j) => (
              <JobCard key={j.id} job={j} category={findCategory(list, j.category)} amount={amountOf(j.id)} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function JobCard({
  job,
  category,
  amount,
}: {
  job: Job;
  category: Category | undefined;
  amount?: { total: number; pending: number } | undefined;
}) {
  const { t, lang } = useI18n();
  const name = category ? categoryName(category, lang) : job.category;
  const coming = comingText(job.coming, lang, t);
  const when = jobWhenText(job, lang, t);
  const day = dayText(job.places, lang, t);
  const left = Array.isArray(job.places) && job.places.some((p) => p.status === 'left');
  return (
    <li class="list__item list__item--link job-card" data-testid="job-card" data-job-id={job.id}>
      <span class="list__icon list__icon--accent">
        <Icon name={categoryIcon(category)} />
      </span>
      <div class="list__body">
        <Link class="list__link" href={`/jobs/${job.id}`}>
          {name}
          <span class="visually-hidden">{`, ${when}`}</span>
        </Link>
        <p class="job-line" aria-hidden="true" data-testid="job-card-when">
          <Icon name="calendar" />
          <span>{when}</span>
        </p>
        {windowDays(job) > 1 && (
          <p class="job-line" data-testid="job-window-note">
            <Icon name="hardhat" />
            <span>{t('jobs.windowNote')}</span>
          </p>
        )}
        <p class="job-line">
          <Icon name="pin" />
          <span>{job.address.municipality}</span>
        </p>
        <JobStateBadge state={job.state} />
        {amount && (
          <p class="job-line job-line--strong" data-testid="job-card-amount">
            <Icon name="euro" />
            <span>
              {t('statement.amount', { total: formatMoney(amount.total, 'EUR', lang) })}
              {amount.pending > 0 ? ` (${t('statement.pending')})` : ''}
            </span>
          </p>
        )}
        {coming && (
          <p class="job-line job-line--strong">
            <Icon name="buddies" />
            <span>{coming}</span>
          </p>
        )}
        {day && (
          <p class="job-line job-line--strong" data-testid="job-card-day">
            <Icon name={left ? 'back' : 'play'} />
            <span>{day}</span>
          </p>
        )}
      </div>
      <Icon name="chevron" class="list__chevron" />
    </li>
  );
}
