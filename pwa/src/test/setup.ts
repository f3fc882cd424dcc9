import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { forgetNews } from '../live';
import { takeApiProblems } from './fixtures';
import { FakeWebSocket } from './fake-socket';
import { unstubPush } from './push-stubs';
import { loadAllCatalogues } from './catalogues';

// Catalogues load lazily in the app (i18n/index.ts); tests have them all at once, even in code
// that runs while a test file is collected.
loadAllCatalogues();

// Every test gets a WebSocket it drives by hand (test/fake-socket.ts): none reaches a network.
beforeEach(() => {
  loadAllCatalogues();
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
