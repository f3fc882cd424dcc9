// What a push message shows: payload in, title and notification options out. Pure (no service
// worker APIs), so that every kind and language is tested in vitest; sw.ts draws the icon and
// calls showNotification.
//
// The payload (the server's, JSON, < 3 KB):
//   {"v":1,"id":123,"kind":"offer_new","lang":"nl","tag":"offer-45","offer_id":45,"job_id":9,
//    "request_id":0,"category":"Tuinwerk","icon":"leaf","municipality":"Genk",
//    "starts_at":"2026-11-27T09:00:00+01:00","expires_at":"2026-11-26T23:50:00Z"}
// The day of a job (issue 11): `reminder` and `checkin_nudge` come under the tag "job-<id>" (the
// nudge replaces the reminder, and so does the job's cancellation, a `job_status` under the same
// tag); `safety_alert` under "safety-<report id>" with `person` (the first name) for the coach.
// Hours waiting for an answer (issue 12: `hours_to_confirm`, `hours_to_approve`,
// `hours_disputed`) come under "hours-<sheet id>" with `role`, whose hours they are.
import { pushCatalogues, type PushKey, type PushLang } from '../i18n/push';
import { kindInfo, type NotificationKind } from '../notification-kinds';

export type PushPayload = {
  v: number;
  id: number;
  /** A NotificationKind; a newer server may send one this version does not know. */
  kind: NotificationKind | (string & {});
  lang: PushLang;
  tag: string;
  offer_id: number;
  job_id: number;
  request_id: number;
  category: string;
  icon: string;
  municipality: string;
  /** Who does not feel safe (a safety alert, for their coach). */
  person: string;
  /** Whose hours (hours to confirm, approve, decide): a poster approves a worker's, the coach
   * a buddy's. */
  role: string;
  starts_at: string;
  expires_at: string;
};

export type NotificationAction = { action: 'accept' | 'decline' | 'confirm'; title: string };

/** NotificationOptions with what the WebWorker types leave out (actions, renotify, timestamp). */
export type ShowOptions = NotificationOptions & {
  actions?: NotificationAction[];
  renotify?: boolean;
  timestamp?: number;
  vibrate?: number[];
};

export type PushView = {
  title: string;
  options: ShowOptions;
  /** The category icon to draw (an Icon.tsx name), or null for the app's own. */
  icon: string | null;
};

/** Longest category or municipality we show: a phone cuts the rest off anyway. */
const MAX_FIELD = 60;
/** Longest of the other strings (kind, tag, icon, times): a real one is far shorter. */
const MAX_CODE = 64;

const isLang = (v: unknown): v is PushLang => typeof v === 'string' && Object.hasOwn(pushCatalogues, v);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, MAX_CODE) : '');
const int = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 0);

/** Shortened with "…" (the data kept with the notification stays small too). */
function clip(v: unknown): string {
  const s = typeof v === 'string' ? v.trim() : '';
  return s.length <= MAX_FIELD ? s : `${s.slice(0, MAX_FIELD - 1).trimEnd()}…`;
}

/** Any JSON (or nothing) as a payload: what is missing or malformed becomes empty. */
export function readPayload(raw: unknown): PushPayload {
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    v: int(o.v),
    id: int(o.id),
    kind: str(o.kind),
    lang: isLang(o.lang) ? o.lang : 'nl',
    tag: str(o.tag),
    offer_id: int(o.offer_id),
    job_id: int(o.job_id),
    request_id: int(o.request_id),
    category: clip(o.category),
    icon: str(o.icon),
    municipality: clip(o.municipality),
    person: clip(o.person),
    role: str(o.role),
    starts_at: str(o.starts_at),
    expires_at: str(o.expires_at),
  };
}

