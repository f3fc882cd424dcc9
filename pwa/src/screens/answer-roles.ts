// The two homes that answer: a worker's (offers, then booked jobs) and a buddy's (requests to go
// along, then accompaniments). They share their cards and lists (answer-card.tsx,
// answer-lists.tsx); what tells them apart — their words, their heading ids and the test ids the
// browser tests in e2e/ use — is this one table, written out so that a search finds each id.
import type { IconName } from '../components/Icon';
import type { PlainKey } from '../i18n';

export type AnswerRole = 'worker' | 'buddy';

type RoleNames = {
  /** What is open to answer: offers or requests. */
  open: {
    titleId: string;
    heading: PlainKey;
    list: string;
    empty: { icon: IconName; testid: string; text: PlainKey };
    card: 'offer' | 'buddy-request';
    idAttribute: 'data-offer-id' | 'data-request-id';
    titlePrefix: 'offer' | 'request';
    countdown: string;
    yes: { testid: string; label: PlainKey };
    no: string;
  };
  /** What they go to: booked jobs or accompaniments. */
  booked: {
    titleId: string;
    heading: PlainKey;
    list: string;
    empty: { testid: string; text: PlainKey };
    dropped: { testid: string; heading: PlainKey };
    card: 'assignment' | 'accompaniment';
    address: string;
    route: string;
    dropOut: { testid: string; label: PlainKey; yes: PlainKey; no: PlainKey; started: PlainKey };
    neverAgain: string;
  };
};

export const ROLES: Record<AnswerRole, RoleNames> = {
  worker: {
    open: {
      titleId: 'offers-title',
      heading: 'homes.worker.offers',
      list: 'offers',
      empty: { icon: 'inbox', testid: 'offers-empty', text: 'homes.worker.empty' },
      card: 'offer',
      idAttribute: 'data-offer-id',
      titlePrefix: 'offer',
      countdown: 'offer-countdown',
      yes: { testid: 'offer-accept', label: 'offers.yes' },
      no: 'offer-decline',
    },
    booked: {
      titleId: 'assignments-title',
      heading: 'homes.worker.jobs',
      list: 'assignments',
      empty: { testid: 'assignments-empty', text: 'homes.worker.jobsEmpty' },
      dropped: { testid: 'dropout-done', heading: 'assignment.droppedOut' },
      card: 'assignment',
      address: 'assignment-address',
      route: 'assignment-route',
      dropOut: { testid: 'assignment-dropout', label: 'assignment.dropOut', yes: 'assignment.dropOutYes', no: 'assignment.dropOutNo', started: 'assignment.started' },
      neverAgain: 'assignment-never-again',
    },
  },
  buddy: {
    open: {
      titleId: 'requests-title',
      heading: 'homes.buddy.requests',
      list: 'buddy-requests',
      empty: { icon: 'buddies', testid: 'requests-empty', text: 'homes.buddy.empty' },
      card: 'buddy-request',
      idAttribute: 'data-request-id',
      titlePrefix: 'request',
      countdown: 'buddy-request-countdown',
      yes: { testid: 'buddy-request-confirm', label: 'buddy.yes' },
      no: 'buddy-request-decline',
    },
    booked: {
      titleId: 'going-title',
      heading: 'buddy.going',
      list: 'accompaniments',
      empty: { testid: 'accompaniments-empty', text: 'buddy.goingEmpty' },
      dropped: { testid: 'accompaniment-dropout-done', heading: 'buddy.droppedOut' },
      card: 'accompaniment',
      address: 'accompaniment-address',
      route: 'accompaniment-route',
      dropOut: { testid: 'accompaniment-dropout', label: 'buddy.dropOut', yes: 'buddy.dropOutYes', no: 'buddy.dropOutNo', started: 'buddy.started' },
      neverAgain: 'accompaniment-never-again',
    },
  },
};
