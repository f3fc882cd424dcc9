// The fields of a job, shared by "Een klus plaatsen" (/jobs/new) and "Klus aanpassen"
// (/jobs/:id/edit): category tiles, address, day and start time, one day or "a day of their
// choice" up to a last day, duration chips, the number of
// people, and inside "Meer opties" the explanation, level, buddy and helpful languages; and the
// price box. Each field shows its own error under itself (the keys of POST and PATCH /jobs).
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Category } from '../api';
import { categoryName } from '../categories';
import { Icon, type IconName, isIconName } from '../components/Icon';
import { formatDay, formatDayRange, formatMoney, formatTime, formatUnitPrice } from '../format';
import type { Lang, PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import {
  addDays,
  BUDDY_POLICIES,
  type BuddyPolicy,
  daysBetween,
  DEFAULT_WINDOW_DAYS,
  DESCRIPTION_MAX,
  inAYear,
  isDate,
  type JobPrice,
  localDate,
  MAX_WINDOW_DAYS,
  MAX_WORKERS,
  MIN_WINDOW_DAYS,
  MIN_WORKERS,
  priceEstimate,
} from '../jobs';
import { Link } from '../router';
import type { Address } from '../types';
import { FieldError, RadioCards, TextArea, TextField } from './fields';
import type { FieldErrors } from './form';
import { spokenLanguageName } from './person-fields';
import { SPOKEN_LANGUAGES } from './profile-fields';

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

export function categoryIcon(c: Category | undefined): IconName {
  return c && isIconName(c.icon) ? c.icon : 'generic';
}

export function findCategory(categories: readonly Category[], slug: string): Category | undefined {
  return categories.find((c) => c.slug === slug);
}

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

/** One fixed day, or a day of the worker's choice from the start's day up to a last day. */
export type DaysChoice = 'one' | 'window';

/**
 * "Op één dag" or "Een dag naar keuze" with its last day ("Ten laatste op"). Until the poster
 * picks a last day themselves, it moves along with the start's day, keeping as many days: the
 * start + 3 days on a new job, the job's own window when changing one. `days` is what goes out
 * as window_days: 1 for one day, null while there is no last day.
 */
export function useDayWindow(date: string, initialDays = 1) {
  const [choice, setChoice] = useState<DaysChoice>(initialDays > 1 ? 'window' : 'one');
  const [span] = useState(initialDays > 1 ? initialDays : DEFAULT_WINDOW_DAYS);
  const [typed, setTyped] = useState<string | null>(null);
  const lastDay = typed ?? (isDate(date) ? addDays(date, span - 1) : '');
  const between = daysBetween(date, lastDay);
  const days = choice === 'one' ? 1 : between === null ? null : between + 1;
  return { choice, setChoice, lastDay, setLastDay: setTyped, days };
}

export type DayWindow = ReturnType<typeof useDayWindow>;

/** A calendar date "2026-12-08" as "di 8 december". */
const dayWords = (date: string, lang: Lang) => formatDay(new Date(`${date}T12:00:00`), lang);

/** The client's check of the last day (the server has the last word): a day after the start's
 * day, 14 days at most with the first one. Nothing to say for one day or without a start. */
export function dayWindowError(w: DayWindow, date: string, lang: Lang, t: Translate): string | undefined {
  if (w.choice === 'one' || !isDate(date)) return undefined;
  if (!isDate(w.lastDay) || w.days === null) return t('newJob.lastDayMissing');
  if (w.days < MIN_WINDOW_DAYS) return t('newJob.lastDayTooEarly', { date: dayWords(date, lang) });
  if (w.days > MAX_WINDOW_DAYS) return t('newJob.lastDayTooLate', { date: dayWords(addDays(date, MAX_WINDOW_DAYS - 1), lang) });
  return undefined;
}

/** The choice as two radio cards; with "Een dag naar keuze", the last day below them and how
 * many days that makes. A `window_days` error shows by the last day (or by the cards). */
export function DayWindowField({
  window: w,
  date,
  onChoice,
  onLastDay,
  error,
}: {
  window: DayWindow;
  date: string;
  onChoice: (v: DaysChoice) => void;
  onLastDay: (v: string) => void;
  error: string | undefined;
}) {
  const { t, lang } = useI18n();
  const fine = w.choice === 'window' && w.days !== null && w.days >= MIN_WINDOW_DAYS && w.days <= MAX_WINDOW_DAYS;
  const range = fine ? formatDayRange(new Date(`${date}T12:00:00`), new Date(`${w.lastDay}T12:00:00`), lang) : null;
  return (
    <div class="day-window">
      <RadioCards<DaysChoice>
        name="days"
        legend={t('newJob.window')}
        value={w.choice}
        onValue={onChoice}
        choices={[
          { value: 'one', label: t('newJob.window.one'), text: t('newJob.window.oneText'), icon: 'calendar' },
          { value: 'window', label: t('newJob.window.choice'), text: t('newJob.window.choiceText'), icon: 'hardhat' },
        ]}
        error={w.choice === 'one' ? error : undefined}
      />
      {w.choice === 'window' && (
        <TextField
          name="last_day"
          id="f-window_days"
          type="date"
          label={t('newJob.lastDay')}
          hint={t('newJob.lastDayHint')}
          value={w.lastDay}
          min={isDate(date) ? addDays(date, 1) : localDate(new Date())}
          max={isDate(date) ? addDays(date, MAX_WINDOW_DAYS - 1) : undefined}
          onValue={onLastDay}
          error={error}
          class="field--short"
        >
          {range && w.days !== null && (
            <p class="field__hint" aria-live="polite" data-testid="window-summary">
              {t('newJob.windowSummary', { n: w.days, first: range.first, last: range.last })}
            </p>
          )}
        </TextField>
      )}
    </div>
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

/** Whether "Meer opties" is open: it opens by itself when one of its fields has an error,
 * before focus moves to the first invalid field. */
export function useMoreOptions(errors: FieldErrors, initiallyOpen = false) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(initiallyOpen);
  useLayoutEffect(() => {
    if (Object.keys(errors).some(isMoreField) && ref.current && !ref.current.open) {
      ref.current.open = true;
      setOpen(true);
    }
  }, [errors]);
  return { ref, open, setOpen };
}

export function MoreOptions({ more, hint, children }: { more: ReturnType<typeof useMoreOptions>; hint?: string | undefined; children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <details class="more" ref={more.ref} open={more.open} onToggle={(e) => more.setOpen(e.currentTarget.open)}>
      <summary class="more__summary" data-testid="more-options">
        <Icon name={more.open ? 'minus' : 'plus'} />
        <span class="more__words">
          <span class="more__title">{t('newJob.more')}</span>
          <span class="more__hint">{hint ?? t('newJob.moreHint')}</span>
        </span>
      </summary>
      <div class="more__body form">{children}</div>
    </details>
  );
}

export function DescriptionField({ value, onValue, error }: { value: string; onValue: (v: string) => void; error: string | undefined }) {
  const { t } = useI18n();
  return (
    <TextArea
      name="description"
      label={t('newJob.description')}
      hint={t('newJob.descriptionHint')}
      optional
      value={value}
      maxLength={DESCRIPTION_MAX}
      onValue={onValue}
      error={error}
    />
  );
}

export type LevelValue = '1' | '2' | '3';

export function LevelField({ value, onValue, error }: { value: LevelValue; onValue: (v: LevelValue) => void; error: string | undefined }) {
  const { t } = useI18n();
  return (
    <RadioCards<LevelValue>
      name="level"
      legend={t('newJob.level')}
      hint={t('newJob.levelHint')}
      value={value}
      onValue={onValue}
      choices={(['1', '2', '3'] as const).map((l) => ({ value: l, label: t(levelKey(Number(l))), icon: 'star' as const }))}
      error={error}
    />
  );
}

export function BuddyField({ value, onValue, error }: { value: BuddyPolicy; onValue: (v: BuddyPolicy) => void; error: string | undefined }) {
  const { t } = useI18n();
  return (
    <RadioCards<BuddyPolicy>
      name="buddy"
      legend={t('newJob.buddy')}
      hint={t('newJob.buddyHint')}
      value={value}
      onValue={onValue}
      choices={BUDDY_POLICIES.map((b) => ({
        value: b,
        label: t(`newJob.buddy.${b}` as const),
        text: t(`newJob.buddy.${b}Text` as const),
        icon: b === 'not_allowed' ? ('user' as const) : ('buddies' as const),
      }))}
      error={error}
    />
  );
}

/** Helpful languages as chips; a language the job already has but the list does not, shows too. */
export function LanguageHintsField({
  values,
  onValues,
  errors,
  clear,
}: {
  values: readonly string[];
  onValues: (v: string[]) => void;
  errors: FieldErrors;
  clear: (...keys: string[]) => void;
}) {
  const { t, lang } = useI18n();
  const codes: string[] = [...SPOKEN_LANGUAGES, ...values.filter((c) => !(SPOKEN_LANGUAGES as readonly string[]).includes(c))];
  const langErrors = Object.entries(errors).filter(([k]) => k === 'language_hints' || k.startsWith('language_hints.'));
  const langError = [...new Set(langErrors.map(([, m]) => m))].join(' ') || undefined;
  return (
    <fieldset class="field fieldset" id="f-language_hints">
      <legend class="field__label">
        {t('newJob.languages')}
        <span class="field__optional"> {t('form.optional')}</span>
      </legend>
      <p class="field__hint" id="f-language_hints-hint">
        {t('newJob.languagesHint')}
      </p>
      <ul class="chips">
        {codes.map((code, i) => {
          const on = values.includes(code);
          const bad = langErrors.some(([k]) => k === `language_hints.${values.indexOf(code)}`) || (i === 0 && langErrors.some(([k]) => k === 'language_hints'));
          return (
            <li key={code}>
              <button
                type="button"
                class={on ? 'chip chip--on' : 'chip'}
                aria-pressed={on}
                data-testid="language-hint"
                data-code={code}
                data-invalid={bad ? 'true' : undefined}
                aria-describedby={langError ? 'f-language_hints-hint f-language_hints-error' : 'f-language_hints-hint'}
                onClick={() => {
                  onValues(on ? values.filter((l) => l !== code) : [...values, code]);
                  clear(...langErrors.map(([k]) => k));
                }}
              >
                <Icon name={on ? 'check' : 'globe'} />
                {spokenLanguageName(code, lang, t)}
              </button>
            </li>
          );
        })}
      </ul>
      <FieldError id="f-language_hints-error" error={langError} />
    </fieldset>
  );
}

/** The price before posting or saving: unit price × hours × people for hourly work, the unit
 * price for work per item. `price` null: nothing chosen yet. */
export function PriceBox({
  price,
  minutes,
  workers,
  note,
}: {
  price: Pick<Category, 'unit' | 'unit_price_cents' | 'currency'> | null;
  minutes: number;
  workers: number;
  note?: string | undefined;
}) {
  const { t, lang } = useI18n();
  const estimate = price ? priceEstimate(price, minutes, workers) : null;
  return (
    <div class="estimate" data-testid="price-estimate" aria-live="polite">
      {!price || !estimate ? (
        <p class="estimate__note">{t('newJob.chooseForPrice')}</p>
      ) : estimate.kind === 'total' ? (
        <>
          <p class="estimate__price">
            <Icon name="euro" />
            <span>{t('newJob.estimate', { price: formatMoney(estimate.cents, estimate.currency, lang) })}</span>
          </p>
          <p class="estimate__note">
            {t('newJob.estimateHow', {
              people: peopleText(workers, t),
              hours: hoursText(minutes, t),
              unitPrice: formatUnitPrice(price.unit_price_cents, price.currency, price.unit, lang, t),
            })}
          </p>
        </>
      ) : (
        <>
          <p class="estimate__price">
            <Icon name="euro" />
            <span>{t('newJob.perItem', { price: formatUnitPrice(estimate.cents, estimate.currency, 'item', lang, t) })}</span>
          </p>
          <p class="estimate__note">{t('newJob.perItemNote')}</p>
        </>
      )}
      {note && price && <p class="estimate__note">{note}</p>}
    </div>
  );
}
