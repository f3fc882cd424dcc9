// "Never again" between a poster and a person on one of their jobs (POST /jobs/{id}/never-again),
// the same two taps wherever it is asked: a small secondary button, a confirm step that says
// plainly what happens, then a calm notice in place of the button. The worker's and the
// buddy's homes, the poster's job page and the coach's job page all use it.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { messageOf } from '../forms/form';
import type { Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { Icon } from './Icon';

/** Why it did not work: 404 means the person is (no longer) on the job, in the caller's words;
 * 403 is an account that may not do this (an admin); the rest as everywhere (network, server). */
export function neverAgainError(err: unknown, t: Translate, notFound: string): string {
  if (err instanceof ApiError) {
    if (err.status === 404) return notFound;
    if (err.status === 403) return t('neverAgain.forbidden');
  }
  return messageOf(err, t);
}

export function NeverAgain({
  testid,
  label,
  forReaders,
  describedBy,
  question,
  yes,
  no,
  doneText,
  alreadyDone = false,
  notFound,
  run,
  onDone,
}: {
  testid: string;
  /** The button's words. */
  label: string;
  /** Whose it is, for screen readers: the button is named "label: forReaders". */
  forReaders?: string | undefined;
  /** The id of what the button is about (the card's title). */
  describedBy?: string | undefined;
  question: string;
  yes: string;
  no: string;
  /** The calm notice once it is done. */
  doneText: string;
  /** Done elsewhere on this page (the same person in another list): the notice, no button. */
  alreadyDone?: boolean;
  /** The words for a 404. */
  notFound: string;
  run: () => Promise<void>;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const [step, setStep] = useState<'idle' | 'asking' | 'done'>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const opened = useRef(false);
  const textId = `never-again-${useId()}`;

  // The question replaces the button: focus goes to it, back to the button on "no", and to the
  // notice once it is done.
  useEffect(() => {
    if (step === 'asking') confirmRef.current?.focus();
    else if (step === 'done') doneRef.current?.focus();
    else if (opened.current) startRef.current?.focus();
    opened.current = step === 'asking';
  }, [step]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await run();
      setStep('done');
      onDone?.();
    } catch (err) {
      setError(neverAgainError(err, t, notFound));
    } finally {
      setBusy(false);
    }
  };

  if (step === 'done' || alreadyDone) {
    return (
      <p
        class="notice notice--ok never-again__done"
        role={step === 'done' ? 'status' : undefined}
        tabIndex={-1}
        ref={doneRef}
        data-testid={`${testid}-done`}
      >
        <Icon name="check" />
        <span>{doneText}</span>
      </p>
    );
  }

  if (step === 'idle') {
    return (
      <button
        type="button"
        class="button button--quiet never-again__button"
        data-testid={testid}
        ref={startRef}
        // The words on the button, then whose it is: "Niet meer deze persoon: Ayşe".
        aria-label={forReaders ? `${label}: ${forReaders}` : undefined}
        aria-describedby={describedBy}
        onClick={() => {
          setError(null);
          setStep('asking');
        }}
      >
        <Icon name="ban" />
        <span>{label}</span>
      </button>
    );
  }

  return (
    <div class="confirm never-again" role="group" aria-labelledby={textId} tabIndex={-1} ref={confirmRef} data-testid={`${testid}-question`}>
      <p id={textId} class="confirm__text">
        <Icon name="alert" />
        <span>{question}</span>
      </p>
      {error && (
        <p class="field__error offer__error" role="alert">
          <Icon name="alert" />
          <span>{error}</span>
        </p>
      )}
      <div class="button-stack">
        <button
          type="button"
          class="button button--danger button--wide"
          data-testid={`${testid}-confirm`}
          aria-disabled={busy ? true : undefined}
          onClick={() => void confirm()}
        >
          {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="ban" />}
          {yes}
        </button>
        <button type="button" class="button button--secondary button--wide" onClick={() => !busy && setStep('idle')}>
          <Icon name="back" />
          {no}
        </button>
      </div>
    </div>
  );
}
