// One card for what a worker or a buddy is asked, and one for what they go to. The worker's
// offer and the buddy's request are the same card (AnswerCard): the kind of job (for a worker, their pay estimate where their organisation sets a rate),
// day and time, place, travel time, a countdown, one big "yes" and "no (why not?)"; what differs
// comes in as props (their words, test ids, the extra lines, the calls). Likewise the booked job
// and the accompaniment (BookedCard): the exact address, a route link, "Ik kan toch niet" and
// "Niet meer voor deze klant".
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, type Category } from '../api';
import { categoryIcon, categoryName } from '../categories';
import { Icon, type IconName } from '../components/Icon';
import { NeverAgain } from '../components/NeverAgain';
import { ReadAloud } from '../components/ReadAloud';
import { formatMoney } from '../format';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import type { PersonJob } from '../jobs';
import { neverAgain } from '../never-again';
import type { BuddyRequest } from '../buddy';
import type { OutboxView } from '../day';
import { type DeclineReason, hasStarted, type Offer, remainingMs } from '../offers';
import type { TravelMode } from '../types';
import type { AnswerLists } from './answer-lists';
import { type AnswerRole, ROLES } from './answer-roles';
import { DayPanel, type DayState } from './day-card';
import { Contacts, RouteLink } from './day-parts';
import { addressLine, CardError, Countdown, DropOut, TRAVEL_ICON, whenText, YesNo } from './answer-parts';

/** What an offer and a buddy request both have (travel_minutes: the person's travel time to
 * the job, in minutes). */
export type Answerable = Pick<Offer & BuddyRequest, 'id' | 'category' | 'description' | 'municipality' | 'start' | 'end' | 'travel_minutes' | 'expires_at'>;

/** A 409 or 404 on "yes" or "no": no longer open (taken, expired, cancelled …). */
const closed = (err: unknown): err is ApiError => err instanceof ApiError && (err.status === 409 || err.status === 404);

/**
 * An offer (`role` worker) or a buddy request (`role` buddy); answer-roles.ts names their parts
 * and words. After "yes", `onYes` gets the server's answer; when it is no longer open,
 * `onRefused` gets why. After "no" (or when the item was gone anyway), the card goes
 * (lists.declined). Other failures stay on the card.
 */
export function AnswerCard<Item extends Answerable, Answer>({
  role,
  item,
  lists,
  pay = null,
  travelMode,
  facts,
  said = [],
  answerYes,
  answerNo,
  onYes,
  onRefused,
}: {
  role: AnswerRole;
  item: Item;
  /** The home's lists: the clock, the categories, and what "no" does. */
  lists: Pick<AnswerLists<Item, unknown>, 'now' | 'find' | 'declined'>;
  /** The worker's pay estimate in cents (their organisation's rate × the hours); null: no amount. Never the poster's price. */
  pay?: number | null;
  /** How the person travels (icon and words), or null when it is not known. */
  travelMode: TravelMode | null;
  /** Lines after the travel time, before the explanation. */
  facts?: ComponentChildren;
  /** Those lines as words, for "Lees voor". */
  said?: readonly string[];
  answerYes: (id: number) => Promise<Answer>;
  answerNo: (id: number, reason: DeclineReason | null) => Promise<void>;
  onYes: (item: Item, answer: Answer) => void;
  onRefused: (item: Item, err: ApiError) => void;
}) {
  const { t, lang } = useI18n();
  const names = ROLES[role].open;
  const titleId = `${names.titlePrefix}-${item.id}-title`;
  const { now } = lists;
  const category = lists.find(item.category);
  const onDeclined = (i: Item) => lists.declined(i.id);
  const [busy, setBusy] = useState<'yes' | 'no' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const minutes = Math.max(1, Math.round(item.travel_minutes));
  const travel = minutes === 1 ? t('offers.travelOne') : t('offers.travel', { n: minutes });

  const run = async (which: 'yes' | 'no', call: () => Promise<void>, gone: (err: ApiError) => void) => {
    if (busy) return;
    setBusy(which);
    setError(null);
    try {
      await call();
    } catch (err) {
      setBusy(null);
      if (closed(err)) gone(err);
      else setError(messageOf(err, t));
    }
  };
  const accept = () => run('yes', async () => onYes(item, await answerYes(item.id)), (err) => onRefused(item, err));
  // No longer open (or gone): the answer no longer matters, the card goes.
  const decline = (reason: DeclineReason | null) =>
    run('no', async () => {
      await answerNo(item.id, reason);
      onDeclined(item);
    }, () => onDeclined(item));

  return (
    <li class="offer" data-testid={names.card} {...{ [names.idAttribute]: item.id }}>
      <CardHead titleId={titleId} category={category} fallback={item.category}>
        {pay != null && (
          <p class="offer__price" data-testid="offer-pay">
            {t('offers.pay', { amount: formatMoney(pay, 'EUR', lang) })}
          </p>
        )}
      </CardHead>
      <ul class="offer__facts">
        <WhenWhere start={item.start} end={item.end} now={now} where={item.municipality} />
        <li class="job-line">
          <Icon name={travelMode ? TRAVEL_ICON[travelMode] : 'clock'} />
          <span>
            {travel}
            {travelMode && <span class="visually-hidden">{` (${t(`travel.${travelMode}` as const)})`}</span>}
          </span>
        </li>
        {facts}
        <Note text={item.description} />
      </ul>
      <ReadAloud
        describedBy={titleId}
        parts={[
          category ? categoryName(category, lang) : item.category,
          pay != null && t('offers.pay', { amount: formatMoney(pay, 'EUR', lang) }),
          whenText(item.start, item.end, lang, t, now),
          item.municipality,
          travel,
          ...said,
          item.description,
        ]}
      />
      <Countdown left={remainingMs(item, now)} testid={names.countdown} />
      <CardError message={error} />
      <YesNo
        titleId={titleId}
        yesLabel={t(names.yes.label)}
        yesTestid={names.yes.testid}
        noTestid={names.no}
        busy={busy}
        onYes={() => void accept()}
        onNo={(r) => void decline(r)}
      />
    </li>
  );
}

