// "Meldingen op deze telefoon" on the devices screen, for workers and buddies: whether this
// device gets pushes, and one button to turn them on or off. The same flow as PushAsk, but
// here the person comes looking for it, so we ask no questions of our own first.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { FormAlert, messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import type { PlainKey } from '../i18n';
import { disablePush, enablePush, type PushState, pushState, refusedHere, rememberNotNow } from '../push';
import { Icon, type IconName } from './Icon';

const STATES: Record<PushState, { icon: IconName; text: PlainKey; class: string }> = {
  on: { icon: 'bell', text: 'pushSettings.stateOn', class: 'notice notice--ok push-settings__state' },
  off: { icon: 'ban', text: 'pushSettings.stateOff', class: 'notice push-settings__state' },
  denied: { icon: 'alert', text: 'pushSettings.stateDenied', class: 'notice push-settings__state push-settings__help' },
  unsupported: { icon: 'phone', text: 'pushSettings.stateUnsupported', class: 'notice push-settings__state push-settings__help' },
};

export function PushSettings({ userId, kind }: { userId: number; kind: 'worker' | 'buddy' }) {
  const { t } = useI18n();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'on' | 'off' | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const busyRef = useRef(false);
  const stateRef = useRef<HTMLParagraphElement>(null);
  const [moveFocus, setMoveFocus] = useState(false);

  // Looked at again whenever the person comes back to the app: they may have allowed
  // notifications in the browser's settings meanwhile.
  useEffect(() => {
    let live = true;
    const check = () => {
      if (document.visibilityState !== 'visible' || busyRef.current) return;
      pushState().then(
        (s) => live && !busyRef.current && setState(s),
        () => live && setState('unsupported'),
      );
    };
    check();
    document.addEventListener('visibilitychange', check);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', check);
    };
  }, []);

  // "Blocked" has no button: focus goes to the explanation instead of getting lost.
  useEffect(() => {
    if (moveFocus) stateRef.current?.focus();
  }, [moveFocus]);

  const run = (work: () => Promise<void>, failed: PlainKey) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    setDone(null);
    work()
      // A private window's refusal is not a connection problem: say so.
      .catch((err: unknown) => setError([err instanceof ApiError ? messageOf(err, t) : refusedHere(err) ? t('pushAsk.cannot') : t(failed)]))
      .finally(() => {
        busyRef.current = false;
        setBusy(false);
      });
  };

  // Straight from the tap, with nothing awaited before the browser's question (see push.ts).
  const turnOn = () =>
    run(async () => {
      const answer = await enablePush(userId);
      if (answer === 'granted') {
        setState('on');
        setDone('on');
      } else if (answer === 'denied') {
        setState('denied');
        setMoveFocus(true);
      } else {
        rememberNotNow(userId); // the question was closed unanswered: as "Niet nu" on the card
      }
    }, 'pushSettings.onFailed');

  const turnOff = () =>
    run(async () => {
      await disablePush(userId);
      setState('off');
      setDone('off');
    }, 'pushSettings.offFailed');

  const shown = state ? STATES[state] : null;
  const canToggle = state === 'on' || state === 'off';

  return (
    <section class="section push-settings" aria-labelledby="push-settings-title" data-testid="push-settings">
      <h2 id="push-settings-title">{t('pushSettings.title')}</h2>
      <p class="section__intro">{kind === 'worker' ? t('pushSettings.worker') : t('pushSettings.buddy')}</p>
      {state && shown && (
        <p class={shown.class} data-testid="push-settings-state" data-state={state} tabIndex={-1} ref={stateRef}>
          <Icon name={shown.icon} />
          <span>{t(shown.text)}</span>
        </p>
      )}
      <FormAlert messages={error} testid="push-settings-error" />
      {canToggle && (
        // One button element for both: it stays under the finger (and keeps focus) as it flips.
        <button
          type="button"
          class={state === 'on' ? 'button button--secondary button--wide' : 'button button--wide'}
          data-testid={state === 'on' ? 'push-settings-off' : 'push-settings-on'}
          aria-disabled={busy ? true : undefined}
          onClick={state === 'on' ? turnOff : turnOn}
        >
          {busy ? (
            <span class={state === 'on' ? 'spinner' : 'spinner spinner--on-dark'} aria-hidden="true" />
          ) : (
            <Icon name={state === 'on' ? 'ban' : 'bell'} />
          )}
          {state === 'on' ? t('pushSettings.off') : t('pushSettings.on')}
        </button>
      )}
      <p class="saved" role="status" data-testid="push-settings-done">
        {done && (
          <>
            <Icon name="check" />
            {done === 'on' ? t('pushSettings.turnedOn') : t('pushSettings.turnedOff')}
          </>
        )}
      </p>
    </section>
  );
}
