// Form fields with their label, hint and error. The error sits right under the field, is
// linked with aria-describedby and marks the field aria-invalid, so that screen readers say it
// and forms can focus the first invalid field (focusFirstInvalid). Every control is at least
// 48 px high; radios and checkboxes are whole cards or rows, the input covering them. The input
// sits inside the label's text span, so a click on the words is a click on (a child of) the
// words and on the input at once: people, screen readers and Playwright's getByText all work.
import { useState } from 'preact/hooks';
import { Icon, type IconName } from '../components/Icon';
import { useI18n } from '../i18n/context';
import { describedBy, FieldError, TextField } from './text-field';

/** Lower case without accents: "Français" is found by typing "franc". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

export { FieldError, TextField, type TextFieldProps } from './text-field';

/** A multi-line text field, with the same label, hint and error as TextField. */
export function TextArea({
  name,
  label,
  value,
  onValue,
  error,
  hint,
  optional = false,
  maxLength,
  rows = 4,
  id = `f-${name}`,
}: {
  name: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
  maxLength?: number;
  rows?: number;
  id?: string;
}) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
        {optional && <span class="field__optional"> {t('form.optional')}</span>}
      </label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        class="input textarea"
        rows={rows}
        maxLength={maxLength}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export type SelectFieldProps = {
  name: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
  hint?: string | undefined;
  id?: string;
  required?: boolean;
  optional?: boolean;
  testid?: string;
};

export function SelectField({
  name,
  label,
  value,
  onValue,
  options,
  error,
  hint,
  id = `f-${name}`,
  required = false,
  optional = false,
  testid,
}: SelectFieldProps) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
        {optional && <span class="field__optional"> {t('form.optional')}</span>}
      </label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        id={id}
        name={name}
        class="input select"
        value={value}
        required={required}
        data-testid={testid}
        onChange={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export type Choice<V extends string> = {
  value: V;
  label: string;
  icon?: IconName;
  text?: string;
  lang?: string;
};

/** Big radio cards (icon + words), in a fieldset whose legend is the question. */
export function RadioCards<V extends string>({
  name,
  legend,
  value,
  onValue,
  choices,
  error,
  hint,
  columns = 1,
  id = `f-${name}`,
}: {
  name: string;
  legend: string;
  value: V | '';
  onValue: (value: V) => void;
  choices: readonly Choice<V>[];
  error?: string | undefined;
  hint?: string | undefined;
  columns?: 1 | 2;
  id?: string;
}) {
  return (
    <fieldset class="field fieldset" id={id}>
      <legend class="field__label">{legend}</legend>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class={columns === 2 ? 'choices choices--two' : 'choices'}>
        {choices.map((c) => (
          <label key={c.value} class="choice choice--card">
            <span class="choice__mark choice__mark--radio" aria-hidden="true" />
            {c.icon && (
              <span class="choice__icon">
                <Icon name={c.icon} />
              </span>
            )}
            <span class="choice__body">
              <span class="choice__label" lang={c.lang}>
                {c.label}
                <input
                  class="choice__input"
                  type="radio"
                  name={name}
                  value={c.value}
                  checked={value === c.value}
                  onChange={() => onValue(c.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
                />
              </span>
              {c.text && <span class="choice__text">{c.text}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

/** One checkbox as a full-width row (48 px high at least). */
export function Checkbox({
  name,
  label,
  checked,
  onChecked,
  text,
  icon,
  error,
  id,
  lang,
  describedby,
  disabled = false,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  text?: string | undefined;
  icon?: IconName | undefined;
  error?: string | undefined;
  id?: string | undefined;
  lang?: string | undefined;
  describedby?: string | undefined;
  disabled?: boolean;
}) {
  const inputId = id ?? `f-${name}`;
  return (
    <div class="field field--tight">
      <label class={disabled ? 'choice choice--row choice--disabled' : 'choice choice--row'}>
        <span class="choice__mark choice__mark--check" aria-hidden="true">
          <Icon name="check" />
        </span>
        {icon && (
          <span class="choice__icon">
            <Icon name={icon} />
          </span>
        )}
        <span class="choice__body">
          <span class="choice__label" lang={lang}>
            {label}
            <input
              class="choice__input"
              type="checkbox"
              id={inputId}
              name={name}
              checked={checked}
              disabled={disabled}
              onChange={(e) => onChecked(e.currentTarget.checked)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(describedby, error && `${inputId}-error`)}
            />
          </span>
          {text && <span class="choice__text">{text}</span>}
        </span>
      </label>
      <FieldError id={`${inputId}-error`} error={error} />
    </div>
  );
}

/** A group of checkboxes for a list of values (languages, categories). */
export function CheckboxGroup({
  name,
  legend,
  hint,
  values,
  onValues,
  choices,
  error,
  grid = false,
  id = `f-${name}`,
  filter,
}: {
  name: string;
  legend: string;
  hint?: string | undefined;
  grid?: boolean;
  values: readonly string[];
  onValues: (values: string[]) => void;
  choices: readonly Choice<string>[];
  error?: string | undefined;
  id?: string;
  /** A long list: a search field above it narrows the choices; the ticked ones always show. */
  filter?: { label: string; noMatch: string } | undefined;
}) {
  const [query, setQuery] = useState('');
  const wanted = fold(query.trim());
  const shown = wanted
    ? choices.filter((c) => values.includes(c.value) || fold(c.label).includes(wanted) || fold(c.value) === wanted)
    : choices;
  return (
    <fieldset class="field fieldset" id={id}>
      <legend class="field__label">{legend}</legend>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {filter && (
        <div class="choices__filter">
          <TextField
            name={`${name}-filter`}
            type="search"
            label={filter.label}
            value={query}
            onValue={setQuery}
            autocomplete="off"
            // Enter here narrows the list; it must not save the form.
            onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          />
          <p class="muted" role="status" data-testid={`${name}-no-match`}>
            {wanted && shown.every((c) => values.includes(c.value)) ? filter.noMatch : ''}
          </p>
        </div>
      )}
      <div class={grid ? 'choices choices--grid' : 'choices'}>
        {shown.map((c) => (
          <label key={c.value} class="choice choice--row">
            <span class="choice__mark choice__mark--check" aria-hidden="true">
              <Icon name="check" />
            </span>
            {c.icon && (
              <span class="choice__icon">
                <Icon name={c.icon} />
              </span>
            )}
            <span class="choice__body">
              <span class="choice__label" lang={c.lang}>
                {c.label}
                <input
                  class="choice__input"
                  type="checkbox"
                  name={name}
                  value={c.value}
                  checked={values.includes(c.value)}
                  onChange={(e) =>
                    onValues(
                      e.currentTarget.checked
                        ? [...values.filter((v) => v !== c.value), c.value]
                        : values.filter((v) => v !== c.value),
                    )
                  }
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
                />
              </span>
              {c.text && <span class="choice__text">{c.text}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

// In a module of its own so that form.tsx (used on every screen) does not pull in every field.
export { focusFirstInvalid } from './focus';
