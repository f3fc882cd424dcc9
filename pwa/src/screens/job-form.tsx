// The one form of a job: posting one (/jobs/new) and changing one (/jobs/:id/edit). The fields
// are forms/job-*.tsx's; what differs between the two is said here once:
// - posting starts from defaults (the first address, tomorrow at 09:00, 2 hours, 1 person),
//   changing from the job; posting sends the whole job (POST /jobs), changing only what changed
//   (a merge patch, PATCH /jobs/{id}; window_days only when the days changed);
// - once someone is booked, only the explanation, the languages and the number of people may
//   change: the rest (the days too) shows read-only, with why (LockedFacts);
// - a changed job keeps the price it was posted at, unless its kind of work changes.
import { useState } from 'preact/hooks';
import { api, ApiError, type Category } from '../api';
import { categoryName } from '../categories';
import { type Fact, Facts } from '../components/Facts';
import { Icon } from '../components/Icon';
import { formatTime } from '../format';
import { type FieldErrors, FormAlert, SubmitButton, useForm } from '../forms/form';
import { DayWindowField, dayWindowError, useDayWindow } from '../forms/job-days';
import {
  AddressChoice,
  CategoryTiles,
  DurationChips,
  findCategory,
  hoursText,
  isJobField,
  levelKey,
  parseWorkers,
  WhenFields,
  WorkersStepper,
} from '../forms/job-fields';
import {
  BuddyField,
  DescriptionField,
  LanguageHintsField,
  LevelField,
  type LevelValue,
  MoreOptions,
  useMoreOptions,
} from '../forms/job-more-fields';
import { PriceBox } from '../forms/job-price';
import { RepeatField, repeatError } from '../forms/job-repeat';
import { useI18n } from '../i18n/context';
import {
  BUDDY_POLICIES,
  type BuddyPolicy,
  DEFAULT_HOURS,
  DURATION_HOURS,
  type Job,
  jobMinutes,
  jobPatch,
  localDate,
  localTime,
  markEdited,
  markPosted,
  MIN_WORKERS,
  type NewJob,
  patchReoffers,
  startIso,
  tomorrow,
  windowDays,
} from '../jobs';
import { defaultUntil, repeatOf, type RepeatChoice } from '../repeat';
import { useRouter } from '../router';
import type { Address } from '../types';
import { jobWhenText } from './job-parts';

/** The earliest start the form accepts: an hour from now. */
const MIN_LEAD_MS = 60 * 60 * 1000;

const LEVELS: readonly LevelValue[] = ['1', '2', '3'];
const levelValue = (n: number): LevelValue => LEVELS[Math.min(3, Math.max(1, Math.round(n))) - 1] ?? '1';

/** Fields that can be changed once someone is booked (and so may carry an error). */
const isLockedField = (k: string) => k === 'description' || k === 'workers_needed' || k === 'language_hints' || k.startsWith('language_hints.');

export type JobFormProps = {
  addresses: Address[];
  categories: Category[];
} & (
  | { job?: undefined }
  | {
      /** The job to change. */
      job: Job;
      /** A newer copy of the job (after a 409 "booked"). */
      onJob: (job: Job) => void;
      /** The job can no longer change (a 409 "closed"): the job as it is now, or as we had it. */
      onClosed: (job: Job) => void;
    }
);

