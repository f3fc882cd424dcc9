// The taps of a job's day on a booked card (issue 11): "Ik ben er" (from 30 minutes before the
// start), "Klaar" (after it), what became of them (arrived at …, waiting for a connection,
// refused and why), and the safe way out "Ik voel me niet veilig": one confirm tap, then at
// once — also offline — "Je mag nu weggaan" with the coach's phone and 112. Taps go through
// the outbox (day.ts, outbox.ts), so none is lost without a connection.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../components/Icon';
import { ReadAloud } from '../components/ReadAloud';
import {
  type Attendance,
  CHECK_IN_EARLY_MS,
  CHECK_IN_LATE_MS,
  type Contact,
  currentPosition,
  dayOpen,
  dismiss,
  type Outcome,
  type OutboxEntry,
  type OutboxView,
  type SafetyAnswer,
  tap,
  type TapKind,
  type TapRole,
} from '../day';
import { formatTime } from '../format';
import { useI18n } from '../i18n/context';
import type { PersonJob } from '../jobs';
import { lazy } from '../lazy';

// The hours and the feedback show once the job is over: their code loads then, not with the
// worker's home (the size budget, issue 14).
const HoursPart = lazy(() => import('./hours-parts').then((m) => m.HoursPart), 'more');
const JobFeedbackPart = lazy(() => import('./feedback-parts').then((m) => m.JobFeedbackPart), 'more');

/** A clock for the day's windows: every half minute is plenty. */
function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export type DayState = {
  attendance: Attendance | null;
  outcome: Outcome | null;
  safetyReported: boolean;
  contacts: readonly Contact[];
};

