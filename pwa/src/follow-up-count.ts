// The follow-up list's length for the menu's badge (components/NewsUnread.tsx): apart from
// follow-up.ts so that the app's frame, which every phone loads, carries none of the list's
// code or texts.
import { useEffect, useState } from 'preact/hooks';

let count: number | null = null;
const listeners = new Set<(n: number | null) => void>();

/** The list's length, as last loaded on this device (the menu's badge). */
export function publishFollowUpCount(n: number | null): void {
  count = n;
  for (const l of listeners) l(n);
}

export function useFollowUpCount(): number | null {
  const [n, setN] = useState(count);
  useEffect(() => {
    listeners.add(setN);
    setN(count);
    return () => void listeners.delete(setN);
  }, []);
  return n;
}
