// "Meer opties" of the job form (screens/job-form.tsx): the disclosure, which opens by itself for
// an error inside it, and its fields — the explanation, the level, the buddy and the helpful
// languages.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/context';
import { BUDDY_POLICIES, type BuddyPolicy, DESCRIPTION_MAX } from '../jobs';
import { FieldError, RadioCards, TextArea } from './fields';
import type { FieldErrors } from './form';
import { spokenLanguageName } from './person-fields';
import { SPOKEN_LANGUAGES } from './profile-fields';
import { isMoreField, levelKey } from './job-fields';

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
