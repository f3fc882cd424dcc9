// /jobs/:id/edit — the poster changes a job that is still open, offering or unfilled. The same
// fields as posting (forms/job-fields.tsx), filled in from the job; only what changed goes out,
// as a merge patch (PATCH /jobs/{id}), window_days only when the days changed. Once someone is
// booked, only the explanation, the languages and the number of people may change: the rest
// (the days too) shows read-only, with why.
import { useState } from 'preact/hooks';
import { api, ApiError, type Category } from '../api';
import { categoryName, loadCategories } from '../categories';
import { Icon, type IconName } from '../components/Icon';
import { LoadFailed, Loading, Page } from '../components/Page';
import { type FieldErrors, FormAlert, messageOf, SubmitButton, useForm } from '../forms/form';
import {
  AddressChoice,
  BuddyField,
  CategoryTiles,
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
  PriceBox,
  useDayWindow,
  useMoreOptions,
  WhenFields,
  WorkersStepper,
} from '../forms/job-fields';
import { useI18n } from '../i18n/context';
import {
  BUDDY_POLICIES,
  type BuddyPolicy,
  DURATION_HOURS,
  type Job,
  jobMinutes,
  jobPatch,
  localDate,
  localTime,
  markEdited,
  patchReoffers,
  startIso,
  windowDays,
} from '../jobs';
import { useLoad } from '../load';
import { Link, useRouter } from '../router';
import type { Address, Profile } from '../types';
import { jobWhenText } from './jobs';

export function JobEditScreen({ id }: { id: number }) {
  const { t } = useI18n();
  // Closed while the poster was changing it (409 "closed"): said out loud when the page switches.
  const [justClosed, setJustClosed] = useState(false);
  const { state, reload, set } = useLoad(
    (signal) => Promise.all([api<Job>('GET', `/jobs/${id}`, { signal }), api<Profile>('GET', '/me/profile', { signal }), loadCategories()]),
    [id],
  );
  const back = { href: `/jobs/${id}`, label: t('jobEdit.back') };

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
      <Page title={t('jobEdit.title')} back={back}>
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }

  const [job, profile, categories] = state.data;
  if (job.editable !== true) {
    return (
      <Page title={t('jobEdit.title')} back={back} testid="job-edit-page">
        <div class="notice notice--stack" role={justClosed ? 'alert' : undefined} data-testid="job-edit-closed">
          <p class="notice__text">
            <Icon name="alert" />
            <span>{t('jobEdit.closed')}</span>
          </p>
          <Link class="button button--secondary button--wide" href={back.href}>
            <Icon name="back" />
            {back.label}
          </Link>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('jobEdit.title')} intro={t('jobEdit.intro')} back={back} testid="job-edit-page">
      <JobEditForm
        job={job}
        addresses={profile.poster?.addresses ?? []}
        categories={categories}
        onJob={(fresh) => set([fresh, profile, categories])}
        onClosed={(fresh) => {
          setJustClosed(true);
          set([{ ...fresh, editable: false }, profile, categories]);
        }}
      />
    </Page>
  );
}

const LEVELS: readonly LevelValue[] = ['1', '2', '3'];
const levelValue = (n: number): LevelValue => LEVELS[Math.min(3, Math.max(1, Math.round(n))) - 1] ?? '1';

/** Fields that can be changed once someone is booked (and so may carry an error). */
const isLockedField = (k: string) => k === 'description' || k === 'workers_needed' || k === 'language_hints' || k.startsWith('language_hints.');

