// /coach/safety: the safety reports of the coordinator's organisation ("Ik voel me niet veilig"),
// the ones to follow up first — who, which job, when (the phone's time), where (a map), the
// person's phone — each with a form to note the follow-up (POST /org/safety/{id}/ack); below
// them the ones followed up, with who did it and what. It follows the news without a reload.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { acknowledgeSafety, fetchSafetyReports, FOLLOW_UP_MAX, isOpenReport, mapLink, type SafetyReport, sortSafetyReports, telLink } from '../board';
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { formatDateTime } from '../format';
import { TextArea } from '../forms/fields';
import { FormAlert, messageOf, SubmitButton, useForm } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useNews } from '../live';
import { Link } from '../router';
import type { User } from '../types';
import { distanceText, useCategory, whenText } from './board-parts';

/** A phone time this much before the server's: the tap waited offline, and we say so. */
const LATE_MS = 2 * 60_000;

export function SafetyScreen({ user }: { user: User }) {
  const { t } = useI18n();
  const { state, reload, set, refresh } = useLoad((signal) => fetchSafetyReports(signal), []);
  useNews(user.id, refresh);
  const [done, setDone] = useState(0);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // A report that is gone, or that another coach followed up meanwhile: said above the list.
  const [stale, setStale] = useState<{ n: number; message: string } | null>(null);
  const staleRef = useRef<HTMLParagraphElement>(null);

  // The form is gone with the report it belonged to: focus goes to what happened.
  useEffect(() => {
    if (done > 0) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (stale) staleRef.current?.focus();
  }, [stale]);

  const back = { href: '/coach/jobs', label: t('safety.toBoard') };
  if (state.status !== 'ready') {
    return (
      <Page title={t('safety.heading')} intro={t('safety.intro')} back={back} testid="safety-screen">
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }
  const reports = state.data;
  const open = reports.filter(isOpenReport);
  const followed = reports.filter((r) => !isOpenReport(r));

  const acked = (report: SafetyReport) => {
    set(sortSafetyReports(reports.map((r) => (r.id === report.id ? report : r))));
    setStale(null);
    setDone((n) => n + 1);
  };
  const onStale = (message: string) => {
    setDone(0);
    setStale((s) => ({ n: (s?.n ?? 0) + 1, message }));
    refresh();
  };

  return (
    <Page title={t('safety.heading')} intro={t('safety.intro')} back={back} testid="safety-screen">
      {done > 0 && (
        <p class="notice notice--ok page-note" role="status" tabIndex={-1} ref={doneRef} data-testid="safety-acked">
          <Icon name="check" />
          {t('safety.ackDone')}
        </p>
      )}
      {stale && (
        <div class="notice notice--error page-note" role="alert" data-testid="safety-stale">
          <p class="notice__text" tabIndex={-1} ref={staleRef}>
            <Icon name="alert" />
            <span>{stale.message}</span>
          </p>
        </div>
      )}
      <section class="section" aria-labelledby="safety-open-title">
        <h2 id="safety-open-title">
          {t('safety.open')} ({open.length})
        </h2>
        {open.length === 0 ? (
          <Empty icon="check" testid="safety-none-open">
            {t('safety.noneOpen')}
          </Empty>
        ) : (
          <ul class="safety-list" data-testid="safety-open">
            {open.map((r) => (
              <ReportCard key={r.id} report={r} onAcked={acked} onStale={onStale} />
            ))}
          </ul>
        )}
      </section>
      <section class="section" aria-labelledby="safety-done-title">
        <h2 id="safety-done-title">{t('safety.done')}</h2>
        {followed.length === 0 ? (
          <Empty icon="inbox" testid="safety-none-done">
            {t('safety.noneDone')}
          </Empty>
        ) : (
          <ul class="safety-list" data-testid="safety-done">
            {followed.map((r) => (
              <ReportCard key={r.id} report={r} onAcked={acked} onStale={onStale} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

type CardProps = { report: SafetyReport; onAcked: (r: SafetyReport) => void; onStale: (message: string) => void };

function ReportCard({ report: r, onAcked, onStale }: CardProps) {
  const { t, lang } = useI18n();
  const { name: category, icon } = useCategory(r.category);
  const open = isOpenReport(r);
  const name = r.person.name || t('coachJob.someoneOf', { organisation: r.person.organisation });
  const role = r.role === 'buddy' ? t('safety.role.buddy') : t('safety.role.worker');
  const late = Date.parse(r.received_at) - Date.parse(r.at) > LATE_MS;
  const titleId = `safety-${r.id}-who`;
  return (
    <li
      class={open ? 'safety-report safety-report--open' : 'safety-report'}
      data-testid="safety-report"
      data-report-id={r.id}
      data-open={open ? 'true' : 'false'}
      aria-labelledby={titleId}
    >
      <h3 class="safety-report__who" id={titleId}>
        <Icon name={open ? 'shield' : 'check'} />
        <span data-testid="safety-who">{t('safety.who', { name, role })}</span>
      </h3>
      {r.phone ? (
        <a class="button button--wide" href={telLink(r.phone)} data-testid="safety-call">
          <Icon name="phone" />
          <span>
            {t('safety.call', { name })} <span class="contact__phone">{r.phone}</span>
          </span>
        </a>
      ) : (
        <p class="job-line" data-testid="safety-no-phone">
          <Icon name="phone" />
          <span>{t('safety.noPhone')}</span>
        </p>
      )}
      <p class="job-line" data-testid="safety-job">
        <Icon name={icon} />
        <span>
          <span class="visually-hidden">{t('safety.job')}: </span>
          <Link href={`/coach/jobs/${r.job_id}`}>{category}</Link>
          {`, ${r.street}, ${r.municipality} · ${whenText({ start: r.start, end: '' }, lang)}`}
        </span>
      </p>
      <p class="job-line" data-testid="safety-when">
        <Icon name="clock" />
        <span>
          {`${t('safety.when')}: ${formatDateTime(r.at, lang)}`}
          {late && ` — ${t('safety.late', { when: formatDateTime(r.received_at, lang) })}`}
        </span>
      </p>
      {r.position ? (
        <p class="job-line" data-testid="safety-where">
          <Icon name="pin" />
          <span>
            {r.distance_m !== null && `${t('safety.distance', { distance: distanceText(r.distance_m, lang, t) })} · `}
            <a href={mapLink(r.position)} target="_blank" rel="noopener noreferrer" data-testid="safety-map">
              {t('safety.map')}
              <span class="visually-hidden"> {t('safety.newTab')}</span>
            </a>
          </span>
        </p>
      ) : (
        <p class="job-line" data-testid="safety-where">
          <Icon name="pin" />
          <span>{t('safety.noPosition')}</span>
        </p>
      )}
      {!open && (
        <>
          <p class="job-line job-line--strong" data-testid="safety-acked-by">
            <Icon name="check" />
            <span>
              {r.acknowledged_by
                ? t('safety.ackedBy', { who: r.acknowledged_by, when: formatDateTime(r.acknowledged_at ?? '', lang) })
                : t('safety.acked', { when: formatDateTime(r.acknowledged_at ?? '', lang) })}
            </span>
          </p>
          {r.follow_up && (
            <p class="job-line safety-report__follow-up" data-testid="safety-follow-up">
              <Icon name="note" />
              <span>{t('safety.followUpShown', { text: r.follow_up })}</span>
            </p>
          )}
        </>
      )}
      {open && <AckForm report={r} onAcked={onAcked} onStale={onStale} />}
    </li>
  );
}

/** "Wat heb je gedaan?" and "Opgevolgd". A 422 shows under the field (or, for a field the form
 * does not have, above it); a report that is gone (404) or that another coach followed up
 * meanwhile (409) is said above the list, which loads again quietly. */
function AckForm({ report, onAcked, onStale }: CardProps) {
  const { t } = useI18n();
  const form = useForm({ known: (k) => k === 'follow_up' });
  const [text, setText] = useState('');
  const id = `follow-up-${report.id}`;

  const submit = (e: Event) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return form.fail({ follow_up: t('safety.required') });
    if (value.length > FOLLOW_UP_MAX) return form.fail({ follow_up: t('safety.tooLong', { n: String(FOLLOW_UP_MAX) }) });
    void form.submit(async () => {
      try {
        onAcked(await acknowledgeSafety(report.id, value));
      } catch (err) {
        if (err instanceof ApiError && (err.status === 404 || err.status === 409)) {
          onStale(err.status === 404 ? t('safety.gone') : t('safety.conflict'));
          return;
        }
        throw err;
      }
    });
  };

  return (
    <form class="form safety-ack" ref={form.ref} onSubmit={submit} noValidate data-testid="safety-ack-form">
      <FormAlert messages={form.alert} testid="safety-ack-error" />
      <TextArea
        name="follow_up"
        id={id}
        label={t('safety.followUp')}
        hint={t('safety.followUpHint')}
        value={text}
        onValue={(v) => {
          setText(v);
          form.clear('follow_up');
        }}
        error={form.errors.follow_up}
        maxLength={FOLLOW_UP_MAX}
        rows={3}
      />
      <SubmitButton label={t('safety.ack')} busy={form.busy} icon="check" testid="safety-ack" />
    </form>
  );
}
