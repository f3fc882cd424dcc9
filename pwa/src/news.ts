// "Berichten": the person's list of what happened (issue 11), from GET /notifications?latest=N
// and the live news (live.ts). Pure rules here (the sentence, icon and link of an event, the
// day headings, the unread count); the screen is screens/news.tsx.
//
// The sentences: what a push also says comes from the push's own title functions
// (sw/push-view.ts, texts in i18n/push.ts), so the list and the push never disagree; the rest
// from the `news.*` keys. An event's data holds ids and states, not names (no category, no
// place), so the sentences are the plain ones ("Je klus: morgen om 09:00").
import { api } from './api';
import type { Lang, PlainKey, Translate } from './i18n';
import type { IconName } from './components/Icon';
import type { Notification } from './live';
import { isBoardEvent, kindInfo } from './notification-kinds';
import { askingTitle, cancelledTitle, isJobCancellation, notificationPayload, pushText, reminderTitle, safetyTitle } from './sw/push-view';
import type { Role } from './types';

/** How many events the list asks for. */
export const NEWS_LATEST = 50;

export async function fetchNews(signal?: AbortSignal): Promise<Notification[]> {
  const r = await api<{ notifications: Notification[] }>('GET', `/notifications?latest=${NEWS_LATEST}`, { signal });
  return newestFirst(r.notifications);
}

/** Newest first, each id once (the live news may repeat what the list already has). */
export function newestFirst(list: readonly Notification[]): Notification[] {
  const seen = new Set<number>();
  return [...list]
    .sort((a, b) => b.id - a.id)
    .filter((n) => (seen.has(n.id) ? false : (seen.add(n.id), true)));
}

/** New events on top of the list, kept to NEWS_LATEST. */
export function mergeNews(list: readonly Notification[], news: readonly Notification[]): Notification[] {
  return newestFirst([...news, ...list]).slice(0, NEWS_LATEST);
}

export type NewsLine = {
  icon: IconName;
  text: string;
  /** Where a tap goes: what the event is about. */
  href: string;
  /** Something to act on now (a safety alert): shown in red. */
  urgent: boolean;
  /** A kind this version does not know (a newer server): a neutral line. */
  unknown: boolean;
};

type Data = Record<string, unknown>;
const dataOf = (n: Notification): Data => (typeof n.data === 'object' && n.data !== null ? (n.data as Data) : {});
const idOf = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 0);

/** Where an event about a job leads, by role: workers and buddies have their jobs on the home
 * page, posters a page per job, coaches the job's review. */
function jobHref(role: Role, jobId: number): string {
  if (jobId <= 0) return '/';
  if (role === 'poster') return `/jobs/${jobId}`;
  if (role === 'coordinator') return `/coach/jobs/${jobId}`;
  return '/';
}

/** The sentence of a job_status event (the poster's job moved, or a booked job changed). */
function jobStatusKey(d: Data): PlainKey {
  if (d.dropout === true) return 'news.job.dropout';
  if (d.meeting === true) return 'news.job.meeting';
  if (d.buddy === 'searching') return 'news.job.buddySearching';
  switch (d.status) {
    case 'arrived':
      return 'news.job.arrived';
    case 'left':
      return 'news.job.left';
    case 'done':
      return 'news.job.placeDone';
  }
  switch (d.state) {
    case 'in_progress':
      return 'news.job.started';
    case 'done':
      return 'news.job.done';
    case 'unfilled':
    case 'expired':
      return 'news.job.unfilled';
    case 'filled':
      return typeof d.missing === 'number' && d.missing > 0 ? 'news.job.partlyFilled' : 'news.job.filled';
  }
  return 'news.job.changed';
}

function alertKey(d: Data): PlainKey {
  switch (d.reason) {
    case 'unfilled':
      return 'news.alert.unfilled';
    case 'no_buddy':
      return 'news.alert.noBuddy';
    case 'not_arrived':
      return 'news.alert.notArrived';
    case 'feedback_no':
      return 'news.alert.feedbackNo';
  }
  return 'news.alert.other';
}

/** One event as a line of the list: its icon, sentence (in `lang`) and link. `now` is the
 * list's clock, for "morgen om 09:00". */
