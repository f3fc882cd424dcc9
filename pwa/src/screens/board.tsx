// The coordinator's match board, /coach/jobs: the jobs of the shared pool that need attention,
// today's, those with someone not arrived or a safety report, the open ones, or all; each with
// who is booked and whether they came. Cards on a phone; on a wide screen the same cards in
// columns by state (styles.css). Live: a `board_changed` event names a job, and the board loads
// the jobs named in a short while in one request (coalesced), never the whole list per event. A
// job's own page is coach-job.tsx.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  attentionReasons,
  BOARD_COLUMNS,
  BOARD_FILTERS,
  type BoardColumn,
  type BoardFilter,
  type BoardJob,
  type BoardPerson,
  columnOf,
  fetchBoard,
  fetchBoardJobs,
  filterOf,
  MAX_IDS,
  mergeJobs,
  type OtherOrganisation,
} from '../board';
import { Icon, type IconName } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { telLink } from '../contacts';
import { formatTime } from '../format';
import { messageOf } from '../forms/form';
import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useBoardNews, useNews } from '../live';
import { Link, useRouter } from '../router';
import type { User } from '../types';
import { JobStateBadge } from './job-parts';
import { AttentionNote, count, DayBadges, placesText, useCategory, whenText, WorkerName } from './board-parts';
import { SafetyAlerts, useSafetyAlerts } from './safety-alerts';

/** Events that come within this long are loaded together, in one request. */
export const LIVE_GATHER_MS = 400;

const FILTER_LOOK: Record<BoardFilter, { label: PlainKey; empty: PlainKey; icon: IconName }> = {
  attention: { label: 'board.filter.attention', empty: 'board.empty.attention', icon: 'alert' },
  today: { label: 'board.filter.today', empty: 'board.empty.today', icon: 'clock' },
  not_arrived: { label: 'board.filter.not_arrived', empty: 'board.empty.not_arrived', icon: 'hourglass' },
  safety: { label: 'board.filter.safety', empty: 'board.empty.safety', icon: 'shield' },
  open: { label: 'board.filter.open', empty: 'board.empty.open', icon: 'search' },
  all: { label: 'board.filter.all', empty: 'board.empty.all', icon: 'calendar' },
};

const COLUMN_LOOK: Record<BoardColumn, { label: PlainKey; icon: IconName }> = {
  fill: { label: 'board.column.fill', icon: 'search' },
  booked: { label: 'board.column.booked', icon: 'buddies' },
  running: { label: 'board.column.running', icon: 'play' },
  over: { label: 'board.column.over', icon: 'check' },
};

const ARRIVAL_ICON: Record<BoardPerson['arrival'], IconName> = {
  expected: 'clock',
  checked_in: 'check',
  late: 'hourglass',
  checked_out: 'signOut',
  not_arrived: 'alert',
  away: 'userMinus',
};

/** Gathers the jobs that `board_changed` events name and loads them in one request, a short
 * while after the first (more events meanwhile join it); one request at a time, what comes
 * during it goes in the next. */
