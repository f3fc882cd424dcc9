// "Ayşe voelt zich niet veilig": a safety report that arrives over the socket (a `safety_alert`
// event) shows at once on the coordinator's open screen, without a reload: who, which job, when,
// where on a map, and the way to the safety list (/coach/safety) to call and follow up. Each
// alert is its own role="alert", so a screen reader says it as it comes; it stays until the
// coordinator hides it or leaves the screen (the list keeps every report).
import { useCallback, useState } from 'preact/hooks';
import { type BoardJob, mapLink, type SafetyAlert, safetyAlertOf } from '../board';
import { Icon } from '../components/Icon';
import { formatTime } from '../format';
import { useI18n } from '../i18n/context';
import type { Notification } from '../live';
import { Link } from '../router';
import { useCategory } from './board-parts';

/** At most this many alerts on screen; the oldest goes first (the list has them all). */
const MAX_ALERTS = 5;

/** The alerts of this visit: `take(news)` keeps the safety alerts among the news. */
export function useSafetyAlerts() {
  const [alerts, setAlerts] = useState<SafetyAlert[]>([]);
  const take = useCallback((news: readonly Notification[]) => {
    const fresh = news.map((n) => safetyAlertOf(n)).filter((a): a is SafetyAlert => a !== null);
    if (fresh.length === 0) return;
    setAlerts((old) => {
      const seen = new Set(old.map((a) => a.reportId ?? -a.id));
      const added = fresh.filter((a) => !seen.has(a.reportId ?? -a.id));
      // The newest first.
      return [...added.reverse(), ...old].slice(0, MAX_ALERTS);
    });
  }, []);
  const dismiss = useCallback((id: number) => setAlerts((old) => old.filter((a) => a.id !== id)), []);
  return { alerts, take, dismiss };
}

export function SafetyAlerts({
  alerts,
  jobs = [],
  onDismiss,
}: {
  alerts: readonly SafetyAlert[];
  /** The jobs on screen, to name the alert's job by its category and municipality. */
  jobs?: readonly BoardJob[];
  onDismiss: (id: number) => void;
}) {
  const { t } = useI18n();
  if (alerts.length === 0) return null;
  return (
    <section class="safety-alerts" aria-label={t('safetyAlert.label')} data-testid="safety-alerts">
      {alerts.map((a) => (
        <AlertCard key={a.id} alert={a} job={jobs.find((j) => j.id === a.jobId)} onDismiss={() => onDismiss(a.id)} />
      ))}
    </section>
  );
}

function AlertCard({ alert: a, job, onDismiss }: { alert: SafetyAlert; job: BoardJob | undefined; onDismiss: () => void }) {
  const { t, lang } = useI18n();
  const { name: category } = useCategory(job?.category);
  const who = a.firstName || t('safetyAlert.someone');
  const role = a.role ? t(`safety.role.${a.role}` as const) : null;
  const jobName = job ? `${category}, ${job.municipality}` : a.jobId !== null ? t('safetyAlert.jobNumber', { id: String(a.jobId) }) : null;
  const at = new Date(a.at);
  return (
    <div class="safety-alert" role="alert" data-testid="safety-alert" data-report-id={a.reportId ?? undefined} data-job-id={a.jobId ?? undefined}>
      <p class="safety-alert__title">
        <Icon name="shield" />
        <strong>
          {t('safetyAlert.text', { name: who })}
          {role ? ` (${role})` : ''}
        </strong>
      </p>
      {jobName && (
        <p class="job-line">
          <Icon name="clipboard" />
          {a.jobId !== null ? (
            <Link href={`/coach/jobs/${a.jobId}`} data-testid="safety-alert-job">
              {t('safetyAlert.job', { job: jobName })}
            </Link>
          ) : (
            <span>{t('safetyAlert.job', { job: jobName })}</span>
          )}
        </p>
      )}
      {!Number.isNaN(at.getTime()) && (
        <p class="job-line" data-testid="safety-alert-time">
          <Icon name="clock" />
          <span>{t('safetyAlert.at', { time: formatTime(at, lang) })}</span>
        </p>
      )}
      {a.position && (
        <p class="job-line">
          <Icon name="pin" />
          <a href={mapLink(a.position)} target="_blank" rel="noopener noreferrer" data-testid="safety-alert-map">
            {t('safetyAlert.map')}
            <span class="visually-hidden"> {t('safety.newTab')}</span>
          </a>
        </p>
      )}
      <div class="button-row safety-alert__actions">
        <Link class="button button--danger" href="/coach/safety" data-testid="safety-alert-open">
          <Icon name="phone" />
          {t('safetyAlert.toList')}
        </Link>
        <button type="button" class="button button--secondary" onClick={onDismiss} data-testid="safety-alert-dismiss">
          <Icon name="close" />
          {t('safetyAlert.dismiss')}
        </button>
      </div>
    </div>
  );
}
