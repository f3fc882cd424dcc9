// The buddy's home, its two lists: "Vragen om mee te gaan" (requests, each with a countdown,
// "Ja, ik ga mee" and "Nee") and "Ik ga mee met" (the jobs they go along with, with the exact
// address, a route link, "Ik kan toch niet" and "Niet meer voor deze klant"). Both reload when
// live.ts says something new arrived.
import { useRef, useState } from 'preact/hooks';
import { ApiError, type Category } from '../api';
import {
  type Accompaniment,
  addAccompaniment,
  type BuddyConflict,
  buddyConflictKind,
  type BuddyRequest,
  confirmBuddyRequest,
  declineBuddyRequest,
  dropOutAccompaniment,
  fetchAccompaniments,
  fetchBuddyRequests,
} from '../buddy';
import { categoryName } from '../categories';
import { Icon } from '../components/Icon';
import { NeverAgain } from '../components/NeverAgain';
import { PushAsk } from '../components/PushAsk';
import { Empty, LoadFailed, Loading } from '../components/Page';
import { messageOf } from '../forms/form';
import { categoryIcon } from '../forms/job-fields';
import { useI18n } from '../i18n/context';
import { neverAgain } from '../jobs';
import { type DeclineReason, hasStarted, remainingMs, routeUrl } from '../offers';
import type { User } from '../types';
import { addressLine, CardError, Countdown, DropOut, ResultNotice, useAnswerLists, whenText, YesNo } from './cards';

type Result =
  | { kind: 'confirmed'; accompaniment: Accompaniment }
  | { kind: 'conflict'; conflict: BuddyConflict; detail: string };

