// The fields of a job, shared by "Een klus plaatsen" and "Klus aanpassen" (screens/job-form.tsx):
// the words they use, which error belongs where, and the category tiles, address, day and start
// time, duration chips and the number of people. The days (job-days.tsx), the fields inside
// "Meer opties" (job-more-fields.tsx) and the price box (job-price.tsx) have their own files.
// Each field shows its own error under itself (the keys of POST and PATCH /jobs).
import type { Category } from '../api';
import { categoryIcon, categoryName, findCategory } from '../categories';
import { Icon } from '../components/Icon';
import { formatTime, formatUnitPrice } from '../format';
import type { PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { inAYear, type JobPrice, localDate, MAX_WORKERS, MIN_WORKERS } from '../jobs';
import { Link } from '../router';
import type { Address } from '../types';
import { FieldError, RadioCards, TextField } from './fields';

// ---- words ----

export function hoursText(minutes: number, t: Translate): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return h === 1 ? t('jobs.hoursOne') : t('jobs.hoursMany', { n: h });
  if (h === 0) return t('jobs.minutes', { n: m });
  return t('jobs.hoursMinutes', { h, m });
}

export function peopleText(n: number, t: Translate): string {
  return n === 1 ? t('jobs.peopleOne') : t('jobs.peopleMany', { n });
}

export function levelKey(level: number): PlainKey {
  return `jobs.level${Math.min(3, Math.max(1, level)) as 1 | 2 | 3}` as const;
}

// In categories.ts, so that the worker's cards do not load the job form (issue 14).
export { categoryIcon, findCategory };

// ---- which error belongs where ----

/** Fields whose errors show inside "Meer opties": the disclosure opens for them. */
export const MORE_FIELDS = ['description', 'level', 'buddy', 'language_hints'];
export const FORM_FIELDS = ['category', 'address_id', 'date', 'time', 'start', 'window_days', 'minutes', 'workers_needed', ...MORE_FIELDS];
export const isMoreField = (k: string) => MORE_FIELDS.some((f) => k === f || k.startsWith(`${f}.`));
export const isJobField = (k: string) => FORM_FIELDS.includes(k) || isMoreField(k);

/** The number of people typed, or null when it is not a whole number from 1 to 20. */
export function parseWorkers(value: string): number | null {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= MIN_WORKERS && n <= MAX_WORKERS ? n : null;
}

// ---- the fields ----

export function CategoryTiles({
  categories,
  value,
  onValue,
  error,
  fixed,
}: {
  categories: readonly Category[];
  value: string;
  onValue: (slug: string) => void;
  error: string | undefined;
  /** A job being changed: its own kind keeps the price of when it was posted. */
  fixed?: { slug: string; price: JobPrice } | undefined;
}) {
  const { t, lang } = useI18n();
  const priceOf = (c: Category) => (fixed && fixed.slug === c.slug ? fixed.price : c);
  return (
    <fieldset class="field fieldset" id="f-category">
      <legend class="field__label">{t('newJob.category')}</legend>
      <div class="tiles">
        {categories.map((c) => (
          <label key={c.slug} class="choice choice--tile">
            <span class="choice__mark choice__mark--radio" aria-hidden="true" />
            <span class="choice__icon">
              <Icon name={categoryIcon(c)} />
            </span>
            <span class="choice__body">
              <span class="choice__label">
                {categoryName(c, lang)}
                <input
                  class="choice__input"
                  type="radio"
                  name="category"
                  value={c.slug}
                  checked={value === c.slug}
                  onChange={() => onValue(c.slug)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'f-category-error' : undefined}
                />
              </span>
              <span class="choice__text" data-testid="category-tile-price" data-slug={c.slug}>
                {formatUnitPrice(priceOf(c).unit_price_cents, priceOf(c).currency, priceOf(c).unit, lang, t)}
              </span>
            </span>
          </label>
        ))}
      </div>
      <FieldError id="f-category-error" error={error} />
    </fieldset>
  );
}

