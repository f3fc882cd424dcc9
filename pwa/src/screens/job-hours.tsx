// The hours on the poster's job page (/jobs/:id, issue 12): per person the hours and their state;
// a worker's confirmed hours with "Goedkeuren" and "Betwisten" (a reason required), and the day
// Klusbuddy approves them when the poster does not answer. A buddy's hours are the coach's.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { LoadFailed, Loading } from '../components/Page';
import { formatDay } from '../format';
import { FormAlert, messageOf, useForm } from '../forms/form';
import { TextArea } from '../forms/fields';
import { amountText, approveSheet, disputeSheet, fetchJobSheets, type Sheet, sheetValue } from '../hours';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';

/** onChange: a sheet changed here (the job's statement follows). */
export function JobHours({ jobId, onChange }: { jobId: number; onChange?: () => void }) {
  const { t } = useI18n();
  const { state, reload, set, refresh } = useLoad((signal) => fetchJobSheets(jobId, signal), [jobId]);
  const replace = (s: Sheet) => {
    if (state.status === 'ready') set(state.data.map((x) => (x.id === s.id ? s : x)));
    onChange?.();
  };
  return (
    <section class="card" aria-labelledby="hours-title" data-testid="job-hours">
      <h2 id="hours-title" class="card__title">
        {t('hours.poster.title')}
      </h2>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : state.data.length === 0 ? (
        <p class="job-line" data-testid="job-hours-none">
          <Icon name="clock" />
          <span>{t('hours.poster.none')}</span>
        </p>
      ) : (
        <ul class="hours-list">
          {state.data.map((s) => (
            <SheetItem key={s.id} jobId={jobId} sheet={s} onSheet={replace} onConflict={refresh} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SheetItem({ jobId, sheet, onSheet, onConflict }: { jobId: number; sheet: Sheet; onSheet: (s: Sheet) => void; onConflict: () => void }) {
  const { t, lang } = useI18n();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm({ known: (k) => k === 'reason' });
  const value = sheetValue(sheet);
  const amount = value === null ? '—' : amountText(value, sheet.unit, t);
  const nameId = `sheet-${sheet.id}`;
  const name = sheet.first_name;

  const [icon, text]: [IconName, string] =
    sheet.state === 'proposed'
      ? ['hourglass', t('hours.poster.proposed', { amount, name })]
      : sheet.state === 'confirmed'
        ? ['clock', t('hours.poster.confirmed', { amount })]
        : sheet.state === 'disputed'
          ? ['alert', t('hours.poster.disputed')]
          : ['check', t('hours.poster.approved', { amount })];

  const act = (work: () => Promise<Sheet>) =>
    form.submit(async () => {
      try {
        onSheet(await work());
        setDisputing(false);
      } catch (err) {
        // Someone (the coach, Klusbuddy) got there first: show the state as it is now.
        if (err instanceof ApiError && err.status === 409) onConflict();
        throw err;
      }
    });

  const sendDispute = (e: Event) => {
    e.preventDefault();
    if (reason.trim() === '') {
      form.fail({ reason: t('hours.poster.disputeNeeded') });
      return;
    }
    void act(() => disputeSheet(jobId, sheet.id, reason.trim()));
  };

  const mayAnswer = sheet.state === 'confirmed' && sheet.role === 'worker';
  return (
    <li class="hours-item" data-testid="job-sheet" data-state={sheet.state} aria-labelledby={nameId}>
      <p class="job-line job-line--strong" id={nameId}>
        <Icon name={sheet.role === 'buddy' ? 'buddies' : 'user'} />
        <span>{t('hours.poster.who', { name, place: sheet.place })}</span>
      </p>
      <p class="job-line" role="status" data-testid="job-sheet-state">
        <Icon name={icon} />
        <span>{text}</span>
      </p>
      {sheet.reason && (
        <p class="job-line" data-testid="job-sheet-reason">
          <Icon name="note" />
          <span>{t('hours.poster.reason', { name, reason: sheet.reason })}</span>
        </p>
      )}
      {sheet.role === 'buddy' && (sheet.state === 'proposed' || sheet.state === 'confirmed') && (
        <p class="job-line" data-testid="job-sheet-buddy">
          <Icon name="shield" />
          <span>{t('hours.poster.buddy')}</span>
        </p>
      )}
      {mayAnswer && sheet.due_at && (
        <p class="job-line" data-testid="job-sheet-due">
          <Icon name="calendar" />
          <span>{t('hours.poster.due', { day: formatDay(sheet.due_at, lang) })}</span>
        </p>
      )}
      <FormAlert messages={form.alert} testid="job-sheet-alert" />
      {mayAnswer &&
        (disputing ? (
          <form ref={form.ref} class="hours__form" noValidate onSubmit={sendDispute} data-testid="job-sheet-dispute-form">
            <TextArea
              name="reason"
              id={`${nameId}-reason`}
              label={t('hours.poster.disputeReason')}
              rows={3}
              maxLength={500}
              value={reason}
              onValue={(v) => {
                setReason(v);
                form.clear('reason');
              }}
              error={form.errors.reason}
            />
            <div class="button-stack">
              <button type="submit" class="button button--danger button--wide" aria-describedby={nameId} aria-disabled={form.busy ? true : undefined}>
                {form.busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="alert" />}
                {form.busy ? t('day.busy') : t('hours.poster.disputeSend')}
              </button>
              <button type="button" class="button button--secondary button--wide" onClick={() => (setDisputing(false), form.clear('reason'))}>
                <Icon name="back" />
                {t('hours.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <div class="button-stack">
            <button
              type="button"
              class="button button--accent button--wide button--big"
              data-testid="job-sheet-approve"
              aria-describedby={nameId}
              aria-disabled={form.busy ? true : undefined}
              onClick={() => void act(() => approveSheet(jobId, sheet.id))}
            >
              {form.busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
              {form.busy ? t('day.busy') : t('hours.poster.approve')}
            </button>
            <button type="button" class="button button--secondary button--wide" data-testid="job-sheet-dispute" aria-describedby={nameId} onClick={() => setDisputing(true)}>
              <Icon name="alert" />
              {t('hours.poster.dispute')}
            </button>
          </div>
        ))}
    </li>
  );
}
