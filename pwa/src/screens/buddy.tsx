// The buddy's home, its two lists: "Vragen om mee te gaan" (requests, each with a countdown,
// "Ja, ik ga mee" and "Nee") and "Ik ga mee met" (the jobs they go along with, with the exact
// address, a route link, "Ik kan toch niet" and "Niet meer voor deze klant"). The cards and lists
// are the worker's home's too (answer-card.tsx, answer-lists.tsx): only the buddy's words, the
// worker's name and the explanation on a booked job are its own.
import type { ApiError } from '../api';
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
import { useI18n } from '../i18n/context';
import type { User } from '../types';
import { AnswerCard, BookedCard, FactLine, Note } from './answer-card';
import { AnswerSection, BookedSection, useAnswerLists } from './answer-lists';
import { ResultNotice, whenText } from './answer-parts';
import { MeetingEditor, MeetingLine } from './day-parts';
import { hasStarted } from '../offers';

type Result =
  | { kind: 'confirmed'; accompaniment: Accompaniment }
  | { kind: 'conflict'; conflict: BuddyConflict; detail: string };

export function BuddyJobs({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const lists = useAnswerLists<BuddyRequest, Accompaniment, Result>(user.id, fetchBuddyRequests, fetchAccompaniments, { items: 'requests', mine: 'accompaniments' });
  const { mine: going, now, nameOf, drop, result, setResult, resultRef, setDropped } = lists;

  const onConfirmed = (request: BuddyRequest, accompaniment: Accompaniment) => {
    drop(request.id);
    going.set((a) => addAccompaniment(a, accompaniment));
    setResult({ kind: 'confirmed', accompaniment });
    // Then the list as the server has it now, so the address promised below is really there.
    going.refresh();
  };

  const onRefused = (request: BuddyRequest, err: ApiError) => {
    drop(request.id);
    setResult({ kind: 'conflict', conflict: buddyConflictKind(err.reason), detail: err.detail || err.title });
  };

  const onDroppedOut = (a: Accompaniment, late: boolean) => {
    going.set((list) => list.filter((x) => x.id !== a.id));
    const params = { what: nameOf(a.job.category), when: whenText(a.job.start, a.job.end, lang, t, Date.now()), name: a.worker_first_name };
    setDropped({ text: late ? t('buddy.droppedOutLateText', params) : t('buddy.droppedOutText', params) });
  };

  const notice =
    result?.kind === 'confirmed' ? (
      <ResultNotice tone="ok" icon="check" heading={t('buddy.confirmed')} testid="buddy-confirmed" innerRef={resultRef} onClose={() => setResult(null)}>
        {t('buddy.confirmedText', {
          what: nameOf(result.accompaniment.job.category),
          when: whenText(result.accompaniment.job.start, result.accompaniment.job.end, lang, t, now),
          name: result.accompaniment.worker_first_name,
        })}
      </ResultNotice>
    ) : result?.kind === 'conflict' ? (
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
    ) : null;

  return (
    <>
      <AnswerSection
        role="buddy"
        userId={user.id}
        lists={lists}
        notice={notice}
        card={(r) => (
          <AnswerCard
            key={r.id}
            role="buddy"
            item={r}
            lists={lists}
            travelMode={null}
            facts={<FactLine icon="buddies" strong testid="buddy-request-worker" text={t('buddy.request.with', { name: r.worker_first_name })} />}
            answerYes={confirmBuddyRequest}
            answerNo={declineBuddyRequest}
            onYes={onConfirmed}
            onRefused={onRefused}
          />
        )}
      />
      <BookedSection
        role="buddy"
        lists={lists}
        card={(a) => {
          const name = { name: a.worker_first_name };
          return (
            <BookedCard
              key={a.id}
              role="buddy"
              id={a.id}
              job={a.job}
              lists={lists}
              travelMode={a.travel_mode}
              facts={
                <>
                  <FactLine icon="buddies" strong testid="accompaniment-worker" text={t('buddy.with', name)} />
                  <MeetingLine meeting={a.meeting} name={a.worker_first_name} />
                  <Note text={a.job.description} />
                </>
              }
              after={!hasStarted(a.job, now) && <MeetingEditor accompaniment={a} onSaved={(next) => going.set((list) => addAccompaniment(list, next))} />}
              day={{
                userId: user.id,
                outbox: lists.outbox,
                state: { attendance: a.attendance, outcome: null, safetyReported: a.safety_reported, contacts: a.contacts },
              }}
              question={(late) => t(late ? 'buddy.dropOutLate' : 'buddy.dropOutFree', name)}
              dropOut={async () => onDroppedOut(a, (await dropOutAccompaniment(a.id)).late)}
            />
          );
        }}
      />
    </>
  );
}
