// What the match board (board.tsx) and a job's review (coach-job.tsx, coach-job-asked.tsx)
// share: a job's category, time and places in words, why it needs attention, a person's name
// (or only their organisation) and "Niet meer bij deze klant" for the coordinator's own people.
import type { Category } from '../api';
import {
  type AttentionReason,
  attentionReasons,
  type BoardJob,
  type BoardWorker,
  isOwnWorker,
  type PersonRef,
} from '../board';
import { categoryName, useCategories } from '../categories';
import { Icon, type IconName, isIconName } from '../components/Icon';
import { NeverAgain } from '../components/NeverAgain';
import { formatDay, formatNumber, formatTime } from '../format';
import type { Lang, PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { neverAgain } from '../jobs';
import { Link } from '../router';
import { countText } from '../i18n/plural';

function findCategory(categories: readonly Category[], slug: string): Category | undefined {
  return categories.find((c) => c.slug === slug);
}

export function useCategory(slug: string | undefined) {
  const { lang } = useI18n();
  const categories = useCategories();
  const c = slug && categories.status === 'ready' ? findCategory(categories.categories, slug) : undefined;
  return { name: c ? categoryName(c, lang) : (slug ?? ''), icon: c && isIconName(c.icon) ? c.icon : ('generic' as IconName) };
}

/** "wo 2 december · 09:00–11:00" */
export function whenText(job: Pick<BoardJob, 'start' | 'end'>, lang: Lang, style: 'short' | 'long' = 'short'): string {
  const start = new Date(job.start);
  const end = new Date(job.end);
  if (Number.isNaN(start.getTime())) return '';
  const until = Number.isNaN(end.getTime()) ? '' : `–${formatTime(end, lang)}`;
  return `${formatDay(start, lang, style)} · ${formatTime(start, lang)}${until}`;
}

/** "1 aanbod loopt" or "3 aanbiedingen lopen": the number in the page language. */
export function count(n: number, one: PlainKey, many: (n: string) => string, lang: Lang, t: Translate): string {
  return countText(n, () => t(one), () => many(formatNumber(n, lang)));
}

export function placesText(job: BoardJob, lang: Lang, t: Translate): string {
  return t('board.places', { booked: formatNumber(job.booked, lang), needed: formatNumber(job.workers_needed, lang) });
}

const REASON_ICON: Record<AttentionReason, IconName> = {
  safety: 'shield',
  not_arrived: 'hourglass',
  unfilled: 'search',
  buddy: 'buddies',
  soon: 'clock',
  declines: 'ban',
};

function reasonText(reason: AttentionReason, job: BoardJob, lang: Lang, t: Translate): string {
  switch (reason) {
    case 'safety':
      return t('board.reason.safety');
    case 'not_arrived':
      return count(job.not_arrived, 'board.reason.notArrivedOne', (n) => t('board.reason.notArrivedMany', { n }), lang, t);
    case 'unfilled':
      return t('board.reason.unfilled');
    case 'buddy':
      return count(job.awaiting_buddy, 'board.reason.buddyOne', (n) => t('board.reason.buddyMany', { n }), lang, t);
    case 'soon':
      return t('board.reason.soon');
    case 'declines':
      return t('board.reason.declines', { n: formatNumber(job.declines, lang) });
  }
}

/** What needs the coordinator, each reason in words beside its own icon (never colour alone). */
export function AttentionNote({ job, testid }: { job: BoardJob; testid: string }) {
  const { t, lang } = useI18n();
  const reasons = attentionReasons(job);
  if (reasons.length === 0) return null;
  return (
    <div class="attention attention--list" data-testid={testid}>
      <p class="attention__title">
        <Icon name="alert" />
        <strong>{t('board.attention')}</strong>
      </p>{' '}
      <ul class="attention__reasons">
        {reasons.map((r, i) => (
          <li key={r} class="attention__reason" data-testid="attention-reason" data-reason={r}>
            <Icon name={REASON_ICON[r]} />
            <span>{(i > 0 ? ' ' : '') + reasonText(r, job, lang, t)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A name that opens the person (own organisation) or "iemand van Werkplaats X". */
export function WorkerName({ worker, testid = 'worker' }: { worker: BoardWorker | PersonRef; testid?: string }) {
  const { t } = useI18n();
  const org = worker.organisation;
  const someone = org ? t('coachJob.someoneOf', { organisation: org }) : t('coachJob.someone');
  if (isOwnWorker(worker)) {
    return (
      <Link class="person-link" href={`/coach/people/${worker.id}`} data-testid={`${testid}-link`}>
        <Icon name="user" />
        {worker.name || someone}
      </Link>
    );
  }
  return (
    <span class="person-other" data-testid={`${testid}-other`}>
      <Icon name="building" />
      {someone}
    </span>
  );
}

/** What "Niet meer bij deze klant" needs on the coach's job page. */
export type Block = { jobId: number; blocked: ReadonlySet<number>; onBlocked: (personId: number) => void };

/** "Niet meer bij deze klant" for one of the coordinator's own people (with an id); nothing for
 * others (the server would answer 404). */
export function CoachNeverAgain({ person, block }: { person: PersonRef; block: Block }) {
  const { t } = useI18n();
  if (!isOwnWorker(person)) return null;
  const id = person.id;
  const name = person.name || t('coachJob.someoneOf', { organisation: person.organisation });
  return (
    <NeverAgain
      testid="coach-never-again"
      label={t('neverAgain.coach.button')}
      forReaders={name}
      question={t('neverAgain.coach.question', { name })}
      yes={t('neverAgain.coach.yes')}
      no={t('neverAgain.no')}
      doneText={t('neverAgain.coach.done', { name })}
      alreadyDone={block.blocked.has(id)}
      notFound={t('neverAgain.coach.notFound', { name })}
      run={() => neverAgain(block.jobId, { person_id: id })}
      onDone={() => block.onBlocked(id)}
    />
  );
}

/** The day of the job in badges, each with its own icon and words (never colour alone): booked
 * workers not checked in 15 minutes after the start, check-ins far from the address, safety
 * reports nobody acknowledged yet. Nothing when all three are 0. */
export function DayBadges({ job }: { job: BoardJob }) {
  const { t, lang } = useI18n();
  const safety = job.safety_open ?? 0;
  const notArrived = job.not_arrived ?? 0;
  const far = job.far_check_ins ?? 0;
  if (safety + notArrived + far === 0) return null;
  return (
    <ul class="day-badges" aria-label={t('board.badges')} data-testid="board-day-badges">
      {safety > 0 && (
        <li class="badge badge--stop day-badge" data-testid="badge-safety" data-count={safety}>
          <Icon name="shield" />
          <span>{count(safety, 'board.badge.safetyOne', (n) => t('board.badge.safetyMany', { n }), lang, t)}</span>
        </li>
      )}
      {notArrived > 0 && (
        <li class="badge badge--wait day-badge" data-testid="badge-not-arrived" data-count={notArrived}>
          <Icon name="hourglass" />
          <span>{count(notArrived, 'board.badge.notArrivedOne', (n) => t('board.badge.notArrivedMany', { n }), lang, t)}</span>
        </li>
      )}
      {far > 0 && (
        <li class="badge badge--wait day-badge" data-testid="badge-far" data-count={far}>
          <Icon name="pin" />
          <span>{count(far, 'board.badge.farOne', (n) => t('board.badge.farMany', { n }), lang, t)}</span>
        </li>
      )}
    </ul>
  );
}

/** "350 m" or "1,2 km", in the page language. */
export function distanceText(metres: number, lang: Lang, t: Translate): string {
  if (metres < 1000) return t('distance.m', { n: formatNumber(Math.round(metres), lang) });
  const km = Math.round(metres / 100) / 10;
  return t('distance.km', { n: formatNumber(km, lang) });
}
