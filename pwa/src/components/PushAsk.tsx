// "Meldingen aanzetten?" for workers and buddies: right after they set their PIN (they just
// joined), and — after a "Niet nu" there — again once they see their first offer or request:
// then they know what a notification would bring. Our own card first, the browser's question
// only after "Meldingen aanzetten" (see push.ts for why). Where this browser or window cannot
// get notifications at all, an honest word on what to do instead.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { answeredAtStart, askAtStart, enablePush, refusedHere, rememberNotNow, shouldAskForPush } from '../push';
import { Icon } from './Icon';

type Phase = 'ask' | 'busy' | 'on' | 'denied' | 'cannot' | 'gone';

export function PushAsk({
  userId,
  kind,
  shown,
  returnFocus,
}: {
  userId: number;
  kind: 'worker' | 'buddy';
  /** Whether an offer (a request) is on screen now. */
  shown: boolean;
  /** Where focus goes when the card goes away without a word ("Niet nu"). */
  returnFocus: RefObject<HTMLElement | null>;
}) {
  const { t } = useI18n();
  // Decided once per visit: just joined (ask now, or say it cannot work here), and whether
  // this device may be asked with an offer.
  const [start, setStart] = useState(() => askAtStart(userId));
  const [askable] = useState(() => shouldAskForPush(userId));
  // Once it appeared it stays until answered, also when the offer goes.
  const [seen, setSeen] = useState(false);
  if (askable && shown && !seen) setSeen(true);
  const [phase, setPhase] = useState<Phase>(start === 'cannot' ? 'cannot' : 'ask');
  const [error, setError] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement & HTMLParagraphElement>(null);
  const tapped = useRef(false);

  // The buttons are gone: focus goes to what happened (not on arrival: the page's h1 has it).
  useEffect(() => {
    if (tapped.current && phase !== 'ask' && phase !== 'busy') outcomeRef.current?.focus();
  }, [phase]);

  if ((!seen && start === null) || phase === 'gone') return null;

  const notNow = () => {
    if (start && !shown) {
      // Not now, just after joining: the first offer asks again.
      answeredAtStart(userId, true);
      setStart(null);
    } else {
      answeredAtStart(userId, false);
      rememberNotNow(userId);
      setPhase('gone');
    }
    returnFocus.current?.focus();
  };

  const enable = () => {
    if (phase === 'busy') return;
    setPhase('busy');
    setError(null);
    tapped.current = true;
    answeredAtStart(userId, false);
    // Called straight from the tap: some browsers only show their question during one.
    enablePush(userId).then(
      (answer) => {
        if (answer === 'granted') setPhase('on');
        else if (answer === 'denied') setPhase('denied');
        else notNow(); // the browser's question was closed without an answer
      },
      (err: unknown) => {
        // A private window refuses the subscription: no use trying again here.
        if (refusedHere(err)) return setPhase('cannot');
        setPhase('ask');
        setError(err instanceof ApiError ? messageOf(err, t) : t('pushAsk.failed'));
      },
    );
  };

  if (phase === 'cannot') {
    return (
      <div class="notice push-ask__outcome" role="status" tabIndex={-1} ref={outcomeRef} data-testid="push-cannot">
        <p class="notice__text">
          <Icon name="bell" />
          <span>{t('pushAsk.cannot')}</span>
        </p>
        <button
          type="button"
          class="button button--secondary button--wide"
          data-testid="push-cannot-ok"
          onClick={() => {
            answeredAtStart(userId, false);
            rememberNotNow(userId);
            setPhase('gone');
            returnFocus.current?.focus();
          }}
        >
          <Icon name="check" />
          {t('pushAsk.ok')}
        </button>
      </div>
    );
  }

  if (phase === 'on' || phase === 'denied') {
    return (
      <p
        class={phase === 'on' ? 'notice notice--ok push-ask__outcome' : 'notice push-ask__outcome'}
        role="status"
        tabIndex={-1}
        ref={outcomeRef}
        data-testid={phase === 'on' ? 'push-on' : 'push-denied'}
      >
        <Icon name={phase === 'on' ? 'bell' : 'close'} />
        <span>{phase === 'on' ? t('pushAsk.on') : t('pushAsk.denied')}</span>
      </p>
    );
  }

  return (
    <section class="push-ask" aria-labelledby="push-ask-title" data-testid="push-ask">
      <h3 id="push-ask-title" class="push-ask__title">
        <Icon name="bell" />
        <span>{t('pushAsk.title')}</span>
      </h3>
      <p class="push-ask__text">{kind === 'worker' ? t('pushAsk.worker') : t('pushAsk.buddy')}</p>
      {error && (
        <p class="field__error" role="alert" data-testid="push-ask-error">
          <Icon name="alert" />
          <span>{error}</span>
        </p>
      )}
      <div class="button-stack">
        <button
          type="button"
          class="button button--wide"
          data-testid="push-ask-yes"
          aria-disabled={phase === 'busy' ? true : undefined}
          onClick={enable}
        >
          {phase === 'busy' ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="bell" />}
          {t('pushAsk.yes')}
        </button>
        <button type="button" class="button button--secondary button--wide" data-testid="push-ask-no" onClick={() => phase !== 'busy' && notNow()}>
          <Icon name="close" />
          {t('pushAsk.notNow')}
        </button>
      </div>
    </section>
  );
}
