// Who was asked for a job, on its review page (coach-job.tsx): the offers by wave with each
// person's answer and why they were asked (the score broken down), and the buddies asked.
import {
  type BoardBuddyRequest,
  type BoardOffer,
  type Breakdown,
  BREAKDOWN_PARTS,
  type BreakdownPart,
  barScale,
  OFFER_STATES,
  type OfferState,
  points,
  sortBuddyRequests,
  sortOffers,
} from '../board';
import { Icon, type IconName } from '../components/Icon';
import { Empty } from '../components/Page';
import { formatDateTime, formatNumber } from '../format';
import type { Lang, PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { DECLINE_REASONS } from '../offers';
import { type Block, CoachNeverAgain, WorkerName } from './board-parts';

const OFFER_LOOK: Record<OfferState, { icon: IconName; tone: 'new' | 'wait' | 'ok' | 'busy' | 'stop' | 'gone' }> = {
  pending: { icon: 'hourglass', tone: 'wait' },
  accepted: { icon: 'check', tone: 'ok' },
  declined: { icon: 'ban', tone: 'stop' },
  expired: { icon: 'clock', tone: 'gone' },
  taken: { icon: 'buddies', tone: 'gone' },
  withdrawn: { icon: 'close', tone: 'gone' },
};

/** The state of an offer, or of a request to a buddy (`testid` "request-state"): for a buddy,
 * "taken" means another buddy goes along. */
function OfferStateBadge({ state, testid = 'offer-state' }: { state: OfferState; testid?: 'offer-state' | 'request-state' }) {
  const { t } = useI18n();
  const known = (OFFER_STATES as readonly string[]).includes(state);
  const look = known ? OFFER_LOOK[state] : { icon: 'note' as IconName, tone: 'new' as const };
  const text = !known ? state : testid === 'request-state' && state === 'taken' ? t('coachJob.requestState.taken') : t(`coachJob.offerState.${state}` as const);
  return (
    <span class={`badge badge--job badge--${look.tone}`} data-testid={testid} data-state={state}>
      <Icon name={look.icon} />
      {text}
    </span>
  );
}

export function Offers({ offers, block }: { offers: BoardOffer[]; block: Block }) {
  const { t, lang } = useI18n();
  const sorted = sortOffers(offers);
  const scale = barScale(sorted.map((o) => o.breakdown));
  const waves = [...new Set(sorted.map((o) => o.wave))];
  return (
    <section class="section" aria-labelledby="offers-title">
      <h2 id="offers-title">{t('coachJob.offers')}</h2>
      <p class="section__intro">{t('coachJob.offersIntro')}</p>
      {sorted.length === 0 ? (
        <Empty icon="inbox" testid="coach-no-offers">
          {t('coachJob.noOffers')}
        </Empty>
      ) : (
        waves.map((w) => (
          <div key={w} class="wave" data-testid="coach-wave" data-wave={w}>
            <h3 class="wave__title">{t('coachJob.wave', { n: formatNumber(w, lang) })}</h3>
            <ul class="offer-cards">
              {sorted
                .filter((o) => o.wave === w)
                .map((o) => (
                  <OfferCard key={o.id} offer={o} scale={scale} block={block} />
                ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

function minutesText(n: number, lang: Lang, t: Translate): string {
  const rounded = Math.round(n);
  return rounded === 1 ? t('coachJob.minuteOne') : t('coachJob.minutesMany', { n: formatNumber(rounded, lang) });
}

/** Why someone said no, in words; null when they did not say. */
function declineText(reason: string | null | undefined, t: Translate): string | null {
  if (!reason) return null;
  return (DECLINE_REASONS as readonly string[]).includes(reason) ? t(`offers.reason.${reason as (typeof DECLINE_REASONS)[number]}` as const) : reason;
}

/** "Gevraagd: … · Antwoord: …" */
function AskedLine({ created, answered }: { created: string; answered: string | null | undefined }) {
  const { t, lang } = useI18n();
  return (
    <p class="job-line">
      <Icon name="clock" />
      <span>
        {t('coachJob.asked', { when: formatDateTime(created, lang) })}
        {answered ? ` · ${t('coachJob.answered', { when: formatDateTime(answered, lang) })}` : ''}
      </span>
    </p>
  );
}

function OfferCard({ offer: o, scale, block }: { offer: BoardOffer; scale: number; block: Block }) {
  const { t, lang } = useI18n();
  const reason = declineText(o.decline_reason, t);
  return (
    <li class="offer-card" data-testid="coach-offer" data-offer-id={o.id} data-wave={o.wave} data-state={o.state}>
      <div class="offer-card__head">
        <p class="offer-card__who">
          <WorkerName worker={o.worker} />
        </p>
        <OfferStateBadge state={o.state} />
      </div>
      {o.state === 'declined' && (
        <p class="job-line job-line--strong" data-testid="offer-reason">
          <Icon name="note" />
          <span>{t('coachJob.reason', { reason: reason ?? t('coachJob.noReason') })}</span>
        </p>
      )}
      <p class="job-line" data-testid="offer-travel">
        <Icon name="route" />
        <span>{t('coachJob.travel', { time: minutesText(o.travel_minutes, lang, t) })}</span>
      </p>
      {o.needs_buddy && (
        <p class="job-line">
          <Icon name="buddies" />
          <span>{t('coachJob.needsBuddy')}</span>
        </p>
      )}
      <AskedLine created={o.created_at} answered={o.answered_at} />
      <ScoreBreakdown offer={o} scale={scale} />
      <CoachNeverAgain person={o.worker} block={block} />
    </li>
  );
}

/** "Gevraagde buddy's": every request to a buddy for this job's places, by wave, like the offers. */
export function BuddyRequests({ requests, block }: { requests: BoardBuddyRequest[]; block: Block }) {
  const { t, lang } = useI18n();
  const sorted = sortBuddyRequests(requests);
  const waves = [...new Set(sorted.map((r) => r.wave))];
  return (
    <section class="section" aria-labelledby="buddy-requests-title" data-testid="coach-buddy-requests">
      <h2 id="buddy-requests-title">{t('coachJob.buddyRequests')}</h2>
      {sorted.length === 0 ? (
        <Empty icon="buddies" testid="coach-no-buddy-requests">
          {t('coachJob.noBuddyRequests')}
        </Empty>
      ) : (
        <>
          <p class="section__intro">{t('coachJob.buddyRequestsIntro')}</p>
          {waves.map((w) => (
            <div key={w} class="wave" data-testid="coach-request-wave" data-wave={w}>
              <h3 class="wave__title">{t('coachJob.wave', { n: formatNumber(w, lang) })}</h3>
              <ul class="offer-cards">
                {sorted
                  .filter((r) => r.wave === w)
                  .map((r) => (
                    <BuddyRequestCard key={r.id} request={r} block={block} />
                  ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function BuddyRequestCard({ request: r, block }: { request: BoardBuddyRequest; block: Block }) {
  const { t, lang } = useI18n();
  const reason = declineText(r.decline_reason, t);
  return (
    <li class="offer-card" data-testid="coach-buddy-request" data-request-id={r.id} data-wave={r.wave} data-state={r.state}>
      <div class="offer-card__head">
        <p class="offer-card__who">
          <WorkerName worker={r.buddy} testid="request-buddy" />
        </p>
        <OfferStateBadge state={r.state} testid="request-state" />
      </div>
      {r.state === 'declined' && (
        <p class="job-line job-line--strong" data-testid="request-reason">
          <Icon name="note" />
          <span>{t('coachJob.reason', { reason: reason ?? t('coachJob.noReason') })}</span>
        </p>
      )}
      <p class="job-line" data-testid="request-travel">
        <Icon name="route" />
        <span>{t('coachJob.travel', { time: minutesText(r.travel_minutes, lang, t) })}</span>
      </p>
      <AskedLine created={r.created_at} answered={r.answered_at} />
      <CoachNeverAgain person={r.buddy} block={block} />
    </li>
  );
}

const PART_LABEL: Record<BreakdownPart, PlainKey> = {
  travel: 'coachJob.part.travel',
  skill: 'coachJob.part.skill',
  fairness: 'coachJob.part.fairness',
  reliability: 'coachJob.part.reliability',
  familiarity: 'coachJob.part.familiarity',
  buddy_travel: 'coachJob.part.buddy_travel',
};

/** The fact behind a part, in words ("12,5 minuten onderweg", "niveau 2, nagekeken"). */
function partFact(part: BreakdownPart, b: Breakdown, o: BoardOffer, lang: Lang, t: Translate): string {
  switch (part) {
    case 'travel': {
      const m = b.travel_minutes ?? o.travel_minutes;
      return Number.isFinite(m) ? t('coachJob.fact.minutes', { n: formatNumber(m, lang) }) : '';
    }
    case 'skill':
      if (b.level === undefined) return '';
      return b.verified
        ? t('coachJob.fact.levelVerified', { level: formatNumber(b.level, lang) })
        : t('coachJob.fact.levelNotVerified', { level: formatNumber(b.level, lang) });
    case 'fairness':
      return b.hours_last_30_days === undefined ? '' : t('coachJob.fact.hours', { n: formatNumber(b.hours_last_30_days, lang) });
    case 'reliability': {
      // Offers made before reliability was learnt from outcomes carry no counts.
      if (b.reliability_share === undefined) return '';
      const done = b.done_jobs ?? 0;
      const noShows = b.no_shows ?? 0;
      const late = b.late_dropouts ?? 0;
      if (done + noShows + late === 0) return t('coachJob.fact.reliabilityNew');
      return t('coachJob.fact.reliability', {
        done: formatNumber(done, lang),
        noShows: formatNumber(noShows, lang),
        late: formatNumber(late, lang),
      });
    }
    case 'familiarity':
      if (b.jobs_for_poster === undefined) return '';
      return b.jobs_for_poster === 1
        ? t('coachJob.fact.posterJobsOne')
        : t('coachJob.fact.posterJobsMany', { n: formatNumber(b.jobs_for_poster, lang) });
    case 'buddy_travel':
      if (!o.needs_buddy) return t('coachJob.fact.noBuddy');
      return b.buddy_travel_minutes !== undefined
        ? t('coachJob.fact.buddyMinutes', { n: formatNumber(b.buddy_travel_minutes, lang) })
        : t('coachJob.needsBuddy');
  }
}

/** Why this person: each part of the score as points with a bar, and the fact behind it. */
function ScoreBreakdown({ offer: o, scale }: { offer: BoardOffer; scale: number }) {
  const { t, lang } = useI18n();
  const b = o.breakdown;
  const total = formatNumber(points(o.score), lang);
  if (!b) {
    return (
      <p class="job-line" data-testid="coach-breakdown">
        <Icon name="star" />
        <span>
          {t('coachJob.score', { n: total })} {t('coachJob.noBreakdown')}
        </span>
      </p>
    );
  }
  return (
    <table class="breakdown" data-testid="coach-breakdown">
      <caption class="breakdown__caption">
        <Icon name="star" />
        <span>
          {t('coachJob.why')} {t('coachJob.score', { n: total })}
          {b.first_asked && (
            <>
              {' '}
              <span data-testid="breakdown-first-asked">{t('coachJob.firstAsked')}</span>
            </>
          )}
        </span>
      </caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{t('coachJob.partHeader')}</th>
          <th scope="col">{t('coachJob.pointsHeader')}</th>
        </tr>
      </thead>
      <tbody>
        {BREAKDOWN_PARTS.map((p) => {
          const value = Number.isFinite(b[p]) ? (b[p] ?? 0) : 0;
          const width = Math.max(0, Math.min(100, (value / scale) * 100));
          const fact = partFact(p, b, o, lang, t);
          return (
            <tr key={p} data-part={p}>
              <th scope="row" class="breakdown__part">
                <span class="breakdown__name">{t(PART_LABEL[p])}</span>
                {fact && <span class="breakdown__fact">{fact}</span>}
              </th>
              <td class="breakdown__value">
                <span class="breakdown__bar" aria-hidden="true">
                  <span class="breakdown__fill" style={{ width: `${width.toFixed(0)}%` }} />
                </span>
                <span class="breakdown__points" data-testid="breakdown-points">
                  {formatNumber(points(value), lang)}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
