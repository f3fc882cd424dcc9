// The hours after a job on the worker's and the buddy's booked card (issue 12), once checked
// out: the proposal ("2 u 15 min") with "Klopt" and "Aanpassen" (hours and quarters as two
// selects, or a number of items on a per-item job, and a reason when it differs), the server's
// 422s under their fields, then the state: confirmed (waiting for the customer, or the coach for
// a buddy), approved, disputed.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Icon } from '../components/Icon';
import { formatDay } from '../format';
import { FormAlert, useForm } from '../forms/form';
import { SelectField, TextArea, TextField } from '../forms/fields';
import { amountText, confirmMySheet, fetchMySheet, type HoursRole, type Sheet, type SheetConfirm, sheetValue } from '../hours';
import { useI18n } from '../i18n/context';
import { useOnline } from '../load';
import { readCached, saveCached } from '../offline-cache';

export function HoursPart({ role, target, titleId, userId }: { role: HoursRole; target: number; titleId: string; userId: number }) {
  const { t } = useI18n();
  const [sheet, setSheet] = useState<Sheet | null | 'failed'>(null);
  // Offline: the sheet as the phone last saw it (the list above says it may be out of date);
  // the connection back loads it again.
  const [round, setRound] = useState(0);
  useOnline(() => setRound((n) => n + 1));
  const name = `sheet.${role}.${target}`;
  useEffect(() => {
    const ctl = new AbortController();
    fetchMySheet(role, target, ctl.signal).then(
      (s) => {
        saveCached(userId, name, s);
        setSheet(s);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        const kept = err instanceof ApiError && err.isNetwork ? readCached<Sheet>(userId, name) : null;
        // 404: no sheet yet (the check-out has not reached the server): nothing to show.
        setSheet((s) => kept?.data ?? (err instanceof ApiError && err.status === 404 ? null : s && s !== 'failed' ? s : 'failed'));
      },
    );
    return () => ctl.abort();
  }, [role, target, userId, round]);

  if (sheet === null) return null;
  const headingId = `${titleId}-hours`;
  return (
    <section class="hours" data-testid="hours" aria-labelledby={headingId}>
      <h3 class="hours__title" id={headingId}>
        <Icon name="clock" />
        <span>{sheet !== 'failed' && sheet.unit === 'items' && sheet.state === 'proposed' ? t('hours.titleItems') : t('hours.title')}</span>
      </h3>
      {sheet === 'failed' ? (
        <p class="job-line" data-testid="hours-failed">
          <Icon name="alert" />
          <span>{t('hours.loadFailed')}</span>
        </p>
      ) : sheet.state === 'proposed' ? (
        <Propose
          role={role}
          target={target}
          sheet={sheet}
          onDone={(s) => {
            saveCached(userId, name, s);
            setSheet(s);
          }}
          headingId={headingId}
        />
      ) : (
        <SheetState role={role} sheet={sheet} />
      )}
    </section>
  );
}

function SheetState({ role, sheet }: { role: HoursRole; sheet: Sheet }) {
  const { t } = useI18n();
  const amount = amountText(sheetValue(sheet) ?? 0, sheet.unit, t);
  const [icon, text] =
    sheet.state === 'confirmed'
      ? (['hourglass', t(role === 'buddy' ? 'hours.state.confirmedBuddy' : 'hours.state.confirmed', { amount })] as const)
      : sheet.state === 'disputed'
        ? (['alert', t('hours.state.disputed')] as const)
        : (['check', t('hours.state.approved', { amount })] as const);
  return (
    <p class="job-line job-line--strong" role="status" data-testid="hours-state" data-state={sheet.state}>
      <Icon name={icon} />
      <span>{text}</span>
    </p>
  );
}

const QUARTERS = [0, 15, 30, 45] as const;

