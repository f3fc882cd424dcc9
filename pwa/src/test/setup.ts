import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { forgetNews } from '../live';
import { takeApiProblems } from './fixtures';
import { FakeWebSocket } from './fake-socket';
import { unstubPush } from './push-stubs';
import { loadAllCatalogues } from './catalogues';
import { loadAllLazy } from '../lazy';

// Catalogues load lazily in the app (i18n/index.ts); tests have them all at once, even in code
// that runs while a test file is collected.
loadAllCatalogues();

// Every test gets a WebSocket it drives by hand (test/fake-socket.ts): none reaches a network.
beforeEach(async () => {
  loadAllCatalogues();
  // The screens the test file's imports define (app.tsx): loaded now, so that a test sees them
  // without waiting for a chunk.
  await loadAllLazy();
  FakeWebSocket.reset();
  vi.stubGlobal('WebSocket', FakeWebSocket);
});

// No vitest globals, so testing-library cannot clean up by itself.
afterEach(() => {
  cleanup();
  forgetNews();
  localStorage.clear();
  sessionStorage.clear();
  vi.unstubAllGlobals();
  unstubPush();
  vi.restoreAllMocks();
  // Requests the fake API could not answer, or answered unlike docs/openapi.yaml (fixtures.ts).
  const problems = takeApiProblems();
  if (problems.length > 0) throw new Error(`The fake API saw ${problems.length} problem(s):\n${[...new Set(problems)].join('\n')}`);
});
