// "Opvolgen" (issue 13, part 5, under the radar): the coordinator's people who need a call, the
// reasons in words, and the actions. The count the home and the menu show is kept here: the
// screens that load the list publish its length (no extra request from the header).
import { api } from './api';
import type { FollowUpAction, FollowUpKind, FollowUpPerson, FollowUpReason } from './api/types';
import { formatDate, formatDateTime } from './format';
import { publishFollowUpCount } from './follow-up-count';
import type { Lang, Translate } from './i18n';
import type { IconName } from './components/Icon';

export type { FollowUpAction, FollowUpKind, FollowUpPerson, FollowUpReason };

/** The longest note (docs/openapi.yaml). */
export const NOTE_MAX = 1000;

export async function fetchFollowUp(signal?: AbortSignal): Promise<FollowUpPerson[]> {
  const body = await api<{ people?: FollowUpPerson[] }>('GET', '/org/follow-up', { signal });
  const people = Array.isArray(body?.people) ? body.people : [];
  publishFollowUpCount(people.length);
  return people;
}

export type FollowUpInput = { kind: FollowUpKind; note?: string; until?: string };

export async function actOnFollowUp(personId: number, input: FollowUpInput): Promise<FollowUpAction> {
  const r = await api<{ action: FollowUpAction }>('POST', `/org/follow-up/${personId}/actions`, { body: input });
  return r.action;
}

export type FollowUpHistory = {
  state: 'open' | 'snoozed' | 'resolved' | null;
  snoozed_until: string | null;
  resolved_at: string | null;
  reasons: FollowUpReason[];
  last_active_at: string | null;
  actions: FollowUpAction[];
};

export async function fetchFollowUpHistory(personId: number, signal?: AbortSignal): Promise<FollowUpHistory> {
  return api<FollowUpHistory>('GET', `/org/people/${personId}/follow-up`, { signal });
}

/** A reason in words, with its icon. */
export function reasonText(r: FollowUpReason, lang: Lang, t: Translate): { icon: IconName; text: string } {
  const n = String(r.count ?? 1);
  const days = String(r.days ?? 0);
  const date = formatDate(r.since.slice(0, 10), lang);
  switch (r.code) {
    case 'no_show':
      return { icon: 'userMinus', text: t('followUp.reason.noShow', { date, n }) };
    case 'late_dropout':
      return { icon: 'ban', text: t('followUp.reason.lateDropout', { date, n }) };
    case 'offers_expired':
      return { icon: 'hourglass', text: t('followUp.reason.offersExpired', { n }) };
    case 'declines':
      return { icon: 'ban', text: t('followUp.reason.declines', { n }) };
    case 'inactive':
      return { icon: 'clock', text: t('followUp.reason.inactive', { days }) };
    case 'notifications_off':
      return { icon: 'bell', text: t('followUp.reason.notificationsOff', { days }) };
    case 'invite_unused':
      return { icon: 'mail', text: t('followUp.reason.inviteUnused', { days }) };
  }
  return { icon: 'alert', text: t('followUp.reason.other') };
}

export const KIND_ICON: Record<FollowUpKind, IconName> = { call: 'phone', visit: 'house', message: 'mail', snooze: 'hourglass', resolve: 'check' };

const DONE_KEYS = {
  call: 'followUp.done.call',
  visit: 'followUp.done.visit',
  message: 'followUp.done.message',
  resolve: 'followUp.done.resolve',
} as const;

/** "Gebeld door Ann op 3 nov. 09:00: komt terug" */
export function actionText(a: FollowUpAction, lang: Lang, t: Translate): string {
  const when = formatDateTime(a.at, lang);
  const what =
    a.kind === 'snooze' ? t('followUp.done.snooze', { date: a.snoozed_until ? formatDate(a.snoozed_until, lang) : '' }) : t(DONE_KEYS[a.kind]);
  const head = a.by ? t('followUp.actionBy', { what, who: a.by, when }) : t('followUp.action', { what, when });
  return a.note ? `${head}: ${a.note}` : head;
}

/** Tomorrow in Belgium, YYYY-MM-DD: the first day a snooze may name. */
export function tomorrow(now: Date = new Date()): string {
  const d = new Date(now.getTime() + 24 * 3600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
