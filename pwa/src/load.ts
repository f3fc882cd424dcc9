import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { readCached, saveCached } from './offline-cache';

/** `stale`: shown from the copy kept on the phone (offline-cache.ts), saved at that time. */
export type Load<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: T; stale?: number };

/** Where a screen keeps its last good answer on the phone: the signed-in user and a name that
 * says which answer (with what it depends on, e.g. the month). */
export type CacheKey = { userId: number; name: string };

/** The copy kept on the phone, as a state, when `error` is "no connection"; else null. */
export function keptState<T>(cache: CacheKey | undefined, error: unknown): Load<T> | null {
  const kept = cache && error instanceof ApiError && error.isNetwork ? readCached<T>(cache.userId, cache.name) : null;
  return kept ? { status: 'ready', data: kept.data, stale: kept.savedAt } : null;
}

/** Calls `onOnline` each time the browser says the connection is back (window `online`). */
export function useOnline(onOnline: () => void): void {
  const ref = useRef(onOnline);
  ref.current = onOnline;
  useEffect(() => {
    const listener = () => ref.current();
    window.addEventListener('online', listener);
    return () => window.removeEventListener('online', listener);
  }, []);
}

/** How often a screen shown from the phone's copy tries again while the browser says it is
 * online ("online" can come before the network really works). */
const STALE_RETRY_MS = 30_000;

/** While `state` is the phone's copy: `refresh` now and then, when the browser is online. */
export function useStaleRetry(state: { status: string; stale?: number }, refresh: () => void): void {
  const stale = state.status === 'ready' && state.stale !== undefined;
  const ref = useRef(refresh);
  ref.current = refresh;
  useEffect(() => {
    if (!stale) return;
    const id = setInterval(() => navigator.onLine && ref.current(), STALE_RETRY_MS);
    return () => clearInterval(id);
  }, [stale]);
}

/** Loads data for a screen (again when `deps` change or on reload()); `set` replaces it after
 * a save, without another request; `refresh` loads again in the background when news arrives
 * (live.ts). Answers that arrive after the screen moved on are dropped. A screen in error
 * recovers by itself: when the connection comes back (window `online`) it loads again.
 * With `cache`, each good answer is kept on the phone for that user, and without a connection
 * the kept copy shows, marked `stale` (StaleNote), until the connection is back. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], cache?: CacheKey) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const cacheRef = useRef(cache);
  cacheRef.current = cache;
  const good = (data: T) => {
    const c = cacheRef.current;
    if (c) saveCached(c.userId, c.name, data);
    setState({ status: 'ready', data });
  };
  const quiet = useRef<AbortController | null>(null);
  const stopQuiet = () => {
    quiet.current?.abort();
    quiet.current = null;
  };

  useEffect(() => {
    const abort = new AbortController();
    stopQuiet();
    setState({ status: 'loading' });
    load(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) good(data);
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState(keptState<T>(cacheRef.current, error) ?? { status: 'error', error });
      },
    );
    return () => {
      abort.abort();
      stopQuiet();
    };
    // `load` is a new function every render; `deps` say when it means something else.
  }, [attempt, ...deps]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((data: T) => {
    // A refresh that started before the save would bring back the state before it.
    stopQuiet();
    good(data);
  }, []);
  /** No spinner: what is on screen stays, also when this fails (the next news tries again). */
  const refresh = useCallback(() => {
    stopQuiet();
    const abort = new AbortController();
    quiet.current = abort;
    loadRef.current(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) good(data);
      },
      () => {},
    );
  }, []);
  // Back online: a screen that failed tries again by itself (no "Opnieuw proberen" needed);
  // one shown from the phone's copy loads quietly, and keeps the copy if that fails too.
  useOnline(() => {
    if (state.status === 'error') reload();
    else if (state.status === 'ready' && state.stale !== undefined) refresh();
  });
  useStaleRetry(state, refresh);
  return { state, reload, set, refresh };
}