export function BuddyJobs({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const {
    items: requests,
    mine: going,
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
  } = useAnswerLists<BuddyRequest, Accompaniment, Result>(user.id, fetchBuddyRequests, fetchAccompaniments);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const refreshGoing = going.refresh;

  const onConfirmed = (request: BuddyRequest, accompaniment: Accompaniment) => {
    drop(request.id);
    going.set((a) => addAccompaniment(a, accompaniment));
    setResult({ kind: 'confirmed', accompaniment });
    // Then the list as the server has it now, so the address promised below is really there.
    refreshGoing();
  };

  const onRefused = (request: BuddyRequest, err: ApiError) => {
    drop(request.id);
    setResult({ kind: 'conflict', conflict: buddyConflictKind(err.reason), detail: err.detail || err.title });
  };

  const onDeclined = (request: BuddyRequest) => {
    drop(request.id);
    setResult(null);
    setSaid(t('offers.declined'));
    titleRef.current?.focus();
  };

  const onDroppedOut = (a: Accompaniment, late: boolean) => {
    going.set((list) => list.filter((x) => x.id !== a.id));
    const params = { what: nameOf(a.job.category), when: whenText(a.job.start, a.job.end, lang, t, Date.now()), name: a.worker_first_name };
    setDropped({ text: late ? t('buddy.droppedOutLateText', params) : t('buddy.droppedOutText', params) });
  };

  return (
    <>
      <section class="section" aria-labelledby="requests-title">
        <h2 id="requests-title" tabIndex={-1} ref={titleRef}>
          {t('homes.buddy.requests')}
        </h2>
        <p class="visually-hidden" role="status">
          {said}
        </p>
        {result?.kind === 'confirmed' && (
          <ResultNotice tone="ok" icon="check" heading={t('buddy.confirmed')} testid="buddy-confirmed" innerRef={resultRef} onClose={() => setResult(null)}>
            {t('buddy.confirmedText', {
              what: nameOf(result.accompaniment.job.category),
              when: whenText(result.accompaniment.job.start, result.accompaniment.job.end, lang, t, now),
              name: result.accompaniment.worker_first_name,
            })}
          </ResultNotice>
        )}
        {result?.kind === 'conflict' && (
          <ResultNotice
            tone="soft"
            icon="hourglass"
            heading={t(`buddy.conflict.${result.conflict}` as const)}
            testid="buddy-conflict"
            innerRef={resultRef}
            onClose={() => setResult(null)}
          >
            <span class="result__detail" data-testid="buddy-conflict-text" data-reason={result.conflict}>
              {result.conflict === 'other' ? result.detail || t('buddy.conflictText.closed') : t(`buddy.conflictText.${result.conflict}` as const)}
            </span>
            <span>{t('buddy.conflictMore')}</span>
          </ResultNotice>
        )}
        {requests.state.status === 'loading' && <Loading />}
        {requests.state.status === 'error' && <LoadFailed message={messageOf(requests.state.error, t)} onRetry={() => requests.refresh(true)} />}
        {requests.state.status === 'ready' &&
          (shown.length === 0 ? (
            <Empty icon="buddies" testid="requests-empty">
              {t('homes.buddy.empty')}
            </Empty>
          ) : (
            <ul class="offers" data-testid="buddy-requests">
              {shown.map((r) => (
                <RequestCard
                  key={r.id}
                  request={r}
                  category={find(r.category)}
                  now={now}
                  onConfirmed={onConfirmed}
                  onRefused={onRefused}
                  onDeclined={onDeclined}
                />
              ))}
            </ul>
          ))}
        <PushAsk userId={user.id} kind="buddy" shown={shown.length > 0} returnFocus={titleRef} />
      </section>

      <section class="section" aria-labelledby="going-title">
        <h2 id="going-title">{t('buddy.going')}</h2>
        {dropped && (
          <ResultNotice tone="ok" icon="check" heading={t('buddy.droppedOut')} testid="accompaniment-dropout-done" innerRef={droppedRef} onClose={() => setDropped(null)}>
            {dropped.text}
          </ResultNotice>
        )}
        {going.state.status === 'loading' && <Loading />}
        {going.state.status === 'error' && <LoadFailed message={messageOf(going.state.error, t)} onRetry={() => going.refresh(true)} />}
        {going.state.status === 'ready' &&
          (going.state.data.length === 0 ? (
            <Empty icon="calendar" testid="accompaniments-empty">
              {t('buddy.goingEmpty')}
            </Empty>
          ) : (
            <ul class="offers" data-testid="accompaniments">
              {going.state.data.map((a) => (
                <AccompanimentCard key={a.id} accompaniment={a} category={find(a.job.category)} now={now} onDroppedOut={onDroppedOut} />
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}

// ---- one request ----

function RequestCard({
  request,
  category,
  now,
  onConfirmed,
  onRefused,
  onDeclined,
}: {
  request: BuddyRequest;
  category: Category | undefined;
  now: number;
  onConfirmed: (r: BuddyRequest, a: Accompaniment) => void;
  onRefused: (r: BuddyRequest, err: ApiError) => void;
  onDeclined: (r: BuddyRequest) => void;
}) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<'yes' | 'no' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const name = category ? categoryName(category, lang) : request.category;
  const titleId = `request-${request.id}-title`;
  const minutes = Math.max(1, Math.round(request.travel_minutes));

  const confirm = async () => {
    if (busy) return;
    setBusy('yes');
    setError(null);
    try {
      const accompaniment = await confirmBuddyRequest(request.id);
      onConfirmed(request, accompaniment);
    } catch (err) {
      setBusy(null);
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) onRefused(request, err);
      else setError(messageOf(err, t));
    }
  };

  const decline = async (reason: DeclineReason | null) => {
    if (busy) return;
    setBusy('no');
    setError(null);
    try {
      await declineBuddyRequest(request.id, reason);
      onDeclined(request);
    } catch (err) {
      setBusy(null);
      // No longer open (or gone): the answer no longer matters, the card goes.
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) onDeclined(request);
      else setError(messageOf(err, t));
    }
  };

  return (
    <li class="offer" data-testid="buddy-request" data-request-id={request.id}>
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
          <span>{whenText(request.start, request.end, lang, t, now)}</span>
        </li>
        <li class="job-line job-line--strong">
          <Icon name="pin" />
          <span>{request.municipality}</span>
        </li>
        <li class="job-line">
          <Icon name="clock" />
          <span>{minutes === 1 ? t('offers.travelOne') : t('offers.travel', { n: minutes })}</span>
        </li>
        <li class="job-line job-line--strong" data-testid="buddy-request-worker">
          <Icon name="buddies" />
          <span>{t('buddy.request.with', { name: request.worker_first_name })}</span>
        </li>
        {request.description && (
          <li class="job-line offer__note">
            <Icon name="note" />
            <span>{request.description}</span>
          </li>
        )}
      </ul>
      <Countdown left={remainingMs(request, now)} testid="buddy-request-countdown" />
      <CardError message={error} />
      <YesNo
        titleId={titleId}
        yesLabel={t('buddy.yes')}
        yesTestid="buddy-request-confirm"
        noTestid="buddy-request-decline"
        busy={busy}
        onYes={() => void confirm()}
        onNo={(r) => void decline(r)}
      />
    </li>
  );
}

// ---- one job to go along with ----

function AccompanimentCard({
  accompaniment,
  category,
  now,
  onDroppedOut,
}: {
  accompaniment: Accompaniment;
  category: Category | undefined;
  now: number;
  onDroppedOut: (a: Accompaniment, late: boolean) => void;
}) {
  const { t, lang } = useI18n();
  const job = accompaniment.job;
  const a = job.address;
  const name = category ? categoryName(category, lang) : job.category;
  const route = routeUrl(a);
  const titleId = `accompaniment-${accompaniment.id}-title`;
  const worker = accompaniment.worker_first_name;
  return (
    <li class="offer offer--booked" data-testid="accompaniment" data-id={accompaniment.id} data-job-id={accompaniment.job_id}>
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
          <span data-testid="accompaniment-address">{addressLine(a)}</span>
        </li>
        <li class="job-line job-line--strong" data-testid="accompaniment-worker">
          <Icon name="buddies" />
          <span>{t('buddy.with', { name: worker })}</span>
        </li>
        {job.description && (
          <li class="job-line offer__note">
            <Icon name="note" />
            <span>{job.description}</span>
          </li>
        )}
      </ul>
      {route && (
        <a class="button button--secondary button--wide" href={route} target="_blank" rel="noopener noreferrer" data-testid="accompaniment-route">
          <Icon name="route" />
          {t('assignments.route')}
          <span class="visually-hidden">{` ${t('assignments.routeHint')}`}</span>
        </a>
      )}
      {!hasStarted(job, now) && (
        <DropOut
          start={job.start}
          titleId={titleId}
          testid="accompaniment-dropout"
          label={t('buddy.dropOut')}
          question={(late) => (late ? t('buddy.dropOutLate', { name: worker }) : t('buddy.dropOutFree', { name: worker }))}
          yes={t('buddy.dropOutYes')}
          no={t('buddy.dropOutNo')}
          run={async () => {
            const { late } = await dropOutAccompaniment(accompaniment.id);
            onDroppedOut(accompaniment, late);
          }}
          explain={(err) => (err instanceof ApiError && err.status === 409 && err.reason === 'started' ? t('buddy.started') : messageOf(err, t))}
        />
      )}
      <NeverAgain
        testid="accompaniment-never-again"
        label={t('neverAgain.buddy.button')}
        describedBy={titleId}
        question={t('neverAgain.buddy.question')}
        yes={t('neverAgain.buddy.yes')}
        no={t('neverAgain.no')}
        doneText={t('neverAgain.buddy.done')}
        notFound={t('neverAgain.buddy.notFound')}
        run={() => neverAgain(accompaniment.job_id, null)}
      />
    </li>
  );
}
