// Jobs for posters: "Mijn klussen" on the home (cards), /jobs/new (post a job on one short
// screen, with the price before posting) and /jobs/:id (the details — for a job whose day is not
// settled yet, "Een dag tussen … en …" and who picks it —, who is coming with their
// buddy and "Niet meer deze persoon" per place, cancel, "Aanpassen"). The form's fields live in forms/job-fields.tsx, shared with the edit screen
// (screens/job-edit.tsx).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Category } from '../api';
import { categoryName, loadCategories, useCategories } from '../categories';
import { Icon, type IconName } from '../components/Icon';
import { NeverAgain } from '../components/NeverAgain';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { formatDay, formatDayRange, formatList, formatMoney, formatTime, formatUnitPrice } from '../format';
import { type FieldErrors, FormAlert, messageOf, SubmitButton, useForm } from '../forms/form';
import {
  AddressChoice,
  BuddyField,
  CategoryTiles,
  categoryIcon,
  DayWindowField,
  dayWindowError,
  DescriptionField,
  DurationChips,
  findCategory,
  hoursText,
  isJobField,
  LanguageHintsField,
  LevelField,
  type LevelValue,
  levelKey,
  MoreOptions,
  parseWorkers,
  peopleText,
  PriceBox,
  useDayWindow,
  useMoreOptions,
  WorkersStepper,
  WhenFields,
} from '../forms/job-fields';
import { spokenLanguageName } from '../forms/person-fields';
import type { Lang, PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import {
  BUDDY_POLICIES,
  type BuddyPolicy,
  canCancel,
  DEFAULT_HOURS,
  DURATION_HOURS,
  isLateCancellation,
  type Job,
  type JobPlace,
  type JobState,
  jobMinutes,
  lastSlot,
  markPosted,
  MIN_WORKERS,
  neverAgain,
  type NewJob,
  priceEstimate,
  splitJobs,
  startIso,
  takeEdited,
  takePosted,
  tomorrow,
  windowDays,
} from '../jobs';
import { useLoad } from '../load';
import { useNews } from '../live';
import { Link, useRouter } from '../router';
import type { Address, Profile } from '../types';

// ---- shared pieces ----

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

// ---- the poster's home: my jobs ----

/** The poster's jobs as cards: the ones to come first, then past and cancelled ones. They
 * follow the news (someone accepted, the job is filled) without a reload. */
export function MyJobs({ userId }: { userId: number }) {
  const { t } = useI18n();
  const { state, reload, refresh } = useLoad(
    (signal) => api<{ jobs?: Job[] } | null>('GET', '/jobs', { signal }).then((b) => (Array.isArray(b?.jobs) ? b.jobs : [])),
    [],
  );
  useNews(userId, refresh);
  const categories = useCategories();
  const list = categories.status === 'ready' ? categories.categories : [];

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />;
  if (state.data.length === 0) {
    return (
      <Empty icon="clipboard" testid="jobs-empty">
        {t('homes.poster.empty')}
      </Empty>
    );
  }
  const { upcoming, past } = splitJobs(state.data);
  return (
    <div class="my-jobs" data-testid="my-jobs">
      {upcoming.length > 0 && (
        <div class="my-jobs__group">
          <h3 class="my-jobs__title">{t('homes.poster.upcoming')}</h3>
          <ul class="list">
            {upcoming.map((j) => (
              <JobCard key={j.id} job={j} category={findCategory(list, j.category)} />
            ))}
          </ul>
        </div>
      )}
      {past.length > 0 && (
        <div class="my-jobs__group">
          <h3 class="my-jobs__title">{t('homes.poster.past')}</h3>
          <ul class="list">
            {past.map((j) => (
              <JobCard key={j.id} job={j} category={findCategory(list, j.category)} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function JobCard({ job, category }: { job: Job; category: Category | undefined }) {
  const { t, lang } = useI18n();
  const name = category ? categoryName(category, lang) : job.category;
  const coming = comingText(job.coming, lang, t);
  const when = jobWhenText(job, lang, t);
  return (
    <li class="list__item list__item--link job-card" data-testid="job-card" data-job-id={job.id}>
      <span class="list__icon list__icon--accent">
        <Icon name={categoryIcon(category)} />
      </span>
      <div class="list__body">
        <Link class="list__link" href={`/jobs/${job.id}`}>
          {name}
          <span class="visually-hidden">{`, ${when}`}</span>
        </Link>
        <p class="job-line" aria-hidden="true" data-testid="job-card-when">
          <Icon name="calendar" />
          <span>{when}</span>
        </p>
        {windowDays(job) > 1 && (
          <p class="job-line" data-testid="job-window-note">
            <Icon name="hardhat" />
            <span>{t('jobs.windowNote')}</span>
          </p>
        )}
        <p class="job-line">
          <Icon name="pin" />
          <span>{job.address.municipality}</span>
        </p>
        <JobStateBadge state={job.state} />
        {coming && (
          <p class="job-line job-line--strong">
            <Icon name="buddies" />
            <span>{coming}</span>
          </p>
        )}
      </div>
      <Icon name="chevron" class="list__chevron" />
    </li>
  );
}

// ---- /jobs/new ----

export function NewJobScreen() {
  const { t } = useI18n();
  const { state, reload } = useLoad(
    (signal) => Promise.all([api<Profile>('GET', '/me/profile', { signal }), loadCategories()]),
    [],
  );
  return (
    <Page title={t('newJob.title')} intro={t('newJob.intro')} back={{ href: '/', label: t('job.back') }} testid="new-job">
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && <JobForm addresses={state.data[0].poster?.addresses ?? []} categories={state.data[1]} />}
    </Page>
  );
}

export function JobForm({ addresses, categories }: { addresses: Address[]; categories: Category[] }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const [category, setCategory] = useState('');
  const [addressId, setAddressId] = useState(addresses[0] ? String(addresses[0].id) : '');
  const [date, setDate] = useState(() => tomorrow());
  const [time, setTime] = useState('09:00');
  const [minutes, setMinutes] = useState<number>(DEFAULT_HOURS * 60);
  const [workers, setWorkers] = useState(String(MIN_WORKERS));
  const [description, setDescription] = useState('');
  const [level, setLevel] = useState<LevelValue>('1');
  const [buddy, setBuddy] = useState<BuddyPolicy>('allowed');
  const [languages, setLanguages] = useState<string[]>([]);
  const days = useDayWindow(date);
  const form = useForm({
    known: isJobField,
    explain: (err) => {
      if (err.status !== 429) return null;
      const at = err.retryAfter !== null ? ` ${t('login.tryAgainAt', { time: formatTime(new Date(Date.now() + err.retryAfter * 1000), lang) })}` : '';
      return t('newJob.tooMany') + at;
    },
  });
  const { errors } = form;
  const more = useMoreOptions(errors);

  const chosen = findCategory(categories, category);
  const workerCount = parseWorkers(workers);
  const start = startIso(date, time);
  const end = start ? new Date(Date.parse(start) + minutes * 60_000) : null;

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const fails: FieldErrors = {};
    if (!chosen) fails.category = t('newJob.categoryMissing');
    if (!addressId) fails.address_id = t('newJob.addressMissing');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fails.date = t('newJob.dateMissing');
    if (!/^\d{2}:\d{2}$/.test(time)) fails.time = t('newJob.timeMissing');
    if (!fails.date && !fails.time) {
      if (!start) fails.date = t('newJob.dateMissing');
      else if (Date.parse(start) < Date.now() + 60 * 60 * 1000) fails.start = t('newJob.tooSoon');
    }
    const windowError = dayWindowError(days, date, lang, t);
    if (windowError) fails.window_days = windowError;
    if (workerCount === null) fails.workers_needed = t('newJob.workersInvalid');
    if (Object.keys(fails).length > 0 || !start || workerCount === null || !chosen || days.days === null) {
      form.fail(fails, [t('form.checkFields')]);
      return;
    }
    const body: NewJob = {
      category: chosen.slug,
      address_id: Number(addressId),
      start,
      minutes,
      workers_needed: workerCount,
      level: Number(level),
      buddy,
      language_hints: languages,
    };
    if (description.trim()) body.description = description.trim();
    if (days.days > 1) body.window_days = days.days;
    void form.submit(async () => {
      const job = await api<Job>('POST', '/jobs', { body });
      markPosted(job.id);
      navigate(`/jobs/${job.id}`);
    });
  };

  return (
    <form class="form job-form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="job-form">
      <FormAlert messages={form.alert} testid="job-error" />
      <CategoryTiles
        categories={categories}
        value={category}
        onValue={(v) => {
          setCategory(v);
          form.clear('category');
        }}
        error={errors.category}
      />
      <AddressChoice
        addresses={addresses}
        value={addressId}
        onValue={(v) => {
          setAddressId(v);
          form.clear('address_id');
        }}
        error={errors.address_id}
      />
      <WhenFields
        date={date}
        time={time}
        onDate={(v) => {
          setDate(v);
          form.clear('date', 'start', 'window_days');
        }}
        onTime={(v) => {
          setTime(v);
          form.clear('time', 'start');
        }}
        dateError={errors.date ?? errors.start}
        timeError={errors.time}
      />
      <DayWindowField
        window={days}
        date={date}
        onChoice={(v) => {
          days.setChoice(v);
          form.clear('window_days');
        }}
        onLastDay={(v) => {
          days.setLastDay(v);
          form.clear('window_days');
        }}
        error={errors.window_days}
      />
      <DurationChips
        minutes={minutes}
        choices={DURATION_HOURS.map((h) => h * 60)}
        onValue={(m) => {
          setMinutes(m);
          form.clear('minutes');
        }}
        error={errors.minutes}
        end={end}
      />
      <WorkersStepper
        value={workers}
        onValue={(v) => {
          setWorkers(v);
          form.clear('workers_needed');
        }}
        error={errors.workers_needed}
      />
      <MoreOptions more={more}>
        <DescriptionField
          value={description}
          onValue={(v) => {
            setDescription(v);
            form.clear('description');
          }}
          error={errors.description}
        />
        <LevelField
          value={level}
          onValue={(v) => {
            setLevel(v);
            form.clear('level');
          }}
          error={errors.level}
        />
        <BuddyField
          value={buddy}
          onValue={(v) => {
            setBuddy(v);
            form.clear('buddy');
          }}
          error={errors.buddy}
        />
        <LanguageHintsField values={languages} onValues={setLanguages} errors={errors} clear={form.clear} />
      </MoreOptions>
      <PriceBox price={chosen ?? null} minutes={minutes} workers={workerCount ?? MIN_WORKERS} />
      <SubmitButton label={t('newJob.submit')} busy={form.busy} icon="plus" testid="job-submit" />
    </form>
  );
}

// ---- /jobs/:id ----

export function JobScreen({ id, userId }: { id: number; userId: number }) {
  const { t, lang } = useI18n();
  const { state, reload, set, refresh } = useLoad((signal) => api<Job>('GET', `/jobs/${id}`, { signal }), [id]);
  // Its state and who is coming change as people answer: follow them live.
  useNews(userId, refresh);
  const categories = useCategories();
  const [posted] = useState(() => takePosted(id));
  const [edited] = useState(() => takeEdited(id));
  const [cancelled, setCancelled] = useState<{ late: boolean } | null>(null);
  const cancelledRef = useRef<HTMLParagraphElement>(null);

  // The cancel button is gone once the job is cancelled: focus goes to the confirmation.
  useEffect(() => {
    if (cancelled) cancelledRef.current?.focus();
  }, [cancelled]);

  if (state.status === 'error' && state.error instanceof ApiError && state.error.status === 404) {
    return (
      <Page title={t('job.notFoundTitle')} intro={t('job.notFoundText')} testid="job-not-found">
        <Link class="button" href="/">
          <Icon name="house" />
          {t('job.back')}
        </Link>
      </Page>
    );
  }
  if (state.status !== 'ready') {
    return (
      <Page title={t('job.title')} back={{ href: '/', label: t('job.back') }}>
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }

  const job = state.data;
  const category = categories.status === 'ready' ? findCategory(categories.categories, job.category) : undefined;
  const name = category ? categoryName(category, lang) : job.category;
  const minutes = jobMinutes(job);
  const coming = comingText(job.coming, lang, t);
  const buddies = buddiesText(job.buddies ?? [], lang, t);
  const awaiting = job.awaiting_buddy ?? 0;
  // Who comes, place by place (an older server sends only the names: then the lines below).
  const places = Array.isArray(job.places) ? [...job.places].sort((x, y) => x.place - y.place) : [];
  const active = job.state === 'open' || job.state === 'offering' || job.state === 'filled' || job.state === 'unfilled';
  // The price fixed when the job was posted, never today's price list.
  const estimate = job.price ? priceEstimate(job.price, minutes, job.workers_needed) : null;
  const a = job.address;

  const rows: { icon: IconName; label: string; value: string; note?: string }[] = [
    {
      icon: 'calendar',
      label: t('job.when'),
      value: jobWhenText(job, lang, t, 'long'),
      ...(windowDays(job) > 1 ? { note: t('jobs.windowNote') } : {}),
    },
    { icon: 'clock', label: t('job.duration'), value: hoursText(minutes, t) },
    { icon: 'pin', label: t('job.where'), value: `${a.label} — ${a.street}, ${a.postcode} ${a.municipality}` },
    { icon: 'buddies', label: t('job.workers'), value: peopleText(job.workers_needed, t) },
    { icon: 'star', label: t('job.level'), value: t(levelKey(job.level)) },
    {
      icon: 'user',
      label: t('job.buddy'),
      value: (BUDDY_POLICIES as readonly string[]).includes(job.buddy) ? t(`jobs.buddy.${job.buddy}` as const) : job.buddy,
    },
  ];
  if (job.language_hints.length > 0) {
    rows.push({ icon: 'globe', label: t('job.languages'), value: formatList(job.language_hints.map((c) => spokenLanguageName(c, lang, t)), lang) });
  }
  if (estimate) {
    rows.push({
      icon: 'euro',
      label: t('job.price'),
      value:
        estimate.kind === 'total'
          ? t('newJob.estimate', { price: formatMoney(estimate.cents, estimate.currency, lang) })
          : `${formatUnitPrice(estimate.cents, estimate.currency, 'item', lang, t)}. ${t('newJob.perItemNote')}`,
    });
  }
  if (job.description) rows.push({ icon: 'note', label: t('job.description'), value: job.description });

  return (
    <Page title={name} back={{ href: '/', label: t('job.back') }} testid="job-page">
      <div class="job-head">
        <span class="job-head__icon">
          <Icon name={categoryIcon(category)} />
        </span>
        <JobStateBadge state={job.state} />
      </div>
      {posted && !cancelled && (
        <p class="notice notice--ok" role="status" data-testid="job-posted">
          <Icon name="check" />
          {t('job.posted')}
        </p>
      )}
      {edited && !cancelled && (
        <p class="notice notice--ok" role="status" data-testid="job-edited">
          <Icon name="check" />
          {edited.reoffered ? t('jobEdit.savedAgain') : t('jobEdit.saved')}
        </p>
      )}
      {cancelled && (
        <p class="notice notice--ok" role="status" tabIndex={-1} ref={cancelledRef} data-testid="job-cancelled">
          <Icon name="check" />
          {cancelled.late ? t('job.cancelledLate') : t('job.cancelled')}
        </p>
      )}
      <section class="card" aria-label={name}>
        <dl class="facts facts--icons">
          {rows.map((r) => (
            <div key={r.label} class="facts__row">
              <dt>
                <Icon name={r.icon} />
                {r.label}
              </dt>
              <dd class={r.icon === 'note' ? 'facts__long' : undefined}>
                {r.note ? (
                  <>
                    <span data-testid="job-when">{r.value}</span>
                    <span class="facts__note" data-testid="job-window-note">
                      {r.note}
                    </span>
                  </>
                ) : (
                  r.value
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section class="card" aria-labelledby="coming-title">
        <h2 id="coming-title" class="card__title">
          {t('job.coming')}
        </h2>
        {places.length > 0 ? (
          <ul class="places" data-testid="job-places">
            {places.map((p) => (
              <PlaceItem key={p.place} jobId={job.id} place={p} />
            ))}
          </ul>
        ) : (
          <>
            <p class="job-line job-line--strong" data-testid="job-coming">
              <Icon name="buddies" />
              <span>{coming ?? (active ? t('jobs.nobodyYet') : t('jobs.nobody'))}</span>
            </p>
            {buddies && (
              <p class="job-line job-line--strong" data-testid="job-buddies">
                <Icon name="user" />
                <span>{buddies}</span>
              </p>
            )}
          </>
        )}
        {awaiting > 0 && active && (
          <p class="job-line" data-testid="job-awaiting-buddy">
            <Icon name="hourglass" />
            <span>{awaiting === 1 ? t('buddy.awaitingOne') : t('buddy.awaitingMany', { n: awaiting })}</span>
          </p>
        )}
      </section>
      {job.editable === true && !cancelled && (
        <Link class="button button--secondary button--wide" href={`/jobs/${job.id}/edit`} data-testid="job-edit">
          <Icon name="pencil" />
          {t('jobEdit.button')}
        </Link>
      )}
      {canCancel(job.state) && (
        <CancelJob
          job={job}
          onCancelled={(j, late) => {
            set(j);
            setCancelled({ late });
          }}
        />
      )}
    </Page>
  );
}

/** One booked place: the worker's first name, their buddy, and "Niet meer deze persoon". */
function PlaceItem({ jobId, place: p }: { jobId: number; place: JobPlace }) {
  const { t } = useI18n();
  const name = p.first_name;
  const b = p.buddy;
  return (
    <li class="place" data-testid="job-place" data-place={p.place}>
      <p class="job-line job-line--strong place__name" data-testid="job-place-name">
        <Icon name="hardhat" />
        <span>{name}</span>
      </p>
      {b?.state === 'confirmed' && (
        <p class="job-line" data-testid="job-place-buddy" data-state="confirmed">
          <Icon name="buddies" />
          <span>{b.first_name ? t('buddy.comingOne', { names: b.first_name }) : t('job.place.buddyAnon')}</span>
        </p>
      )}
      {b?.state === 'searching' && (
        <p class="job-line job-line--wait" data-testid="job-place-buddy" data-state="searching">
          <Icon name="hourglass" />
          <span>{t('job.place.searching')}</span>
        </p>
      )}
      <NeverAgain
        testid="place-never-again"
        label={t('neverAgain.poster.button')}
        forReaders={name}
        question={t('neverAgain.poster.question', { name })}
        yes={t('neverAgain.poster.yes', { name })}
        no={t('neverAgain.no')}
        doneText={t('neverAgain.poster.done', { name })}
        notFound={t('neverAgain.poster.notFound', { name })}
        run={() => neverAgain(jobId, { place: p.place })}
      />
    </li>
  );
}

/** Cancelling needs two taps; the question says whether it is still free. */
function CancelJob({ job, onCancelled }: { job: Job; onCancelled: (job: Job, late: boolean) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (opened.current) startRef.current?.focus();
    opened.current = asking;
  }, [asking]);

  const late = isLateCancellation(job);

  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ job: Job; late: boolean }>('POST', `/jobs/${job.id}/cancel`);
      onCancelled(answer.job, answer.late);
    } catch (err) {
      setError([messageOf(err, t)]);
      setBusy(false);
    }
  };

  return (
    <section class="section danger-zone" aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t('job.cancelTitle')}</h2>
      <p class="section__intro">{t('job.cancelIntro')}</p>
      {!asking ? (
        <button
          type="button"
          class="button button--danger-outline button--wide"
          data-testid="job-cancel"
          ref={startRef}
          onClick={() => setAsking(true)}
        >
          <Icon name="ban" />
          {t('job.cancel')}
        </button>
      ) : (
        <div
          class="confirm"
          role="group"
          aria-labelledby="cancel-confirm-text"
          tabIndex={-1}
          ref={confirmRef}
          data-testid="job-cancel-question"
          data-late={late ? 'true' : 'false'}
        >
          <p id="cancel-confirm-text" class="confirm__text">
            <Icon name="alert" />
            <span>{late ? t('job.cancelLate') : t('job.cancelFree')}</span>
          </p>
          <FormAlert messages={error} />
          <div class="button-stack">
            <button type="button" class="button button--danger button--wide" data-testid="job-cancel-confirm" onClick={() => void cancel()}>
              {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="ban" />}
              {t('job.cancelYes')}
            </button>
            <button type="button" class="button button--secondary button--wide" onClick={() => setAsking(false)}>
              <Icon name="back" />
              {t('job.cancelNo')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
