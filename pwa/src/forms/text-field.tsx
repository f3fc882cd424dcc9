// The text field and a field's error line, apart from fields.tsx so that a screen with only a
// text field (the worker's home, forms/fields.tsx's comment says how fields work) loads no
// other field's code.
import type { ComponentChildren, InputHTMLAttributes, PartialInputHTMLAttributes } from 'preact';
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/context';

export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="field__error" id={id}>
      <Icon name="alert" />
      <span>{error}</span>
    </p>
  );
}

export type InputProps = Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'label' | 'type' | 'id' | 'name'>;

export type TextFieldProps = InputProps & {
  name: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'number' | 'date' | 'time' | 'url';
  error?: string | undefined;
  hint?: string | undefined;
  /** Shows "(niet verplicht)" after the label. */
  optional?: boolean;
  id?: string;
  /** Ids of more text that describes the field (a hint shared by a group of fields). */
  describedby?: string | undefined;
  children?: ComponentChildren;
};

export function TextField({
  name,
  label,
  value,
  onValue,
  type = 'text',
  error,
  hint,
  optional = false,
  id = `f-${name}`,
  describedby,
  children,
  class: className,
  ...rest
}: TextFieldProps) {
  const { t } = useI18n();
  return (
    <div class={className ? `field ${String(className)}` : 'field'}>
      <label class="field__label" for={id}>
        {label}
        {optional && <span class="field__optional"> {t('form.optional')}</span>}
      </label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        {...({
          // Phone numbers get the phone keypad; a screen may still say otherwise.
          ...(type === 'tel' ? { inputMode: 'tel' } : {}),
          ...rest,
          id,
          name,
          type,
          class: 'input',
          value,
          onInput: (e: Event) => onValue((e.currentTarget as HTMLInputElement).value),
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy(describedby, hint && `${id}-hint`, error && `${id}-error`),
        } as InputHTMLAttributes)}
      />
      <FieldError id={`${id}-error`} error={error} />
      {children}
    </div>
  );
}