/** The texts in the payload's language. */
export function pushText(lang: PushLang, key: PushKey, params: Record<string, string> = {}): string {
  const text: string = pushCatalogues[lang][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

// Same locales as format.ts (Arabic with Latin digits: see docs/decisions.md).
/** Arabic notifications read right to left. */
const pushDir = (lang: PushLang): NotificationDirection => (lang === 'ar' ? 'rtl' : 'ltr');

const LOCALES: Record<PushLang, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE', tr: 'tr-BE', ar: 'ar-u-hc-h23-nu-latn' };

type Clock = { now: number; timeZone?: string | undefined };

function parse(iso: string): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function dayKey(d: Date, lang: PushLang, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(d);
}

/** "vr 27 nov, 09:00" */
function when(d: Date, lang: PushLang, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(d);
}

/** "23:50" today, else "za 23:50". */
function deadline(d: Date, lang: PushLang, clock: Clock): string {
  const sameDay = dayKey(d, lang, clock.timeZone) === dayKey(new Date(clock.now), lang, clock.timeZone);
  return new Intl.DateTimeFormat(LOCALES[lang], {
    ...(sameDay ? {} : { weekday: 'short' as const }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone: clock.timeZone,
  }).format(d);
}

/** The tag that ties together an offer's (a request's) notifications: a later one replaces it. */
export function pushTag(p: PushPayload): string {
  const info = kindInfo(p.kind);
  if (info?.about === 'offer' && p.offer_id > 0) return `offer-${p.offer_id}`;
  if (info?.about === 'buddy_request' && p.request_id > 0) return `buddy-${p.request_id}`;
  // A job's reminder and its nudge share the job's tag, whatever the payload says.
  if ((info?.push === 'reminder' || info?.push === 'nudge') && p.job_id > 0) return `job-${p.job_id}`;
  return p.tag || 'klusbuddy';
}

/** A job's cancellation: the server tags a job_status push with the job only when it was
 * cancelled (it replaces the job's reminder). */
const isCancellation = (p: PushPayload) => p.kind === 'job_status' && /^job-\d+$/.test(p.tag);

/** When a job starts, from now: "over 40 minuten", "over 2 uur", "vandaag om 17:00", "morgen om
 * 09:00", else "vr 27 nov om 09:00". */
export function startsIn(starts: Date, lang: PushLang, clock: Clock, past: 'now' | 'day' = 'now'): string {
  const t = (key: PushKey, params?: Record<string, string>) => pushText(lang, key, params);
  const ms = starts.getTime() - clock.now;
  if (ms <= 0 && past === 'now') return t('push.when.now');
  if (ms <= 0) {
    // The app's list of what happened: a reminder of a job that has begun says its day.
    const time = new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit', timeZone: clock.timeZone }).format(starts);
    if (dayKey(starts, lang, clock.timeZone) === dayKey(new Date(clock.now), lang, clock.timeZone)) return t('push.when.today', { time });
    const day = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', day: 'numeric', month: 'short', timeZone: clock.timeZone }).format(starts);
    return t('push.when.day', { day, time });
  }
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return minutes === 1 ? t('push.when.minute') : t('push.when.minutes', { n: String(minutes) });
  const hours = Math.round(ms / 3_600_000);
  if (hours < 3) return hours === 1 ? t('push.when.hour') : t('push.when.hours', { n: String(hours) });
  const time = new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit', timeZone: clock.timeZone }).format(starts);
  const today = dayKey(new Date(clock.now), lang, clock.timeZone);
  if (dayKey(starts, lang, clock.timeZone) === today) return t('push.when.today', { time });
  if (dayKey(new Date(starts.getTime() - 86_400_000), lang, clock.timeZone) === today) return t('push.when.tomorrow', { time });
  const day = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', day: 'numeric', month: 'short', timeZone: clock.timeZone }).format(starts);
  return t('push.when.day', { day, time });
}

// ---- the titles, shared with the app's list of what happened (news.ts), so that the list and
// the push never say it differently ----

/** "Poetsen: morgen om 09:00", "Je klus: over 2 uur". In the list (`past: 'day'`), a job that
 * has begun says its day and time instead of "nu". */
export function reminderTitle(p: PushPayload, clock: Clock, past: 'now' | 'day' = 'now'): string {
  const starts = parse(p.starts_at);
  const when = starts ? startsIn(starts, p.lang, clock, past) : '';
  if (p.category && when) return pushText(p.lang, 'push.reminder.title', { category: p.category, when });
  if (when) return pushText(p.lang, 'push.reminder.titlePlain', { when });
  return p.category || pushText(p.lang, 'push.app');
}

/** "Ayşe voelt zich niet veilig" */
export function safetyTitle(p: PushPayload): string {
  return p.person ? pushText(p.lang, 'push.safety.title', { person: p.person }) : pushText(p.lang, 'push.safety.titlePlain');
}

/** "Geannuleerd: Poetsen" */
export function cancelledTitle(p: PushPayload): string {
  return p.category ? pushText(p.lang, 'push.cancelled.title', { category: p.category }) : pushText(p.lang, 'push.cancelled.titlePlain');
}

/** "Nieuwe klus: Poetsen", "Ga je mee? Poetsen" */
export function askingTitle(p: PushPayload): string {
  const t = (key: PushKey, params?: Record<string, string>) => pushText(p.lang, key, params);
  if (isBuddy(p)) return p.category ? t('push.buddy.title', { category: p.category }) : t('push.buddy.titlePlain');
  return p.category ? t('push.offer.title', { category: p.category }) : t('push.offer.titlePlain');
}

/** An event as GET /notifications gives it (kind, data), read as the push payload the server
 * would make of it (internal/postgres/push.go): the ids, `first_name` as `person`, the times,
 * and the tag (pushTopic: a job_status is tagged with its job only when it was cancelled).
 * The list has no category or place: the data holds ids, not names. */
export function notificationPayload(n: { id: number; kind: string; data?: unknown }, lang: PushLang): PushPayload {
  const d = typeof n.data === 'object' && n.data !== null ? (n.data as Record<string, unknown>) : {};
  const p = readPayload({ ...d, v: 1, id: n.id, kind: n.kind, lang, person: d.first_name, tag: '', category: '', icon: '', municipality: '' });
  const cancelled = n.kind === 'job_status' && d.state === 'cancelled' && p.job_id > 0;
  const safety = n.kind === 'safety_alert' ? int(d.report_id) : 0;
  return { ...p, tag: cancelled ? `job-${p.job_id}` : safety > 0 ? `safety-${safety}` : '' };
}

/** Hours waiting for an answer: "Uren goedkeuren: Poetsen". */
function hoursView(p: PushPayload, clock: Clock): PushView {
  const t = (key: PushKey, params?: Record<string, string>) => pushText(p.lang, key, params);
  const [title, plain, body]: [PushKey, PushKey, PushKey] =
    p.kind === 'hours_to_confirm'
      ? ['push.hours.confirm', 'push.hours.confirmPlain', 'push.hours.confirmBody']
      : p.kind === 'hours_disputed'
        ? ['push.hours.disputed', 'push.hours.disputedPlain', 'push.hours.disputedBody']
        : ['push.hours.approve', 'push.hours.approvePlain', 'push.hours.approveBody'];
  return {
    title: p.category ? t(title, { category: p.category }) : t(plain),
    options: { body: t(body), tag: pushTag(p), timestamp: clock.now, lang: p.lang, dir: pushDir(p.lang), data: p },
    icon: p.icon || null,
  };
}

/** A job's cancellation, as the push reads it (exported for the list). */
export const isJobCancellation = (p: PushPayload) => isCancellation(p);

/** The day of a job: reminder, nudge, cancellation, a coach's safety alert; null for others. */
function dayView(p: PushPayload, clock: Clock): PushView | null {
  const t = (key: PushKey, params?: Record<string, string>) => pushText(p.lang, key, params);
  const push = kindInfo(p.kind)?.push;
  const base = { tag: pushTag(p), timestamp: clock.now, lang: p.lang, dir: pushDir(p.lang), data: p };
  if (push === 'reminder') {
    return {
      title: reminderTitle(p, clock),
      options: { ...base, body: p.municipality ? t('push.reminder.body', { place: p.municipality }) : t('push.reminder.bodyPlain'), renotify: true },
      icon: p.icon || null,
    };
  }
  if (push === 'nudge') {
    return {
      title: t('push.nudge.title'),
      options: { ...base, body: [p.category, t('push.nudge.body')].filter((x) => x !== '').join(' · '), renotify: true, requireInteraction: true },
      icon: p.icon || null,
    };
  }
  if (push === 'alarm') {
    const starts = parse(p.starts_at);
    const where = [p.category, p.municipality, starts ? when(starts, p.lang, clock.timeZone) : ''].filter((x) => x !== '').join(' · ');
    return {
      title: safetyTitle(p),
      options: {
        ...base,
        body: where ? `${where}\n${t('push.safety.act')}` : t('push.safety.act'),
        renotify: true,
        requireInteraction: true,
        silent: false,
        vibrate: [400, 150, 400, 150, 400],
      },
      icon: null,
    };
  }
  if (isCancellation(p)) {
    return {
      title: cancelledTitle(p),
      options: { ...base, body: t('push.cancelled.body'), renotify: true },
      icon: p.icon || null,
    };
  }
  return null;
}

const isBuddy = (p: PushPayload) => kindInfo(p.kind)?.about === 'buddy_request';

function quiet(p: PushPayload, body: string, clock: Clock): PushView {
  return {
    title: p.category || pushText(p.lang, 'push.app'),
    options: { body, tag: pushTag(p), silent: true, renotify: false, timestamp: clock.now, lang: p.lang, dir: pushDir(p.lang), data: p },
    icon: p.icon || null,
  };
}

/** The quiet line that replaces an offer's (a request's) notification after an answer or when
 * it closed: same tag, no sound, no buttons. */
export function outcomeView(p: PushPayload, key: PushKey, clock: Clock): PushView {
  return quiet(p, pushText(p.lang, key), clock);
}

/** A button that did not work (no answer in time, no network, the app could not be opened):
 * says so under the same tag, with a sound, so that it is not missed; a tap opens the app. */
export function failedView(p: PushPayload, clock: Clock): PushView {
  const v = quiet(p, pushText(p.lang, 'push.failed'), clock);
  return { ...v, options: { ...v.options, silent: false, renotify: true } };
}

export function pushView(p: PushPayload, clock: Clock): PushView {
  const t = (key: PushKey, params?: Record<string, string>) => pushText(p.lang, key, params);

  // Offers and buddy requests are shown with buttons; once no longer open, the notification is
  // replaced by a quiet line saying so.
  const push = kindInfo(p.kind)?.push;
  if (push === 'closing') return outcomeView(p, isBuddy(p) ? 'push.closed.buddy' : 'push.closed.offer', clock);

  if (push === 'asking') {
    const buddy = isBuddy(p);
    const expires = parse(p.expires_at);
    // Delivered late (a phone that was off): it can no longer be answered.
    if (expires && expires.getTime() <= clock.now) return outcomeView(p, buddy ? 'push.closed.buddy' : 'push.closed.offer', clock);
    const starts = parse(p.starts_at);
    const body = [p.municipality, starts ? when(starts, p.lang, clock.timeZone) : '', expires ? t('push.answerBefore', { time: deadline(expires, p.lang, clock) }) : '']
      .filter((part) => part !== '')
      .join(' · ');
    const title = askingTitle(p);
    // Buttons only when they can do something: the id to answer is there.
    const answerable = buddy ? p.request_id > 0 : p.offer_id > 0;
    const actions: NotificationAction[] = !answerable
      ? []
      : buddy
        ? [
            { action: 'confirm', title: t('push.action.confirm') },
            { action: 'decline', title: t('push.action.decline') },
          ]
        : [
            { action: 'accept', title: t('push.action.accept') },
            { action: 'decline', title: t('push.action.decline') },
          ];
    return {
      title,
      options: {
        body,
        tag: pushTag(p),
        renotify: true,
        requireInteraction: true,
        actions,
        timestamp: clock.now,
        lang: p.lang,
        dir: pushDir(p.lang),
        data: p,
      },
      icon: p.icon || null,
    };
  }

  const day = dayView(p, clock);
  if (day) return day;
  if (push === 'hours') return hoursView(p, clock);

  // Any other kind, and one this version does not know (the server is newer): every push must
  // show something.
  return {
    title: t('push.app'),
    options: { body: t('push.generic.body'), tag: pushTag(p), timestamp: clock.now, lang: p.lang, dir: pushDir(p.lang), data: p },
    icon: null,
  };
}

/** Where a tap opens the app: the worker's offers and the buddy's requests are on the home
 * page (router: "/"). */
export const APP_URL = '/';

/** Where a tap on this push opens the app: a coach's safety alert on the safety list, where
 * they call and follow up; hours where they are answered (the worker's and buddy's on the home
 * page's card, a worker's for the poster on the job's page, a buddy's or a dispute on the
 * coach's hours); everything else on the home page. */
export function clickPath(p: Pick<PushPayload, 'kind'> & Partial<Pick<PushPayload, 'job_id' | 'role'>>): string {
  if (p.kind === 'safety_alert') return '/coach/safety';
  if (p.kind === 'hours_disputed' || (p.kind === 'hours_to_approve' && p.role === 'buddy')) return '/coach/hours';
  if (p.kind === 'hours_to_approve' && (p.job_id ?? 0) > 0) return `/jobs/${p.job_id}`;
  return APP_URL;
}
