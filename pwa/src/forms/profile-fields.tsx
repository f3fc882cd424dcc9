// Pieces shared by the profile screens and the coach's person form: travel, weekly
// availability, exceptions, languages.
import type { IconName } from '../components/Icon';
import { Icon } from '../components/Icon';
import { formatDate } from '../format';
import { LANGUAGES, type PlainKey, type Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { type Exception, type Slot, TRAVEL_MODES, type TravelMode } from '../types';
import { Checkbox, type Choice, FieldError, RadioCards, SelectField } from './fields';
import type { FieldErrors } from './form';

export const TRAVEL_ICONS: Record<TravelMode, IconName> = {
  walk: 'walk',
  bike: 'bike',
  ebike: 'ebike',
  public_transport: 'bus',
  car: 'car',
};

export const MINUTE_CHOICES = [10, 15, 20, 30, 45, 60, 90] as const;

export function travelModeKey(mode: TravelMode): PlainKey {
  return `travel.${mode}` as const;
}

export function TravelFields({
  mode,
  minutes,
  onMode,
  onMinutes,
  errors,
  about = 'self',
}: {
  /** Whose travel: the person themselves ("Hoe reis je?") or someone a coach fills in for. */
  about?: 'self' | 'person';
  mode: TravelMode | '';
  minutes: number;
  onMode: (mode: TravelMode) => void;
  onMinutes: (minutes: number) => void;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  const choices: Choice<TravelMode>[] = TRAVEL_MODES.map((m) => ({ value: m, label: t(travelModeKey(m)), icon: TRAVEL_ICONS[m] }));
  // Keep a value the coach set that is not in the short list.
  const values: number[] = [...MINUTE_CHOICES];
  if (minutes > 0 && !values.includes(minutes)) values.push(minutes);
  values.sort((a, b) => a - b);
  return (
    <>
      <RadioCards
        name="travel_mode"
        legend={t(about === 'self' ? 'travel.legend' : 'travel.legendPerson')}
        value={mode}
        onValue={onMode}
        choices={choices}
        error={errors.travel_mode}
      />
      <SelectField
        name="max_travel_minutes"
        label={t(about === 'self' ? 'travel.minutes' : 'travel.minutesPerson')}
        hint={t('travel.minutesHint')}
        value={String(minutes)}
        onValue={(v) => onMinutes(Number(v))}
        options={values.map((n) => ({ value: String(n), label: t('travel.minutesValue', { n }) }))}
        error={errors.max_travel_minutes}
      />
    </>
  );
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function weekdayKey(day: number): PlainKey {
  return `day.${Math.min(7, Math.max(1, day)) as 1 | 2 | 3 | 4 | 5 | 6 | 7}` as const;
}

/** Slots in the order the API gets them: by weekday, then start. */
export function sortSlots(slots: readonly Slot[]): Slot[] {
  return [...slots].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

/** Client-side checks for availability; keys like the server's (availability.2.end). */
export function checkSlots(slots: readonly Slot[], t: Translate, prefix = 'availability'): FieldErrors {
  const errors: FieldErrors = {};
  sortSlots(slots).forEach((s, i) => {
    if (!s.start) errors[`${prefix}.${i}.start`] = t('avail.timeMissing');
    else if (!s.end) errors[`${prefix}.${i}.end`] = t('avail.timeMissing');
    else if (s.end <= s.start) errors[`${prefix}.${i}.end`] = t('avail.endBeforeStart');
  });
  return errors;
}

/** Whether the phone shows times as "10:00 AM" (its time inputs then need more room). */
function uses12HourClock(): boolean {
  try {
    const cycle = new Intl.DateTimeFormat(navigator.language, { hour: 'numeric' }).resolvedOptions().hourCycle;
    return cycle === 'h12' || cycle === 'h11';
  } catch {
    return false;
  }
}

/** Per weekday: can work yes/no, and from–to (more than one time a day when needed). */
export function AvailabilityEditor({
  slots,
  onSlots,
  errors,
}: {
  slots: readonly Slot[];
  onSlots: (slots: Slot[]) => void;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  const sorted = sortSlots(slots);
  const twelveHour = uses12HourClock();
  const replace = (index: number, slot: Slot | null) => {
    const next = [...sorted];
    if (slot) next[index] = slot;
    else next.splice(index, 1);
    onSlots(sortSlots(next));
  };

  return (
    <div class="days">
      <FieldError id="availability-error" error={errors.availability} />
      {WEEKDAYS.map((day) => {
        const dayName = t(weekdayKey(day));
        const indexes = sorted.map((s, i) => (s.weekday === day ? i : -1)).filter((i) => i >= 0);
        const on = indexes.length > 0;
        return (
          <div key={day} class={on ? 'day day--on' : 'day'} data-testid="weekday" data-weekday={day}>
            <Checkbox
              name={`day-${day}`}
              id={`f-day-${day}`}
              label={dayName}
              text={on ? undefined : t('avail.notAvailable')}
              checked={on}
              onChecked={(checked) =>
                onSlots(
                  checked
                    ? sortSlots([...sorted, { weekday: day, start: '09:00', end: '17:00' }])
                    : sorted.filter((s) => s.weekday !== day),
                )
              }
            />
            {on && (
              <div class={twelveHour ? 'slots slots--12h' : 'slots'} role="group" aria-label={t('avail.timesOf', { day: dayName })}>
                {indexes.map((i, n) => {
                  const s = sorted[i];
                  if (!s) return null;
                  const startErr = errors[`availability.${i}.start`];
                  const endErr = errors[`availability.${i}.end`] ?? errors[`availability.${i}`];
                  return (
                    <div key={`${day}-${n}`} class="slot">
                      <div class="slot__times">
                        <label class="slot__field">
                          <span class="slot__label">{t('avail.from')}</span>
                          <input
                            type="time"
                            class="input input--time"
                            name={`availability.${i}.start`}
                            value={s.start}
                            onChange={(e) => replace(i, { ...s, start: e.currentTarget.value })}
                            aria-invalid={startErr ? true : undefined}
                            aria-describedby={startErr ? `f-availability-${i}-start-error` : undefined}
                          />
                        </label>
                        <label class="slot__field">
                          <span class="slot__label">{t('avail.to')}</span>
                          <input
                            type="time"
                            class="input input--time"
                            name={`availability.${i}.end`}
                            value={s.end}
                            onChange={(e) => replace(i, { ...s, end: e.currentTarget.value })}
                            aria-invalid={endErr ? true : undefined}
                            aria-describedby={endErr ? `f-availability-${i}-end-error` : undefined}
                          />
                        </label>
                        {n > 0 && (
                          <button
                            type="button"
                            class="button button--quiet button--icon"
                            aria-label={t('avail.removeTime', { day: dayName, start: s.start, end: s.end })}
                            onClick={() => replace(i, null)}
                          >
                            <Icon name="trash" />
                          </button>
                        )}
                      </div>
                      <FieldError id={`f-availability-${i}-start-error`} error={startErr} />
                      <FieldError id={`f-availability-${i}-end-error`} error={endErr} />
                    </div>
                  );
                })}
                <button
                  type="button"
                  class="button button--quiet"
                  onClick={() => {
                    const last = sorted[indexes[indexes.length - 1] ?? -1];
                    const start = last && last.end < '20:00' ? last.end : '18:00';
                    onSlots(sortSlots([...sorted, { weekday: day, start, end: start < '21:00' ? '21:00' : '23:00' }]));
                  }}
                >
                  <Icon name="plus" />
                  {t('avail.addTime')}
                </button>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** How an exception reads: "do 24 december 2026 · Niet beschikbaar · 13:00–17:00". */
export function describeException(e: Exception, lang: Parameters<typeof formatDate>[1], t: Translate): string {
  const what = t(e.available ? 'except.available' : 'except.unavailable');
  const when = e.start && e.end ? `${e.start}–${e.end}` : t('except.allDay');
  return `${formatDate(e.date, lang)} · ${what} · ${when}`;
}

/** Interface languages (nl/fr/en), each named in its own language like the switcher. */
export function appLanguageChoices(): Choice<string>[] {
  return LANGUAGES.map((l) => ({ value: l.code, label: l.name, lang: l.code }));
}

/** Languages people speak, beyond the three of the app. The list is short on purpose; the
 * names come from the catalogues. */
export const SPOKEN_LANGUAGES = [
  'nl', 'fr', 'en', 'de', 'tr', 'ar', 'ber', 'pl', 'ro', 'bg', 'es', 'it', 'pt', 'ru', 'uk', 'fa', 'ps', 'ti', 'so', 'ku',
] as const;

export type SpokenLanguage = (typeof SPOKEN_LANGUAGES)[number];

export function spokenKey(code: SpokenLanguage): PlainKey {
  return `spoken.${code}` as const;
}

export function spokenChoices(t: Translate, current: readonly string[]): Choice<string>[] {
  const known: Choice<string>[] = SPOKEN_LANGUAGES.map((c) => ({ value: c, label: t(spokenKey(c)) }));
  // A code the server has that our list lacks is kept and shown as its code.
  for (const c of current) if (!known.some((k) => k.value === c)) known.push({ value: c, label: c });
  return known;
}