export function JobForm(props: JobFormProps) {
  const { addresses, categories, job } = props;
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const booked = job ? (job.booked ?? job.coming.length) : 0;
  const locked = booked > 0;

  const [category, setCategory] = useState(job?.category ?? '');
  const [addressId, setAddressId] = useState(job ? String(job.address.id) : addresses[0] ? String(addresses[0].id) : '');
  const [date, setDate] = useState(() => (job ? localDate(new Date(job.start)) : tomorrow()));
  const [time, setTime] = useState(() => (job ? localTime(new Date(job.start)) : '09:00'));
  const [minutes, setMinutes] = useState(() => (job ? jobMinutes(job) : DEFAULT_HOURS * 60));
  const [workers, setWorkers] = useState(String(job?.workers_needed ?? MIN_WORKERS));
  const [description, setDescription] = useState(job?.description ?? '');
  const [level, setLevel] = useState<LevelValue>(job ? levelValue(job.level) : '1');
  const [buddy, setBuddy] = useState<BuddyPolicy>(job?.buddy ?? 'allowed');
  const [languages, setLanguages] = useState<string[]>(() => [...(job?.language_hints ?? [])]);
  const days = useDayWindow(date, job ? windowDays(job) : 1);
  // "Herhalen" (posting only): the choice and the last date, four weeks on until changed.
  const [repeat, setRepeat] = useState<RepeatChoice>('none');
  const [until, setUntil] = useState<string | null>(null);
  const repeatUntil = until ?? defaultUntil(date);
  const form = useForm({
    known: (k) => (locked ? isLockedField(k) : isJobField(k) || (!job && k.startsWith('repeat'))),
    explain: (err) => {
      if (job || err.status !== 429) return null;
      const at = err.retryAfter !== null ? ` ${t('login.tryAgainAt', { time: formatTime(new Date(Date.now() + err.retryAfter * 1000), lang) })}` : '';
      return t('newJob.tooMany') + at;
    },
  });
  const { errors } = form;
  const more = useMoreOptions(errors, job !== undefined);
  /** A field's new value: kept, and its errors (these keys) cleared. */
  const update =
    <T,>(set: (value: T) => void, ...keys: string[]) =>
    (value: T) => {
      set(value);
      form.clear(...keys);
    };

  const chosen = findCategory(categories, category);
  // The job's own address stays a choice even if it is no longer in the profile.
  const addressChoices = !job || addresses.some((a) => a.id === job.address.id) ? addresses : [job.address, ...addresses];
  const hours = DURATION_HOURS.map((h) => h * 60);
  const durations = job ? [...new Set([...hours, jobMinutes(job)])].sort((a, b) => a - b) : hours;
  const workerCount = parseWorkers(workers);
  const start = startIso(date, time);
  const end = start ? new Date(Date.parse(start) + minutes * 60_000) : null;
  // The price fixed when the job was posted; another kind of job has today's price.
  const sameCategory = job !== undefined && category === job.category;
  const price = sameCategory ? job.price : (chosen ?? null);

  /** The client's checks (the server has the last word): what is missing or cannot be. */
  const check = (): FieldErrors => {
    const fails: FieldErrors = {};
    if (!locked) {
      if (!chosen && !sameCategory) fails.category = t('newJob.categoryMissing');
      if (!addressId) fails.address_id = t('newJob.addressMissing');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fails.date = t('newJob.dateMissing');
      if (!/^\d{2}:\d{2}$/.test(time)) fails.time = t('newJob.timeMissing');
      if (!fails.date && !fails.time) {
        // A start that is not changed is not checked again.
        const unchanged = job !== undefined && start !== null && Date.parse(start) === Date.parse(job.start);
        if (!start) fails.date = t('newJob.dateMissing');
        else if (!unchanged && Date.parse(start) < Date.now() + MIN_LEAD_MS) fails.start = t('newJob.tooSoon');
      }
      const windowError = dayWindowError(days, date, lang, t);
      if (windowError) fails.window_days = windowError;
      if (!job) {
        const untilError = repeatError(repeat, date, repeatUntil, t);
        if (untilError) fails['repeat.until'] = untilError;
        if (repeat !== 'none' && days.days !== null && days.days > 1) fails.window_days = t('repeat.noWindow');
      }
    }
    if (workerCount === null) fails.workers_needed = t('newJob.workersInvalid');
    else if (workerCount < booked) fails.workers_needed = t('jobEdit.workersBelowBooked', { n: booked });
    return fails;
  };

  const post = (start: string, workersNeeded: number, slug: string, dayCount: number) => {
    const body: NewJob = {
      category: slug,
      address_id: Number(addressId),
      start,
      minutes,
      workers_needed: workersNeeded,
      level: Number(level),
      buddy,
      language_hints: languages,
    };
    if (description.trim()) body.description = description.trim();
    if (dayCount > 1) body.window_days = dayCount;
    const r = repeatOf(repeat, repeatUntil);
    if (r) body.repeat = r;
    void form.submit(async () => {
      const posted = await api<Job>('POST', '/jobs', { body });
      markPosted(posted.id);
      navigate(`/jobs/${posted.id}`);
    });
  };

  const change = (edit: Extract<JobFormProps, { job: Job }>, workersNeeded: number) => {
    const { job } = edit;
    const patch = jobPatch(
      job,
      {
        category,
        address_id: Number(addressId),
        start,
        minutes,
        workers_needed: workersNeeded,
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
          api<Job>('GET', `/jobs/${job.id}`).then(edit.onJob, () => undefined);
          return;
        }
        if (err instanceof ApiError && err.status === 409 && err.reason === 'closed') {
          // Show the job as it is now: the page switches to "can no longer change", without Save.
          form.fail({}, [t('jobEdit.closed')]);
          await api<Job>('GET', `/jobs/${job.id}`).then(edit.onClosed, () => edit.onClosed(job));
          return;
        }
        throw err;
      }
      markEdited(job.id, patchReoffers(patch));
      navigate(`/jobs/${job.id}`);
    });
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const fails = check();
    if (Object.keys(fails).length > 0 || workerCount === null) {
      form.fail(fails, [t('form.checkFields')]);
      return;
    }
    if (props.job) change(props, workerCount);
    else if (start && chosen && days.days !== null) post(start, workerCount, chosen.slug, days.days);
  };

  return (
    <form class="form job-form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid={job ? 'job-edit-form' : 'job-form'}>
      <FormAlert messages={form.alert} testid={job ? 'job-edit-error' : 'job-error'} />
      {job && locked ? (
        <LockedFacts job={job} categories={categories} />
      ) : (
        <>
          {job && (
            <p class="notice" data-testid="job-edit-reoffer">
              <Icon name="search" />
              <span>{t('jobEdit.reofferNote')}</span>
            </p>
          )}
          <CategoryTiles
            categories={categories}
            fixed={job ? { slug: job.category, price: job.price } : undefined}
            value={category}
            onValue={update(setCategory, 'category')}
            error={errors.category}
          />
          <AddressChoice
            addresses={addressChoices}
            value={addressId}
            onValue={update(setAddressId, 'address_id')}
            error={errors.address_id}
          />
          <WhenFields
            date={date}
            time={time}
            onDate={update(setDate, 'date', 'start', 'window_days')}
            onTime={update(setTime, 'time', 'start')}
            dateError={errors.date ?? errors.start}
            timeError={errors.time}
          />
          <DayWindowField
            window={days}
            date={date}
            onChoice={update(days.setChoice, 'window_days')}
            onLastDay={update(days.setLastDay, 'window_days')}
            error={errors.window_days}
          />
          {!job && (
            <RepeatField
              choice={repeat}
              until={repeatUntil}
              date={date}
              onChoice={update(setRepeat, 'repeat', 'repeat.until', 'repeat.every_weeks', 'window_days')}
              onUntil={update(setUntil, 'repeat.until')}
              error={errors.repeat ?? errors['repeat.every_weeks']}
              untilError={errors['repeat.until']}
            />
          )}
          <DurationChips
            minutes={minutes}
            choices={durations}
            onValue={update(setMinutes, 'minutes')}
            error={errors.minutes}
            end={end}
          />
        </>
      )}
      <WorkersStepper
        value={workers}
        min={booked}
        hint={locked ? t('jobEdit.workersHint', { min: booked }) : undefined}
        onValue={update(setWorkers, 'workers_needed')}
        error={errors.workers_needed}
      />
      <MoreOptions more={more} hint={locked ? t('jobEdit.moreHintLocked') : undefined}>
        <DescriptionField
          value={description}
          onValue={update(setDescription, 'description')}
          error={errors.description}
        />
        {!locked && (
          <LevelField
            value={level}
            onValue={update(setLevel, 'level')}
            error={errors.level}
          />
        )}
        {!locked && (
          <BuddyField
            value={buddy}
            onValue={update(setBuddy, 'buddy')}
            error={errors.buddy}
          />
        )}
        <LanguageHintsField values={languages} onValues={setLanguages} errors={errors} clear={form.clear} />
      </MoreOptions>
      {(!job || price) && (
        <PriceBox
          price={price}
          minutes={job && locked ? jobMinutes(job) : minutes}
          workers={workerCount ?? job?.workers_needed ?? MIN_WORKERS}
          note={!job ? undefined : sameCategory ? t('jobEdit.priceAtPosting') : t('jobEdit.priceNew')}
        />
      )}
      {job ? (
        <SubmitButton label={t('jobEdit.submit')} busy={form.busy} icon="check" testid="job-edit-submit" />
      ) : (
        <SubmitButton label={t('newJob.submit')} busy={form.busy} icon="plus" testid="job-submit" />
      )}
    </form>
  );
}

/** With someone booked: what stays as it is, and why. */
function LockedFacts({ job, categories }: { job: Job; categories: Category[] }) {
  const { t, lang } = useI18n();
  const category = findCategory(categories, job.category);
  const a = job.address;
  const rows: Fact[] = [
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
      <Facts rows={rows} />
    </section>
  );
}