function useLiveJobs(load: (ids: number[]) => Promise<void>) {
  const pending = useRef(new Set<number>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const busy = useRef(false);
  const latest = useRef(load);
  latest.current = load;
  const flush = useCallback(() => {
    timer.current = null;
    if (busy.current || pending.current.size === 0) return;
    const ids = [...pending.current].slice(0, MAX_IDS);
    for (const id of ids) pending.current.delete(id);
    busy.current = true;
    void latest.current(ids).finally(() => {
      busy.current = false;
      if (pending.current.size > 0 && timer.current === null) timer.current = setTimeout(flush, LIVE_GATHER_MS);
    });
  }, []);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(
    (ids: readonly number[]) => {
      for (const id of ids) pending.current.add(id);
      if (timer.current === null && !busy.current) timer.current = setTimeout(flush, LIVE_GATHER_MS);
    },
    [flush],
  );
}

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

  // Live: the jobs that changed are loaded again, together, and put in their place (or taken
  // off when they no longer match the filter). A safety report shows at once, above the list.
  const [updated, setUpdated] = useState('');
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const stateRef = useRef(state);
  stateRef.current = state;
  const take = useLiveJobs(async (ids) => {
    if (stateRef.current.status !== 'ready') return; // the list is (re)loading whole
    const shown = filter;
    try {
      const fresh = await fetchBoardJobs(shown, ids);
      const now = stateRef.current;
      if (shown !== filterRef.current || now.status !== 'ready') return;
      set(mergeJobs(now.data, ids, fresh));
      setUpdated(t('board.updated'));
    } catch {
      // The next event, the focus or "Vernieuwen" loads it again.
    }
  });
  useBoardNews(user.id, take);
  const safety = useSafetyAlerts();
  useNews(user.id, (news) => {
    safety.take(news);
    // Back into view: what happened meanwhile may be anywhere on the list. News about a job
    // (an alert) loads that job; the board events bring the rest.
    if (news.length === 0) refresh(false);
    else take(news.map((n) => n.data?.job_id).filter((id): id is number => typeof id === 'number' && Number.isSafeInteger(id) && id > 0));
  });

  return (
    <Page title={t('board.title')} intro={t('board.intro')} testid="coach-board">
      <SafetyAlerts alerts={safety.alerts} jobs={state.status === 'ready' ? state.data : []} onDismiss={safety.dismiss} />
      <nav class="tabs tabs--board" aria-label={t('board.filter')} data-testid="board-filter">
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
        <Link class="button button--secondary" href="/coach/hours" data-testid="board-hours">
          <Icon name="clock" />
          {t('coachHours.title')}
        </Link>
        <Link class="button button--secondary" href="/coach/safety" data-testid="board-safety">
          <Icon name="shield" />
          {t('safety.title')}
        </Link>
        <p class="visually-hidden" role="status" data-testid="board-refreshed">
          {said}
        </p>
        <p class="visually-hidden" aria-live="polite" data-testid="board-updated">
          {updated}
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
        <div class="board-wide">
          {/* Column headings of the wide layout: each card also says its state in words. */}
          <div class="board-columns" aria-hidden="true">
            {BOARD_COLUMNS.map((c) => (
              <p key={c} class="board-columns__head">
                <Icon name={COLUMN_LOOK[c].icon} />
                <span>{t(COLUMN_LOOK[c].label)}</span>
                <span class="board-columns__count">{state.data.filter((j) => columnOf(j) === c).length}</span>
              </p>
            ))}
          </div>
          <ul class="board" data-testid="board-list">
            {state.data.map((j) => (
              <BoardCard key={j.id} job={j} />
            ))}
          </ul>
        </div>
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
      class={`board-card board-card--${columnOf(job)}${attention ? ' board-card--attention' : ''}`}
      data-testid="board-job"
      data-job-id={job.id}
      data-column={columnOf(job)}
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
      <DayBadges job={job} />
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
      {job.people && <BoardPeople people={job.people} />}
      {job.other_organisations && job.other_organisations.length > 0 && <OtherOrganisations others={job.other_organisations} />}
    </li>
  );
}

/** Who is booked, each worker on their place with the buddy who goes along, and whether they
 * came: by name for the coordinator's own people, otherwise "iemand van <organisatie>". */
function BoardPeople({ people }: { people: readonly BoardPerson[] }) {
  const { t, lang } = useI18n();
  return (
    <div class="board-people" data-testid="board-people">
      <p class="board-people__title">{t('board.people')}</p>
      {people.length === 0 ? (
        <p class="job-line" data-testid="board-nobody">
          <Icon name="user" />
          <span>{t('board.nobody')}</span>
        </p>
      ) : (
        <ul class="board-people__list">
          {people.map((p) => {
            const at = p.checked_in_at ? formatTime(new Date(p.checked_in_at), lang) : '';
            const said =
              p.arrival === 'checked_in' || p.arrival === 'late'
                ? t(`board.arrival.${p.arrival}`, { time: at })
                : t(`board.arrival.${p.arrival}` as PlainKey);
            return (
              <li
                key={`${p.place}-${p.role}`}
                class={`board-person${p.role === 'buddy' ? ' board-person--buddy' : ''}`}
                data-testid="board-person"
                data-arrival={p.arrival}
                data-role={p.role}
              >
                <WorkerName worker={p.person} testid="board-person" />
                {p.role === 'buddy' && <span class="board-person__role">{`(${t('board.role.buddy')})`}</span>}
                <span
                  class={`board-person__arrival board-person__arrival--${p.arrival === 'not_arrived' || p.arrival === 'late' ? 'bad' : 'ok'}`}
                  data-testid="board-arrival"
                >
                  <Icon name={ARRIVAL_ICON[p.arrival]} />
                  {said}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The other organisations on the job and whom to call there. */
function OtherOrganisations({ others }: { others: readonly OtherOrganisation[] }) {
  const { t } = useI18n();
  return (
    <ul class="board-others" data-testid="board-others">
      {others.map((o) => (
        <li key={o.id} class="board-others__org" data-testid="board-other">
          <p class="job-line">
            <Icon name="building" />
            <span>{t('board.callOrg', { organisation: o.name })}</span>
          </p>
          {o.coordinators.length === 0 ? (
            <p class="job-line">{t('board.callNobody', { organisation: o.name })}</p>
          ) : (
            o.coordinators.map((c) => (
              <a key={c.phone} class="button button--secondary board-others__call" href={telLink(c.phone)} data-testid="board-call">
                <Icon name="phone" />
                {`${t('contact.call')} ${c.first_name} (${c.phone})`}
              </a>
            ))
          )}
        </li>
      ))}
    </ul>
  );
}

