// The worker's home, its two lists: "Nieuwe klussen voor jou" (offers, each with a countdown,
// "Ja, ik doe het" and "Nee") and "Mijn klussen" (the jobs they are booked on, with the exact
// address, a route link, whether a buddy comes along, "Ik kan toch niet" and "Niet meer voor deze
// klant"). Both reload when live.ts says something new arrived.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Category } from '../api';
import { categoryName } from '../categories';
import { Icon } from '../components/Icon';
import { NeverAgain } from '../components/NeverAgain';
import { PushAsk } from '../components/PushAsk';
import { Empty, LoadFailed, Loading } from '../components/Page';
import { formatUnitPrice } from '../format';
import { messageOf } from '../forms/form';
import { categoryIcon } from '../forms/job-fields';
import { useI18n } from '../i18n/context';
import { neverAgain } from '../jobs';
import {
  acceptOffer,
  addAssignment,
  type Assignment,
  type ConflictKind,
  conflictKind,
  type DeclineReason,
  declineOffer,
  dropOut,
  fetchAssignments,
  fetchOffers,
  hasOwnText,
  hasStarted,
  type Offer,
  remainingMs,
  routeUrl,
} from '../offers';
import type { Profile, TravelMode, User } from '../types';
import { addressLine, CardError, Countdown, DropOut, isTravelMode, ResultNotice, TRAVEL_ICON, useAnswerLists, whenText, YesNo } from './cards';

/** How the worker travels, from their profile; null when unknown. Asked once per page load. */
let travelCache: Promise<TravelMode | null> | null = null;
function useTravelMode(): TravelMode | null {
  const [mode, setMode] = useState<TravelMode | null>(null);
  useEffect(() => {
    let live = true;
    travelCache ??= api<Profile>('GET', '/me/profile').then(
      (p) => (isTravelMode(p?.worker?.travel_mode) ? p.worker.travel_mode : null),
      () => {
        travelCache = null;
        return null;
      },
    );
    void travelCache.then((m) => live && setMode(m));
    return () => {
      live = false;
    };
  }, []);
  return mode;
}

/** For tests. */
export function forgetTravelMode(): void {
  travelCache = null;
}

// ---- the two lists ----

type Result =
  | { kind: 'accepted'; assignment: Assignment }
  | { kind: 'conflict'; conflict: ConflictKind; detail: string };

