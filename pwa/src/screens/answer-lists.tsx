// The two lists of the worker's home (offers.tsx) and the buddy's home (buddy.tsx), kept
// alike: what is open to answer (offers, buddy requests), each with a countdown, and what the
// person goes to (booked jobs, accompaniments). Both reload when news arrives (live.ts); an
// answer or a drop-out shows a notice that takes the focus.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { categoryName, useCategories } from '../categories';
import { Empty, LoadFailed, SkeletonRows, StaleNote } from '../components/Page';
import { PushAsk } from '../components/PushAsk';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useNews } from '../live';
import { useOutbox } from '../day';
import { keptState, type Load, useOnline, useStaleRetry } from '../load';
import { isOpen } from '../offers';
import { saveCached } from '../offline-cache';
import { type AnswerRole, ROLES } from './answer-roles';
import { ResultNotice } from './answer-parts';

/** The clock, ticking every second while there is something to count down. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/** `stale`: shown from the copy kept on the phone (offline-cache.ts), saved at that time. */
export type Live<T> = Load<T>;

/** Loads once with a spinner; later refreshes keep the list on screen (and keep it when a
 * refresh fails: the next one will do). With `cache` (user id and name), each good answer is
 * kept on the phone, and when the network fails the kept copy is shown, marked stale. A list in
 * error or stale loads again by itself when the connection comes back. */
export function useLive<T>(load: (signal: AbortSignal) => Promise<T>, cache?: { userId: number; name: string }) {
  const [state, setState] = useState<Live<T>>({ status: 'loading' });
  const current = useRef<AbortController | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const cacheRef = useRef(cache);
  cacheRef.current = cache;

  const refresh = useCallback((spinner = false) => {
    current.current?.abort();
    const abort = new AbortController();
    current.current = abort;
    if (spinner) setState({ status: 'loading' });
    loadRef.current(abort.signal).then(
      (data) => {
        if (abort.signal.aborted) return;
        const c = cacheRef.current;
        if (c) saveCached(c.userId, c.name, data);
        setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const kept = keptState<T>(cacheRef.current, error);
        setState((s) => (s.status === 'ready' ? s : (kept ?? { status: 'error', error })));
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    return () => current.current?.abort();
  }, [refresh]);

  // Back online: what failed or came from the phone's copy loads again, quietly.
  const stateRef = useRef(state);
  stateRef.current = state;
  useOnline(() => {
    const s = stateRef.current;
    if (s.status === 'error' || (s.status === 'ready' && s.stale !== undefined)) refresh();
  });
  useStaleRetry(state, refresh);

  const set = useCallback(
    (update: (data: T) => T) => setState((s) => (s.status === 'ready' ? { ...s, data: update(s.data) } : s)),
    [],
  );
  return { state, refresh, set };
}

/**
 * What the worker's and the buddy's homes keep: the open items (offers, requests) and their
 * own jobs, both reloaded when news arrives; the items answered here, hidden at once; the
 * notice after an answer and after dropping out, which take the focus; the category names.
 */
export function useAnswerLists<Item extends { id: number; expires_at: string }, Mine, Result>(
  userID: number,
  loadItems: (signal: AbortSignal) => Promise<Item[]>,
  loadMine: (signal: AbortSignal) => Promise<Mine[]>,
  /** Names of the copies kept on the phone for offline use (offline-cache.ts). */
  cacheNames?: { items: string; mine: string },
) {
  const { t, lang } = useI18n();
  const items = useLive(loadItems, cacheNames && { userId: userID, name: cacheNames.items });
  const mine = useLive(loadMine, cacheNames && { userId: userID, name: cacheNames.mine });
  const categories = useCategories();
  const [gone, setGone] = useState<ReadonlySet<number>>(() => new Set());
  const [result, setResult] = useState<Result | null>(null);
  const [dropped, setDropped] = useState<{ text: string } | null>(null);
  const [said, setSaid] = useState('');
  const resultRef = useRef<HTMLDivElement>(null);
  const droppedRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  const refreshItems = items.refresh;
  const refreshMine = mine.refresh;
  useNews(userID, () => {
    refreshItems();
    refreshMine();
  });
  // The day's taps kept on this phone; when one went through, the list shows the server's view.
  const outbox = useOutbox(userID, () => refreshMine());

  const open = items.state.status === 'ready' ? items.state.data.filter((o) => !gone.has(o.id)) : [];
  const now = useNow(open.length > 0);
  const shown = open.filter((o) => isOpen(o, now));
  const list = categories.status === 'ready' ? categories.categories : [];
  const find = (slug: string) => list.find((c) => c.slug === slug);
  const nameOf = (slug: string) => {
    const c = find(slug);
    return c ? categoryName(c, lang) : slug;
  };

  // The card and its buttons are gone: focus goes to what happened.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  useEffect(() => {
    if (dropped) droppedRef.current?.focus();
  }, [dropped]);

  const drop = (id: number) => setGone((g) => new Set(g).add(id));
  /** "Nee" went through (or no longer mattered): the card goes, a screen reader hears it, and
   * the focus goes to the list's heading. */
  const declined = (id: number) => {
    drop(id);
    setResult(null);
    setSaid(t('offers.declined'));
    titleRef.current?.focus();
  };
  return { items, mine, now, shown, find, nameOf, drop, declined, result, setResult, resultRef, dropped, setDropped, droppedRef, said, titleRef, outbox, userId: userID };
}

