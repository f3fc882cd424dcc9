// What the service worker tells an open page with postMessage. Shared by sw.ts and the page,
// so plain data only: no DOM or WebWorker types here.

/** "Show this address": a notification was tapped while this window was open. The page routes
 * itself, because WindowClient.navigate() reloads it and a half-filled form would be lost. */
export type OpenMessage = { type: 'OPEN'; path: string };

export function openMessage(path: string): OpenMessage {
  return { type: 'OPEN', path };
}

/** The path of an OPEN message, or null for anything else. The page still checks that the
 * path stays inside the app. */
export function readOpenMessage(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, path } = data as { type?: unknown; path?: unknown };
  return type === 'OPEN' && typeof path === 'string' ? path : null;
}
