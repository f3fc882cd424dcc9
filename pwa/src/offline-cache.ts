// The last good answers of the lists a worker or buddy needs on the day (booked jobs, the last
// offers seen), kept on the phone per signed-in user, so that after a reload without a
// connection they can still read where to go and when. Shown marked "possibly out of date".
// Removed at sign-out (forgetOfflineCache), so the next person on a shared phone sees nothing.

const PREFIX = 'klusbuddy.cache.';

export type Cached<T> = { data: T; savedAt: number };

const keyOf = (userId: number, name: string) => `${PREFIX}${userId}.${name}`;

export function saveCached(userId: number, name: string, data: unknown, now = Date.now()): void {
  try {
    localStorage.setItem(keyOf(userId, name), JSON.stringify({ data, savedAt: now }));
  } catch {
    /* storage full or disabled: no offline copy, that is all */
  }
}

export function readCached<T>(userId: number, name: string): Cached<T> | null {
  try {
    const v = JSON.parse(localStorage.getItem(keyOf(userId, name)) ?? 'null') as Cached<T> | null;
    return v && typeof v === 'object' && typeof v.savedAt === 'number' && 'data' in v ? v : null;
  } catch {
    return null;
  }
}

/** Every user's copies (sign-out). */
export function forgetOfflineCache(): void {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k?.startsWith(PREFIX)) localStorage.removeItem(k);
    }
  } catch {
    /* nothing kept */
  }
}
