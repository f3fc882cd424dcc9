// Paths that belong to the Go server, never to the app shell. The API and the WebSocket must
// always reach the network untouched (fresh data, real errors, auth); health checks too.
// Workbox matches the navigation denylist against path + query, hence the `?`.
export const SERVER_PATHS: readonly RegExp[] = [
  /^\/api(?:[/?]|$)/,
  /^\/ws(?:[/?]|$)/,
  /^\/healthz(?:\?|$)/,
  /^\/readyz(?:\?|$)/,
  // The public impact page, drawn by the server for people without the app (and crawlers).
  /^\/impact(?:[/?]|$)/,
];

/** Whether a request must be left to the browser (same origin and a server path). */
export function isServerPath(url: URL, origin: string): boolean {
  return url.origin === origin && SERVER_PATHS.some((re) => re.test(url.pathname));
}