export function WorkerJobs({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const {
    items: offers,
    mine: assignments,
    now,
    shown,
    find,
    nameOf,
    drop,
    result,
    setResult,
    resultRef,
    dropped,
    setDropped,
    droppedRef,
    said,
    setSaid,
  } = useAnswerLists<Offer, Assignment, Result>(user.id, fetchOffers, fetchAssignments);
  const travelMode = useTravelMode();
  const titleRef = useRef<HTMLHeadingElement>(null);

  const onAccepted = (offer: Offer, assignment: Assignment) => {
    drop(offer.id);
    assignments.set((a) => addAssignment(a, assignment));
    setResult({ kind: 'accepted', assignment });
  };

  const onRefused = (offer: Offer, err: ApiError) => {
    drop(offer.id);
    const detail = err.detail || err.title;
    setResult({ kind: 'conflict', conflict: conflictKind(detail, err.reason), detail });
  };

  const onDeclined = (offer: Offer) => {
    drop(offer.id);
    setResult(null);
    setSaid(t('offers.declined'));
    titleRef.current?.focus();
  };

  const onDroppedOut = (a: Assignment, late: boolean) => {
    assignments.set((list) => list.filter((x) => x.job_id !== a.job_id));
    const params = { what: nameOf(a.job.category), when: whenText(a.job.start, a.job.end, lang, t, Date.now()) };
    setDropped({ text: late ? t('assignment.droppedOutLateText', params) : t('assignment.droppedOutText', params) });
  };

  return (
    <>
      <section class="section" aria-labelledby="offers-title">
        <h2 id="offers-title" tabIndex={-1} ref={titleRef}>
          {t('homes.worker.offers')}
        </h2>
        <p class="visually-hidden" role="status">
          {said}
        </p>
        {result?.kind === 'accepted' &&
          (result.assignment.buddy?.state === 'searching' ? (
            // The place is held while buddies are asked: not sure yet, so no "the job is yours".
            <ResultNotice tone="soft" icon="hourglass" heading={t('offers.held')} testid="offer-held" innerRef={resultRef} onClose={() => setResult(null)}>
              {t('offers.heldText', {
                what: nameOf(result.assignment.job.category),
                when: whenText(result.assignment.job.start, result.assignment.job.end, lang, t, now),
              })}
            </ResultNotice>
          ) : (
            <ResultNotice tone="ok" icon="check" heading={t('offers.accepted')} testid="offer-accepted" innerRef={resultRef} onClose={() => setResult(null)}>
              {t('offers.acceptedText', {
                what: nameOf(result.assignment.job.category),
                when: whenText(result.assignment.job.start, result.assignment.job.end, lang, t, now),
              })}
            </ResultNotice>
          ))}
        {result?.kind === 'conflict' && (
          <ResultNotice
            tone="soft"
            icon="hourglass"
            heading={t(`offers.conflict.${result.conflict}` as const)}
            testid="offer-conflict"
            innerRef={resultRef}
            onClose={() => setResult(null)}
          >
            {hasOwnText(result.conflict) ? (
              <span class="result__detail" data-testid="offer-conflict-text" data-reason={result.conflict}>
                {t(`offers.conflictText.${result.conflict}` as const)}
              </span>
            ) : (
              result.detail && (
                <span class="result__detail" data-testid="offer-conflict-text" data-reason={result.conflict}>
                  {result.detail}
                </span>
              )
            )}
            <span>{t('offers.conflictMore')}</span>
          </ResultNotice>
        )}
        {offers.state.status === 'loading' && <Loading />}
        {offers.state.status === 'error' && <LoadFailed message={messageOf(offers.state.error, t)} onRetry={() => offers.refresh(true)} />}
        {offers.state.status === 'ready' &&
          (shown.length === 0 ? (
            <Empty icon="inbox" testid="offers-empty">
              {t('homes.worker.empty')}
            </Empty>
          ) : (
            <ul class="offers" data-testid="offers">
              {shown.map((o) => (
                <OfferCard
                  key={o.id}
                  offer={o}
                  category={find(o.category)}
                  travelMode={travelMode}
                  now={now}
                  onAccepted={onAccepted}
                  onRefused={onRefused}
                  onDeclined={onDeclined}
                />
              ))}
            </ul>
          ))}
        <PushAsk userId={user.id} kind="worker" shown={shown.length > 0} returnFocus={titleRef} />
      </section>

      <section class="section" aria-labelledby="assignments-title">
        <h2 id="assignments-title">{t('homes.worker.jobs')}</h2>
        {dropped && (
          <ResultNotice tone="ok" icon="check" heading={t('assignment.droppedOut')} testid="dropout-done" innerRef={droppedRef} onClose={() => setDropped(null)}>
            {dropped.text}
          </ResultNotice>
        )}
        {assignments.state.status === 'loading' && <Loading />}
        {assignments.state.status === 'error' && (
          <LoadFailed message={messageOf(assignments.state.error, t)} onRetry={() => assignments.refresh(true)} />
        )}
        {assignments.state.status === 'ready' &&
          (assignments.state.data.length === 0 ? (
            <Empty icon="calendar" testid="assignments-empty">
              {t('homes.worker.jobsEmpty')}
            </Empty>
          ) : (
            <ul class="offers" data-testid="assignments">
              {assignments.state.data.map((a) => (
                <AssignmentCard key={a.job_id} assignment={a} category={find(a.job.category)} now={now} onDroppedOut={onDroppedOut} />
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}

// ---- one offer ----

function OfferCard({
  offer,
  category,
  travelMode,
  now,
  onAccepted,
  onRefused,
  onDeclined,
}: {
  offer: Offer;
  category: Category | undefined;
  travelMode: TravelMode | null;
  now: number;
  onAccepted: (offer: Offer, a: Assignment) => void;
  onRefused: (offer: Offer, err: ApiError) => void;
  onDeclined: (offer: Offer) => void;
}) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<'yes' | 'no' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const name = category ? categoryName(category, lang) : offer.category;
  const titleId = `offer-${offer.id}-title`;
  const left = remainingMs(offer, now);
  const minutes = Math.max(1, Math.round(offer.travel_minutes));

  const accept = async () => {
    if (busy) return;
    setBusy('yes');
    setError(null);
    try {
      const assignment = await acceptOffer(offer.id);
      onAccepted(offer, assignment);
    } catch (err) {
      setBusy(null);
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) onRefused(offer, err);
      else setError(messageOf(err, t));
    }
  };

  const decline = async (reason: DeclineReason | null) => {
    if (busy) return;
    setBusy('no');
    setError(null);
    try {
      await declineOffer(offer.id, reason);
      onDeclined(offer);
    } catch (err) {
      setBusy(null);
      // No longer open (or gone): the answer no longer matters, the card goes.
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) onDeclined(offer);
      else setError(messageOf(err, t));
    }
  };

  return (
    <li class="offer" data-testid="offer" data-offer-id={offer.id}>
      <div class="offer__head">
        <span class="offer__icon">
          <Icon name={categoryIcon(category)} />
        </span>
        <div class="offer__title">
          <h3 id={titleId}>{name}</h3>
          {category && (
            <p class="offer__price">{formatUnitPrice(category.unit_price_cents, category.currency, category.unit, lang, t)}</p>
          )}
        </div>
      </div>
      <ul class="offer__facts">
        <li class="job-line job-line--strong">
          <Icon name="calendar" />
          <span>{whenText(offer.start, offer.end, lang, t, now)}</span>
        </li>
        <li class="job-line job-line--strong">
          <Icon name="pin" />
          <span>{offer.municipality}</span>
        </li>
        <li class="job-line">
          <Icon name={travelMode ? TRAVEL_ICON[travelMode] : 'clock'} />
          <span>
            {minutes === 1 ? t('offers.travelOne') : t('offers.travel', { n: minutes })}
            {travelMode && <span class="visually-hidden">{` (${t(`travel.${travelMode}` as const)})`}</span>}
          </span>
        </li>
        {offer.needs_buddy && (
          <li class="job-line">
            <Icon name="buddies" />
            <span>{t('offers.buddy')}</span>
          </li>
        )}
        {offer.description && (
          <li class="job-line offer__note">
            <Icon name="note" />
            <span>{offer.description}</span>
          </li>
        )}
      </ul>
      <Countdown left={left} testid="offer-countdown" />
      <CardError message={error} />
      <YesNo
        titleId={titleId}
        yesLabel={t('offers.yes')}
        yesTestid="offer-accept"
        noTestid="offer-decline"
        busy={busy}
        onYes={() => void accept()}
        onNo={(r) => void decline(r)}
      />
    </li>
  );
}

// ---- one booked job ----

/** Whether a buddy comes along: named when confirmed; while searching, the worker is not sure
 * of the job yet. Nothing when no buddy is needed. */
function BuddyLine({ assignment }: { assignment: Assignment }) {
  const { t } = useI18n();
  const b = assignment.buddy;
  if (!b || b.state === 'none') return null;
  if (b.state === 'confirmed') {
    return (
      <li class="job-line job-line--strong" data-testid="assignment-buddy" data-state="confirmed">
        <Icon name="buddies" />
        <span>{b.first_name ? t('assignment.buddyConfirmed', { name: b.first_name }) : t('assignment.buddyConfirmedAnon')}</span>
      </li>
    );
  }
  return (
    <li class="job-line job-line--strong job-line--wait" data-testid="assignment-buddy" data-state={b.state}>
      <Icon name="hourglass" />
      <span>
        {t('assignment.buddySearching')} {t('assignment.buddySearchingMore')}
      </span>
    </li>
  );
}

function AssignmentCard({
  assignment,
  category,
  now,
  onDroppedOut,
}: {
  assignment: Assignment;
  category: Category | undefined;
  now: number;
  onDroppedOut: (a: Assignment, late: boolean) => void;
}) {
  const { t, lang } = useI18n();
  const job = assignment.job;
  const a = job.address;
  const name = category ? categoryName(category, lang) : job.category;
  const route = routeUrl(a);
  const titleId = `assignment-${assignment.job_id}-title`;
  return (
    <li class="offer offer--booked" data-testid="assignment" data-job-id={assignment.job_id}>
      <div class="offer__head">
        <span class="offer__icon">
          <Icon name={categoryIcon(category)} />
        </span>
        <div class="offer__title">
          <h3 id={titleId}>{name}</h3>
        </div>
      </div>
      <ul class="offer__facts">
        <li class="job-line job-line--strong">
          <Icon name="calendar" />
          <span>{whenText(job.start, job.end, lang, t, now)}</span>
        </li>
        <li class="job-line job-line--strong">
          <Icon name="pin" />
          <span data-testid="assignment-address">{addressLine(a)}</span>
        </li>
        <BuddyLine assignment={assignment} />
      </ul>
      {route && (
        <a class="button button--secondary button--wide" href={route} target="_blank" rel="noopener noreferrer" data-testid="assignment-route">
          <Icon name="route" />
          {t('assignments.route')}
          <span class="visually-hidden">{` ${t('assignments.routeHint')}`}</span>
        </a>
      )}
      {!hasStarted(job, now) && (
        <DropOut
          start={job.start}
          titleId={titleId}
          testid="assignment-dropout"
          label={t('assignment.dropOut')}
          question={(late) => (late ? t('assignment.dropOutLate') : t('assignment.dropOutFree'))}
          yes={t('assignment.dropOutYes')}
          no={t('assignment.dropOutNo')}
          run={async () => {
            const { late } = await dropOut(assignment.job_id);
            onDroppedOut(assignment, late);
          }}
          explain={(err) => (err instanceof ApiError && err.status === 409 && err.reason === 'started' ? t('assignment.started') : messageOf(err, t))}
        />
      )}
      <NeverAgain
        testid="assignment-never-again"
        label={t('neverAgain.worker.button')}
        describedBy={titleId}
        question={t('neverAgain.worker.question')}
        yes={t('neverAgain.worker.yes')}
        no={t('neverAgain.no')}
        doneText={t('neverAgain.worker.done')}
        notFound={t('neverAgain.worker.notFound')}
        run={() => neverAgain(assignment.job_id, null)}
      />
    </li>
  );
}