function JobEditForm({
  job,
  addresses,
  categories,
  onJob,
  onClosed,
}: {
  job: Job;
  addresses: Address[];
  categories: Category[];
  /** A newer copy of the job (after a 409 "booked"). */
  onJob: (job: Job) => void;
  /** The job can no longer change (a 409 "closed"): the job as it is now, or as we had it. */
  onClosed: (job: Job) => void;
}) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const booked = job.booked ?? job.coming.length;
  const locked = booked > 0;

  const [category, setCategory] = useState(job.category);
  const [addressId, setAddressId] = useState(String(job.address.id));
  const [date, setDate] = useState(() => localDate(new Date(job.start)));
  const [time, setTime] = useState(() => localTime(new Date(job.start)));
  const [minutes, setMinutes] = useState(() => jobMinutes(job));
  const [workers, setWorkers] = useState(String(job.workers_needed));
  const [description, setDescription] = useState(job.description);
  const [level, setLevel] = useState<LevelValue>(levelValue(job.level));
  const [buddy, setBuddy] = useState<BuddyPolicy>(job.buddy);
  const [languages, setLanguages] = useState<string[]>(() => [...job.language_hints]);
  const days = useDayWindow(date, windowDays(job));
  const form = useForm({ known: (k) => (locked ? isLockedField(k) : isJobField(k)) });
  const { errors } = form;
  const more = useMoreOptions(errors, true);

  // The job's own address stays a choice even if it is no longer in the profile.
  const addressChoices = addresses.some((a) => a.id === job.address.id) ? addresses : [job.address, ...addresses];
  const durations = [...new Set([...DURATION_HOURS.map((h) => h * 60), jobMinutes(job)])].sort((a, b) => a - b);
  const workerCount = parseWorkers(workers);
  const start = startIso(date, time);
  const end = start ? new Date(Date.parse(start) + minutes * 60_000) : null;

  // The price fixed when the job was posted; another kind of job has today's price.
  const sameCategory = category === job.category;
  const price = sameCategory ? (job.price ?? null) : (findCategory(categories, category) ?? null);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const fails: FieldErrors = {};
    if (!locked) {
      if (!findCategory(categories, category) && category !== job.category) fails.category = t('newJob.categoryMissing');
      if (!addressId) fails.address_id = t('newJob.addressMissing');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fails.date = t('newJob.dateMissing');
      if (!/^\d{2}:\d{2}$/.test(time)) fails.time = t('newJob.timeMissing');
      if (!fails.date && !fails.time) {
        if (!start) fails.date = t('newJob.dateMissing');
        // A start that is not changed is not checked again.
        else if (Date.parse(start) !== Date.parse(job.start) && Date.parse(start) < Date.now() + 60 * 60 * 1000) fails.start = t('newJob.tooSoon');
      }
      const windowError = dayWindowError(days, date, lang, t);
      if (windowError) fails.window_days = windowError;
    }
    if (workerCount === null) fails.workers_needed = t('newJob.workersInvalid');
    else if (workerCount < booked) fails.workers_needed = t('jobEdit.workersBelowBooked', { n: booked });
    if (Object.keys(fails).length > 0 || workerCount === null) {
      form.fail(fails, [t('form.checkFields')]);
      return;
    }
    const patch = jobPatch(
      job,
      {
        category,
        address_id: Number(addressId),
        start,
        minutes,
        workers_needed: workerCount,
        level: Number(level),
        buddy,
        description,
        language_hints: languages,
        window_days: days.days ?? windowDays(job),
      },
      locked,
    );
    if (Object.keys(patch).length === 0) {
      form.fail({}, [t('jobEdit.nothing')]);
      return;
    }
    void form.submit(async () => {
      try {
        await api<Job>('PATCH', `/jobs/${job.id}`, { body: patch });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409 && err.reason === 'booked') {
          // Someone was booked meanwhile: show the job as it is now, with the fields locked.
          form.fail({}, [t('jobEdit.booked')]);
          api<Job>('GET', `/jobs/${job.id}`).then(onJob, () => undefined);
          return;
        }
        if (err instanceof ApiError && err.status === 409 && err.reason === 'closed') {
          // Show the job as it is now: the page switches to "can no longer change", without Save.
          form.fail({}, [t('jobEdit.closed')]);
          await api<Job>('GET', `/jobs/${job.id}`).then(onClosed, () => onClosed(job));
          return;
        }
        throw err;
      }
      markEdited(job.id, patchReoffers(patch));
      navigate(`/jobs/${job.id}`);
    });
  };

  return (
    <form class="form job-form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="job-edit-form">
      <FormAlert messages={form.alert} testid="job-edit-error" />
      {locked ? (
        <LockedFacts job={job} categories={categories} />
      ) : (
        <>
          <p class="notice" data-testid="job-edit-reoffer">
            <Icon name="search" />
            <span>{t('jobEdit.reofferNote')}</span>
          </p>
          <CategoryTiles
            categories={categories}
            fixed={job.price ? { slug: job.category, price: job.price } : undefined}
            value={category}
            onValue={(v) => {
              setCategory(v);
              form.clear('category');
            }}
            error={errors.category}
          />
          <AddressChoice
            addresses={addressChoices}
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
            choices={durations}
            onValue={(m) => {
              setMinutes(m);
              form.clear('minutes');
            }}
            error={errors.minutes}
            end={end}
          />
        </>
      )}
      <WorkersStepper
        value={workers}
        min={booked}
        hint={locked ? t('jobEdit.workersHint', { min: booked }) : undefined}
        onValue={(v) => {
          setWorkers(v);
          form.clear('workers_needed');
        }}
        error={errors.workers_needed}
      />
      <MoreOptions more={more} hint={locked ? t('jobEdit.moreHintLocked') : undefined}>
        <DescriptionField
          value={description}
          onValue={(v) => {
            setDescription(v);
            form.clear('description');
          }}
          error={errors.description}
        />
        {!locked && (
          <LevelField
            value={level}
            onValue={(v) => {
              setLevel(v);
              form.clear('level');
            }}
            error={errors.level}
          />
        )}
        {!locked && (
          <BuddyField
            value={buddy}
            onValue={(v) => {
              setBuddy(v);
              form.clear('buddy');
            }}
            error={errors.buddy}
          />
        )}
        <LanguageHintsField values={languages} onValues={setLanguages} errors={errors} clear={form.clear} />
      </MoreOptions>
      {price && (
        <PriceBox
          price={price}
          minutes={locked ? jobMinutes(job) : minutes}
          workers={workerCount ?? job.workers_needed}
          note={sameCategory ? t('jobEdit.priceAtPosting') : t('jobEdit.priceNew')}
        />
      )}
      <SubmitButton label={t('jobEdit.submit')} busy={form.busy} icon="check" testid="job-edit-submit" />
    </form>
  );
}

