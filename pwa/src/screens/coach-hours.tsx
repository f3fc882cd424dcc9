// The coach's hours (/coach/hours, issue 12): workers' hours a poster disputed — the reason, the
// phone's proposal and the worker's hours — each with a form to decide (hours or items and a
// note), buddies' hours waiting for approval, approved with one tap, and per-item counts a worker
// has not given yet, which the coach enters after calling them (Klusbuddy never makes one up).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { FormAlert, messageOf, SubmitButton, useForm } from '../forms/form';
import { TextArea, TextField } from '../forms/fields';
import { amountText, type Sheet } from '../hours';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { Link } from '../router';

const orgSheets = (state: 'disputed' | 'confirmed' | 'proposed', signal: AbortSignal) =>
  api<{ sheets: Sheet[] }>('GET', `/org/hours?state=${state}`, { signal }).then((b) => b.sheets);

export function CoachHoursScreen() {
  const { t } = useI18n();
  const { state, reload, set, refresh } = useLoad(
    (signal) =>
      Promise.all([
        orgSheets('disputed', signal),
        orgSheets('confirmed', signal).then((ss) => ss.filter((s) => s.role === 'buddy')),
        orgSheets('proposed', signal).then((ss) => ss.filter((s) => s.unit === 'items')),
      ]),
    [],
  );
  // A sheet decided, approved or counted leaves its list.
  const done = (s: Sheet) => {
    if (state.status === 'ready') {
      const [disputed, buddies, uncounted] = state.data.map((list) => list.filter((x) => x.id !== s.id)) as [Sheet[], Sheet[], Sheet[]];
      set([disputed, buddies, uncounted]);
    }
  };
  return (
    <Page title={t('coachHours.title')} intro={t('coachHours.intro')} back={{ href: '/', label: t('nav.toHome') }} testid="coach-hours">
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : (
        <>
          <SheetSection id="disputed" title={t('coachHours.disputed')} empty={t('coachHours.noDisputes')} sheets={state.data[0]} Item={Disputed} onDone={done} onConflict={refresh} />
          <SheetSection id="buddies" title={t('coachHours.buddies')} empty={t('coachHours.noBuddies')} sheets={state.data[1]} Item={BuddySheet} onDone={done} onConflict={refresh} />
          <SheetSection id="uncounted" title={t('coachHours.uncounted')} empty={t('coachHours.noUncounted')} sheets={state.data[2]} Item={Uncounted} onDone={done} onConflict={refresh} />
        </>
      )}
    </Page>
  );
}

type ItemProps = { sheet: Sheet; onDone: (s: Sheet) => void; onConflict: () => void };

