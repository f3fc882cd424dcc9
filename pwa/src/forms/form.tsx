// How every form handles errors, in one place:
// - client-side checks and the server's 422 `errors[]` both end up in `errors`, keyed by the
//   dotted field name, and each field shows its own message under itself;
// - the server's `worker.` / `buddy.` / `poster.` prefix is dropped as well, so a form can look
//   up `max_travel_minutes` whatever profile it edits;
// - anything that belongs to no field (401, 429, offline, a field the form does not show) goes
//   to the alert at the top of the form;
// - after a failed submit, focus moves to the first invalid field (or to the alert).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Icon } from '../components/Icon';
import type { Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { focusFirstInvalid } from './focus';

export type FieldErrors = Record<string, string>;

const PROFILE_PREFIX = /^(?:worker|buddy|poster|user)\.(.+)$/;

export function normaliseFieldErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = { ...errors };
  for (const [key, message] of Object.entries(errors)) {
    const m = PROFILE_PREFIX.exec(key);
    if (m?.[1] && !(m[1] in out)) out[m[1]] = message;
  }
  return out;
}

/** The sentence to show a person for a failed call: the server's own (translated) words when
 * it has some, ours when the network failed or it said nothing useful. */
export function messageOf(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('error.network');
    if (err.status >= 500) return t('error.server');
    if (err.detail) return err.detail;
    if (err.title) return err.title;
  }
  return t('error.generic');
}

type Options = {
  /** Whether the form shows a field for this (normalised) error key. Others go to the alert. */
  known?: (key: string) => boolean;
  /** Extra words for some failures (the 429 wait time on the login form). */
  explain?: (err: ApiError) => string | null;
};

export function useForm(options: Options = {}) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const ref = useRef<HTMLFormElement>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    if (focusTick > 0) focusFirstInvalid(ref.current);
  }, [focusTick]);

  /** Show these field errors (and optionally a general message), then focus the first. */
  const fail = useCallback((fields: FieldErrors, messages: string[] | null = null) => {
    setErrors(fields);
    setAlert(messages && messages.length > 0 ? messages : null);
    setFocusTick((n) => n + 1);
  }, []);

  const failWith = useCallback(
    (err: unknown) => {
      const known = optionsRef.current.known ?? (() => true);
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length > 0) {
        const fields = normaliseFieldErrors(err.fieldErrors);
        const shown = Object.keys(fields).filter(known);
        const unknown = Object.entries(err.fieldErrors)
          .filter(([k]) => !known(k) && !known(PROFILE_PREFIX.exec(k)?.[1] ?? k))
          .map(([, v]) => v);
        fail(fields, [shown.length > 0 ? t('form.checkFields') : messageOf(err, t), ...unknown]);
        return;
      }
      const messages = [messageOf(err, t)];
      const extra = err instanceof ApiError ? optionsRef.current.explain?.(err) : null;
      if (extra) messages.push(extra);
      fail({}, messages);
    },
    [fail, t],
  );

  /** Runs a submit: clears old errors, guards against double taps, reports failures. */
  const submit = useCallback(
    async (work: () => Promise<void>) => {
      if (busy) return;
      setBusy(true);
      setAlert(null);
      setErrors({});
      try {
        await work();
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        failWith(err);
      } finally {
        setBusy(false);
      }
    },
    [busy, failWith],
  );

  /** Forget the error of one field (when it is edited). */
  const clear = useCallback((...keys: string[]) => {
    setErrors((e) => {
      if (!keys.some((k) => k in e)) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);

  return { ref, errors, alert, busy, fail, failWith, submit, clear };
}

/** The message box at the top of a form; focusable so that focus can go there. */
export function FormAlert({ messages, testid }: { messages: string[] | null; testid?: string }) {
  if (!messages || messages.length === 0) return null;
  const [first, ...rest] = messages;
  return (
    <div class="notice notice--error form-alert" role="alert" tabIndex={-1} data-form-alert data-testid={testid}>
      <p class="notice__text">
        <Icon name="alert" />
        <span>{first}</span>
      </p>
      {rest.length > 0 && (
        <ul class="form-alert__list">
          {rest.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The submit button: shows that something is happening and ignores taps meanwhile. */
export function SubmitButton({
  label,
  busy,
  icon = 'check',
  testid,
  variant = 'primary',
  describedBy,
}: {
  label: string;
  busy: boolean;
  icon?: Parameters<typeof Icon>[0]['name'];
  testid?: string;
  variant?: 'primary' | 'accent';
  /** The id of what the button acts on, when a screen has several such forms. */
  describedBy?: string;
}) {
  const { t } = useI18n();
  return (
    <button
      type="submit"
      class={variant === 'accent' ? 'button button--accent button--wide' : 'button button--wide'}
      aria-disabled={busy ? true : undefined}
      aria-describedby={describedBy}
      data-testid={testid}
    >
      {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name={icon} />}
      {busy ? t('form.busy') : label}
    </button>
  );
}

/** "Opgeslagen": a quiet confirmation in a live region. */
export function Saved({ show }: { show: boolean }) {
  const { t } = useI18n();
  return (
    <p class="saved" role="status">
      {show && (
        <>
          <Icon name="check" />
          {t('form.saved')}
        </>
      )}
    </p>
  );
}
