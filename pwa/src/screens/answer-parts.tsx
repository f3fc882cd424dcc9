// The parts of the worker's home (offers.tsx) and the buddy's home (buddy.tsx): the day and
// time in words, the notice after an answer, the "Ja / Nee (waarom niet?)" buttons, the
// countdown and "Ik kan toch niet" with its confirm step. answer-card.tsx puts them together.
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon, type IconName } from '../components/Icon';
import { dayText, formatTime } from '../format';
import type { Lang, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { countdownText, DECLINE_REASONS, type DeclineReason, HURRY_MS, isLateDropOut, spokenRemainingMs } from '../offers';
import type { TravelMode } from '../types';

export const TRAVEL_ICON: Record<TravelMode, IconName> = {
  walk: 'walk',
  bike: 'bike',
  ebike: 'ebike',
  public_transport: 'bus',
  car: 'car',
};
export const isTravelMode = (v: unknown): v is TravelMode => typeof v === 'string' && Object.hasOwn(TRAVEL_ICON, v);

export const REASON_ICON: Record<DeclineReason, IconName> = {
  too_far: 'pin',
  not_available: 'calendar',
  not_this_work: 'ban',
  other: 'note',
};

export { dayText };

/** "Morgen · 09:00–11:00" */
export function whenText(start: string, end: string, lang: Lang, t: Translate, now: number): string {
  const s = new Date(start);
  const e = new Date(end);
  return `${dayText(s, lang, t, now)} · ${formatTime(s, lang)}–${formatTime(e, lang)}`;
}

/** "Stationsstraat 12, 3600 Genk" */
export function addressLine(a: { street: string; postcode: string; municipality: string }): string {
  return `${a.street}, ${a.postcode} ${a.municipality}`;
}

/** What happened after an answer: focusable (focus goes here when the card is gone), with OK. */
export function ResultNotice({
  tone,
  icon,
  heading,
  testid,
  innerRef,
  onClose,
  children,
}: {
  tone: 'ok' | 'soft';
  icon: IconName;
  heading: string;
  testid: string;
  innerRef: Ref<HTMLDivElement>;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <div class={`result result--${tone}`} role="status" tabIndex={-1} ref={innerRef} data-testid={testid}>
      <p class="result__heading">
        <Icon name={icon} />
        <span>{heading}</span>
      </p>
      <p class="result__text">{children}</p>
      <button type="button" class="button button--secondary button--wide" onClick={onClose}>
        <Icon name="check" />
        {t('offers.ok')}
      </button>
    </div>
  );
}

/** The error under a card's buttons. */
export function CardError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="field__error offer__error" role="alert">
      <Icon name="alert" />
      <span>{message}</span>
    </p>
  );
}

/** A countdown that ticks on screen every second; a screen reader hears it now and then
 * (politely, rounded: see spokenRemainingMs). */
export function Countdown({ left, testid }: { left: number; testid: string }) {
  const { t } = useI18n();
  return (
    <p class={left < HURRY_MS ? 'offer__countdown offer__countdown--hurry' : 'offer__countdown'} data-testid={testid}>
      <Icon name="hourglass" />
      <span aria-hidden="true" data-testid={`${testid}-text`}>
        {countdownText(left, t)}
      </span>
      <span class="visually-hidden" aria-live="polite" aria-atomic="true">
        {countdownText(spokenRemainingMs(left), t)}
      </span>
    </p>
  );
}

