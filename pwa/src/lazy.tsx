// Screens load on demand (issue 14): a worker's phone never downloads the coordinator's board,
// the admin screens or the QR library. The service worker precaches every chunk, so this costs
// no round trip offline; online, the first visit to a screen waits for its chunk once.
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LoadFailed, Loading } from './components/Page';
import { loadCataloguePart, type Part } from './i18n';
import { useI18n } from './i18n/context';

// Every lazy component's loader, for loadAllLazy.
const starters: (() => Promise<unknown>)[] = [];

/** Loads every lazy screen defined so far, and those their modules define. Tests call it
 * (src/test/setup.ts) so screens show at once, as before they were chunks. */
export async function loadAllLazy(): Promise<void> {
  let done = 0;
  while (done < starters.length) {
    const batch = starters.slice(done);
    done = starters.length;
    await Promise.all(batch.map((start) => start().catch(() => {}))); // a failing chunk shows its own error
  }
}

/** A component whose code comes from `load` (a dynamic import()) the first time it renders,
 * with the catalogue's `part` its texts are in (and the parts before it), fetched beside the
 * code: it renders once both are here. Which part a screen's keys must be in:
 * scripts/catalogue-parts.mjs, which reads these calls (keep them in this one-line form). */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>, part: Part): FunctionComponent<P> & { preload: () => void } {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = () => {
    pending ??= Promise.all([load(), loadCataloguePart(part)]).then(
      ([c]) => (loaded = c),
      (e: unknown) => {
        pending = undefined; // a later render tries again
        throw e;
      },
    );
    return pending;
  };
  starters.push(start);

  function Lazy(props: P) {
    const { t } = useI18n();
    const [late, setLoaded] = useState<ComponentType<P> | undefined>(undefined);
    const [failed, setFailed] = useState(false);
    // The shell focuses the new screen's h1 after navigating (app.tsx); if the chunk was not
    // there yet, it focused <main>: hand focus on to the h1 now that it exists.
    useEffect(() => {
      if (!late || loaded === undefined) return;
      const main = document.getElementById('main');
      if (main && document.activeElement === main) main.querySelector<HTMLElement>('h1')?.focus();
    }, [late]);
    // Whether the code was here at the first render. Not `loaded` itself: the chunk may come
    // between that render and this effect (offline, from the service worker's cache, it does),
    // and then only this state change draws the screen; it stayed on "Laden…" for good.
    const atOnce = useRef(loaded !== undefined);
    useEffect(() => {
      if (atOnce.current || failed) return;
      let live = true;
      start().then(
        (c) => live && setLoaded(() => c),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [failed]);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    // Offline with an old service worker, or a new version took the old chunks away: reloading
    // fetches the current index.html and its chunks.
    if (failed) return <LoadFailed message={t('common.screenFailed')} onRetry={() => window.location.reload()} />;
    return <Loading />;
  }
  /** Starts loading before the first render (a screen the app knows it will show). */
  Lazy.preload = () => void start().catch(() => {});
  return Lazy;
}