/** One list of the screen: its sheets, each with its own answer, or a line saying there are none. */
function SheetSection({ id, title, empty, sheets, Item, onDone, onConflict }: { id: string; title: string; empty: string; sheets: Sheet[]; Item: (p: ItemProps) => JSX.Element } & Omit<ItemProps, 'sheet'>) {
  return (
    <section class="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {sheets.length === 0 ? (
        <Empty icon="check" testid={`coach-${id}-none`}>
          {empty}
        </Empty>
      ) : (
        <ul class="hours-list">
          {sheets.map((s) => (
            <Item key={s.id} sheet={s} onDone={onDone} onConflict={onConflict} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Disputed({ sheet, onDone, onConflict }: ItemProps) {
  const { t } = useI18n();
  const form = useForm({ known: (k) => k === 'minutes' || k === 'items' || k === 'note' });
  const items = sheet.unit === 'items';
  const [value, setValue] = useState(String(sheet.confirmed ?? sheet.proposed ?? ''));
  const [note, setNote] = useState('');
  const nameId = `coach-sheet-${sheet.id}`;
  const field = items ? 'items' : 'minutes';

  const send = (e: Event) => {
    e.preventDefault();
    const n = Number(value);
    const fields: Record<string, string> = {};
    if (value.trim() === '' || !Number.isInteger(n) || n < 0 || (!items && n % 15 !== 0)) fields[field] = t(items ? 'coachHours.itemsNeeded' : 'coachHours.minutesNeeded');
    if (note.trim() === '') fields.note = t('coachHours.noteNeeded');
    if (Object.keys(fields).length > 0) {
      form.fail(fields);
      return;
    }
    void form.submit(async () => {
      try {
        const body = items ? { items: n, note: note.trim() } : { minutes: n, note: note.trim() };
        onDone((await api<{ sheet: Sheet }>('POST', `/org/hours/${sheet.id}/decide`, { body })).sheet);
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) onConflict();
        throw err;
      }
    });
  };

  return (
    <li class="hours-item" data-testid="coach-disputed" aria-labelledby={nameId}>
      <p class="job-line job-line--strong" id={nameId}>
        <Icon name="user" />
        <span>{t('coachHours.who', { name: sheet.first_name, job: sheet.job_id })}</span>
      </p>
      <p class="job-line">
        <Icon name="clipboard" />
        <Link href={`/coach/jobs/${sheet.job_id}`} data-testid="coach-sheet-job">
          {t('coachHours.toJob')}
        </Link>
      </p>
      <p class="job-line" data-testid="coach-dispute-reason">
        <Icon name="alert" />
        <span>{t('coachHours.posterSays', { reason: sheet.dispute_reason ?? '' })}</span>
      </p>
      {sheet.proposed !== null && (
        <p class="job-line" data-testid="coach-proposed">
          <Icon name="phone" />
          <span>{t('coachHours.proposed', { amount: amountText(sheet.proposed, sheet.unit, t) })}</span>
        </p>
      )}
      {sheet.confirmed !== null && (
        <p class="job-line" data-testid="coach-confirmed">
          <Icon name="clock" />
          <span>{t('coachHours.workerSays', { name: sheet.first_name, amount: amountText(sheet.confirmed, sheet.unit, t) })}</span>
        </p>
      )}
      {sheet.reason && (
        <p class="job-line">
          <Icon name="note" />
          <span>{t('hours.poster.reason', { name: sheet.first_name, reason: sheet.reason })}</span>
        </p>
      )}
      <FormAlert messages={form.alert} testid="coach-decide-alert" />
      <form ref={form.ref} class="hours__form" noValidate onSubmit={send} data-testid="coach-decide-form">
        <TextField
          name={field}
          id={`${nameId}-${field}`}
          type="number"
          inputMode="numeric"
          label={items ? t('coachHours.items') : t('coachHours.minutes', { max: sheet.max_minutes })}
          value={value}
          onValue={(v) => {
            setValue(v);
            form.clear(field);
          }}
          error={form.errors[field]}
        />
        <TextArea
          name="note"
          id={`${nameId}-note`}
          label={t('coachHours.note')}
          rows={3}
          maxLength={500}
          value={note}
          onValue={(v) => {
            setNote(v);
            form.clear('note');
          }}
          error={form.errors.note}
        />
        <SubmitButton label={t('coachHours.decide')} busy={form.busy} describedBy={nameId} />
      </form>
    </li>
  );
}

function BuddySheet({ sheet, onDone, onConflict }: ItemProps) {
  const { t } = useI18n();
  const form = useForm();
  const nameId = `coach-sheet-${sheet.id}`;
  const approve = () =>
    void form.submit(async () => {
      try {
        onDone((await api<{ sheet: Sheet }>('POST', `/org/hours/${sheet.id}/approve`)).sheet);
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) onConflict();
        throw err;
      }
    });
  return (
    <li class="hours-item" data-testid="coach-buddy" aria-labelledby={nameId}>
      <p class="job-line job-line--strong" id={nameId}>
        <Icon name="buddies" />
        <span>{t('coachHours.buddyWho', { name: sheet.first_name, job: sheet.job_id })}</span>
      </p>
      <p class="job-line">
        <Icon name="clock" />
        <span>{t('hours.poster.confirmed', { amount: amountText(sheet.confirmed ?? 0, sheet.unit, t) })}</span>
      </p>
      {sheet.reason && (
        <p class="job-line">
          <Icon name="note" />
          <span>{t('hours.poster.reason', { name: sheet.first_name, reason: sheet.reason })}</span>
        </p>
      )}
      <FormAlert messages={form.alert} testid="coach-approve-alert" />
      <button
        type="button"
        class="button button--accent button--wide button--big"
        aria-describedby={nameId}
        aria-disabled={form.busy ? true : undefined}
        onClick={approve}
        data-testid="coach-approve"
      >
        {form.busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
        {form.busy ? t('day.busy') : t('hours.poster.approve')}
      </button>
    </li>
  );
}

/** A per-item count the worker has not given: the coach calls them and enters it. */
function Uncounted({ sheet, onDone, onConflict }: ItemProps) {
  const { t } = useI18n();
  const form = useForm({ known: (k) => k === 'items' || k === 'reason' });
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const nameId = `coach-sheet-${sheet.id}`;

  const send = (e: Event) => {
    e.preventDefault();
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 1) {
      form.fail({ items: t('coachHours.itemsNeeded') });
      return;
    }
    void form.submit(async () => {
      try {
        const body = reason.trim() === '' ? { items: n } : { items: n, reason: reason.trim() };
        onDone((await api<{ sheet: Sheet }>('POST', `/org/hours/${sheet.id}/confirm`, { body })).sheet);
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) onConflict();
        throw err;
      }
    });
  };

  return (
    <li class="hours-item" data-testid="coach-uncounted" aria-labelledby={nameId}>
      <p class="job-line job-line--strong" id={nameId}>
        <Icon name="user" />
        <span>{t('coachHours.who', { name: sheet.first_name, job: sheet.job_id })}</span>
      </p>
      <p class="job-line">
        <Icon name="clipboard" />
        <Link href={`/coach/jobs/${sheet.job_id}`}>{t('coachHours.toJob')}</Link>
      </p>
      <p class="field__hint">{t('coachHours.countHint', { name: sheet.first_name })}</p>
      <FormAlert messages={form.alert} testid="coach-count-alert" />
      <form ref={form.ref} class="hours__form" noValidate onSubmit={send} data-testid="coach-count-form">
        <TextField
          name="items"
          id={`${nameId}-items`}
          type="number"
          inputMode="numeric"
          label={t('coachHours.items')}
          value={value}
          onValue={(v) => {
            setValue(v);
            form.clear('items');
          }}
          error={form.errors.items}
        />
        <TextArea
          name="reason"
          id={`${nameId}-reason`}
          label={t('coachHours.countReason')}
          rows={2}
          maxLength={500}
          value={reason}
          onValue={(v) => {
            setReason(v);
            form.clear('reason');
          }}
          error={form.errors.reason}
        />
        <SubmitButton label={t('coachHours.count')} busy={form.busy} describedBy={nameId} />
      </form>
    </li>
  );
}
