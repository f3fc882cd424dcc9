// The poster's statements (issue 12): /afrekeningen lists the months with their totals;
// /afrekening/2026-11 is a month's statement, printable (the navigation hides on paper) and as
// CSV for a spreadsheet. Payment itself stays outside Klusbuddy: the organisation invoices.
import { categoryName, findCategory, useCategories } from '../categories';
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { formatDay, formatMoney } from '../format';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { Link } from '../router';
import { csvHref, fetchJobStatement, fetchMonthStatement, fetchStatementMonths, monthName } from '../statements';
import { StatementLines } from './statement-parts';

export function StatementsScreen() {
  const { t, lang } = useI18n();
  const { state, reload } = useLoad((signal) => fetchStatementMonths(signal), []);
  return (
    <Page title={t('statement.listTitle')} intro={t('statement.outside')} back={{ href: '/', label: t('nav.toHome') }} testid="statements">
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : state.data.length === 0 ? (
        <Empty icon="euro" testid="statements-empty">
          {t('statement.noMonths')}
        </Empty>
      ) : (
        <ul class="list" data-testid="statement-months">
          {state.data.map((m) => (
            <li key={m.month} class="list__item list__item--link" data-testid="statement-month">
              <span class="list__icon list__icon--accent">
                <Icon name="euro" />
              </span>
              <div class="list__body">
                <Link class="list__link" href={`/afrekening/${m.month}`}>
                  {monthName(m.month, lang)}
                </Link>
                <p class="job-line">
                  <span>{t('statement.monthLine', { total: formatMoney(m.total_cents, 'EUR', lang), n: m.jobs.length })}</span>
                </p>
                {m.pending > 0 && (
                  <p class="job-line">
                    <Icon name="hourglass" />
                    <span>{t('statement.pendingCount', { n: m.pending })}</span>
                  </p>
                )}
              </div>
              <Icon name="chevron" class="list__chevron" />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function MonthStatementScreen({ month }: { month: string }) {
  const { t, lang } = useI18n();
  const { state, reload } = useLoad((signal) => fetchMonthStatement(month, signal), [month]);
  const categories = useCategories();
  const list = categories.status === 'ready' ? categories.categories : [];
  const title = t('statement.title', { month: monthName(month, lang) });
  return (
    <Page title={title} back={{ href: '/afrekeningen', label: t('statement.listTitle') }} testid="month-statement">
      <div class="button-stack no-print">
        <button type="button" class="button button--wide" onClick={() => window.print()} data-testid="statement-print">
          <Icon name="printer" />
          {t('statement.print')}
        </button>
        <a class="button button--secondary button--wide" href={csvHref(month)} download={`klusbuddy-${month}.csv`} data-testid="statement-csv">
          <Icon name="download" />
          {t('statement.csv')}
        </a>
      </div>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : (
        <article class="statement" data-testid="statement">
          <section class="card" aria-labelledby="statement-to">
            <h2 id="statement-to" class="card__title">
              {t('statement.to')}
            </h2>
            <p data-testid="statement-poster">
              {state.data.poster.company_name && (
                <>
                  <strong>{state.data.poster.company_name}</strong>
                  <br />
                </>
              )}
              {`${state.data.poster.first_name} ${state.data.poster.last_name}`.trim()}
              <br />
              {state.data.poster.street}
              <br />
              {`${state.data.poster.postcode} ${state.data.poster.municipality}`.trim()}
              {state.data.poster.vat_number && (
                <>
                  <br />
                  <span data-testid="statement-vat-number">{t('statement.vatNumber', { vat: state.data.poster.vat_number })}</span>
                </>
              )}
            </p>
          </section>
          {state.data.jobs.length === 0 ? (
            <Empty icon="euro" testid="statement-empty">
              {t('statement.noJobs')}
            </Empty>
          ) : (
            state.data.jobs.map((j) => {
              const c = findCategory(list, j.category);
              const id = `statement-job-${j.job_id}`;
              return (
                <section key={j.job_id} class="card" aria-labelledby={id}>
                  <h2 id={id} class="card__title">
                    {`${c ? categoryName(c, lang) : j.category}, ${formatDay(j.start, lang)}`}
                  </h2>
                  <StatementLines statement={j} titleId={id} />
                </section>
              );
            })
          )}
          <section class="card statement-total" aria-labelledby="statement-total">
            <h2 id="statement-total" class="card__title">
              {t('statement.monthTotal')}
            </h2>
            <dl class="statement-sums">
              <dt>{t('statement.net')}</dt>
              <dd>{formatMoney(state.data.net_cents, state.data.currency, lang)}</dd>
              <dt>{t('statement.vatAll')}</dt>
              <dd>{formatMoney(state.data.vat_cents, state.data.currency, lang)}</dd>
              <dt>{t('statement.total')}</dt>
              <dd data-testid="statement-month-total">{formatMoney(state.data.total_cents, state.data.currency, lang)}</dd>
            </dl>
            {state.data.pending > 0 && (
              <p class="job-line" data-testid="statement-pending">
                <Icon name="hourglass" />
                <span>{t('statement.pendingCount', { n: state.data.pending })}</span>
              </p>
            )}
            <p class="job-line">
              <Icon name="note" />
              <span>{t('statement.outside')}</span>
            </p>
          </section>
        </article>
      )}
    </Page>
  );
}

/** The job's statement on the poster's job page, below the hours. */
export function JobStatementCard({ jobId }: { jobId: number }) {
  const { t } = useI18n();
  const { state, reload } = useLoad((signal) => fetchJobStatement(jobId, signal), [jobId]);
  return (
    <section class="card" aria-labelledby="job-statement-title" data-testid="job-statement">
      <h2 id="job-statement-title" class="card__title">
        {t('statement.jobTitle')}
      </h2>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : (
        <StatementLines statement={state.data} titleId="job-statement-title" />
      )}
    </section>
  );
}
