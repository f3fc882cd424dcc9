import { afterAll, afterEach, beforeEach, vi } from 'vitest';

/** The app runs in Belgium: Brussels time, with the clock at `now`. Only Date is fake; the
 * timers that findBy/waitFor use stay real. After each test, `more` and the address go back. */
export function brusselsClock(now: Date, more: () => void = () => {}) {
  const savedTz = process.env.TZ;
  process.env.TZ = 'Europe/Brussels';
  afterAll(() => {
    process.env.TZ = savedTz;
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.useRealTimers();
    more();
    window.history.replaceState(null, '', '/');
  });
}

/** Text with every kind of white space (non-breaking ones too) as a plain space. */
export const plain = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');

/** What a screen reader reads with an element: the texts its aria-describedby names. */
export const describedText = (el: Element, separator = ' ') =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(separator);