/** One big "yes" and one "no"; "no" opens the optional reasons (and "Terug"). */
export function YesNo({
  titleId,
  yesLabel,
  yesTestid,
  noTestid,
  busy,
  onYes,
  onNo,
}: {
  titleId: string;
  yesLabel: string;
  yesTestid: string;
  noTestid: string;
  busy: 'yes' | 'no' | null;
  onYes: () => void;
  onNo: (reason: DeclineReason | null) => void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const reasonsRef = useRef<HTMLDivElement>(null);
  const noRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (asking) reasonsRef.current?.focus();
    else if (opened.current) noRef.current?.focus();
    opened.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <div class="button-stack">
        <button
          type="button"
          class="button button--yes button--big button--wide"
          data-testid={yesTestid}
          aria-disabled={busy ? true : undefined}
          aria-describedby={titleId}
          onClick={onYes}
        >
          {busy === 'yes' ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
          {yesLabel}
        </button>
        <button
          type="button"
          class="button button--neutral button--big button--wide"
          data-testid={noTestid}
          ref={noRef}
          aria-disabled={busy ? true : undefined}
          aria-describedby={titleId}
          onClick={() => !busy && setAsking(true)}
        >
          <Icon name="close" />
          {t('offers.no')}
        </button>
      </div>
    );
  }
  return (
    <div class="reasons" role="group" aria-labelledby={`${titleId}-why`} tabIndex={-1} ref={reasonsRef}>
      <p id={`${titleId}-why`} class="reasons__title">
        {t('offers.whyNot')} <span class="reasons__hint">{t('offers.whyNotHint')}</span>
      </p>
      <div class="button-stack">
        {DECLINE_REASONS.map((r) => (
          <button
            key={r}
            type="button"
            class="button button--secondary button--wide reasons__button"
            data-testid="decline-reason"
            data-reason={r}
            aria-disabled={busy ? true : undefined}
            onClick={() => onNo(r)}
          >
            <Icon name={REASON_ICON[r]} />
            {t(`offers.reason.${r}` as const)}
          </button>
        ))}
        <button
          type="button"
          class="button button--neutral button--wide reasons__button"
          data-testid="decline-reason"
          data-reason=""
          aria-disabled={busy ? true : undefined}
          onClick={() => onNo(null)}
        >
          {busy === 'no' ? <span class="spinner" aria-hidden="true" /> : <Icon name="close" />}
          {t('offers.reason.none')}
        </button>
        <button type="button" class="button button--quiet button--wide" onClick={() => !busy && setAsking(false)}>
          <Icon name="back" />
          {t('offers.back')}
        </button>
      </div>
    </div>
  );
}

/**
 * "Ik kan toch niet": two taps. The question says whether it is late (within 24 hours of the
 * start, decided when it opens). `run` does the call; a failure shows `explain(err)` in the
 * confirm box. On success the card goes, so nothing here changes afterwards.
 */
export function DropOut({
  start,
  titleId,
  testid,
  label,
  question,
  yes,
  no,
  run,
  explain,
}: {
  start: string;
  titleId: string;
  testid: string;
  label: string;
  question: (late: boolean) => string;
  yes: string;
  no: string;
  run: () => Promise<void>;
  explain: (err: unknown) => string;
}) {
  const [asking, setAsking] = useState<{ late: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (opened.current) startRef.current?.focus();
    opened.current = asking !== null;
  }, [asking]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(explain(err));
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <button
        type="button"
        class="button button--danger-outline button--wide"
        data-testid={testid}
        ref={startRef}
        aria-describedby={titleId}
        onClick={() => {
          setError(null);
          setAsking({ late: isLateDropOut(start) });
        }}
      >
        <Icon name="userMinus" />
        {label}
      </button>
    );
  }
  const textId = `${titleId}-dropout`;
  return (
    <div
      class="confirm"
      role="group"
      aria-labelledby={textId}
      tabIndex={-1}
      ref={confirmRef}
      data-testid={`${testid}-question`}
      data-late={asking.late ? 'true' : 'false'}
    >
      <p id={textId} class="confirm__text">
        <Icon name="alert" />
        <span>{question(asking.late)}</span>
      </p>
      <CardError message={error} />
      <div class="button-stack">
        <button
          type="button"
          class="button button--danger button--wide"
          data-testid={`${testid}-confirm`}
          aria-disabled={busy ? true : undefined}
          onClick={() => void confirm()}
        >
          {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="userMinus" />}
          {yes}
        </button>
        <button type="button" class="button button--secondary button--wide" onClick={() => !busy && setAsking(null)}>
          <Icon name="back" />
          {no}
        </button>
      </div>
    </div>
  );
}
