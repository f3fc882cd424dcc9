// The worker's home, its two lists: "Nieuwe klussen voor jou" (offers, each with a countdown,
// "Ja, ik doe het" and "Nee") and "Mijn klussen" (the jobs they are booked on, with the exact
// address and a route link). Both reload when news.ts says something new arrived.
import type { ComponentChildren, Ref } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Category } from '../api';
import { categoryName, useCategories } from '../categories';
import { Icon, type IconName, isIconName } from '../components/Icon';
import { Empty, LoadFailed, Loading } from '../components/Page';
import { formatDay, formatTime, formatUnitPrice } from '../format';
import { messageOf } from '../forms/form';
import type { Lang, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { useNews } from '../news';
import {
  acceptOffer,
  addAssignment,
  type Assignment,
  conflictKind,
  countdownText,
  DECLINE_REASONS,
  type DeclineReason,
  declineOffer,
  fetchAssignments,
  fetchOffers,
  HURRY_MS,
  isOpen,
  type Offer,
  remainingMs,
  routeUrl,
} from '../offers';
import type { Profile, TravelMode, User } from '../types';

// ---- small shared pieces ----

const TRAVEL_ICON: Record<TravelMode, IconName> = {
  walk: 'walk',
  bike: 'bike',
  ebike: 'ebike',
  public_transport: 'bus',
  car: 'car',
};
const isTravelMode = (v: unknown): v is TravelMode => typeof v === 'string' && Object.hasOwn(TRAVEL_ICON, v);

const REASON_ICON: Record<DeclineReason, IconName> = {
  too_far: 'pin',
  not_available: 'calendar',
  not_this_work: 'ban',
  other: 'note',
};

function categoryIcon(c: Category | undefined): IconName {
  return c && isIconName(c.icon) ? c.icon : 'generic';
}

const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** "Vandaag", "Morgen" or "wo 2 december". */
function dayText(d: Date, lang: Lang, t: Translate, now: number): string {
  const days = Math.round((dayStart(d) - dayStart(new Date(now))) / 86_400_000);
  if (days === 0) return t('offers.today');
  if (days === 1) return t('offers.tomorrow');
  return formatDay(d, lang);
}

/** "Morgen · 09:00–11:00" */
function whenText(start: string, end: string, lang: Lang, t: Translate, now: number): string {
  const s = new Date(start);
  const e = new Date(end);
  return `${dayText(s, lang, t, now)} · ${formatTime(s, lang)}–${formatTime(e, lang)}`;
}

/** The clock, ticking every second while there is something to count down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

type Live<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

/** Loads once with a spinner; later refreshes keep the list on screen (and keep it when a
 * refresh fails: the next one will do). */
function useLive<T>(load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<Live<T>>({ status: 'loading' });
  const current = useRef<AbortController | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback((spinner = false) => {
    current.current?.abort();
    const abort = new AbortController();
    current.current = abort;
    if (spinner) setState({ status: 'loading' });
    loadRef.current(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState((s) => (s.status === 'ready' ? s : { status: 'error', error }));
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    return () => current.current?.abort();
  }, [refresh]);

  const set = useCallback((update: (data: T) => T) => setState((s) => (s.status === 'ready' ? { status: 'ready', data: update(s.data) } : s)), []);
  return { state, refresh, set };
}

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
  | { kind: 'conflict'; heading: string; detail: string };

export function WorkerJobs({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const offers = useLive(fetchOffers);
  const assignments = useLive(fetchAssignments);
  const categories = useCategories();
  const travelMode = useTravelMode();
  const [gone, setGone] = useState<ReadonlySet<number>>(() => new Set());
  const [result, setResult] = useState<Result | null>(null);
  const [said, setSaid] = useState('');
  const resultRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  const refreshOffers = offers.refresh;
  const refreshAssignments = assignments.refresh;
  useNews(user.id, () => {
    refreshOffers();
    refreshAssignments();
  });

  const open = offers.state.status === 'ready' ? offers.state.data.filter((o) => !gone.has(o.id)) : [];
  const now = useNow(open.length > 0);
  const shown = open.filter((o) => isOpen(o, now));
  const list = categories.status === 'ready' ? categories.categories : [];
  const find = (slug: string) => list.find((c) => c.slug === slug);

  // The card and its buttons are gone: focus goes to what happened.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const drop = (id: number) => setGone((g) => new Set(g).add(id));

  const onAccepted = (offer: Offer, assignment: Assignment) => {
    drop(offer.id);
    assignments.set((a) => addAssignment(a, assignment));
    setResult({ kind: 'accepted', assignment });
  };

  const onRefused = (offer: Offer, err: ApiError) => {
    drop(offer.id);
    const detail = err.detail || err.title;
    setResult({ kind: 'conflict', heading: t(`offers.conflict.${conflictKind(detail, err.reason)}` as const), detail });
  };

  const onDeclined = (offer: Offer) => {
    drop(offer.id);
    setResult(null);
    setSaid(t('offers.declined'));
    titleRef.current?.focus();
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
        {result?.kind === 'accepted' && (
          <ResultNotice tone="ok" icon="check" heading={t('offers.accepted')} testid="offer-accepted" innerRef={resultRef} onClose={() => setResult(null)}>
            {t('offers.acceptedText', {
              what: (() => {
                const c = find(result.assignment.job.category);
                return c ? categoryName(c, lang) : result.assignment.job.category;
              })(),
              when: whenText(result.assignment.job.start, result.assignment.job.end, lang, t, now),
            })}
          </ResultNotice>
        )}
        {result?.kind === 'conflict' && (
          <ResultNotice tone="soft" icon="hourglass" heading={result.heading} testid="offer-conflict" innerRef={resultRef} onClose={() => setResult(null)}>
            {result.detail && <span class="result__detail">{result.detail}</span>}
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
                  travelMode={isTravelMode(o.travel_mode) ? o.travel_mode : travelMode}
                  now={now}
                  onAccepted={onAccepted}
                  onRefused={onRefused}
                  onDeclined={onDeclined}
                />
              ))}
            </ul>
          ))}
      </section>

      <section class="section" aria-labelledby="assignments-title">
        <h2 id="assignments-title">{t('homes.worker.jobs')}</h2>
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
                <AssignmentCard key={a.job_id} assignment={a} category={find(a.job.category)} now={now} />
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}

