import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Load<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: T };

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

/** Loads data for a screen (again when `deps` change or on reload()); `set` replaces it after
 * a save, without another request; `refresh` loads again in the background when news arrives
 * (live.ts). Answers that arrive after the screen moved on are dropped. A screen in error
 * recovers by itself: when the connection comes back (window `online`) it loads again. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
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
        if (!abort.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', error });
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
    setState({ status: 'ready', data });
  }, []);
  /** No spinner: what is on screen stays, also when this fails (the next news tries again). */
  const refresh = useCallback(() => {
    stopQuiet();
    const abort = new AbortController();
    quiet.current = abort;
    loadRef.current(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ status: 'ready', data });
      },
      () => {},
    );
  }, []);
  // Back online: a screen that failed tries again by itself (no "Opnieuw proberen" needed).
  useOnline(() => {
    if (state.status === 'error') reload();
  });
  return { state, reload, set, refresh };
}
