// The pieces of a job that the poster's screens, the edit form and the coach's board share: its
// state as a badge, when it is (or which days), who is coming and which buddies, and the page
// for a job that does not exist.
import { ApiError } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { Page } from '../components/Page';
import { formatDay, formatDayRange, formatList, formatNumber, formatTime } from '../format';
import type { Lang, PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { type Job, type JobPlace, type JobState, lastSlot, windowDays } from '../jobs';
import { Link } from '../router';


const STATE_LOOK: Record<JobState, { icon: IconName; tone: 'new' | 'wait' | 'ok' | 'busy' | 'stop' | 'gone' }> = {
  open: { icon: 'clipboard', tone: 'new' },
  offering: { icon: 'search', tone: 'wait' },
  filled: { icon: 'buddies', tone: 'ok' },
  in_progress: { icon: 'play', tone: 'busy' },
  done: { icon: 'check', tone: 'ok' },
  hours_confirmed: { icon: 'shield', tone: 'ok' },
  cancelled: { icon: 'ban', tone: 'stop' },
  expired: { icon: 'hourglass', tone: 'gone' },
  unfilled: { icon: 'alert', tone: 'stop' },
};

function stateKey(state: JobState): PlainKey {
  return `jobState.${state}` as const;
}

/** The state of a job in words, with its own colour and icon. */
export function JobStateBadge({ state }: { state: JobState }) {
  const { t } = useI18n();
  const look = STATE_LOOK[state] ?? { icon: 'clipboard', tone: 'new' };
  const known = Object.hasOwn(STATE_LOOK, state);
  return (
    <span class={`badge badge--job badge--${look.tone}`} data-testid="job-state" data-state={state}>
      <Icon name={look.icon} />
      {known ? t(stateKey(state)) : state}
    </span>
  );
}

/** "Ayşe en Jan komen", or null when nobody is booked. */
export function comingText(names: readonly string[], lang: Lang, t: Translate): string | null {
  if (names.length === 0) return null;
  const list = formatList(names, lang);
  return names.length === 1 ? t('jobs.comingOne', { names: list }) : t('jobs.comingMany', { names: list });
}

/** "Buddy Jan gaat mee", or null when no buddy is confirmed. */
export function buddiesText(names: readonly string[], lang: Lang, t: Translate): string | null {
  if (names.length === 0) return null;
  const list = formatList(names, lang);
  return names.length === 1 ? t('buddy.comingOne', { names: list }) : t('buddy.comingMany', { names: list });
}

/** "wo 2 december · 09:00–11:00" */
export function whenText(job: Job, lang: Lang, style: 'short' | 'long' = 'short'): string {
  const start = new Date(job.start);
  const end = new Date(job.end);
  return `${formatDay(start, lang, style)} · ${formatTime(start, lang)}–${formatTime(end, lang)}`;
}

/** When the job is: its day as whenText has it, or while no day is settled yet, "Een dag tussen
 * di 8 en vr 11 december, 10:00–12:00". */
export function jobWhenText(job: Job, lang: Lang, t: Translate, style: 'short' | 'long' = 'short'): string {
  if (windowDays(job) <= 1) return whenText(job, lang, style);
  const range = formatDayRange(job.start, lastSlot(job).start, lang, style);
  const time = `${formatTime(new Date(job.start), lang)}–${formatTime(new Date(job.end), lang)}`;
  return t('jobs.window', { first: range.first, last: range.last, time });
}

export const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.status === 404;

/** A job that does not exist (or is not the poster's): said kindly, with the way home. */
export function JobNotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('job.notFoundTitle')} intro={t('job.notFoundText')} testid="job-not-found">
      <Link class="button" href="/">
        <Icon name="house" />
        {t('job.back')}
      </Link>
    </Page>
  );
}

export type PlaceStatusValue = JobPlace['status'];

const PLACE_STATUS_LOOK: Record<PlaceStatusValue, { icon: IconName; tone: 'new' | 'wait' | 'ok' | 'busy' }> = {
  booked: { icon: 'calendar', tone: 'new' },
  arrived: { icon: 'play', tone: 'busy' },
  left: { icon: 'back', tone: 'wait' },
  done: { icon: 'check', tone: 'ok' },
};

/** A place on the day: "Komt", "Is aangekomen", "Moest vertrekken" (no reason: a worker who
 * did not feel safe shows only this to the poster) or "Klaar", each with its own icon. */
export function PlaceStatus({ status }: { status: PlaceStatusValue | undefined }) {
  const { t } = useI18n();
  if (!status || !Object.hasOwn(PLACE_STATUS_LOOK, status)) return null;
  const look = PLACE_STATUS_LOOK[status];
  return (
    <p class="place-status">
      <span class={`badge badge--job badge--${look.tone}`} data-testid="job-place-status" data-status={status}>
        <Icon name={look.icon} />
        {t(`job.place.status.${status}` as const)}
      </span>
    </p>
  );
}

/** On a job's card: how many arrived, and whether someone had to leave; null before the day. */
export function dayText(places: readonly Pick<JobPlace, 'status'>[] | undefined, lang: Lang, t: Translate): string | null {
  if (!Array.isArray(places)) return null;
  if (places.some((p) => p.status === 'left')) return t('jobs.someoneLeft');
  const arrived = places.filter((p) => p.status === 'arrived').length;
  if (arrived === 0) return null;
  return arrived === 1 ? t('jobs.arrivedOne') : t('jobs.arrivedMany', { n: formatNumber(arrived, lang) });
}