function ResultNotice({
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
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const reasonsRef = useRef<HTMLDivElement>(null);
  const noRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (asking) reasonsRef.current?.focus();
    else if (opened.current) noRef.current?.focus();
    opened.current = asking;
  }, [asking]);

  const name = category ? categoryName(category, lang) : offer.category;
  const titleId = `offer-${offer.id}-title`;
  const left = remainingMs(offer, now);
  const minutes = Math.max(1, Math.round(offer.travel_minutes));

  const accept = async () => {
    if (busy) return;
    setBusy('accept');
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
    setBusy('decline');
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
      <p class={left < HURRY_MS ? 'offer__countdown offer__countdown--hurry' : 'offer__countdown'} data-testid="offer-countdown">
        <Icon name="hourglass" />
        <span>{countdownText(left, t)}</span>
      </p>
      {error && (
        <p class="field__error offer__error" role="alert">
          <Icon name="alert" />
          <span>{error}</span>
        </p>
      )}
      {!asking ? (
        <div class="button-stack">
          <button
            type="button"
            class="button button--yes button--big button--wide"
            data-testid="offer-accept"
            aria-disabled={busy ? true : undefined}
            aria-describedby={titleId}
            onClick={() => void accept()}
          >
            {busy === 'accept' ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
            {t('offers.yes')}
          </button>
          <button
            type="button"
            class="button button--neutral button--big button--wide"
            data-testid="offer-decline"
            ref={noRef}
            aria-disabled={busy ? true : undefined}
            aria-describedby={titleId}
            onClick={() => !busy && setAsking(true)}
          >
            <Icon name="close" />
            {t('offers.no')}
          </button>
        </div>
      ) : (
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
                onClick={() => void decline(r)}
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
              onClick={() => void decline(null)}
            >
              {busy === 'decline' ? <span class="spinner" aria-hidden="true" /> : <Icon name="close" />}
              {t('offers.reason.none')}
            </button>
            <button type="button" class="button button--quiet button--wide" onClick={() => !busy && setAsking(false)}>
              <Icon name="back" />
              {t('offers.back')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

// ---- one booked job ----

function AssignmentCard({ assignment, category, now }: { assignment: Assignment; category: Category | undefined; now: number }) {
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
          <span data-testid="assignment-address">{`${a.street}, ${a.postcode} ${a.municipality}`}</span>
        </li>
      </ul>
      {route && (
        <a class="button button--secondary button--wide" href={route} target="_blank" rel="noopener noreferrer" data-testid="assignment-route">
          <Icon name="route" />
          {t('assignments.route')}
          <span class="visually-hidden">{` ${t('assignments.routeHint')}`}</span>
        </a>
      )}
    </li>
  );
}