/** What a section and a card take from useAnswerLists. */
export type AnswerLists<Item extends { id: number; expires_at: string }, Mine> = Pick<
  ReturnType<typeof useAnswerLists<Item, Mine, unknown>>,
  'items' | 'mine' | 'shown' | 'now' | 'find' | 'said' | 'titleRef' | 'dropped' | 'setDropped' | 'droppedRef' | 'declined'
>;

/** The open items: heading (it takes the focus after "Nee"), what happened after an answer,
 * then a card per item, or a spinner, a retry or the empty state; below them the question to
 * turn on notifications. */
export function AnswerSection<Item extends { id: number; expires_at: string }, Mine>({
  role,
  userId,
  lists,
  notice,
  card,
}: {
  role: AnswerRole;
  userId: number;
  lists: AnswerLists<Item, Mine>;
  /** The notice after an answer. */
  notice: ComponentChildren;
  card: (item: Item) => ComponentChildren;
}) {
  const { t } = useI18n();
  const names = ROLES[role].open;
  const { state } = lists.items;
  return (
    <section class="section" aria-labelledby={names.titleId}>
      <h2 id={names.titleId} tabIndex={-1} ref={lists.titleRef}>
        {t(names.heading)}
      </h2>
      <p class="visually-hidden" role="status">
        {lists.said}
      </p>
      {notice}
      <StaleNote state={state} testid={`${names.list}-stale`} />
      {/* The same room whether loading, empty or one card: the home does not jump. */}
      <div class="list-room">
        <ListState state={state} onRetry={() => lists.items.refresh(true)} t={t} />
        {state.status === 'ready' &&
          (lists.shown.length === 0 ? (
            <Empty icon={names.empty.icon} testid={names.empty.testid}>
              {t(names.empty.text)}
            </Empty>
          ) : (
            <ul class="offers" data-testid={names.list}>
              {lists.shown.map(card)}
            </ul>
          ))}
      </div>
      <PushAsk userId={userId} kind={role} shown={lists.shown.length > 0} returnFocus={lists.titleRef} />
    </section>
  );
}

/** What the person goes to: heading, the notice after dropping out, then a card for each, or
 * a spinner, a retry or the empty state. */
export function BookedSection<Item extends { id: number; expires_at: string }, Mine>({
  role,
  lists,
  card,
}: {
  role: AnswerRole;
  lists: AnswerLists<Item, Mine>;
  card: (mine: Mine) => ComponentChildren;
}) {
  const { t } = useI18n();
  const names = ROLES[role].booked;
  const { state } = lists.mine;
  return (
    <section class="section" aria-labelledby={names.titleId}>
      <h2 id={names.titleId}>{t(names.heading)}</h2>
      {lists.dropped && (
        <ResultNotice
          tone="ok"
          icon="check"
          heading={t(names.dropped.heading)}
          testid={names.dropped.testid}
          innerRef={lists.droppedRef}
          onClose={() => lists.setDropped(null)}
        >
          {lists.dropped.text}
        </ResultNotice>
      )}
      <StaleNote state={state} testid={`${names.list}-stale`} />
      <div class="list-room">
        <ListState state={state} onRetry={() => lists.mine.refresh(true)} t={t} />
        {state.status === 'ready' &&
          (state.data.length === 0 ? (
            <Empty icon="calendar" testid={names.empty.testid}>
              {t(names.empty.text)}
            </Empty>
          ) : (
            <ul class="offers" data-testid={names.list}>
              {state.data.map(card)}
            </ul>
          ))}
      </div>
    </section>
  );
}

function ListState<T>({ state, onRetry, t }: { state: Live<T>; onRetry: () => void; t: ReturnType<typeof useI18n>['t'] }) {
  if (state.status === 'loading') return <SkeletonRows />;
  if (state.status === 'error') return <LoadFailed message={messageOf(state.error, t)} onRetry={onRetry} />;
  return null;
}
