// The coordinator's match board: /coach/jobs (the jobs of the shared pool that need attention,
// are open, or all, as cards) and /coach/jobs/:id (one job: who was asked and why, which
// buddies were asked, who is booked, what happened; "Opnieuw aanbieden" for a job nobody took;
// "Niet meer bij deze klant" for the coordinator's own people).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Category } from '../api';
import {
  type AttentionReason,
  attentionReasons,
  BOARD_FILTERS,
  type BoardAssignment,
  type BoardAssignmentBuddy,
  type BoardBuddyRequest,
  type BoardFilter,
  type BoardJob,
  type BoardOffer,
  type BoardWorker,
  type Breakdown,
  BREAKDOWN_PARTS,
  type BreakdownPart,
  barScale,
  fetchBoard,
  fetchBoardJob,
  filterOf,
  isOwnWorker,
  OFFER_STATES,
  type OfferState,
  type PersonRef,
  points,
  reofferJob,
  sortBuddyRequests,
  sortOffers,
  TRANSITION_BY,
  type Transition,
  type TransitionBy,
} from '../board';
import { categoryName, useCategories } from '../categories';
import { type Fact, Facts } from '../components/Facts';
import { Icon, type IconName, isIconName } from '../components/Icon';
import { NeverAgain } from '../components/NeverAgain';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { formatDateTime, formatDay, formatNumber, formatTime } from '../format';
import { messageOf } from '../forms/form';
import type { Lang, PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { BUDDY_POLICIES, JOB_STATES, type JobState, neverAgain } from '../jobs';
import { useLoad } from '../load';
import { useNews } from '../live';
import { DECLINE_REASONS } from '../offers';
import { Link, useRouter } from '../router';
import type { User } from '../types';
import { JobStateBadge } from './job-parts';

// ---- shared pieces ----

const FILTER_LOOK: Record<BoardFilter, { label: PlainKey; empty: PlainKey; icon: IconName }> = {
  attention: { label: 'board.filter.attention', empty: 'board.empty.attention', icon: 'alert' },
  open: { label: 'board.filter.open', empty: 'board.empty.open', icon: 'search' },
  all: { label: 'board.filter.all', empty: 'board.empty.all', icon: 'calendar' },
};

function findCategory(categories: readonly Category[], slug: string): Category | undefined {
  return categories.find((c) => c.slug === slug);
}

function useCategory(slug: string | undefined) {
  const { lang } = useI18n();
  const categories = useCategories();
  const c = slug && categories.status === 'ready' ? findCategory(categories.categories, slug) : undefined;
  return { name: c ? categoryName(c, lang) : (slug ?? ''), icon: c && isIconName(c.icon) ? c.icon : ('generic' as IconName) };
}

/** "wo 2 december · 09:00–11:00" */
function whenText(job: Pick<BoardJob, 'start' | 'end'>, lang: Lang, style: 'short' | 'long' = 'short'): string {
  const start = new Date(job.start);
  const end = new Date(job.end);
  if (Number.isNaN(start.getTime())) return '';
  const until = Number.isNaN(end.getTime()) ? '' : `–${formatTime(end, lang)}`;
  return `${formatDay(start, lang, style)} · ${formatTime(start, lang)}${until}`;
}

/** "1 aanbod loopt" or "3 aanbiedingen lopen": the number in the page language. */
function count(n: number, one: PlainKey, many: (n: string) => string, lang: Lang, t: Translate): string {
  return n === 1 ? t(one) : many(formatNumber(n, lang));
}

function placesText(job: BoardJob, lang: Lang, t: Translate): string {
  return t('board.places', { booked: formatNumber(job.booked, lang), needed: formatNumber(job.workers_needed, lang) });
}

const REASON_ICON: Record<AttentionReason, IconName> = { unfilled: 'search', buddy: 'buddies', soon: 'clock' };

function reasonText(reason: AttentionReason, job: BoardJob, lang: Lang, t: Translate): string {
  switch (reason) {
    case 'unfilled':
      return t('board.reason.unfilled');
    case 'buddy':
      return count(job.awaiting_buddy, 'board.reason.buddyOne', (n) => t('board.reason.buddyMany', { n }), lang, t);
    case 'soon':
      return t('board.reason.soon');
  }
}

/** What needs the coordinator, each reason in words beside its own icon (never colour alone). */
function AttentionNote({ job, testid }: { job: BoardJob; testid: string }) {
  const { t, lang } = useI18n();
  const reasons = attentionReasons(job);
  if (reasons.length === 0) return null;
  return (
    <div class="attention attention--list" data-testid={testid}>
      <p class="attention__title">
        <Icon name="alert" />
        <strong>{t('board.attention')}</strong>
      </p>{' '}
      <ul class="attention__reasons">
        {reasons.map((r, i) => (
          <li key={r} class="attention__reason" data-testid="attention-reason" data-reason={r}>
            <Icon name={REASON_ICON[r]} />
            <span>{(i > 0 ? ' ' : '') + reasonText(r, job, lang, t)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---- /coach/jobs ----

export function BoardScreen({ user }: { user: User }) {
  const { t } = useI18n();
  const { query } = useRouter();
  const filter = filterOf(query.get('filter'));
  const { state, reload, set } = useLoad((signal) => fetchBoard(filter, signal), [filter]);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshFailed, setRefreshFailed] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const quiet = useRef<AbortController | null>(null);
  const ready = state.status === 'ready';
  const failed = state.status === 'error';

  // Another filter is another list: an answer for the old one must not land on it.
  useEffect(() => {
    setRefreshFailed(null);
    setSaid('');
    return () => {
      quiet.current?.abort();
      quiet.current = null;
      setRefreshing(false);
    };
  }, [filter]);

  /** Loads the list again without a spinner: the cards (and the scroll position) stay until
   * the new list is there. Pressed by hand, it says when it is done or why it failed. */
  const refresh = useCallback(
    (byHand: boolean) => {
      if (!ready) {
        // Nothing on screen to keep: the first load is still busy, or it failed.
        if (failed) reload();
        return;
      }
      quiet.current?.abort();
      const abort = new AbortController();
      quiet.current = abort;
      if (byHand) {
        setRefreshing(true);
        setRefreshFailed(null);
        setSaid('');
      }
      fetchBoard(filter, abort.signal).then(
        (jobs) => {
          if (abort.signal.aborted) return;
          set(jobs);
          setRefreshFailed(null);
          if (byHand) setSaid(t('board.refreshed'));
        },
        (err: unknown) => {
          if (abort.signal.aborted) return;
          if (byHand) setRefreshFailed(messageOf(err, t));
        },
      ).finally(() => {
        if (quiet.current === abort) {
          quiet.current = null;
          setRefreshing(false);
        }
      });
    },
    [ready, failed, filter, reload, set, t],
  );

  useNews(user.id, () => refresh(false));

  return (
    <Page title={t('board.title')} intro={t('board.intro')} testid="coach-board">
      <nav class="tabs tabs--three" aria-label={t('board.filter')} data-testid="board-filter">
        {BOARD_FILTERS.map((f) => (
          <Link
            key={f}
            class="tabs__tab"
            href={`/coach/jobs?filter=${f}`}
            aria-current={filter === f ? 'page' : undefined}
            data-testid={`board-filter-${f}`}
          >
            <Icon name={FILTER_LOOK[f].icon} />
            {t(FILTER_LOOK[f].label)}
          </Link>
        ))}
      </nav>
      <div class="board-bar">
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            if (!refreshing) refresh(true);
          }}
          aria-disabled={refreshing ? true : undefined}
          data-testid="board-refresh"
        >
          <Icon name="refresh" />
          {t('board.refresh')}
        </button>
        <p class="visually-hidden" role="status" data-testid="board-refreshed">
          {said}
        </p>
      </div>
      {refreshFailed && state.status === 'ready' && (
        <div class="notice notice--error page-note" role="alert" data-testid="board-refresh-error">
          <p class="notice__text">
            <Icon name="alert" />
            <span>{refreshFailed}</span>
          </p>
        </div>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && state.data.length === 0 && (
        <Empty icon={filter === 'attention' ? 'check' : 'inbox'} testid="board-empty">
          {t(FILTER_LOOK[filter].empty)}
        </Empty>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul class="board" data-testid="board-list">
          {state.data.map((j) => (
            <BoardCard key={j.id} job={j} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function BoardCard({ job }: { job: BoardJob }) {
  const { t, lang } = useI18n();
  const { name, icon } = useCategory(job.category);
  const attention = attentionReasons(job).length > 0;
  const when = whenText(job, lang);
  return (
    <li
      class={attention ? 'board-card board-card--attention' : 'board-card'}
      data-testid="board-job"
      data-job-id={job.id}
      data-attention={attention ? 'true' : 'false'}
    >
      <div class="board-card__head">
        <span class="list__icon list__icon--accent">
          <Icon name={icon} />
        </span>
        <Link class="list__link board-card__link" href={`/coach/jobs/${job.id}`}>
          {name}
          <span class="visually-hidden">{`, ${when}, ${job.municipality}`}</span>
        </Link>
      </div>
      <AttentionNote job={job} testid="board-attention" />
      <p class="job-line" aria-hidden="true">
        <Icon name="calendar" />
        <span>{when}</span>
      </p>
      <p class="job-line" aria-hidden="true">
        <Icon name="pin" />
        <span>{job.municipality}</span>
      </p>
      <JobStateBadge state={job.state} />
      <ul class="board-card__counts">
        <li class="job-line job-line--strong" data-testid="board-places">
          <Icon name="buddies" />
          <span>{placesText(job, lang, t)}</span>
        </li>
        <li class={job.awaiting_buddy > 0 ? 'job-line job-line--strong' : 'job-line'} data-testid="board-awaiting">
          <Icon name="user" />
          <span>{count(job.awaiting_buddy, 'board.awaitingOne', (n) => t('board.awaitingMany', { n }), lang, t)}</span>
        </li>
        <li class="job-line" data-testid="board-pending">
          <Icon name="hourglass" />
          <span>{count(job.offers_pending, 'board.pendingOne', (n) => t('board.pendingMany', { n }), lang, t)}</span>
        </li>
        <li class="job-line" data-testid="board-declines">
          <Icon name="ban" />
          <span>{count(job.declines, 'board.declinesOne', (n) => t('board.declinesMany', { n }), lang, t)}</span>
        </li>
      </ul>
    </li>
  );
}

// ---- /coach/jobs/:id ----

type Outcome = { ok: true } | { ok: false; message: string };

export function CoachJobScreen({ id, userId }: { id: number; userId: number }) {
  const { t, lang } = useI18n();
  const { state, reload, set, refresh } = useLoad((signal) => fetchBoardJob(id, signal), [id]);
  // Offers are answered and waves go out while the coach looks: follow them live.
  useNews(userId, refresh);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The people blocked from this job's poster on this visit: the same person can be in the
  // offers, the buddy requests and the places, and every one of those lines says it is done.
  const [blocked, setBlocked] = useState<ReadonlySet<number>>(() => new Set());
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const detail = state.status === 'ready' ? state.data : null;
  const { name, icon } = useCategory(detail?.job.category);

  // The button goes away with the state it belonged to: focus goes to what happened.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const back = { href: '/coach/jobs', label: t('coachJob.back') };
  if (state.status === 'error' && state.error instanceof ApiError && state.error.status === 404) {
    return (
      <Page title={t('coachJob.notFoundTitle')} intro={t('coachJob.notFoundText')} back={back} testid="coach-job-not-found" />
    );
  }
  if (!detail) {
    return (
      <Page title={t('coachJob.title')} back={back}>
        {state.status === 'error' ? <LoadFailed message={messageOf(state.error, t)} onRetry={reload} /> : <Loading />}
      </Page>
    );
  }

  const job = detail.job;
  const rows: Fact[] = [
    { icon: 'calendar', label: t('job.when'), value: whenText(job, lang, 'long') },
    { icon: 'pin', label: t('job.where'), value: job.municipality },
    { icon: 'buddies', label: t('coachJob.places'), value: placesText(job, lang, t) },
    {
      icon: 'user',
      label: t('coachJob.awaitingBuddy'),
      value: formatNumber(job.awaiting_buddy, lang),
    },
    { icon: 'hourglass', label: t('coachJob.pending'), value: formatNumber(job.offers_pending, lang) },
    { icon: 'ban', label: t('coachJob.declines'), value: formatNumber(job.declines, lang) },
    { icon: 'star', label: t('job.level'), value: t(`jobs.level${Math.min(3, Math.max(1, job.level)) as 1 | 2 | 3}` as const) },
    {
      icon: 'user',
      label: t('job.buddy'),
      value: (BUDDY_POLICIES as readonly string[]).includes(job.buddy) ? t(`jobs.buddy.${job.buddy}` as const) : job.buddy,
    },
  ];
  if (detail.description) rows.push({ icon: 'note', label: t('job.description'), value: detail.description, long: true });

  const reoffer = async () => {
    setOutcome(null);
    try {
      const updated = await reofferJob(job.id);
      set({ ...detail, job: { ...job, ...updated } });
      setOutcome({ ok: true });
    } catch (err) {
      setOutcome({
        ok: false,
        message: err instanceof ApiError && err.status === 409 ? t('coachJob.reofferClosed') : messageOf(err, t),
      });
    }
    // Then the whole job again: new offers, a new line in the history, or why it was closed.
    try {
      set(await fetchBoardJob(job.id));
    } catch {
      /* what we have stays on screen; the message above says what happened */
    }
  };

  const block: Block = { jobId: job.id, blocked, onBlocked: (person) => setBlocked((b) => new Set(b).add(person)) };

  return (
    <Page title={name} back={back} testid="coach-job">
      <div class="job-head">
        <span class="job-head__icon">
          <Icon name={icon} />
        </span>
        <JobStateBadge state={job.state} />
      </div>
      <AttentionNote job={job} testid="coach-attention" />
      {outcome?.ok && (
        <p class="notice notice--ok page-note" role="status" tabIndex={-1} ref={outcomeRef} data-testid="coach-reoffered">
          <Icon name="check" />
          {t('coachJob.reoffered')}
        </p>
      )}
      {outcome && !outcome.ok && (
        <div class="notice notice--error page-note" role="alert" data-testid="coach-reoffer-error">
          <p class="notice__text" tabIndex={-1} ref={outcomeRef}>
            <Icon name="alert" />
            <span>{outcome.message}</span>
          </p>
        </div>
      )}
      {job.state === 'unfilled' && <Reoffer onReoffer={reoffer} />}
      <section class="card" aria-label={name}>
        <Facts rows={rows} />
      </section>
      <Offers offers={detail.offers} block={block} />
      <BuddyRequests requests={detail.buddy_requests} block={block} />
      <Assignments assignments={detail.assignments} block={block} />
      <History transitions={detail.transitions} />
    </Page>
  );
}

function Reoffer({ onReoffer }: { onReoffer: () => Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onReoffer();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="section card reoffer" aria-labelledby="reoffer-title">
      <h2 id="reoffer-title" class="card__title">
        {t('coachJob.reofferTitle')}
      </h2>
      <p class="card__text">{t('coachJob.reofferText')}</p>
      <button
        type="button"
        class="button button--accent button--wide"
        data-testid="coach-reoffer"
        aria-disabled={busy ? true : undefined}
        onClick={() => void go()}
      >
        {busy ? <span class="spinner" aria-hidden="true" /> : <Icon name="refresh" />}
        {busy ? t('form.busy') : t('coachJob.reoffer')}
      </button>
    </section>
  );
}

/** A name that opens the person (own organisation) or "iemand van Werkplaats X". */
function WorkerName({ worker, testid = 'worker' }: { worker: BoardWorker | PersonRef; testid?: string }) {
  const { t } = useI18n();
  const org = worker.organisation;
  const someone = org ? t('coachJob.someoneOf', { organisation: org }) : t('coachJob.someone');
  if (isOwnWorker(worker)) {
    return (
      <Link class="person-link" href={`/coach/people/${worker.id}`} data-testid={`${testid}-link`}>
        <Icon name="user" />
        {worker.name || someone}
      </Link>
    );
  }
  return (
    <span class="person-other" data-testid={`${testid}-other`}>
      <Icon name="building" />
      {someone}
    </span>
  );
}

/** What "Niet meer bij deze klant" needs on the coach's job page. */
type Block = { jobId: number; blocked: ReadonlySet<number>; onBlocked: (personId: number) => void };

/** "Niet meer bij deze klant" for one of the coordinator's own people (with an id); nothing for
 * others (the server would answer 404). */
function CoachNeverAgain({ person, block }: { person: PersonRef; block: Block }) {
  const { t } = useI18n();
  if (!isOwnWorker(person)) return null;
  const id = person.id;
  const name = person.name || t('coachJob.someoneOf', { organisation: person.organisation });
  return (
    <NeverAgain
      testid="coach-never-again"
      label={t('neverAgain.coach.button')}
      forReaders={name}
      question={t('neverAgain.coach.question', { name })}
      yes={t('neverAgain.coach.yes')}
      no={t('neverAgain.no')}
      doneText={t('neverAgain.coach.done', { name })}
      alreadyDone={block.blocked.has(id)}
      notFound={t('neverAgain.coach.notFound', { name })}
      run={() => neverAgain(block.jobId, { person_id: id })}
      onDone={() => block.onBlocked(id)}
    />
  );
}

const OFFER_LOOK: Record<OfferState, { icon: IconName; tone: 'new' | 'wait' | 'ok' | 'busy' | 'stop' | 'gone' }> = {
  pending: { icon: 'hourglass', tone: 'wait' },
  accepted: { icon: 'check', tone: 'ok' },
  declined: { icon: 'ban', tone: 'stop' },
  expired: { icon: 'clock', tone: 'gone' },
  taken: { icon: 'buddies', tone: 'gone' },
  withdrawn: { icon: 'close', tone: 'gone' },
};

/** The state of an offer, or of a request to a buddy (`testid` "request-state"): for a buddy,
 * "taken" means another buddy goes along. */
function OfferStateBadge({ state, testid = 'offer-state' }: { state: OfferState; testid?: 'offer-state' | 'request-state' }) {
  const { t } = useI18n();
  const known = (OFFER_STATES as readonly string[]).includes(state);
  const look = known ? OFFER_LOOK[state] : { icon: 'note' as IconName, tone: 'new' as const };
  const text = !known ? state : testid === 'request-state' && state === 'taken' ? t('coachJob.requestState.taken') : t(`coachJob.offerState.${state}` as const);
  return (
    <span class={`badge badge--job badge--${look.tone}`} data-testid={testid} data-state={state}>
      <Icon name={look.icon} />
      {text}
    </span>
  );
}

function Offers({ offers, block }: { offers: BoardOffer[]; block: Block }) {
  const { t, lang } = useI18n();
  const sorted = sortOffers(offers);
  const scale = barScale(sorted.map((o) => o.breakdown));
  const waves = [...new Set(sorted.map((o) => o.wave))];
  return (
    <section class="section" aria-labelledby="offers-title">
      <h2 id="offers-title">{t('coachJob.offers')}</h2>
      <p class="section__intro">{t('coachJob.offersIntro')}</p>
      {sorted.length === 0 ? (
        <Empty icon="inbox" testid="coach-no-offers">
          {t('coachJob.noOffers')}
        </Empty>
      ) : (
        waves.map((w) => (
          <div key={w} class="wave" data-testid="coach-wave" data-wave={w}>
            <h3 class="wave__title">{t('coachJob.wave', { n: formatNumber(w, lang) })}</h3>
            <ul class="offer-cards">
              {sorted
                .filter((o) => o.wave === w)
                .map((o) => (
                  <OfferCard key={o.id} offer={o} scale={scale} block={block} />
                ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

function minutesText(n: number, lang: Lang, t: Translate): string {
  const rounded = Math.round(n);
  return rounded === 1 ? t('coachJob.minuteOne') : t('coachJob.minutesMany', { n: formatNumber(rounded, lang) });
}

/** Why someone said no, in words; null when they did not say. */
function declineText(reason: string | null | undefined, t: Translate): string | null {
  if (!reason) return null;
  return (DECLINE_REASONS as readonly string[]).includes(reason) ? t(`offers.reason.${reason as (typeof DECLINE_REASONS)[number]}` as const) : reason;
}

/** "Gevraagd: … · Antwoord: …" */
function AskedLine({ created, answered }: { created: string; answered: string | null | undefined }) {
  const { t, lang } = useI18n();
  return (
    <p class="job-line">
      <Icon name="clock" />
      <span>
        {t('coachJob.asked', { when: formatDateTime(created, lang) })}
        {answered ? ` · ${t('coachJob.answered', { when: formatDateTime(answered, lang) })}` : ''}
      </span>
    </p>
  );
}

function OfferCard({ offer: o, scale, block }: { offer: BoardOffer; scale: number; block: Block }) {
  const { t, lang } = useI18n();
  const reason = declineText(o.decline_reason, t);
  return (
    <li class="offer-card" data-testid="coach-offer" data-offer-id={o.id} data-wave={o.wave} data-state={o.state}>
      <div class="offer-card__head">
        <p class="offer-card__who">
          <WorkerName worker={o.worker} />
        </p>
        <OfferStateBadge state={o.state} />
      </div>
      {o.state === 'declined' && (
        <p class="job-line job-line--strong" data-testid="offer-reason">
          <Icon name="note" />
          <span>{t('coachJob.reason', { reason: reason ?? t('coachJob.noReason') })}</span>
        </p>
      )}
      <p class="job-line" data-testid="offer-travel">
        <Icon name="route" />
        <span>{t('coachJob.travel', { time: minutesText(o.travel_minutes, lang, t) })}</span>
      </p>
      {o.needs_buddy && (
        <p class="job-line">
          <Icon name="buddies" />
          <span>{t('coachJob.needsBuddy')}</span>
        </p>
      )}
      <AskedLine created={o.created_at} answered={o.answered_at} />
      <ScoreBreakdown offer={o} scale={scale} />
      <CoachNeverAgain person={o.worker} block={block} />
    </li>
  );
}

/** "Gevraagde buddy's": every request to a buddy for this job's places, by wave, like the offers. */
function BuddyRequests({ requests, block }: { requests: BoardBuddyRequest[]; block: Block }) {
  const { t, lang } = useI18n();
  const sorted = sortBuddyRequests(requests);
  const waves = [...new Set(sorted.map((r) => r.wave))];
  return (
    <section class="section" aria-labelledby="buddy-requests-title" data-testid="coach-buddy-requests">
      <h2 id="buddy-requests-title">{t('coachJob.buddyRequests')}</h2>
      {sorted.length === 0 ? (
        <Empty icon="buddies" testid="coach-no-buddy-requests">
          {t('coachJob.noBuddyRequests')}
        </Empty>
      ) : (
        <>
          <p class="section__intro">{t('coachJob.buddyRequestsIntro')}</p>
          {waves.map((w) => (
            <div key={w} class="wave" data-testid="coach-request-wave" data-wave={w}>
              <h3 class="wave__title">{t('coachJob.wave', { n: formatNumber(w, lang) })}</h3>
              <ul class="offer-cards">
                {sorted
                  .filter((r) => r.wave === w)
                  .map((r) => (
                    <BuddyRequestCard key={r.id} request={r} block={block} />
                  ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function BuddyRequestCard({ request: r, block }: { request: BoardBuddyRequest; block: Block }) {
  const { t, lang } = useI18n();
  const reason = declineText(r.decline_reason, t);
  return (
    <li class="offer-card" data-testid="coach-buddy-request" data-request-id={r.id} data-wave={r.wave} data-state={r.state}>
      <div class="offer-card__head">
        <p class="offer-card__who">
          <WorkerName worker={r.buddy} testid="request-buddy" />
        </p>
        <OfferStateBadge state={r.state} testid="request-state" />
      </div>
      {r.state === 'declined' && (
        <p class="job-line job-line--strong" data-testid="request-reason">
          <Icon name="note" />
          <span>{t('coachJob.reason', { reason: reason ?? t('coachJob.noReason') })}</span>
        </p>
      )}
      <p class="job-line" data-testid="request-travel">
        <Icon name="route" />
        <span>{t('coachJob.travel', { time: minutesText(r.travel_minutes, lang, t) })}</span>
      </p>
      <AskedLine created={r.created_at} answered={r.answered_at} />
      <CoachNeverAgain person={r.buddy} block={block} />
    </li>
  );
}

const PART_LABEL: Record<BreakdownPart, PlainKey> = {
  travel: 'coachJob.part.travel',
  skill: 'coachJob.part.skill',
  fairness: 'coachJob.part.fairness',
  reliability: 'coachJob.part.reliability',
  familiarity: 'coachJob.part.familiarity',
  buddy_travel: 'coachJob.part.buddy_travel',
};

/** The fact behind a part, in words ("12,5 minuten onderweg", "niveau 2, nagekeken"). */
function partFact(part: BreakdownPart, b: Breakdown, o: BoardOffer, lang: Lang, t: Translate): string {
  switch (part) {
    case 'travel': {
      const m = b.travel_minutes ?? o.travel_minutes;
      return Number.isFinite(m) ? t('coachJob.fact.minutes', { n: formatNumber(m, lang) }) : '';
    }
    case 'skill':
      if (b.level === undefined) return '';
      return b.verified
        ? t('coachJob.fact.levelVerified', { level: formatNumber(b.level, lang) })
        : t('coachJob.fact.levelNotVerified', { level: formatNumber(b.level, lang) });
    case 'fairness':
      return b.hours_last_30_days === undefined ? '' : t('coachJob.fact.hours', { n: formatNumber(b.hours_last_30_days, lang) });
    case 'reliability':
      return '';
    case 'familiarity':
      if (b.jobs_for_poster === undefined) return '';
      return b.jobs_for_poster === 1
        ? t('coachJob.fact.posterJobsOne')
        : t('coachJob.fact.posterJobsMany', { n: formatNumber(b.jobs_for_poster, lang) });
    case 'buddy_travel':
      if (!o.needs_buddy) return t('coachJob.fact.noBuddy');
      return b.buddy_travel_minutes !== undefined
        ? t('coachJob.fact.buddyMinutes', { n: formatNumber(b.buddy_travel_minutes, lang) })
        : t('coachJob.needsBuddy');
  }
}

/** Why this person: each part of the score as points with a bar, and the fact behind it. */
function ScoreBreakdown({ offer: o, scale }: { offer: BoardOffer; scale: number }) {
  const { t, lang } = useI18n();
  const b = o.breakdown;
  const total = formatNumber(points(o.score), lang);
  if (!b) {
    return (
      <p class="job-line" data-testid="coach-breakdown">
        <Icon name="star" />
        <span>
          {t('coachJob.score', { n: total })} {t('coachJob.noBreakdown')}
        </span>
      </p>
    );
  }
  return (
    <table class="breakdown" data-testid="coach-breakdown">
      <caption class="breakdown__caption">
        <Icon name="star" />
        <span>
          {t('coachJob.why')} {t('coachJob.score', { n: total })}
        </span>
      </caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{t('coachJob.partHeader')}</th>
          <th scope="col">{t('coachJob.pointsHeader')}</th>
        </tr>
      </thead>
      <tbody>
        {BREAKDOWN_PARTS.map((p) => {
          const value = Number.isFinite(b[p]) ? (b[p] ?? 0) : 0;
          const width = Math.max(0, Math.min(100, (value / scale) * 100));
          const fact = partFact(p, b, o, lang, t);
          return (
            <tr key={p} data-part={p}>
              <th scope="row" class="breakdown__part">
                <span class="breakdown__name">{t(PART_LABEL[p])}</span>
                {fact && <span class="breakdown__fact">{fact}</span>}
              </th>
              <td class="breakdown__value">
                <span class="breakdown__bar" aria-hidden="true">
                  <span class="breakdown__fill" style={{ width: `${width.toFixed(0)}%` }} />
                </span>
                <span class="breakdown__points" data-testid="breakdown-points">
                  {formatNumber(points(value), lang)}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Assignments({ assignments, block }: { assignments: BoardAssignment[]; block: Block }) {
  const { t } = useI18n();
  const sorted = [...assignments].sort((a, b) => a.place - b.place);
  return (
    <section class="section" aria-labelledby="assignments-title">
      <h2 id="assignments-title">{t('coachJob.assignments')}</h2>
      {sorted.length === 0 ? (
        <Empty icon="buddies" testid="coach-no-assignments">
          {t('coachJob.noAssignments')}
        </Empty>
      ) : (
        <ul class="list">
          {sorted.map((a) => (
            <li key={a.place} class="list__item" data-testid="coach-assignment" data-place={a.place}>
              <span class="list__icon">
                <Icon name="hardhat" />
              </span>
              <div class="list__body">
                <p class="list__title">{t('coachJob.place', { n: a.place })}</p>
                <p class="offer-card__who">
                  <WorkerName worker={a.worker} />
                </p>
                <BuddyLine buddy={a.buddy} />
                <CoachNeverAgain person={a.worker} block={block} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The buddy of a place: once confirmed, named like the workers are (a link to someone of
 * the coordinator's own organisation, else "iemand van …"). */
function BuddyLine({ buddy }: { buddy: BoardAssignmentBuddy | undefined }) {
  const { t } = useI18n();
  const state = buddy?.state ?? 'none';
  const person = state === 'confirmed' ? buddy?.person : undefined;
  if (person) {
    return (
      <p class="job-line buddy-person" data-testid="assignment-buddy" data-state={state}>
        <Icon name="buddies" />
        <span>{t('coachJob.buddy.label')}</span> <WorkerName worker={person} testid="buddy" />
      </p>
    );
  }
  const text =
    state === 'confirmed' ? t('coachJob.buddy.confirmedNoName') : state === 'searching' ? t('coachJob.buddy.searching') : t('coachJob.buddy.none');
  return (
    <p class={state === 'searching' ? 'attention' : 'job-line'} data-testid="assignment-buddy" data-state={state}>
      <Icon name={state === 'searching' ? 'alert' : state === 'confirmed' ? 'check' : 'user'} />
      <span>{text}</span>
    </p>
  );
}

const BY_KEY: Record<TransitionBy, PlainKey> = {
  system: 'coachJob.by.system',
  worker: 'coachJob.by.worker',
  buddy: 'coachJob.by.buddy',
  poster: 'coachJob.by.poster',
  coordinator: 'coachJob.by.coordinator',
  admin: 'coachJob.by.admin',
};

const isTransitionBy = (by: string): by is TransitionBy => (TRANSITION_BY as readonly string[]).includes(by);

function History({ transitions }: { transitions: Transition[] }) {
  const { t, lang } = useI18n();
  const stateText = (s: JobState | null) =>
    s === null ? t('coachJob.created') : (JOB_STATES as readonly string[]).includes(s) ? t(`jobState.${s}` as const) : s;
  return (
    <section class="section" aria-labelledby="history-title">
      <h2 id="history-title">{t('coachJob.history')}</h2>
      {transitions.length === 0 ? (
        <Empty icon="clock" testid="coach-no-history">
          {t('coachJob.noHistory')}
        </Empty>
      ) : (
        <ol class="list history">
          {transitions.map((tr, i) => (
            <li key={i} class="list__item" data-testid="coach-transition">
              <span class="list__icon">
                <Icon name="chevron" />
              </span>
              <div class="list__body">
                <p class="list__title">{t('coachJob.transition', { from: stateText(tr.from), to: stateText(tr.to) })}</p>
                <p class="list__text">
                  {[formatDateTime(tr.at, lang), isTransitionBy(tr.by) ? t(BY_KEY[tr.by]) : tr.by].filter(Boolean).join(' · ')}
                </p>
                {tr.late === true && (
                  <p class="job-line job-line--strong transition-late" data-testid="transition-late">
                    <Icon name="clock" />
                    <span>{t('coachJob.late')}</span>
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