export function DayPanel({
  role,
  target,
  userId,
  job,
  state,
  outbox,
  titleId,
}: {
  role: TapRole;
  /** The job's id (worker) or the accompaniment's (buddy). */
  target: number;
  userId: number;
  job: PersonJob;
  state: DayState;
  outbox: OutboxView;
  titleId: string;
}) {
  const { t, lang } = useI18n();
  const now = useClock();
  const [busy, setBusy] = useState<TapKind | null>(null);
  const [safety, setSafety] = useState<'asking' | 'shown' | null>(null);
  const mine = (e: { role: TapRole; target: number }) => e.role === role && e.target === target;
  const kept = outbox.entries.filter(mine);
  const sent = outbox.sent.filter(mine);
  const waiting = kept.filter((e) => e.state === 'waiting');
  const failed = kept.filter((e) => e.state === 'failed');
  const tapAt = (kind: TapKind) => sent.find((e) => e.kind === kind)?.body.at ?? waiting.find((e) => e.kind === kind)?.body.at ?? null;

  const checkedIn = state.attendance?.checked_in_at ?? tapAt('check-in');
  const checkedOut = state.attendance?.checked_out_at ?? tapAt('check-out');
  const reported = state.safetyReported || tapAt('safety') !== null;
  const open = dayOpen(job, now);
  const outOpen = now <= Date.parse(job.end) + CHECK_IN_LATE_MS;
  const time = (iso: string) => formatTime(new Date(iso), lang);

  const run = async (kind: TapKind) => {
    if (busy) return;
    setBusy(kind);
    try {
      // The position never holds the tap up for long (currentPosition gives up after a moment).
      const position = await currentPosition(kind === 'safety' ? 1500 : 3000);
      await tap({ userId, role, target, kind, lang }, position);
    } catch {
      /* kept on the phone: it shows as waiting */
    } finally {
      setBusy(null);
    }
  };

  const leave = () => {
    // The screen first: never wait for the network (or the position) to say "you may leave".
    setSafety('shown');
    void run('safety');
  };

  const startsSoon = !checkedIn && !open && now < Date.parse(job.start) - CHECK_IN_EARLY_MS && Date.parse(job.start) - now < 24 * 3_600_000;
  const safetyAnswer = sent.find((e) => e.kind === 'safety' && e.safety)?.safety ?? null;

  return (
    <div class="day" data-testid="day" data-role={role}>
      {state.outcome && (
        <p class="job-line job-line--strong" data-testid="day-outcome" data-outcome={state.outcome}>
          <Icon name="check" />
          <span>{t('day.outcomeLine', { outcome: t(`day.outcome.${state.outcome}` as const) })}</span>
        </p>
      )}
      {checkedIn && (
        <p class="job-line job-line--strong day__done" data-testid="day-checked-in">
          <Icon name="check" />
          <span>{t('day.checkedIn', { time: time(checkedIn) })}</span>
        </p>
      )}
      {state.attendance?.far && (
        <p class="job-line" data-testid="day-far">
          <Icon name="pin" />
          <span>{t('day.far')}</span>
        </p>
      )}
      {checkedOut && (
        <p class="job-line job-line--strong day__done" data-testid="day-checked-out">
          <Icon name="check" />
          <span>{t('day.checkedOut', { time: time(checkedOut) })}</span>
        </p>
      )}
      {/* The hours (issue 12), once the server has the check-out (the sheet is made then). */}
      {checkedOut && !waiting.some((e) => e.kind === 'check-out') && <HoursPart role={role} target={target} titleId={titleId} userId={userId} />}
      {/* Feedback (issue 12): three faces about the job once it is done. */}
      {(job.state === 'done' || job.state === 'hours_confirmed') && <JobFeedbackPart role={role} target={target} userId={userId} />}
      {startsSoon && <OpensAt text={t('day.opensAt', { time: formatTime(new Date(Date.parse(job.start) - CHECK_IN_EARLY_MS), lang) })} titleId={titleId} />}

      <div role="status" class="day__status" data-testid="day-status">
        {waiting.length > 0 && busy === null && (
          <div class="notice notice--wait" data-testid="day-waiting">
            <p class="notice__text">
              <Icon name="offline" />
              <strong>{t('day.waitingTitle')}</strong>
            </p>
            <ul class="day__waiting">
              {waiting.map((e) => (
                <li key={e.key} data-kind={e.kind}>
                  {t(`day.waiting.${e.kind}` as const, { time: time(e.body.at) })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {failed.map((e) => (
        <Failed key={e.key} entry={e} time={time(e.body.at)} />
      ))}

      {!state.outcome && !checkedIn && open && (
        <TapButton kind="check-in" busy={busy} onTap={() => void run('check-in')} titleId={titleId} />
      )}
      {!state.outcome && checkedIn && !checkedOut && outOpen && (
        <TapButton kind="check-out" busy={busy} onTap={() => void run('check-out')} titleId={titleId} />
      )}

      {safety === 'shown' ? (
        <SafetyScreen
          state={
            busy === 'safety'
              ? 'sending'
              : waiting.some((e) => e.kind === 'safety')
                ? 'waiting'
                : failed.some((e) => e.kind === 'safety')
                  ? 'failed'
                  : 'sent'
          }
          titleId={`${titleId}-leave`}
          answer={safetyAnswer}
          contacts={state.contacts}
          onClose={() => setSafety(null)}
        />
      ) : reported ? (
        <p class="job-line" data-testid="safety-reported">
          <Icon name="shield" />
          <span>{t('day.safety.reported')}</span>
        </p>
      ) : (
        (open || checkedIn) &&
        !checkedOut && <SafetyButton asking={safety === 'asking'} onAsk={() => setSafety('asking')} onBack={() => setSafety(null)} onYes={leave} titleId={titleId} />
      )}
    </div>
  );
}

/** When "Ik ben er" opens: the day's first instruction, also read aloud. */
function OpensAt({ text, titleId }: { text: string; titleId: string }) {
  return (
    <>
      <p class="job-line" data-testid="day-opens">
        <Icon name="clock" />
        <span>{text}</span>
      </p>
      <ReadAloud parts={[text]} describedBy={titleId} />
    </>
  );
}

function TapButton({ kind, busy, onTap, titleId }: { kind: 'check-in' | 'check-out'; busy: TapKind | null; onTap: () => void; titleId: string }) {
  const { t } = useI18n();
  const mine = busy === kind;
  return (
    <button
      type="button"
      class={kind === 'check-in' ? 'button button--accent button--wide button--big' : 'button button--wide button--big'}
      data-testid={kind === 'check-in' ? 'day-check-in' : 'day-check-out'}
      aria-describedby={titleId}
      aria-disabled={busy ? true : undefined}
      onClick={onTap}
    >
      {mine ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name={kind === 'check-in' ? 'pin' : 'check'} />}
      {t(kind === 'check-in' ? 'day.checkIn' : 'day.checkOut')}
      {mine && <span class="visually-hidden">{` ${t('day.busy')}`}</span>}
    </button>
  );
}

/** A tap the server refused, with its words, until the person has read them. */
function Failed({ entry, time }: { entry: OutboxEntry; time: string }) {
  const { t } = useI18n();
  return (
    <div class="notice notice--error" role="alert" data-testid="day-failed" data-kind={entry.kind} data-status={entry.status ?? ''}>
      <p class="notice__text">
        <Icon name="alert" />
        <span>
          <strong>{t(`day.failed.${entry.kind}` as const, { time })}</strong> {entry.error}
        </span>
      </p>
      <button type="button" class="button button--secondary button--wide" data-testid="day-failed-ok" onClick={() => void dismiss(entry.key)}>
        <Icon name="check" />
        {t('day.failedOk')}
      </button>
    </div>
  );
}

/** "Ik voel me niet veilig", and its one confirm step. */
function SafetyButton({ asking, onAsk, onBack, onYes, titleId }: { asking: boolean; onAsk: () => void; onBack: () => void; onYes: () => void; titleId: string }) {
  const { t } = useI18n();
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" class="button button--danger button--wide button--big" data-testid="safety-button" aria-describedby={titleId} onClick={onAsk}>
        <Icon name="shield" />
        {t('day.safety.button')}
      </button>
    );
  }
  const textId = `${titleId}-safety`;
  return (
    <div class="confirm confirm--danger" role="group" aria-labelledby={textId} tabIndex={-1} ref={confirmRef} data-testid="safety-question">
      <p id={textId} class="confirm__text">
        <Icon name="shield" />
        <span>{t('day.safety.question')}</span>
      </p>
      <div class="button-stack">
        <button type="button" class="button button--danger button--wide button--big" data-testid="safety-confirm" onClick={onYes}>
          <Icon name="shield" />
          {t('day.safety.yes')}
        </button>
        <button type="button" class="button button--secondary button--wide" onClick={onBack}>
          <Icon name="back" />
          {t('day.safety.no')}
        </button>
      </div>
    </div>
  );
}

/** After "Ja, ik ga weg": at once, with or without a connection. */
function SafetyScreen({
  state,
  titleId,
  answer,
  contacts,
  onClose,
}: {
  /** failed: the server refused the report (its words show above the card): call instead. */
  state: 'sending' | 'waiting' | 'failed' | 'sent';
  titleId: string;
  answer: SafetyAnswer | null; contacts: readonly Contact[]; onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const stateText =
    state === 'sending' ? t('day.busy') : state === 'waiting' ? t('day.safety.waiting') : state === 'failed' ? t('day.safety.failed') : t('day.safety.sent');
  const coaches = answer && answer.coordinators.length > 0 ? answer.coordinators : contacts.filter((c) => c.role === 'coordinator');
  return (
    <section class="safety" data-testid="safety-screen" aria-labelledby={titleId}>
      <h3 class="safety__title" id={titleId} tabIndex={-1} ref={ref}>
        <Icon name="shield" />
        <span>{t('day.safety.title')}</span>
      </h3>
      <p>{t('day.safety.text')}</p>
      <p role="status" data-testid="safety-state" data-state={state}>
        {stateText}
      </p>
      <ReadAloud parts={[t('day.safety.title'), t('day.safety.text'), stateText]} />
      <div class="button-stack">
        {coaches.map((c) => (
          <a key={c.phone} class="button button--wide button--big" href={`tel:${c.phone.replace(/[^+\d]/g, '')}`} data-testid="safety-coach">
            <Icon name="phone" />
            {t('day.safety.callCoach', { name: c.first_name })}
          </a>
        ))}
        <a class="button button--danger button--wide button--big" href="tel:112" data-testid="safety-112">
          <Icon name="phone" />
          {t('day.safety.call112')}
        </a>
        <button type="button" class="button button--secondary button--wide" data-testid="safety-close" onClick={onClose}>
          <Icon name="close" />
          {t('day.safety.close')}
        </button>
      </div>
    </section>
  );
}
