// What each kind of event (docs/openapi.yaml: Notification.kind) means to the app and to the
// service worker, in one table. The table must name every kind the API describes and no other
// (`satisfies Record<NotificationKind, …>`): a kind added to the description fails the type
// check here until someone says what it is. Type-only imports, no DOM: src/sw uses it too.
import type { NotificationKind } from './api/types';

export type { NotificationKind };

export type KindInfo = {
  /** What the event is about: an offer to a worker, a request to a buddy, a job on the
   * coordinator's match board (not news: the open board loads the job again), or anything else. */
  about: 'offer' | 'buddy_request' | 'board' | 'other';
  /** As a push: `asking` shows the offer (request) with buttons; `closing` replaces its
   * notification with a quiet line saying it is no longer open; `reminder` says which booked
   * job comes when ("morgen om 09:00"); `nudge` asks "Ben je er al?" under the reminder's tag;
   * `alarm` tells a coach someone does not feel safe (urgent, stays until acted on); `hours`
   * asks for an answer on hours (confirm, approve, decide) before Klusbuddy gives it; `plain`
   * says "news for you" (a `job_status` under a job's tag is its cancellation: push-view.ts). */
  push: 'asking' | 'closing' | 'reminder' | 'nudge' | 'alarm' | 'hours' | 'plain';
};

export const NOTIFICATION_KINDS = {
  offer_new: { about: 'offer', push: 'asking' },
  offer_taken: { about: 'offer', push: 'closing' },
  offer_expired: { about: 'offer', push: 'closing' },
  offer_withdrawn: { about: 'offer', push: 'closing' },
  assignment_confirmed: { about: 'other', push: 'plain' },
  job_status: { about: 'other', push: 'plain' },
  coordinator_alert: { about: 'other', push: 'plain' },
  buddy_request: { about: 'buddy_request', push: 'asking' },
  buddy_request_closed: { about: 'buddy_request', push: 'closing' },
  buddy_confirmed: { about: 'other', push: 'plain' },
  buddy_missing: { about: 'other', push: 'plain' },
  buddy_dropout: { about: 'other', push: 'plain' },
  reminder: { about: 'other', push: 'reminder' },
  checkin_nudge: { about: 'other', push: 'nudge' },
  safety_alert: { about: 'other', push: 'alarm' },
  hours_to_confirm: { about: 'other', push: 'hours' },
  hours_to_approve: { about: 'other', push: 'hours' },
  hours_disputed: { about: 'other', push: 'hours' },
  hours_approved: { about: 'other', push: 'plain' },
  follow_up: { about: 'other', push: 'plain' },
  // A job on the coordinator's board changed: only an open board takes it (live.ts: onBoard);
  // the server never pushes it nor lists it among the news.
  board_changed: { about: 'board', push: 'plain' },
} as const satisfies Record<NotificationKind, KindInfo>;

export const ALL_KINDS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(v: unknown): v is NotificationKind {
  return typeof v === 'string' && Object.hasOwn(NOTIFICATION_KINDS, v);
}

/** The kind's meaning, or null for a kind this version does not know (a newer server). */
export function kindInfo(kind: string): KindInfo | null {
  return isNotificationKind(kind) ? NOTIFICATION_KINDS[kind] : null;
}

/** A `board_changed` event: for an open match board only, never news. */
export function isBoardEvent(n: { kind: string }): boolean {
  return kindInfo(n.kind)?.about === 'board';
}
