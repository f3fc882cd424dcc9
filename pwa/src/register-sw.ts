// Registers dist/sw.js and reports a new version that is waiting to take over.
// Only in production builds: the dev server and vitest have no service worker.
import { safeNext } from './router';
import { readOpenMessage } from './sw-messages';

/** Whether this page gets a service worker: a production build, in a browser that has them.
 * (Web Push needs one: push.ts asks here.) */
export function serviceWorkerEnabled(): boolean {
  return import.meta.env.PROD && 'serviceWorker' in navigator;
}

/** Starts registration; calls onWaiting when a new worker is installed and waiting.
 * Returns a cleanup function (for the effect that calls it). */
export function registerServiceWorker(onWaiting: (worker: ServiceWorker) => void): () => void {
  if (!serviceWorkerEnabled()) return () => {};
  let registration: ServiceWorkerRegistration | undefined;

  const register = async () => {
    // updateViaCache 'none': the browser always asks the server for sw.js, so a new release
    // is seen on the next visit whatever HTTP caching says.
    registration = await navigator.serviceWorker.register('/sw.js', {
      scope: '/',
      updateViaCache: 'none',
    });
    const reg = registration;
    // Only an *update* waits: on the first install there is no controller yet.
    if (reg.waiting && navigator.serviceWorker.controller) onWaiting(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) onWaiting(worker);
      });
    });
  };

  // Phones keep a tab open for days: look for a new version whenever the app comes back.
  const checkForUpdate = () => {
    if (document.visibilityState === 'visible') registration?.update().catch(() => {});
  };

  const start = () => {
    register().catch((err: unknown) => console.warn('service worker registration failed', err));
  };
  // Register after load so the worker's precaching does not compete with the first paint.
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
  document.addEventListener('visibilitychange', checkForUpdate);

  return () => {
    window.removeEventListener('load', start);
    document.removeEventListener('visibilitychange', checkForUpdate);
  };
}

/** Tells the waiting worker to take over, then reloads once it controls the page. */
export function activateUpdate(worker: ServiceWorker): void {
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
  worker.postMessage({ type: 'SKIP_WAITING' });
}

/** Calls onOpen with the address a tapped notification wants (the worker's OPEN message, see
 * sw-messages.ts), only for paths inside the app. Returns the function that stops listening.
 * Not only in production builds: without a worker no message comes, so it costs nothing. */
export function listenForOpen(onOpen: (path: string) => void): () => void {
  const container: ServiceWorkerContainer | undefined = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  if (!container) return () => {};
  const onMessage = (e: MessageEvent) => {
    const path = readOpenMessage(e.data);
    if (path !== null && safeNext(path) === path) onOpen(path);
  };
  container.addEventListener('message', onMessage);
  return () => container.removeEventListener('message', onMessage);
}
