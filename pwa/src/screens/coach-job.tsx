// /coach/jobs/:id: one job as the coordinator reviews it — who was asked and why, which buddies
// were asked (coach-job-asked.tsx), who is booked, what happened; "Opnieuw aanbieden" for a job
// nobody took; "Niet meer bij deze klant" for the coordinator's own people.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import {
  type BoardAssignment,
  type BoardAssignmentBuddy,
  type BoardJob,
  canRecordOutcome,
  fetchBoardJob,
  reofferJob,
  TRANSITION_BY,
  type Transition,
  type TransitionBy,
} from '../board';
import { type Fact, Facts } from '../components/Facts';
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { formatDateTime, formatNumber } from '../format';
import { messageOf } from '../forms/form';
import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { BUDDY_POLICIES, JOB_STATES, type JobState } from '../jobs';
import { useLoad } from '../load';
import { useNews } from '../live';
import { JobStateBadge } from './job-parts';
import {
  AttentionNote,
  type Block,
  CoachNeverAgain,
  placesText,
  useCategory,
  whenText,
  WorkerName,
} from './board-parts';
import { BuddyRequests, Offers } from './coach-job-asked';
import { Attendance, Contacts, Outcomes, RecordOutcome } from './coach-job-day';
import { SafetyAlerts, useSafetyAlerts } from './safety-alerts';
import { StepIn } from './coach-job-stepin';

type Outcome = { ok: true } | { ok: false; message: string };

