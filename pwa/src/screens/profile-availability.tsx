// When a worker or buddy can work (their profile, /profile): the weekly hours and the days that
// differ (away, or only some hours).
import { useState } from 'preact/hooks';
import { Icon } from '../components/Icon';
import { RadioCards, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, messageOf, Saved, SubmitButton, useForm } from '../forms/form';
import { AvailabilityEditor, checkSlots, describeException, sortSlots } from '../forms/profile-fields';
import { useI18n } from '../i18n/context';
import type { Exception, Slot } from '../types';
import { type Save, Section, useSavedFlag } from './profile-section';

export function AvailabilitySection({ role, slots, save }: { role: 'worker' | 'buddy'; slots: Slot[]; save: Save }) {
  const { t } = useI18n();
  const [value, setValue] = useState(() => sortSlots(slots));
  const flag = useSavedFlag();
  const form = useForm({ known: (k) => k.startsWith('availability') });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors = checkSlots(value, t);
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      await save({ [role]: { availability: sortSlots(value) } });
      flag.done();
    });
  };

  return (
    <Section fold id="availability" title={t('profile.availability')} intro={t('profile.availabilityIntro')} testid="availability">
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate>
        <FormAlert messages={form.alert} />
        <AvailabilityEditor
          slots={value}
          onSlots={(s) => {
            setValue(s);
            form.clear(...Object.keys(form.errors));
            flag.edited();
          }}
          errors={form.errors}
        />
        <SubmitButton label={t('common.save')} busy={form.busy} testid="availability-save" />
        <Saved show={flag.saved} />
      </form>
    </Section>
  );
}

/** Days that differ from the usual week. Adding or removing saves at once. */
export function ExceptionsSection({ role, exceptions, save }: { role: 'worker' | 'buddy'; exceptions: Exception[]; save: Save }) {
  const { t, lang } = useI18n();
  const [date, setDate] = useState('');
  const [available, setAvailable] = useState<'no' | 'yes'>('no');
  const [allDay, setAllDay] = useState(true);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const form = useForm({ known: (k) => /^exceptions\.\d+\.(date|available|start|end)$/.test(k) || k === 'date' || k === 'start' || k === 'end' });
  const [removeError, setRemoveError] = useState<string[] | null>(null);
  const sorted = [...exceptions].sort((a, b) => a.date.localeCompare(b.date));
  const n = sorted.length; // the index the new one gets in the list we send
  const err = (f: string) => form.errors[f] ?? form.errors[`exceptions.${n}.${f}`];

  const onAdd = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = t('except.dateMissing');
    if (!allDay && (!start || !end)) errors.end = t('avail.timeMissing');
    else if (!allDay && end <= start) errors.end = t('avail.endBeforeStart');
    if (Object.keys(errors).length > 0) {
      form.fail(errors);
      return;
    }
    const item: Exception = { date, available: available === 'yes' };
    if (!allDay) Object.assign(item, { start, end });
    void form.submit(async () => {
      await save({ [role]: { exceptions: [...sorted, item] } });
      setDate('');
    });
  };

  const remove = async (i: number) => {
    setRemoveError(null);
    try {
      await save({ [role]: { exceptions: sorted.filter((_, j) => j !== i) } });
    } catch (error) {
      setRemoveError([messageOf(error, t)]);
    }
  };

  return (
    <Section fold id="exceptions" title={t('profile.exceptions')} intro={t('profile.exceptionsIntro')} testid="exceptions">
      <FormAlert messages={removeError} />
      {sorted.length === 0 ? (
        <p class="muted">{t('except.none')}</p>
      ) : (
        <ul class="list list--plain" data-testid="exception-list">
          {sorted.map((x, i) => (
            <li key={`${x.date}-${i}`} class="list__item" data-testid="exception">
              <span class="list__icon">
                <Icon name="calendar" />
              </span>
              <p class="list__body">{describeException(x, lang, t)}</p>
              <button
                type="button"
                class="button button--quiet button--icon"
                aria-label={t('except.remove', { what: describeException(x, lang, t) })}
                onClick={() => void remove(i)}
              >
                <Icon name="trash" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="form subform" ref={form.ref} onSubmit={onAdd} noValidate data-testid="exception-form">
        <h3 class="subform__title">{t('except.add')}</h3>
        <FormAlert messages={form.alert} />
        <TextField
          name="date"
          id="f-exception-date"
          type="date"
          label={t('except.date')}
          value={date}
          onValue={(x) => {
            setDate(x);
            form.clear('date', `exceptions.${n}.date`);
          }}
          error={err('date')}
          class="field--short"
        />
        <RadioCards<'no' | 'yes'>
          name="exception_available"
          legend={t('except.question')}
          value={available}
          onValue={setAvailable}
          columns={2}
          choices={[
            { value: 'no', label: t('except.unavailable') },
            { value: 'yes', label: t('except.available') },
          ]}
          error={err('available')}
        />
        <RadioCards<'all' | 'part'>
          name="exception_all_day"
          legend={t('except.when')}
          value={allDay ? 'all' : 'part'}
          onValue={(x) => setAllDay(x === 'all')}
          columns={2}
          choices={[
            { value: 'all', label: t('except.allDay') },
            { value: 'part', label: t('except.partDay') },
          ]}
        />
        {!allDay && (
          <div class="slot__times">
            <TextField name="start" id="f-exception-start" type="time" label={t('avail.from')} value={start} onValue={setStart} error={err('start')} class="field--short" />
            <TextField name="end" id="f-exception-end" type="time" label={t('avail.to')} value={end} onValue={setEnd} error={err('end')} class="field--short" />
          </div>
        )}
        <SubmitButton label={t('except.addButton')} busy={form.busy} icon="plus" testid="exception-add" />
      </form>
    </Section>
  );
}
