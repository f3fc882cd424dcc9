// The coordinator's impact figures (issue 13): a period and filters, the figures, two charts
// drawn as plain SVG (no chart library) each with a table of the same numbers, the CSV of the
// figures table, and the organisation's own social-return values with the estimate they give,
// always shown beside the value and its source, never alone.
import { useState } from 'preact/hooks';
import { categoryName, useCategories } from '../categories';
import { Icon } from '../components/Icon';
import { LoadFailed, Loading, Page } from '../components/Page';
import { formatMoney, formatNumber } from '../format';
import { SelectField, TextArea, TextField } from '../forms/fields';
import { messageOf } from '../forms/form';
import type { Lang, PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import {
  bars,
  fetchImpact,
  type ImpactFilters,
  type ImpactReport,
  type ImpactStep,
  type ImpactValue,
  impactCsvHref,
  PERIODS,
  type Period,
  saveImpactValues,
} from '../impact';
import { useLoad } from '../load';

const LOCALES: Record<Lang, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB', tr: 'tr-BE', ar: 'ar-u-hc-h23-nu-latn' };

/** A step's name on a chart: the month ("jan."), or the first day ("5 jan."). */
export function stepLabel(s: ImpactStep, step: ImpactReport['step'], lang: Lang): string {
  const d = new Date(`${s.from}T12:00:00Z`);
  const opts: Intl.DateTimeFormatOptions = step === 'month' ? { month: 'short' } : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(LOCALES[lang], { ...opts, timeZone: 'UTC' }).format(d);
}

const hours = (n: number, lang: Lang) => formatNumber(Math.round(n * 10) / 10, lang);

function Chart({
  id,
  title,
  report,
  value,
  format,
}: {
  id: string;
  title: string;
  report: ImpactReport;
  value: (s: ImpactStep) => number;
  format: (n: number) => string;
}) {
  const { t, lang } = useI18n();
  const values = report.series.map(value);
  const heights = bars(values);
  const w = 24;
  return (
    <figure class="impact-chart" data-testid={`impact-chart-${id}`}>
      <figcaption id={`chart-${id}`}>{title}</figcaption>
      <svg viewBox={`0 0 ${Math.max(1, values.length) * w} 100`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {heights.map((h, i) => (
          <rect key={i} x={i * w + 3} width={w - 6} y={100 - Math.max(h * 96, values[i]! > 0 ? 2 : 0)} height={Math.max(h * 96, values[i]! > 0 ? 2 : 0)} />
        ))}
      </svg>
      <div class="impact-table" role="region" aria-labelledby={`chart-${id}`} tabIndex={0}>
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('impact.stepCol')}</th>
              <th scope="col">{title}</th>
            </tr>
          </thead>
          <tbody>
            {report.series.map((s, i) => (
              <tr key={s.from}>
                <th scope="row">{stepLabel(s, report.step, lang)}</th>
                <td>{format(values[i]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function Figures({ total }: { total: ImpactReport['total'] }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const share = total.filled_share === null ? '—' : `${formatNumber(Math.round(total.filled_share * 100), lang)}%`;
  const fill = (v: number | null) => (v === null ? '—' : t('impact.hoursValue', { hours: hours(v, lang) }));
  const rows: [PlainKey, string][] = [
    ['impact.hoursWorked', hours(total.hours_worked, lang)],
    ['impact.jobsDone', n(total.jobs_done)],
    ['impact.peopleWorked', n(total.people_worked)],
    ['impact.newPeople', n(total.new_people)],
    ['impact.households', n(total.households)],
    ['impact.companies', n(total.companies)],
    ['impact.buddyHours', hours(total.buddy_hours, lang)],
    ['impact.filledShare', share],
    ['impact.fillMedian', fill(total.fill_median_hours)],
    ['impact.fillP90', fill(total.fill_p90_hours)],
    ['impact.jobsPosted', n(total.jobs_posted)],
    ['impact.jobsUnfilled', n(total.jobs_unfilled)],
    ['impact.noShows', n(total.no_shows)],
    ['impact.dropoutsLate', n(total.dropouts_late)],
    ['impact.dropoutsEarly', n(total.dropouts_early)],
  ];
  return (
    <dl class="impact-figures" data-testid="impact-figures">
      {rows.map(([k, v]) => (
        <div key={k} class="impact-figure">
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

type Draft = { label: string; basis: 'hour' | 'person'; euros: string; source: string };
const toDraft = (v: ImpactValue): Draft => ({ label: v.label, basis: v.basis, euros: (v.cents / 100).toFixed(2).replace('.', ','), source: v.source });

/** The social return: each estimate beside its value and source; the values edited in place. */
function SocialReturn({ report, onSaved }: { report: ImpactReport; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [drafts, setDrafts] = useState<Draft[]>(report.values.map(toDraft));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (i: number, d: Partial<Draft>) => setDrafts(drafts.map((x, k) => (k === i ? { ...x, ...d } : x)));
  const save = async (e: Event) => {
    e.preventDefault();
    const values: ImpactValue[] = [];
    for (const d of drafts) {
      const cents = Math.round(Number(d.euros.replace(/\s/g, '').replace(',', '.')) * 100);
      if (!Number.isFinite(cents) || cents < 1) {
        setError(t('impact.valueAmountBad'));
        return;
      }
      values.push({ label: d.label, basis: d.basis, cents, source: d.source });
    }
    setBusy(true);
    setError('');
    try {
      await saveImpactValues(values);
      setEditing(false);
      onSaved();
    } catch (err) {
      setError(messageOf(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="section" aria-labelledby="impact-return-title" data-testid="impact-return">
      <h2 id="impact-return-title">{t('impact.returnTitle')}</h2>
      <p>{t('impact.returnIntro')}</p>
      {report.estimates.length === 0 ? (
        <p data-testid="impact-return-none">{t('impact.returnNone')}</p>
      ) : (
        <ul class="list">
          {report.estimates.map((e, i) => (
            <li key={i} class="list__item" data-testid="impact-estimate">
              <span class="list__icon list__icon--accent">
                <Icon name="euro" />
              </span>
              <div class="list__body">
                <p class="list__title">
                  {e.label}: {formatMoney(e.total_cents, 'EUR', lang)}
                </p>
                <p data-testid="impact-estimate-how">
                  {t(e.basis === 'hour' ? 'impact.estimateHours' : 'impact.estimatePeople', {
                    units: hours(e.units, lang),
                    value: formatMoney(e.cents, 'EUR', lang),
                  })}
                </p>
                <p data-testid="impact-estimate-source">{t('impact.source', { source: e.source })}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p class="hint">{t('impact.returnCaveat')}</p>
      {!editing ? (
        <button type="button" class="button button--secondary button--wide" onClick={() => setEditing(true)} data-testid="impact-edit-values">
          <Icon name="pencil" />
          {t('impact.editValues')}
        </button>
      ) : (
        <form onSubmit={save} data-testid="impact-values-form">
          {drafts.map((d, i) => (
            <fieldset key={i} class="section" data-testid="impact-value">
              <legend>{t('impact.valueN', { n: i + 1 })}</legend>
              <TextField name={`label-${i}`} label={t('impact.valueLabel')} value={d.label} onValue={(label) => set(i, { label })} maxLength={120} />
              <SelectField
                name={`basis-${i}`}
                label={t('impact.valueBasis')}
                value={d.basis}
                onValue={(b) => set(i, { basis: b === 'person' ? 'person' : 'hour' })}
                options={[
                  { value: 'hour', label: t('impact.basisHour') },
                  { value: 'person', label: t('impact.basisPerson') },
                ]}
              />
              <TextField name={`euros-${i}`} label={t('impact.valueEuros')} value={d.euros} onValue={(euros) => set(i, { euros })} inputMode="decimal" />
              <TextArea name={`source-${i}`} label={t('impact.valueSource')} value={d.source} onValue={(source) => set(i, { source })} maxLength={1000} rows={3} />
              <button type="button" class="button button--secondary" onClick={() => setDrafts(drafts.filter((_, k) => k !== i))}>
                <Icon name="trash" />
                {t('impact.removeValue')}
              </button>
            </fieldset>
          ))}
          {error && (
            <p class="form-error" role="alert" data-testid="impact-values-error">
              {error}
            </p>
          )}
          <div class="button-stack">
            {drafts.length < 10 && (
              <button
                type="button"
                class="button button--secondary button--wide"
                onClick={() => setDrafts([...drafts, { label: '', basis: 'hour', euros: '', source: '' }])}
                data-testid="impact-add-value"
              >
                <Icon name="plus" />
                {t('impact.addValue')}
              </button>
            )}
            <button type="submit" class="button button--wide" disabled={busy} data-testid="impact-save-values">
              <Icon name="check" />
              {t('impact.saveValues')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function ImpactScreen() {
  const { t, lang } = useI18n();
  const categories = useCategories();
  const [draft, setDraft] = useState<ImpactFilters>({ period: 'year', date: '', from: '', to: '', category: '', municipality: '' });
  const [filters, setFilters] = useState<ImpactFilters>(draft);
  const { state, reload } = useLoad(
    (signal) => fetchImpact(filters, signal),
    [filters.period, filters.date, filters.from, filters.to, filters.category, filters.municipality],
  );
  const apply = (e: Event) => {
    e.preventDefault();
    setFilters(draft);
  };
  return (
    <Page title={t('impact.title')} intro={t('impact.intro')} back={{ href: '/', label: t('nav.toHome') }} testid="impact">
      <form class="section" onSubmit={apply} aria-labelledby="impact-filters-title" data-testid="impact-filters">
        <h2 id="impact-filters-title">{t('impact.filters')}</h2>
        <SelectField
          name="period"
          label={t('impact.period')}
          value={draft.period}
          onValue={(p) => setDraft({ ...draft, period: p as Period })}
          options={PERIODS.map((p) => ({ value: p, label: t(`impact.period.${p}` as PlainKey) }))}
          testid="impact-period"
        />
        {draft.period === 'range' ? (
          <>
            <TextField name="from" type="date" label={t('impact.from')} value={draft.from} onValue={(from) => setDraft({ ...draft, from })} />
            <TextField name="to" type="date" label={t('impact.to')} value={draft.to} onValue={(to) => setDraft({ ...draft, to })} />
          </>
        ) : (
          <TextField name="date" type="date" label={t('impact.date')} value={draft.date} onValue={(date) => setDraft({ ...draft, date })} optional />
        )}
        <SelectField
          name="category"
          label={t('impact.category')}
          value={draft.category}
          onValue={(category) => setDraft({ ...draft, category })}
          options={[
            { value: '', label: t('impact.allCategories') },
            ...(categories.status === 'ready' ? categories.categories.map((c) => ({ value: c.slug, label: categoryName(c, lang) })) : []),
          ]}
        />
        <TextField
          name="municipality"
          label={t('impact.municipality')}
          value={draft.municipality}
          onValue={(municipality) => setDraft({ ...draft, municipality })}
          optional
          maxLength={80}
        />
        <div class="button-stack">
          <button type="submit" class="button button--wide" data-testid="impact-apply">
            <Icon name="search" />
            {t('impact.apply')}
          </button>
          <a class="button button--secondary button--wide" href={impactCsvHref(filters)} download="klusbuddy-impact.csv" data-testid="impact-csv">
            <Icon name="download" />
            {t('impact.csv')}
          </a>
          <a class="button button--secondary button--wide" href="/impact" data-testid="impact-public">
            <Icon name="globe" />
            {t('impact.publicPage')}
          </a>
        </div>
      </form>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : (
        <>
          <section class="section" aria-labelledby="impact-total-title">
            <h2 id="impact-total-title" data-testid="impact-range">
              {t('impact.range', {
                from: new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${state.data.from}T12:00:00Z`)),
                to: new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${state.data.to}T12:00:00Z`)),
              })}
            </h2>
            <Figures total={state.data.total} />
          </section>
          <section class="section" aria-labelledby="impact-charts-title">
            <h2 id="impact-charts-title">{t('impact.charts')}</h2>
            <Chart id="hours" title={t('impact.hoursWorked')} report={state.data} value={(s) => s.hours_worked} format={(v) => hours(v, lang)} />
            <Chart id="jobs" title={t('impact.jobsDone')} report={state.data} value={(s) => s.jobs_done} format={(v) => formatNumber(v, lang)} />
            <Chart id="people" title={t('impact.peopleWorked')} report={state.data} value={(s) => s.people_worked} format={(v) => formatNumber(v, lang)} />
          </section>
          <SocialReturn key={JSON.stringify(state.data.values)} report={state.data} onSaved={reload} />
        </>
      )}
    </Page>
  );
}