export function newsLine(n: Notification, role: Role, lang: Lang, t: Translate, now: number): NewsLine {
  const d = dataOf(n);
  const p = notificationPayload(n, lang);
  const job = idOf(d.job_id);
  const line = (icon: IconName, text: string, href: string, urgent = false): NewsLine => ({ icon, text, href, urgent, unknown: false });
  const info = kindInfo(n.kind);
  if (!info) return { icon: 'bell', text: t('news.unknown'), href: '/', urgent: false, unknown: true };
  switch (info.push) {
    case 'asking':
      return line(info.about === 'buddy_request' ? 'buddies' : 'star', askingTitle(p), '/');
    case 'closing':
      if (info.about === 'buddy_request') return line('ban', pushText(lang, 'push.closed.buddy'), '/');
      return line('ban', t(n.kind === 'offer_taken' ? 'news.offer.taken' : n.kind === 'offer_expired' ? 'news.offer.expired' : 'news.offer.withdrawn'), '/');
    case 'reminder':
      return line('calendar', reminderTitle(p, { now }, 'day'), jobHref(role, job));
    case 'nudge':
      return line('pin', `${pushText(lang, 'push.nudge.title')} ${pushText(lang, 'push.nudge.body')}`, jobHref(role, job));
    case 'alarm':
      return line('shield', safetyTitle(p), role === 'coordinator' ? '/coach/safety' : '/', true);
    case 'plain':
      break;
  }
  switch (n.kind) {
    case 'assignment_confirmed':
      return line('check', t('news.assignment.confirmed'), jobHref(role, job));
    case 'job_status':
      if (isJobCancellation(p)) return line('ban', cancelledTitle(p), jobHref(role, job));
      return line('clipboard', t(jobStatusKey(d)), jobHref(role, job));
    case 'coordinator_alert':
      // A customer would not ask the worker again: their person page, where the feedback is.
      if (d.reason === 'feedback_no' && idOf(d.worker_id) > 0) return line('alert', t(alertKey(d)), `/coach/people/${idOf(d.worker_id)}`, false);
      return line('alert', t(alertKey(d)), jobHref('coordinator', job), d.reason === 'not_arrived');
    case 'buddy_confirmed':
      return line('buddies', t(role === 'poster' ? 'news.buddy.confirmedPoster' : 'news.buddy.confirmed'), jobHref(role, job));
    case 'buddy_missing':
      return line('userMinus', t(role === 'poster' ? 'news.buddy.missingPoster' : 'news.buddy.missing'), jobHref(role, job));
    case 'buddy_dropout':
      return line('userMinus', t('news.buddy.dropout'), jobHref(role, job));
    case 'hours_to_confirm':
      return line('clock', t('news.hours.toConfirm'), jobHref(role, job));
    case 'hours_to_approve':
      return line('clock', t('news.hours.toApprove'), jobHref(role, job));
    case 'hours_disputed':
      return line('alert', t('news.hours.disputed'), jobHref(role, job));
    case 'hours_approved':
      return line('check', t('news.hours.approved'), jobHref(role, job));
    case 'follow_up':
      return line('phone', t('news.followUp', { name: typeof d.first_name === 'string' && d.first_name ? d.first_name : t('safetyAlert.someone') }), '/coach/follow-up');
    case 'board_changed':
      // Never listed by the server; should one come, it says where to look.
      return line('clipboard', t('news.board.changed'), jobHref('coordinator', job));
  }
  return { icon: 'bell', text: t('news.unknown'), href: '/', urgent: false, unknown: true };
}

// ---- days ----

const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** Days between the event and now: 0 today, 1 yesterday (in the browser's zone). */
export function daysAgo(iso: string, now: number): number {
  return Math.round((dayStart(new Date(now)) - dayStart(new Date(iso))) / 86_400_000);
}

export type NewsDay = { key: string; days: number; first: string; items: Notification[] };

/** The list cut into days, newest first (headings "Vandaag", "Gisteren", a date). */
export function byDay(list: readonly Notification[], now: number): NewsDay[] {
  const out: NewsDay[] = [];
  for (const n of list) {
    const d = new Date(n.created_at);
    const key = Number.isNaN(d.getTime()) ? '?' : String(dayStart(d));
    const last = out.at(-1);
    if (last && last.key === key) last.items.push(n);
    else out.push({ key, days: Number.isNaN(d.getTime()) ? -1 : daysAgo(n.created_at, now), first: n.created_at, items: [n] });
  }
  return out;
}

// The unread count lives in news-unread.ts: the header needs it on every screen, and it must
// not bring the news texts (and every language's push texts) into the first chunk.
export { fetchUnread, markNewsSeen, NEWS_SEEN_EVENT, seenNewsId, unreadText } from './news-unread';
