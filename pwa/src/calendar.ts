// The calendar feed (issue 11): a private address of an iCalendar feed with the person's jobs,
// for their phone's calendar app. The server shows the address once, in the answer that makes
// it (it keeps only a hash): POST makes or renews it (an older address stops working), DELETE
// revokes it, GET says only whether there is one and since when.
import { api } from './api';
import type { components } from './api/types';

export type CalendarFeed = components['schemas']['CalendarFeed'];

export const getCalendarFeed = (signal?: AbortSignal) => api<CalendarFeed>('GET', '/me/calendar', { signal });
export const createCalendarFeed = () => api<CalendarFeed>('POST', '/me/calendar');
export const revokeCalendarFeed = () => api<void>('DELETE', '/me/calendar');

/** Hands the webcal:// address to the phone, which opens its calendar app to subscribe. An
 * object, so that tests can replace it. */
export const calendarApp = {
  open(webcalUrl: string): void {
    window.location.assign(webcalUrl);
  },
};

/** Copies text to the clipboard; false when the browser does not let us. */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
