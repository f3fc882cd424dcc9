// One day, or "a day of their choice" up to a last day: the choice, its state (useDayWindow)
// and the client's check of the last day, for the job form (screens/job-form.tsx).
import { useState } from 'preact/hooks';
import { formatDay, formatDayRange } from '../format';
import type { Lang, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import {
  addDays,
  daysBetween,
  DEFAULT_WINDOW_DAYS,
  isDate,
  localDate,
  MAX_WINDOW_DAYS,
  MIN_WINDOW_DAYS,
} from '../jobs';
import { RadioCards, TextField } from './fields';

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