export function CoachJobScreen({ id, userId }: { id: number; userId: number }) {
  const { t, lang } = useI18n();
  const { state, reload, set, refresh } = useLoad((signal) => fetchBoardJob(id, signal), [id]);
  // Offers are answered and waves go out while the coach looks: follow them live.
  // A safety report shows at once (safety-alerts.tsx), about this job or another.
  const safety = useSafetyAlerts();
  useNews(userId, (news) => {
    safety.take(news);
    refresh();
  });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The people blocked from this job's poster on this visit: the same person can be in the
  // offers, the buddy requests and the places, and every one of those lines says it is done.
  const [blocked, setBlocked] = useState<ReadonlySet<number>>(() => new Set());
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  // "Genoteerd: …" after an outcome was recorded (a counter, so that the same words again are
  // focused again).
  const [recorded, setRecorded] = useState<{ n: number; said: string } | null>(null);
  const recordedRef = useRef<HTMLParagraphElement>(null);
  const detail = state.status === 'ready' ? state.data : null;
  const { name, icon } = useCategory(detail?.job.category);

  // The button goes away with the state it belonged to: focus goes to what happened.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (recorded) recordedRef.current?.focus();
  }, [recorded]);

  const back = { href: '/coach/jobs', label: t('coachJob.back') };
  if (state.status === 'error' && state.error instanceof ApiError && state.error.status === 404) {
    return (
      <Page title={t('coachJob.notFoundTitle')} intro={t('coachJob.notFoundText')} back={back} testid="coach-job-not-found" />
    );
  }
  if (!detail) {
    return (
      <Page title={t('coachJob.title')} back={back}>
        {state.status === 'error' ? <LoadFailed message={messageOf(state.error, t)} onRetry={reload} /> : <Loading />}
      </Page>
    );
  }

  const job = detail.job;
  const rows: Fact[] = [
    { icon: 'calendar', label: t('job.when'), value: whenText(job, lang, 'long') },
    { icon: 'pin', label: t('job.where'), value: job.municipality },
    { icon: 'buddies', label: t('coachJob.places'), value: placesText(job, lang, t) },
    {
      icon: 'user',
      label: t('coachJob.awaitingBuddy'),
      value: formatNumber(job.awaiting_buddy, lang),
    },
    { icon: 'hourglass', label: t('coachJob.pending'), value: formatNumber(job.offers_pending, lang) },
    { icon: 'ban', label: t('coachJob.declines'), value: formatNumber(job.declines, lang) },
    { icon: 'star', label: t('job.level'), value: t(`jobs.level${Math.min(3, Math.max(1, job.level)) as 1 | 2 | 3}` as const) },
    {
      icon: 'user',
      label: t('job.buddy'),
      value: (BUDDY_POLICIES as readonly string[]).includes(job.buddy) ? t(`jobs.buddy.${job.buddy}` as const) : job.buddy,
    },
  ];
  if (detail.description) rows.push({ icon: 'note', label: t('job.description'), value: detail.description, long: true });

  const reoffer = async () => {
    setOutcome(null);
    try {
      const updated = await reofferJob(job.id);
      set({ ...detail, job: { ...job, ...updated } });
      setOutcome({ ok: true });
    } catch (err) {
      setOutcome({
        ok: false,
        message: err instanceof ApiError && err.status === 409 ? t('coachJob.reofferClosed') : messageOf(err, t),
      });
    }
    // Then the whole job again: new offers, a new line in the history, or why it was closed.
    try {
      set(await fetchBoardJob(job.id));
    } catch {
      /* what we have stays on screen; the message above says what happened */
    }
  };

  /** The answer's job at once, then the whole review again (the outcome in the history). */
  const onRecorded = async (updated: BoardJob, said: string) => {
    set({ ...detail, job: { ...job, ...updated } });
    setRecorded((r) => ({ n: (r?.n ?? 0) + 1, said }));
    try {
      set(await fetchBoardJob(job.id));
    } catch {
      /* the answer's job stays on screen */
    }
  };

  const block: Block = { jobId: job.id, blocked, onBlocked: (person) => setBlocked((b) => new Set(b).add(person)) };

  return (
    <Page title={name} back={back} testid="coach-job">
      <SafetyAlerts alerts={safety.alerts} jobs={[job]} onDismiss={safety.dismiss} />
      <div class="job-head">
        <span class="job-head__icon">
          <Icon name={icon} />
        </span>
        <JobStateBadge state={job.state} />
      </div>
      <AttentionNote job={job} testid="coach-attention" />
      {outcome?.ok && (
        <p class="notice notice--ok page-note" role="status" tabIndex={-1} ref={outcomeRef} data-testid="coach-reoffered">
          <Icon name="check" />
          {t('coachJob.reoffered')}
        </p>
      )}
      {outcome && !outcome.ok && (
        <div class="notice notice--error page-note" role="alert" data-testid="coach-reoffer-error">
          <p class="notice__text" tabIndex={-1} ref={outcomeRef}>
            <Icon name="alert" />
            <span>{outcome.message}</span>
          </p>
        </div>
      )}
      {recorded && (
        <p class="notice notice--ok page-note" role="status" tabIndex={-1} ref={recordedRef} data-testid="outcome-recorded">
          <Icon name="check" />
          {recorded.said}
        </p>
      )}
      {job.state === 'unfilled' && <Reoffer onReoffer={reoffer} />}
      <StepIn job={job} onChanged={refresh} />
      <section class="card" aria-label={name}>
        <Facts rows={rows} />
      </section>
      <Attendance attendance={detail.attendance} assignments={detail.assignments} />
      <Contacts contacts={detail.contacts} />
      <Offers offers={detail.offers} block={block} />
      <BuddyRequests requests={detail.buddy_requests} block={block} />
      <Assignments assignments={detail.assignments} block={block} />
      <Outcomes outcomes={detail.outcomes} />
      {canRecordOutcome(job) && <RecordOutcome job={job} assignments={detail.assignments} onRecorded={onRecorded} />}
      <History transitions={detail.transitions} />
    </Page>
  );
}

function Reoffer({ onReoffer }: { onReoffer: () => Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onReoffer();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="section card reoffer" aria-labelledby="reoffer-title">
      <h2 id="reoffer-title" class="card__title">
        {t('coachJob.reofferTitle')}
      </h2>
      <p class="card__text">{t('coachJob.reofferText')}</p>
      <button
        type="button"
        class="button button--accent button--wide"
        data-testid="coach-reoffer"
        aria-disabled={busy ? true : undefined}
        onClick={() => void go()}
      >
        {busy ? <span class="spinner" aria-hidden="true" /> : <Icon name="refresh" />}
        {busy ? t('form.busy') : t('coachJob.reoffer')}
      </button>
    </section>
  );
}

