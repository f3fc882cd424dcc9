// Klusbuddy service worker: makes the app shell load offline and fast, and nothing more yet.
// Built by vite-plugin-pwa (injectManifest) into dist/sw.js, scope "/".
//
// Sections, in the order they must stay:
//   1. server paths: hands off, before any other fetch listener
//   2. app shell: precache + navigation fallback
//   3. updates: SKIP_WAITING from the "new version" bar
//   4. (later) Web Push: `push` and `notificationclick` listeners go at the end of this file.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
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

// 4. Web Push goes here (later issue): self.addEventListener('push', …) with
// event.waitUntil(self.registration.showNotification(…)), and 'notificationclick' that focuses
// an open Klusbuddy window before opening a new one.
