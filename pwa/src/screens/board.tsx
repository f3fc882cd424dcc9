// The coordinator's match board, /coach/jobs: the jobs of the shared pool that need attention,
// are open, or all, as cards. A job's own page is coach-job.tsx.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { attentionReasons, BOARD_FILTERS, type BoardFilter, type BoardJob, fetchBoard, filterOf } from '../board';
import { Icon, type IconName } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { messageOf } from '../forms/form';
import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useNews } from '../live';
import { Link, useRouter } from '../router';
import type { User } from '../types';
import { JobStateBadge } from './job-parts';
import { AttentionNote, count, DayBadges, placesText, useCategory, whenText } from './board-parts';
import { SafetyAlerts, useSafetyAlerts } from './safety-alerts';

const FILTER_LOOK: Record<BoardFilter, { label: PlainKey; empty: PlainKey; icon: IconName }> = {
  attention: { label: 'board.filter.attention', empty: 'board.empty.attention', icon: 'alert' },
  open: { label: 'board.filter.open', empty: 'board.empty.open', icon: 'search' },
  all: { label: 'board.filter.all', empty: 'board.empty.all', icon: 'calendar' },
};

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

  // A safety report shows at once, above the list; the list itself reloads quietly (its
  // counts and badges change with it).
  const safety = useSafetyAlerts();
  useNews(user.id, (news) => {
    safety.take(news);
    refresh(false);
  });

  return (
    <Page title={t('board.title')} intro={t('board.intro')} testid="coach-board">
      <SafetyAlerts alerts={safety.alerts} jobs={state.status === 'ready' ? state.data : []} onDismiss={safety.dismiss} />
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
    </li>
  );
}