function Assignments({ assignments, block }: { assignments: BoardAssignment[]; block: Block }) {
  const { t } = useI18n();
  const sorted = [...assignments].sort((a, b) => a.place - b.place);
  return (
    <section class="section" aria-labelledby="assignments-title">
      <h2 id="assignments-title">{t('coachJob.assignments')}</h2>
      {sorted.length === 0 ? (
        <Empty icon="buddies" testid="coach-no-assignments">
          {t('coachJob.noAssignments')}
        </Empty>
      ) : (
        <ul class="list">
          {sorted.map((a) => (
            <li key={a.place} class="list__item" data-testid="coach-assignment" data-place={a.place}>
              <span class="list__icon">
                <Icon name="hardhat" />
              </span>
              <div class="list__body">
                <p class="list__title">{t('coachJob.place', { n: a.place })}</p>
                <p class="offer-card__who">
                  <WorkerName worker={a.worker} />
                </p>
                <BuddyLine buddy={a.buddy} />
                <CoachNeverAgain person={a.worker} block={block} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The buddy of a place: once confirmed, named like the workers are (a link to someone of
 * the coordinator's own organisation, else "iemand van …"). */
function BuddyLine({ buddy }: { buddy: BoardAssignmentBuddy | undefined }) {
  const { t } = useI18n();
  const state = buddy?.state ?? 'none';
  const person = state === 'confirmed' ? buddy?.person : undefined;
  if (person) {
    return (
      <p class="job-line buddy-person" data-testid="assignment-buddy" data-state={state}>
        <Icon name="buddies" />
        <span>{t('coachJob.buddy.label')}</span> <WorkerName worker={person} testid="buddy" />
      </p>
    );
  }
  const text =
    state === 'confirmed' ? t('coachJob.buddy.confirmedNoName') : state === 'searching' ? t('coachJob.buddy.searching') : t('coachJob.buddy.none');
  return (
    <p class={state === 'searching' ? 'attention' : 'job-line'} data-testid="assignment-buddy" data-state={state}>
      <Icon name={state === 'searching' ? 'alert' : state === 'confirmed' ? 'check' : 'user'} />
      <span>{text}</span>
    </p>
  );
}

const BY_KEY: Record<TransitionBy, PlainKey> = {
  system: 'coachJob.by.system',
  worker: 'coachJob.by.worker',
  buddy: 'coachJob.by.buddy',
  poster: 'coachJob.by.poster',
  coordinator: 'coachJob.by.coordinator',
  admin: 'coachJob.by.admin',
};

const isTransitionBy = (by: string): by is TransitionBy => (TRANSITION_BY as readonly string[]).includes(by);

function History({ transitions }: { transitions: Transition[] }) {
  const { t, lang } = useI18n();
  const stateText = (s: JobState | null) =>
    s === null ? t('coachJob.created') : (JOB_STATES as readonly string[]).includes(s) ? t(`jobState.${s}` as const) : s;
  return (
    <section class="section" aria-labelledby="history-title">
      <h2 id="history-title">{t('coachJob.history')}</h2>
      {transitions.length === 0 ? (
        <Empty icon="clock" testid="coach-no-history">
          {t('coachJob.noHistory')}
        </Empty>
      ) : (
        <ol class="list history">
          {transitions.map((tr, i) => (
            <li key={i} class="list__item" data-testid="coach-transition">
              <span class="list__icon">
                <Icon name="chevron" />
              </span>
              <div class="list__body">
                <p class="list__title">{t('coachJob.transition', { from: stateText(tr.from), to: stateText(tr.to) })}</p>
                <p class="list__text">
                  {[formatDateTime(tr.at, lang), isTransitionBy(tr.by) ? t(BY_KEY[tr.by]) : tr.by].filter(Boolean).join(' · ')}
                </p>
                {tr.late === true && (
                  <p class="job-line job-line--strong transition-late" data-testid="transition-late">
                    <Icon name="clock" />
                    <span>{t('coachJob.late')}</span>
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
