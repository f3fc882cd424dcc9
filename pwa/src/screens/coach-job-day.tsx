// The day of the job on the coordinator's review (/coach/jobs/:id, coach-job.tsx): who checked in
// and out per place (the phone's times, far check-ins flagged with the distance), how the job
// and its places ended (what, who, when), the phones to call, and the form to record an outcome
// (POST /org/jobs/{id}/outcome), which asks before it records.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type AttendanceRow,
  type BoardAssignment,
  type BoardJob,
  canClose,
  type Contact,
  type Outcome,
  OUTCOMES,
  type OutcomeRow,
  outcomesFor,
  recordOutcome,
  TRANSITION_BY,
  type TransitionBy,
} from '../board';
import { type IconName, Icon } from '../components/Icon';
import { Empty } from '../components/Page';
import { formatDateTime, formatTime } from '../format';
import { Checkbox, type Choice, RadioCards, SelectField } from '../forms/fields';
import { FormAlert, SubmitButton, useForm } from '../forms/form';
import type { PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { ContactList } from '../components/ContactList';
import { distanceText, WorkerName } from './board-parts';

const OUTCOME_ICON: Record<Outcome, IconName> = {
  done: 'check',
  worker_no_show: 'hardhat',
  buddy_no_show: 'buddies',
  poster_absent: 'house',
  left_for_safety: 'shield',
  cancelled_late_by_poster: 'clock',
  cancelled_by_coordinator: 'ban',
};

const isOutcome = (o: string): o is Outcome => (OUTCOMES as readonly string[]).includes(o);
export const outcomeText = (o: string, t: Translate): string => (isOutcome(o) ? t(`outcome.${o}` as const) : o);

const BY_KEY: Record<TransitionBy, PlainKey> = {
  system: 'coachJob.by.system',
  worker: 'coachJob.by.worker',
  buddy: 'coachJob.by.buddy',
  poster: 'coachJob.by.poster',
  coordinator: 'coachJob.by.coordinator',
  admin: 'coachJob.by.admin',
};
const byText = (by: string, t: Translate) => ((TRANSITION_BY as readonly string[]).includes(by) ? t(BY_KEY[by as TransitionBy]) : by);

const placeText = (place: number | null | undefined, t: Translate) => (place ? t('coachJob.place', { n: place }) : t('coachJob.wholeJob'));

// ---- attendance ----

/** Check-ins per place: the worker's and the buddy's, with the phone's times and how far from
 * the address; a booked place without a check-in says so. */
export function Attendance({ attendance, assignments }: { attendance: AttendanceRow[]; assignments: BoardAssignment[] }) {
  const { t } = useI18n();
  const places = [...new Set([...assignments.map((a) => a.place), ...attendance.map((a) => a.place)])].sort((a, b) => a - b);
  return (
    <section class="section" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('coachJob.attendance')}</h2>
      <p class="section__intro">{t('coachJob.attendanceIntro')}</p>
      {attendance.length === 0 ? (
        <Empty icon="clock" testid="coach-no-attendance">
          {t('coachJob.noAttendance')}
        </Empty>
      ) : (
        <ul class="list">
          {places.map((place) => {
            const rows = attendance.filter((a) => a.place === place).sort((a, b) => (a.role === b.role ? 0 : a.role === 'worker' ? -1 : 1));
            const worker = assignments.find((a) => a.place === place)?.worker;
            return (
              <li key={place} class="list__item" data-testid="coach-attendance-place" data-place={place}>
                <span class="list__icon">
                  <Icon name="clock" />
                </span>
                <div class="list__body">
                  <h3 class="list__title">{t('coachJob.place', { n: place })}</h3>
                  {!rows.some((r) => r.role === 'worker') && (
                    <p class="job-line job-line--strong" data-testid="coach-not-checked-in">
                      <Icon name="hourglass" />
                      <span>
                        {worker && (
                          <>
                            <WorkerName worker={worker} testid="attendance-worker" />{' '}
                          </>
                        )}
                        {t('coachJob.notIn')}
                      </span>
                    </p>
                  )}
                  {rows.map((r) => (
                    <CheckIn key={r.role} row={r} />
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function CheckIn({ row: r }: { row: AttendanceRow }) {
  const { t, lang } = useI18n();
  const time = (iso: string) => formatTime(new Date(iso), lang);
  return (
    <div class="check-in" data-testid="coach-check-in" data-role={r.role} data-far={r.far ? 'true' : 'false'}>
      <p class="job-line buddy-person">
        <Icon name={r.role === 'buddy' ? 'buddies' : 'hardhat'} />
        <span>{r.role === 'buddy' ? t('coachJob.role.buddy') : t('coachJob.role.worker')}:</span>{' '}
        <WorkerName worker={r.person} testid="attendance-person" />
      </p>
      <p class="job-line" data-testid="check-in-times">
        <Icon name="play" />
        <span>
          {t('coachJob.checkedIn', { time: time(r.checked_in_at) })}
          {' · '}
          {r.checked_out_at ? t('coachJob.checkedOut', { time: time(r.checked_out_at) }) : t('coachJob.notOut')}
        </span>
      </p>
      {r.far ? (
        <p class="job-line far" data-testid="check-in-distance">
          <Icon name="alert" />
          <span>{t('coachJob.far', { distance: r.distance_m === null ? '?' : distanceText(r.distance_m, lang, t) })}</span>
        </p>
      ) : (
        <p class="job-line" data-testid="check-in-distance">
          <Icon name="pin" />
          <span>{r.distance_m === null ? t('coachJob.noDistance') : t('coachJob.near', { distance: distanceText(r.distance_m, lang, t) })}</span>
        </p>
      )}
    </div>
  );
}

// ---- outcomes ----

/** Every outcome recorded, in the order they came: what, for which place, who, when. */
export function Outcomes({ outcomes }: { outcomes: OutcomeRow[] }) {
  const { t, lang } = useI18n();
  return (
    <section class="section" aria-labelledby="outcomes-title">
      <h2 id="outcomes-title">{t('coachJob.outcomes')}</h2>
      {outcomes.length === 0 ? (
        <Empty icon="note" testid="coach-no-outcomes">
          {t('coachJob.noOutcomes')}
        </Empty>
      ) : (
        <ol class="list history">
          {outcomes.map((o, i) => (
            <li key={i} class="list__item" data-testid="coach-outcome" data-outcome={o.outcome} data-place={o.place ?? 0}>
              <span class="list__icon">
                <Icon name={isOutcome(o.outcome) ? OUTCOME_ICON[o.outcome] : 'note'} />
              </span>
              <div class="list__body">
                <p class="list__title">{`${placeText(o.place, t)}: ${outcomeText(o.outcome, t)}`}</p>
                <p class="list__text">{[formatDateTime(o.at, lang), byText(o.by, t)].filter(Boolean).join(' · ')}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ---- contacts ----

export function Contacts({ contacts }: { contacts: Contact[] }) {
  const { t } = useI18n();
  return (
    <section class="section" aria-labelledby="contacts-title">
      <h2 id="contacts-title">{t('coachJob.contacts')}</h2>
      <p class="section__intro">{t('coachJob.contactsIntro')}</p>
      {contacts.length === 0 ? (
        <Empty icon="phone" testid="coach-no-contacts">
          {t('coachJob.noContacts')}
        </Empty>
      ) : (
        <ContactList contacts={contacts} testid="coach-contact" />
      )}
    </section>
  );
}

// ---- recording an outcome ----

const FIELDS = new Set(['place', 'outcome', 'close']);

/** "Afloop noteren": for whom (a place or the whole job), what happened, and whether to close
 * a started job; then a question before it is recorded. The answer's job goes to `onRecorded`. */
export function RecordOutcome({
  job,
  assignments,
  onRecorded,
}: {
  job: BoardJob;
  assignments: BoardAssignment[];
  onRecorded: (job: BoardJob, said: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const form = useForm({ known: (k) => FIELDS.has(k) });
  const [who, setWho] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [close, setClose] = useState(false);
  const [asking, setAsking] = useState(false);
  const questionRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (asking) questionRef.current?.focus();
  }, [asking]);

  const place = who === '' ? null : Number(who);
  const choices: Choice<Outcome>[] = outcomesFor(place).map((o) => ({ value: o, label: t(`outcome.${o}` as const), icon: OUTCOME_ICON[o] }));
  const closable = outcome !== '' && canClose(job, outcome);
  const places = [...assignments].sort((a, b) => a.place - b.place);
  const whoOptions = [
    { value: '', label: t('coachJob.wholeJob') },
    ...places.map((a) => ({
      value: String(a.place),
      label: a.worker.name ? `${t('coachJob.place', { n: a.place })} — ${a.worker.name}` : t('coachJob.place', { n: a.place }),
    })),
  ];
  const whoText = whoOptions.find((o) => o.value === who)?.label ?? t('coachJob.wholeJob');

  const ask = (e: Event) => {
    e.preventDefault();
    if (!outcome) return form.fail({ outcome: t('outcomeForm.choose') });
    setAsking(true);
  };

  const record = () =>
    form.submit(async () => {
      if (!outcome) return;
      try {
        const updated = await recordOutcome(job.id, {
          outcome,
          ...(place !== null ? { place } : {}),
          ...(closable && close ? { close: true } : {}),
        });
        const said = t('outcomeForm.saved', { outcome: t(`outcome.${outcome}` as const), who: whoText });
        setAsking(false);
        setWho('');
        setOutcome('');
        setClose(false);
        await onRecorded(updated, said);
      } catch (err) {
        setAsking(false);
        throw err;
      }
    });

  return (
    <section class="section card" aria-labelledby="record-outcome-title">
      <h2 id="record-outcome-title" class="card__title">
        {t('outcomeForm.title')}
      </h2>
      <p class="card__text">{t('outcomeForm.intro')}</p>
      <form class="form" ref={form.ref} onSubmit={ask} noValidate data-testid="outcome-form">
        <FormAlert messages={form.alert} testid="outcome-error" />
        <SelectField
          name="place"
          label={t('outcomeForm.for')}
          value={who}
          options={whoOptions}
          error={form.errors.place}
          onValue={(v) => {
            setWho(v);
            setAsking(false);
            form.clear('place');
            // An outcome of a place is not always one of the job, and the other way round.
            const next = v === '' ? null : Number(v);
            if (outcome && !outcomesFor(next).includes(outcome)) setOutcome('');
          }}
        />
        <RadioCards
          name="outcome"
          legend={t('outcomeForm.what')}
          value={outcome}
          choices={choices}
          error={form.errors.outcome}
          onValue={(v) => {
            setOutcome(v);
            setAsking(false);
            form.clear('outcome');
          }}
        />
        {closable && (
          <Checkbox
            name="close"
            label={t('outcomeForm.close')}
            icon="check"
            checked={close}
            error={form.errors.close}
            onChecked={(c) => {
              setClose(c);
              setAsking(false);
              form.clear('close');
            }}
          />
        )}
        {!asking ? (
          <SubmitButton label={t('outcomeForm.submit')} busy={false} icon="note" testid="outcome-submit" />
        ) : (
          <div class="confirm" role="group" aria-labelledby="outcome-question" tabIndex={-1} ref={questionRef} data-testid="outcome-question">
            <p id="outcome-question" class="confirm__text">
              <Icon name="alert" />
              <span>
                {t('outcomeForm.confirm', { outcome: outcome ? t(`outcome.${outcome}` as const) : '', who: whoText })}
                {outcome === 'cancelled_by_coordinator' && ` ${t('outcomeForm.confirmCancel')}`}
                {closable && close && ` ${t('outcomeForm.confirmClose')}`}
              </span>
            </p>
            <div class="button-stack">
              <button
                type="button"
                class={outcome === 'cancelled_by_coordinator' ? 'button button--danger button--wide' : 'button button--wide'}
                aria-disabled={form.busy ? true : undefined}
                data-testid="outcome-confirm"
                onClick={() => void record()}
              >
                {form.busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
                {form.busy ? t('form.busy') : t('outcomeForm.yes')}
              </button>
              <button type="button" class="button button--secondary button--wide" onClick={() => setAsking(false)} data-testid="outcome-back">
                <Icon name="back" />
                {t('outcomeForm.no')}
              </button>
            </div>
          </div>
        )}
      </form>
    </section>
  );
}
