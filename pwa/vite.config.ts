import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

// The Go server (cmd/klusbuddy) listens here in development.
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      // We write the service worker ourselves (src/sw/sw.ts); Workbox only injects the list
      // of files to precache into it. Output: dist/sw.js, scope "/".
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // public/manifest.webmanifest is the manifest; the app registers the worker itself
      // (src/register-sw.ts) so it can show the "new version" bar.
      manifest: false,
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}'],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline data: URIs for assets; everything is a file the CSP allows ('self').
    assetsInlineLimit: 0,
    // dist/.vite/manifest.json: which chunks each screen loads (scripts/size-budget.mjs).
    manifest: true,
  },
  server: {
    proxy: {
      // ws: the live updates' WebSocket is /api/v1/ws (live.ts).
      '/api': { target: server, ws: true },
      '/healthz': server,
      '/readyz': server,
    },
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // A hang detector, not a speed check: the first test of a file also pays for importing the
    // app, which takes seconds on a loaded two-core machine.
    testTimeout: 20_000,
  },
});