/** With someone booked: what stays as it is, and why. */
function LockedFacts({ job, categories }: { job: Job; categories: Category[] }) {
  const { t, lang } = useI18n();
  const category = findCategory(categories, job.category);
  const a = job.address;
  const rows: { icon: IconName; label: string; value: string }[] = [
    { icon: 'clipboard', label: t('jobEdit.what'), value: category ? categoryName(category, lang) : job.category },
    { icon: 'pin', label: t('job.where'), value: `${a.label} — ${a.street}, ${a.postcode} ${a.municipality}` },
    { icon: 'calendar', label: t('job.when'), value: jobWhenText(job, lang, t, 'long') },
    { icon: 'clock', label: t('job.duration'), value: hoursText(jobMinutes(job), t) },
    { icon: 'star', label: t('job.level'), value: t(levelKey(job.level)) },
    {
      icon: 'user',
      label: t('job.buddy'),
      value: (BUDDY_POLICIES as readonly string[]).includes(job.buddy) ? t(`jobs.buddy.${job.buddy}` as const) : job.buddy,
    },
  ];
  return (
    <section class="card" aria-labelledby="locked-title" data-testid="job-edit-locked">
      <h2 id="locked-title" class="card__title">
        {t('jobEdit.lockedTitle')}
      </h2>
      <p class="notice">
        <Icon name="buddies" />
        <span>{t('jobEdit.locked')}</span>
      </p>
      <dl class="facts facts--icons">
        {rows.map((r) => (
          <div key={r.label} class="facts__row">
            <dt>
              <Icon name={r.icon} />
              {r.label}
            </dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