/**
 * A job the person goes to: a worker's booked job (`role` worker, `id` the job's) or a buddy's
 * accompaniment (`role` buddy, `id` the accompaniment's), with the exact address, the way there,
 * "Ik kan toch niet" (until it starts; `question` asks it, `dropOut` does it) and "Niet meer voor
 * deze klant".
 */
export function BookedCard({
  role,
  id,
  job,
  lists,
  facts,
  said = [],
  travelMode = null,
  day,
  after,
  question,
  dropOut,
}: {
  role: AnswerRole;
  id: number;
  job: PersonJob;
  /** The home's lists: the clock and the categories. */
  lists: { now: number; find: (slug: string) => Category | undefined };
  /** Lines after the address. */
  facts?: ComponentChildren;
  /** Those lines as words, for "Lees voor". */
  said?: readonly string[];
  /** How the person travels: the route link's mode. */
  travelMode?: TravelMode | null;
  /** The job's day (issue 11): check-in, check-out, safe way out, phones. */
  day?: { userId: number; state: DayState; outbox: OutboxView };
  /** Below the facts (the buddy's "Afspraak aanpassen"). */
  after?: ComponentChildren;
  question: (late: boolean) => string;
  dropOut: () => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const names = ROLES[role].booked;
  const titleId = `${names.card}-${id}-title`;
  // A booked job is known by its job; an accompaniment by its own id, and its job's.
  const data = role === 'worker' ? { 'data-job-id': id } : { 'data-id': id, 'data-job-id': job.id };
  const { now } = lists;
  const category = lists.find(job.category);
  return (
    <li class="offer offer--booked" data-testid={names.card} {...data}>
      <CardHead titleId={titleId} category={category} fallback={job.category} />
      <ul class="offer__facts">
        <WhenWhere start={job.start} end={job.end} now={now} where={addressLine(job.address)} whereTestid={names.address} />
        {facts}
      </ul>
      <ReadAloud
        describedBy={titleId}
        parts={[category ? categoryName(category, lang) : job.category, whenText(job.start, job.end, lang, t, now), addressLine(job.address), ...said]}
      />
      {after}
      {day && <DayPanel role={role} target={id} userId={day.userId} job={job} state={day.state} outbox={day.outbox} titleId={titleId} />}
      <RouteLink point={job.address} mode={travelMode} testid={names.route} />
      {day && <Contacts contacts={day.state.contacts} titleId={titleId} />}
      {!hasStarted(job, now) && (
        <DropOut
          start={job.start}
          titleId={titleId}
          testid={names.dropOut.testid}
          label={t(names.dropOut.label)}
          question={question}
          yes={t(names.dropOut.yes)}
          no={t(names.dropOut.no)}
          run={dropOut}
          explain={(err) => (err instanceof ApiError && err.status === 409 && err.reason === 'started' ? t(names.dropOut.started) : messageOf(err, t))}
        />
      )}
      <NeverAgain
        testid={names.neverAgain}
        label={t(`neverAgain.${role}.button`)}
        describedBy={titleId}
        question={t(`neverAgain.${role}.question`)}
        yes={t(`neverAgain.${role}.yes`)}
        no={t('neverAgain.no')}
        doneText={t(`neverAgain.${role}.done`)}
        notFound={t(`neverAgain.${role}.notFound`)}
        run={() => neverAgain(job.id, null)}
      />
    </li>
  );
}

/** The category's icon and name as the card's heading (the slug when the category is unknown). */
function CardHead({ titleId, category, fallback, children }: { titleId: string; category: Category | undefined; fallback: string; children?: ComponentChildren }) {
  const { lang } = useI18n();
  return (
    <div class="offer__head">
      <span class="offer__icon">
        <Icon name={categoryIcon(category)} />
      </span>
      <div class="offer__title">
        <h3 id={titleId}>{category ? categoryName(category, lang) : fallback}</h3>
        {children}
      </div>
    </div>
  );
}

/** Day and time, then where (a municipality, or the exact address once booked). */
function WhenWhere({ start, end, now, where, whereTestid }: { start: string; end: string; now: number; where: string; whereTestid?: string }) {
  const { t, lang } = useI18n();
  return (
    <>
      <li class="job-line job-line--strong">
        <Icon name="calendar" />
        <span>{whenText(start, end, lang, t, now)}</span>
      </li>
      <li class="job-line job-line--strong">
        <Icon name="pin" />
        <span data-testid={whereTestid}>{where}</span>
      </li>
    </>
  );
}

/** One more line on a card: an icon beside words. */
export function FactLine({ icon, text, strong = false, testid }: { icon: IconName; text: string; strong?: boolean; testid?: string }) {
  return (
    <li class={strong ? 'job-line job-line--strong' : 'job-line'} data-testid={testid}>
      <Icon name={icon} />
      <span>{text}</span>
    </li>
  );
}

/** The poster's explanation, when there is one. */
export function Note({ text }: { text: string }) {
  if (!text) return null;
  return (
    <li class="job-line offer__note">
      <Icon name="note" />
      <span>{text}</span>
    </li>
  );
}
