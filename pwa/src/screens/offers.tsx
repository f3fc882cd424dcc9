// The worker's home, its two lists: "Nieuwe klussen voor jou" (offers, each with a countdown,
// "Ja, ik doe het" and "Nee") and "Mijn klussen" (the jobs they are booked on, with the exact
// address, a route link, whether a buddy comes along, "Ik kan toch niet" and "Niet meer voor deze
// klant"). The cards and lists are the buddy's home's too (answer-card.tsx, answer-lists.tsx):
// only the worker's words, their pay estimate (never the poster's price), the travel mode and the buddy lines are its own.
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api';
import { Icon } from '../components/Icon';
import type { Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import {
  acceptOffer,
  addAssignment,
  type Assignment,
  type ConflictKind,
  conflictKind,
  declineOffer,
  dropOut,
  fetchAssignments,
  fetchOffers,
  hasOwnText,
  type Offer,
} from '../offers';
import type { Profile, TravelMode, User } from '../types';
import { AnswerCard, BookedCard, FactLine } from './answer-card';
import { AnswerSection, BookedSection, useAnswerLists } from './answer-lists';
import { isTravelMode, ResultNotice, whenText } from './answer-parts';
import { MeetingLine } from './day-parts';

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
  const lists = useAnswerLists<Offer, Assignment, Result>(user.id, fetchOffers, fetchAssignments, { items: 'offers', mine: 'assignments' });
  const { mine: assignments, now, nameOf, drop, result, setResult, resultRef, setDropped } = lists;
  const travelMode = useTravelMode();

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

  const onDroppedOut = (a: Assignment, late: boolean) => {
    assignments.set((list) => list.filter((x) => x.job_id !== a.job_id));
    const params = { what: nameOf(a.job.category), when: whenText(a.job.start, a.job.end, lang, t, Date.now()) };
    setDropped({ text: late ? t('assignment.droppedOutLateText', params) : t('assignment.droppedOutText', params) });
  };

  const resultWhen = (job: Assignment['job']) => ({ what: nameOf(job.category), when: whenText(job.start, job.end, lang, t, now) });
  const notice =
    result?.kind === 'accepted' ? (
      result.assignment.buddy.state === 'searching' ? (
        // The place is held while buddies are asked: not sure yet, so no "the job is yours".
        <ResultNotice tone="soft" icon="hourglass" heading={t('offers.held')} testid="offer-held" innerRef={resultRef} onClose={() => setResult(null)}>
          {t('offers.heldText', resultWhen(result.assignment.job))}
        </ResultNotice>
      ) : (
        <ResultNotice tone="ok" icon="check" heading={t('offers.accepted')} testid="offer-accepted" innerRef={resultRef} onClose={() => setResult(null)}>
          {t('offers.acceptedText', resultWhen(result.assignment.job))}
        </ResultNotice>
      )
    ) : result?.kind === 'conflict' ? (
      <ResultNotice
        tone="soft"
        icon="hourglass"
        heading={t(`offers.conflict.${result.conflict}` as const)}
        testid="offer-conflict"
        innerRef={resultRef}
        onClose={() => setResult(null)}
      >
        {(hasOwnText(result.conflict) || result.detail) && (
          <span class="result__detail" data-testid="offer-conflict-text" data-reason={result.conflict}>
            {hasOwnText(result.conflict) ? t(`offers.conflictText.${result.conflict}` as const) : result.detail}
          </span>
        )}
        <span>{t('offers.conflictMore')}</span>
      </ResultNotice>
    ) : null;

  return (
    <>
      <AnswerSection
        role="worker"
        userId={user.id}
        lists={lists}
        notice={notice}
        card={(o) => (
          <AnswerCard
            key={o.id}
            role="worker"
            item={o}
            lists={lists}
            pay={o.pay_estimate_cents}
            travelMode={travelMode}
            facts={o.needs_buddy && <FactLine icon="buddies" text={t('offers.buddy')} />}
            said={o.needs_buddy ? [t('offers.buddy')] : []}
            answerYes={acceptOffer}
            answerNo={declineOffer}
            onYes={onAccepted}
            onRefused={onRefused}
          />
        )}
      />
      <BookedSection
        role="worker"
        lists={lists}
        card={(a) => (
          <BookedCard
            key={a.job_id}
            role="worker"
            id={a.job_id}
            job={a.job}
            lists={lists}
            travelMode={a.travel_mode}
            said={[buddyText(a, t)]}
            facts={
              <>
                <BuddyLine assignment={a} />
                {a.meeting && a.buddy.state === 'confirmed' && <MeetingLine meeting={a.meeting} name={a.buddy.first_name ?? null} />}
              </>
            }
            day={{
              userId: user.id,
              outbox: lists.outbox,
              state: { attendance: a.attendance, outcome: a.outcome, safetyReported: a.safety_reported, contacts: a.contacts },
            }}
            question={(late) => t(late ? 'assignment.dropOutLate' : 'assignment.dropOutFree')}
            dropOut={async () => onDroppedOut(a, (await dropOut(a.job_id)).late)}
          />
        )}
      />
    </>
  );
}

// ---- one booked job ----

/** Whether a buddy comes along: named when confirmed; while searching, the worker is not sure
 * of the job yet. Nothing when no buddy is needed. */
function BuddyLine({ assignment }: { assignment: Assignment }) {
  const { t } = useI18n();
  const b = assignment.buddy;
  if (b.state === 'none') return null;
  const confirmed = b.state === 'confirmed';
  return (
    <li class={confirmed ? 'job-line job-line--strong' : 'job-line job-line--strong job-line--wait'} data-testid="assignment-buddy" data-state={b.state}>
      <Icon name={confirmed ? 'buddies' : 'hourglass'} />
      <span>{buddyText(assignment, t)}</span>
    </li>
  );
}

/** The buddy line's words (also read aloud); empty when no buddy is needed. */
function buddyText({ buddy: b }: Assignment, t: Translate): string {
  if (b.state === 'none') return '';
  if (b.state === 'confirmed') return b.first_name ? t('assignment.buddyConfirmed', { name: b.first_name }) : t('assignment.buddyConfirmedAnon');
  return `${t('assignment.buddySearching')} ${t('assignment.buddySearchingMore')}`;
}
