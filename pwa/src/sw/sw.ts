// Klusbuddy service worker: makes the app shell load offline and fast, and shows offers and
// buddy requests as notifications while the app is closed (Web Push).
// Built by vite-plugin-pwa (injectManifest) into dist/sw.js, scope "/".
//
// Sections, in the order they must stay:
//   1. server paths: hands off, before any other fetch listener
//   2. app shell: precache + navigation fallback
//   3. updates: SKIP_WAITING from the "new version" bar
//   4. Web Push: `push`, `notificationclick` and `pushsubscriptionchange`.
//   5. Background Sync: the day's taps kept offline (outbox.ts) go out when the connection is back.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { badge, categoryIcon } from './draw-icon';
import { flushOutbox, OUTBOX_MESSAGE, OUTBOX_SYNC_TAG } from '../outbox';
import { answerClick, type AppWindows, openApp, resubscribe } from './push-actions';
import { clickPath, pushView, type PushView, readPayload } from './push-view';
import { isServerPath, SERVER_PATHS } from './server-paths';

declare const self: ServiceWorkerGlobalScope;

// 1. Server paths (see server-paths.ts) are never answered by this worker.
// Registered first, so it runs before Workbox's listener: stopping the event here means no
// handler of ours (now or added later) ever calls respondWith for these requests, and the
// browser fetches them as if there were no service worker.
self.addEventListener('fetch', (event) => {
  if (isServerPath(new URL(event.request.url), self.location.origin)) event.stopImmediatePropagation();
});

// 2. The app shell: html, js, css, icons and manifest, listed by the build.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page address is the same single-page app: answer navigations with the cached
// index.html, except server paths (belt and braces with section 1).
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [...SERVER_PATHS],
  }),
);

// 3. The page's "Reload" button asks the waiting worker to take over.
self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});

// 4. Web Push. The payload says what happened (push-view.ts turns it into a notification in
// its own language); the buttons answer without opening the app (push-actions.ts).

/** The app's icon, where the category's cannot be drawn. */
const APP_ICON = '/icons/icon-192.png';

async function show(view: PushView): Promise<void> {
  const [icon, small] = await Promise.all([view.icon ? categoryIcon(view.icon) : Promise.resolve(null), badge()]);
  const options = { ...view.options, icon: icon ?? APP_ICON, ...(small ? { badge: small } : {}) };
  await self.registration.showNotification(view.title, options);
}

// Every push shows something (userVisibleOnly): also "no longer open", quietly, under the same
// tag, so it replaces the offer's notification if that is still there.
self.addEventListener('push', (event) => {
  let raw: unknown = null;
  try {
    raw = event.data?.json();
  } catch {
    /* not JSON: the generic notification */
  }
  event.waitUntil(show(pushView(readPayload(raw), { now: Date.now() })));
});

/** Every window of ours, also one a previous worker version still controls. */
const appWindows: AppWindows = {
  matchAll: () => self.clients.matchAll({ type: 'window', includeUncontrolled: true }),
  openWindow: (url) => self.clients.openWindow(url),
};

self.addEventListener('notificationclick', (event) => {
  const notification = event.notification;
  notification.close();
  const payload = readPayload(notification.data);
  event.waitUntil(
    answerClick(payload, event.action, {
      fetch: (input, init) => fetch(input, init),
      open: () => openApp(appWindows, self.location.origin, clickPath(payload)),
      show,
      now: () => Date.now(),
    }),
  );
});

// The browser renewed the subscription by itself: the server must get the new one.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(
    resubscribe(
      event.oldSubscription,
      (key) => self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
      (input, init) => fetch(input, init),
    ).catch(() => false),
  );
});

// 5. Background Sync. The page keeps a tap ("Ik ben er", "Klaar", "Ik voel me niet veilig") in
// IndexedDB and asks for a sync when it could not send it; the browser fires `sync` once the
// connection is back, also when the app is closed. Only the signed-in person's taps go (the
// session cookie decides whose they are), with their own Idempotency-Key, under the lock the
// page uses too (outbox.ts), so an entry never goes out twice at once. The open windows hear
// what went, to show it.

/** Who is signed in and their CSRF token, or null (signed out, offline). */
async function signedIn(): Promise<{ userId: number; token: string } | null> {
  try {
    const res = await fetch('/api/v1/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    const body = (await res.json()) as { user?: { id?: unknown } | null; csrf_token?: unknown } | null;
    const id = body?.user?.id;
    const token = body?.csrf_token;
    return typeof id === 'number' && typeof token === 'string' ? { userId: id, token } : null;
  } catch {
    return null;
  }
}

type SyncEvent = ExtendableEvent & { tag: string; lastChance?: boolean };

// The WebWorker types have no SyncEvent (Background Sync is Chromium's).
(self as EventTarget).addEventListener('sync', (event) => {
  const e = event as SyncEvent;
  if (e.tag !== OUTBOX_SYNC_TAG) return;
  e.waitUntil(
    (async () => {
      const who = await signedIn();
      // Not reachable (or nobody signed in): reject, so the browser tries again later.
      if (!who) throw new Error('not now');
      const results = await flushOutbox(who.userId, (input, init) => fetch(input, init), () => Promise.resolve(who.token));
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const w of windows) w.postMessage({ type: OUTBOX_MESSAGE, results });
      if (results.some((r) => r.result === 'retry')) throw new Error('try again');
    })(),
  );
});
