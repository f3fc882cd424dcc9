// "Herhalen" on the job form (posting only): not, every week or every two weeks, up to and
// including a last date; each date becomes a job of its own (docs/openapi.yaml: Repeat).
import { useI18n } from '../i18n/context';
import { isDate } from '../jobs';
import { maxUntil, MAX_OCCURRENCES, occurrenceCount, type RepeatChoice } from '../repeat';
import { RadioCards, TextField } from './fields';

/** The client's check of the last date: a message, or null when it is fine (or not repeating). */
export function repeatError(choice: RepeatChoice, date: string, until: string, t: ReturnType<typeof useI18n>['t']): string | null {
  if (choice === 'none' || !isDate(date)) return null;
  const every = choice === '1' ? 1 : 2;
  const n = isDate(until) ? occurrenceCount(date, until, every) : null;
  if (n === null) return t('repeat.untilMissing');
  if (n > MAX_OCCURRENCES) return t('repeat.tooMany', { n: MAX_OCCURRENCES });
  return null;
}

export function RepeatField({
  choice,
  until,
  date,
  onChoice,
  onUntil,
  error,
  untilError,
}: {
  choice: RepeatChoice;
  until: string;
  date: string;
  onChoice: (v: RepeatChoice) => void;
  onUntil: (v: string) => void;
  error: string | undefined;
  untilError: string | undefined;
}) {
  const { t } = useI18n();
  const every = choice === '2' ? 2 : 1;
  const n = choice !== 'none' && isDate(date) && isDate(until) ? occurrenceCount(date, until, every) : null;
  return (
    <div class="repeat" data-testid="repeat-field">
      <RadioCards<RepeatChoice>
        name="repeat"
        legend={t('repeat.legend')}
        value={choice}
        onValue={onChoice}
        choices={[
          { value: 'none', label: t('repeat.none'), text: t('repeat.noneText'), icon: 'calendar' },
          { value: '1', label: t('repeat.weekly'), text: t('repeat.weeklyText'), icon: 'refresh' },
          { value: '2', label: t('repeat.biweekly'), text: t('repeat.biweeklyText'), icon: 'refresh' },
        ]}
        error={error}
      />
      {choice !== 'none' && (
        <TextField
          name="repeat_until"
          id="f-repeat.until"
          type="date"
          label={t('repeat.until')}
          hint={t('repeat.untilHint', { n: MAX_OCCURRENCES })}
          value={until}
          min={isDate(date) ? date : undefined}
          max={isDate(date) ? maxUntil(date, every) : undefined}
          onValue={onUntil}
          error={untilError}
          class="field--short"
        >
          {n !== null && n <= MAX_OCCURRENCES && (
            <p class="field__hint" aria-live="polite" data-testid="repeat-summary">
              {t('repeat.summary', { n })}
            </p>
          )}
        </TextField>
      )}
    </div>
  );
}
