import { cleanup } from '@testing-library/preact';
import { afterEach, vi } from 'vitest';

// No vitest globals, so testing-library cannot clean up by itself.
afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