function Propose({
  role,
  target,
  sheet,
  onDone,
  headingId,
}: {
  role: HoursRole;
  target: number;
  sheet: Sheet;
  onDone: (s: Sheet) => void;
  headingId: string;
}) {
  const { t, lang } = useI18n();
  const items = sheet.unit === 'items';
  const proposed = sheet.proposed;
  const [editing, setEditing] = useState(items || proposed === null);
  const start = proposed ?? 0;
  const [h, setH] = useState(String(Math.floor(start / 60)));
  const [q, setQ] = useState(String(start % 60 - (start % 15)));
  const [count, setCount] = useState(proposed === null ? '' : String(proposed));
  const [reason, setReason] = useState('');
  const form = useForm({ known: (k) => k === 'minutes' || k === 'items' || k === 'reason' });
  const id = `hours-${role}-${target}`;

  const send = (body: SheetConfirm) =>
    form.submit(async () => {
      onDone(await confirmMySheet(role, target, body));
    });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    let value: number;
    if (items) {
      value = Number.parseInt(count, 10);
      if (!/^\d+$/.test(count.trim()) || value < 1 || value > 999) {
        form.fail({ items: t('hours.itemsNeeded') });
        return;
      }
    } else {
      value = Number(h) * 60 + Number(q);
    }
    const differs = value !== proposed;
    if (differs && proposed !== null && reason.trim() === '') {
      form.fail({ reason: t('hours.reasonNeeded') });
      return;
    }
    const body: SheetConfirm = items ? { items: value } : { minutes: value };
    if (differs && reason.trim() !== '') body.reason = reason.trim();
    void send(body);
  };

  const maxHours = Math.floor(sheet.max_minutes / 60);
  const hourOptions = Array.from({ length: maxHours + 1 }, (_, i) => ({ value: String(i), label: t('hours.hoursOption', { h: i }) }));
  const quarterOptions = QUARTERS.map((m) => ({ value: String(m), label: t('hours.minutesOption', { m }) }));

  return (
    <div class="hours__body">
      {proposed !== null && (
        <>
          <p class="job-line job-line--strong" data-testid="hours-proposed">
            <Icon name="clock" />
            <span>{t('hours.proposed', { amount: amountText(proposed, sheet.unit, t) })}</span>
          </p>
          {!items && <p class="field__hint">{t('hours.proposedHint')}</p>}
        </>
      )}
      {sheet.due_at && (
        <p class="job-line" data-testid="hours-due">
          <Icon name="calendar" />
          <span>{t('hours.autoConfirm', { day: formatDay(sheet.due_at, lang) })}</span>
        </p>
      )}
      {!editing ? (
        <>
          <FormAlert messages={form.alert} testid="hours-alert" />
          <div class="button-stack">
            <button
              type="button"
              class="button button--accent button--wide button--big"
              data-testid="hours-ok"
              aria-describedby={headingId}
              aria-disabled={form.busy ? true : undefined}
              onClick={() => proposed !== null && void send(items ? { items: proposed } : { minutes: proposed })}
            >
              {form.busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
              {form.busy ? t('day.busy') : t('hours.ok')}
            </button>
            <button type="button" class="button button--secondary button--wide" data-testid="hours-change" aria-describedby={headingId} onClick={() => setEditing(true)}>
              <Icon name="pencil" />
              {t('hours.change')}
            </button>
          </div>
        </>
      ) : (
        <form ref={form.ref} class="hours__form" noValidate onSubmit={onSubmit} data-testid="hours-form">
          <FormAlert messages={form.alert} testid="hours-alert" />
          {items ? (
            <TextField
              name="items"
              id={`${id}-items`}
              label={t('hours.itemsLabel')}
              type="number"
              inputMode="numeric"
              min={1}
              max={999}
              value={count}
              onValue={(v) => {
                setCount(v);
                form.clear('items');
              }}
              error={form.errors.items}
            />
          ) : (
            <fieldset class="hours__time" aria-describedby={form.errors.minutes ? `${id}-minutes-error` : undefined}>
              <legend class="visually-hidden">{t('hours.title')}</legend>
              <div class="hours__selects">
                <SelectField name="hours" id={`${id}-h`} label={t('hours.hours')} value={h} options={hourOptions} onValue={(v) => (setH(v), form.clear('minutes'))} testid="hours-h" />
                <SelectField name="quarters" id={`${id}-q`} label={t('hours.quarters')} value={q} options={quarterOptions} onValue={(v) => (setQ(v), form.clear('minutes'))} testid="hours-q" />
              </div>
              {form.errors.minutes && (
                <p class="field__error" id={`${id}-minutes-error`} data-testid="hours-minutes-error">
                  <Icon name="alert" />
                  <span>{form.errors.minutes}</span>
                </p>
              )}
            </fieldset>
          )}
          {proposed !== null && (
            <TextArea
              name="reason"
              id={`${id}-reason`}
              label={t('hours.reason')}
              rows={2}
              maxLength={500}
              value={reason}
              onValue={(v) => {
                setReason(v);
                form.clear('reason');
              }}
              error={form.errors.reason}
            />
          )}
          <div class="button-stack">
            <button type="submit" class="button button--accent button--wide button--big" data-testid="hours-send" aria-disabled={form.busy ? true : undefined}>
              {form.busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
              {form.busy ? t('day.busy') : t('hours.send')}
            </button>
            {proposed !== null && (
              <button type="button" class="button button--secondary button--wide" onClick={() => (setEditing(false), form.clear('minutes', 'items', 'reason'))}>
                <Icon name="back" />
                {t('hours.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