/** The poster's addresses as cards; none yet: a link to add one in the profile. */
export function AddressChoice({
  addresses,
  value,
  onValue,
  error,
}: {
  addresses: readonly Address[];
  value: string;
  onValue: (id: string) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  if (addresses.length === 0) {
    return (
      <div class="field" id="f-address_id">
        <p class="field__label">{t('newJob.address')}</p>
        <div class="notice notice--stack" data-testid="no-address">
          <p class="notice__text">
            <Icon name="pin" />
            <span>{t('newJob.noAddress')}</span>
          </p>
          <Link class="button button--secondary button--wide" href="/profile" data-testid="add-address">
            <Icon name="plus" />
            {t('newJob.addAddress')}
          </Link>
        </div>
        <FieldError id="f-address_id-error" error={error} />
      </div>
    );
  }
  return (
    <RadioCards
      name="address_id"
      legend={t('newJob.address')}
      value={value}
      onValue={onValue}
      choices={addresses.map((a) => ({
        value: String(a.id),
        label: a.label,
        text: `${a.street}, ${a.postcode} ${a.municipality}`,
        icon: 'pin' as const,
      }))}
      error={error}
    />
  );
}

/** Day and start time, side by side. */
export function WhenFields({
  date,
  time,
  onDate,
  onTime,
  dateError,
  timeError,
}: {
  date: string;
  time: string;
  onDate: (v: string) => void;
  onTime: (v: string) => void;
  dateError: string | undefined;
  timeError: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <fieldset class="field fieldset">
      <legend class="field__label">{t('newJob.when')}</legend>
      <div class="when">
        <TextField
          name="date"
          type="date"
          label={t('newJob.date')}
          value={date}
          min={localDate(new Date())}
          max={inAYear()}
          onValue={onDate}
          error={dateError}
          class="when__date"
        />
        <TextField
          name="time"
          type="time"
          label={t('newJob.time')}
          value={time}
          step={300}
          onValue={onTime}
          error={timeError}
          class="when__time"
        />
      </div>
    </fieldset>
  );
}

/** The duration as chips (minutes); `end` says until when. */
export function DurationChips({
  minutes,
  choices,
  onValue,
  error,
  end,
}: {
  minutes: number;
  choices: readonly number[];
  onValue: (minutes: number) => void;
  error: string | undefined;
  end: Date | null;
}) {
  const { t, lang } = useI18n();
  return (
    <fieldset class="field fieldset" id="f-minutes">
      <legend class="field__label">{t('newJob.duration')}</legend>
      <ul class="chips">
        {choices.map((m) => {
          const on = m === minutes;
          return (
            <li key={m}>
              <button
                type="button"
                class={on ? 'chip chip--on chip--wide' : 'chip chip--wide'}
                aria-pressed={on}
                data-testid={m % 60 === 0 ? `duration-${m / 60}` : `duration-${m}m`}
                data-invalid={on && error ? 'true' : undefined}
                aria-describedby={error ? 'f-minutes-error' : undefined}
                onClick={() => onValue(m)}
              >
                <Icon name={on ? 'check' : 'clock'} />
                {hoursText(m, t)}
              </button>
            </li>
          );
        })}
      </ul>
      {end && <p class="field__hint">{t('newJob.until', { time: formatTime(end, lang) })}</p>}
      <FieldError id="f-minutes-error" error={error} />
    </fieldset>
  );
}

/** How many people: − [n] + (the buttons stop at `min` and 20). */
export function WorkersStepper({
  value,
  onValue,
  error,
  min = MIN_WORKERS,
  hint,
}: {
  value: string;
  onValue: (v: string) => void;
  error: string | undefined;
  min?: number;
  hint?: string | undefined;
}) {
  const { t } = useI18n();
  const count = parseWorkers(value);
  const low = Math.max(MIN_WORKERS, min);
  const step = (n: number) => onValue(String(Math.min(MAX_WORKERS, Math.max(low, n))));
  return (
    <div class="field">
      <label class="field__label" for="f-workers_needed">
        {t('newJob.workers')}
      </label>
      <p class="field__hint" id="f-workers_needed-hint">
        {hint ?? t('newJob.workersHint')}
      </p>
      <div class="stepper">
        <button
          type="button"
          class="button button--secondary button--icon stepper__button"
          aria-label={t('newJob.workersLess')}
          aria-disabled={count !== null && count <= low ? true : undefined}
          data-testid="workers-minus"
          onClick={() => step((count ?? low + 1) - 1)}
        >
          <Icon name="minus" />
        </button>
        <input
          id="f-workers_needed"
          name="workers_needed"
          class="input stepper__input"
          type="number"
          inputMode="numeric"
          min={low}
          max={MAX_WORKERS}
          step={1}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'f-workers_needed-hint f-workers_needed-error' : 'f-workers_needed-hint'}
        />
        <button
          type="button"
          class="button button--secondary button--icon stepper__button"
          aria-label={t('newJob.workersMore')}
          aria-disabled={count !== null && count >= MAX_WORKERS ? true : undefined}
          data-testid="workers-plus"
          onClick={() => step((count ?? low - 1) + 1)}
        >
          <Icon name="plus" />
        </button>
        <span class="stepper__people" aria-hidden="true">
          {count !== null && peopleText(count, t)}
        </span>
      </div>
      <FieldError id="f-workers_needed-error" error={error} />
    </div>
  );
}

