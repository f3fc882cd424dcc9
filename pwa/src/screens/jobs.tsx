// Jobs for posters: "Mijn klussen" on the home (cards), /jobs/new (post a job on one short
// screen, with the price before posting) and /jobs/:id (the details, who is coming, cancel).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Category } from '../api';
import { categoryName, loadCategories, useCategories } from '../categories';
import { Icon, type IconName, isIconName } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { formatDay, formatList, formatMoney, formatTime, formatUnitPrice } from '../format';
import { FieldError, RadioCards, TextArea, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, messageOf, SubmitButton, useForm } from '../forms/form';
import { spokenLanguageName } from '../forms/person-fields';
import { SPOKEN_LANGUAGES } from '../forms/profile-fields';
import type { Lang, PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import {
  BUDDY_POLICIES,
  type BuddyPolicy,
  canCancel,
  DEFAULT_HOURS,
  DESCRIPTION_MAX,
  DURATION_HOURS,
  inAYear,
  isLateCancellation,
  type Job,
  type JobState,
  jobMinutes,
  localDate,
  markPosted,
  MAX_WORKERS,
  MIN_WORKERS,
  type NewJob,
  priceEstimate,
  splitJobs,
  startIso,
  takePosted,
  tomorrow,
} from '../jobs';
import { useLoad } from '../load';
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

function hoursText(minutes: number, t: Translate): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return h === 1 ? t('jobs.hoursOne') : t('jobs.hoursMany', { n: h });
  if (h === 0) return t('jobs.minutes', { n: m });
  return t('jobs.hoursMinutes', { h, m });
}

function peopleText(n: number, t: Translate): string {
  return n === 1 ? t('jobs.peopleOne') : t('jobs.peopleMany', { n });
}

/** "Ayşe en Jan komen", or null when nobody is booked. */
export function comingText(names: readonly string[], lang: Lang, t: Translate): string | null {
  if (names.length === 0) return null;
  const list = formatList(names, lang);
  return names.length === 1 ? t('jobs.comingOne', { names: list }) : t('jobs.comingMany', { names: list });
}

/** "wo 2 december · 09:00–11:00" */
function whenText(job: Job, lang: Lang, style: 'short' | 'long' = 'short'): string {
  const start = new Date(job.start);
  const end = new Date(job.end);
  return `${formatDay(start, lang, style)} · ${formatTime(start, lang)}–${formatTime(end, lang)}`;
}

function findCategory(categories: readonly Category[], slug: string): Category | undefined {
  return categories.find((c) => c.slug === slug);
}

function categoryIcon(c: Category | undefined): IconName {
  return c && isIconName(c.icon) ? c.icon : 'generic';
}

function levelKey(level: number): PlainKey {
  return `jobs.level${Math.min(3, Math.max(1, level)) as 1 | 2 | 3}` as const;
}

// ---- the poster's home: my jobs ----

/** The poster's jobs as cards: the ones to come first, then past and cancelled ones. */
export function MyJobs() {
  const { t } = useI18n();
  const { state, reload } = useLoad(
    (signal) => api<{ jobs?: Job[] } | null>('GET', '/jobs', { signal }).then((b) => (Array.isArray(b?.jobs) ? b.jobs : [])),
    [],
  );
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
  const when = whenText(job, lang);
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
        <p class="job-line" aria-hidden="true">
          <Icon name="calendar" />
          <span>{when}</span>
        </p>
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

/** Fields whose errors show inside "Meer opties": the disclosure opens for them. */
const MORE_FIELDS = ['description', 'level', 'buddy', 'language_hints'];
const FORM_FIELDS = ['category', 'address_id', 'date', 'time', 'start', 'minutes', 'workers_needed', ...MORE_FIELDS];
const isMoreField = (k: string) => MORE_FIELDS.some((f) => k === f || k.startsWith(`${f}.`));

export function JobForm({ addresses, categories }: { addresses: Address[]; categories: Category[] }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const [category, setCategory] = useState('');
  const [addressId, setAddressId] = useState(addresses[0] ? String(addresses[0].id) : '');
  const [date, setDate] = useState(() => tomorrow());
  const [time, setTime] = useState('09:00');
  const [hours, setHours] = useState<number>(DEFAULT_HOURS);
  const [workers, setWorkers] = useState(String(MIN_WORKERS));
  const [description, setDescription] = useState('');
  const [level, setLevel] = useState<'1' | '2' | '3'>('1');
  const [buddy, setBuddy] = useState<BuddyPolicy>('allowed');
  const [languages, setLanguages] = useState<string[]>([]);
  const [moreOpen, setMoreOpen] = useState(false);
  const more = useRef<HTMLDetailsElement>(null);
  const form = useForm({
    known: (k) => FORM_FIELDS.includes(k) || isMoreField(k),
    explain: (err) => {
      if (err.status !== 429) return null;
      const at = err.retryAfter !== null ? ` ${t('login.tryAgainAt', { time: formatTime(new Date(Date.now() + err.retryAfter * 1000), lang) })}` : '';
      return t('newJob.tooMany') + at;
    },
  });
  const { errors } = form;

  // An error inside "Meer opties" opens it before focus moves to the first invalid field.
  useLayoutEffect(() => {
    if (Object.keys(errors).some(isMoreField) && more.current && !more.current.open) {
      more.current.open = true;
      setMoreOpen(true);
    }
  }, [errors]);

  const chosen = findCategory(categories, category);
  const workerCount = (() => {
    const n = Number(workers);
    return Number.isInteger(n) && n >= MIN_WORKERS && n <= MAX_WORKERS ? n : null;
  })();
  const setWorkerCount = (n: number) => {
    setWorkers(String(Math.min(MAX_WORKERS, Math.max(MIN_WORKERS, n))));
    form.clear('workers_needed');
  };
  const start = startIso(date, time);
  const end = start ? new Date(Date.parse(start) + hours * 3_600_000) : null;

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
    if (workerCount === null) fails.workers_needed = t('newJob.workersInvalid');
    if (Object.keys(fails).length > 0 || !start || workerCount === null || !chosen) {
      form.fail(fails, [t('form.checkFields')]);
      return;
    }
    const body: NewJob = {
      category: chosen.slug,
      address_id: Number(addressId),
      start,
      minutes: hours * 60,
      workers_needed: workerCount,
      level: Number(level),
      buddy,
      language_hints: languages,
    };
    if (description.trim()) body.description = description.trim();
    void form.submit(async () => {
      const job = await api<Job>('POST', '/jobs', { body });
      markPosted(job.id);
      navigate(`/jobs/${job.id}`);
    });
  };

  const estimate = chosen ? priceEstimate(chosen, hours * 60, workerCount ?? MIN_WORKERS) : null;
  const langErrors = Object.entries(errors).filter(([k]) => k === 'language_hints' || k.startsWith('language_hints.'));
  const langError = [...new Set(langErrors.map(([, m]) => m))].join(' ') || undefined;
  const dateError = errors.date ?? errors.start;

  return (
    <form class="form job-form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="job-form">
      <FormAlert messages={form.alert} testid="job-error" />

      <fieldset class="field fieldset" id="f-category">
        <legend class="field__label">{t('newJob.category')}</legend>
        <div class="tiles">
          {categories.map((c) => (
            <label key={c.slug} class="choice choice--tile">
              <span class="choice__mark choice__mark--radio" aria-hidden="true" />
              <span class="choice__icon">
                <Icon name={categoryIcon(c)} />
              </span>
              <span class="choice__body">
                <span class="choice__label">
                  {categoryName(c, lang)}
                  <input
                    class="choice__input"
                    type="radio"
                    name="category"
                    value={c.slug}
                    checked={category === c.slug}
                    onChange={() => {
                      setCategory(c.slug);
                      form.clear('category');
                    }}
                    aria-invalid={errors.category ? true : undefined}
                    aria-describedby={errors.category ? 'f-category-error' : undefined}
                  />
                </span>
                <span class="choice__text">{formatUnitPrice(c.unit_price_cents, c.currency, c.unit, lang, t)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="f-category-error" error={errors.category} />
      </fieldset>

      {addresses.length > 0 ? (
        <RadioCards
          name="address_id"
          legend={t('newJob.address')}
          value={addressId}
          onValue={(v) => {
            setAddressId(v);
            form.clear('address_id');
          }}
          choices={addresses.map((a) => ({
            value: String(a.id),
            label: a.label,
            text: `${a.street}, ${a.postcode} ${a.municipality}`,
            icon: 'pin' as const,
          }))}
          error={errors.address_id}
        />
      ) : (
        <div class="field" id="f-address_id">
          <p class="field__label">{t('newJob.address')}</p>
          <div class="notice notice--stack" data-testid="no-address">
            <p class="notice__text">
              <Icon name="pin" />
              <span>{t('newJob.noAddress')}</span>
            </p>
            <Link class="button button--secondary button--wide" href="/profile" data-testid="add-address">
              <Icon name="plus" />
              {t('newJob.addAddress')}
            </Link>
          </div>
          <FieldError id="f-address_id-error" error={errors.address_id} />
        </div>
      )}

      <fieldset class="field fieldset">
        <legend class="field__label">{t('newJob.when')}</legend>
        <div class="when">
          <TextField
            name="date"
            type="date"
            label={t('newJob.date')}
            value={date}
            min={localDate(new Date())}
            max={inAYear()}
            onValue={(v) => {
              setDate(v);
              form.clear('date', 'start');
            }}
            error={dateError}
            class="when__date"
          />
          <TextField
            name="time"
            type="time"
            label={t('newJob.time')}
            value={time}
            step={300}
            onValue={(v) => {
              setTime(v);
              form.clear('time', 'start');
            }}
            error={errors.time}
            class="when__time"
          />
        </div>
      </fieldset>

      <fieldset class="field fieldset" id="f-minutes">
        <legend class="field__label">{t('newJob.duration')}</legend>
        <ul class="chips">
          {DURATION_HOURS.map((h) => {
            const on = h === hours;
            return (
              <li key={h}>
                <button
                  type="button"
                  class={on ? 'chip chip--on chip--wide' : 'chip chip--wide'}
                  aria-pressed={on}
                  data-testid={`duration-${h}`}
                  data-invalid={on && errors.minutes ? 'true' : undefined}
                  aria-describedby={errors.minutes ? 'f-minutes-error' : undefined}
                  onClick={() => {
                    setHours(h);
                    form.clear('minutes');
                  }}
                >
                  <Icon name={on ? 'check' : 'clock'} />
                  {hoursText(h * 60, t)}
                </button>
              </li>
            );
          })}
        </ul>
        {end && <p class="field__hint">{t('newJob.until', { time: formatTime(end, lang) })}</p>}
        <FieldError id="f-minutes-error" error={errors.minutes} />
      </fieldset>

      <div class="field">
        <label class="field__label" for="f-workers_needed">
          {t('newJob.workers')}
        </label>
        <p class="field__hint" id="f-workers_needed-hint">
          {t('newJob.workersHint')}
        </p>
        <div class="stepper">
          <button
            type="button"
            class="button button--secondary button--icon stepper__button"
            aria-label={t('newJob.workersLess')}
            aria-disabled={workerCount !== null && workerCount <= MIN_WORKERS ? true : undefined}
            data-testid="workers-minus"
            onClick={() => setWorkerCount((workerCount ?? MIN_WORKERS + 1) - 1)}
          >
            <Icon name="minus" />
          </button>
          <input
            id="f-workers_needed"
            name="workers_needed"
            class="input stepper__input"
            type="number"
            inputMode="numeric"
            min={MIN_WORKERS}
            max={MAX_WORKERS}
            step={1}
            value={workers}
            onInput={(e) => {
              setWorkers(e.currentTarget.value);
              form.clear('workers_needed');
            }}
            aria-invalid={errors.workers_needed ? true : undefined}
            aria-describedby={errors.workers_needed ? 'f-workers_needed-hint f-workers_needed-error' : 'f-workers_needed-hint'}
          />
          <button
            type="button"
            class="button button--secondary button--icon stepper__button"
            aria-label={t('newJob.workersMore')}
            aria-disabled={workerCount !== null && workerCount >= MAX_WORKERS ? true : undefined}
            data-testid="workers-plus"
            onClick={() => setWorkerCount((workerCount ?? MIN_WORKERS - 1) + 1)}
          >
            <Icon name="plus" />
          </button>
          <span class="stepper__people" aria-hidden="true">
            {workerCount !== null && peopleText(workerCount, t)}
          </span>
        </div>
        <FieldError id="f-workers_needed-error" error={errors.workers_needed} />
      </div>

      <details class="more" ref={more} open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
        <summary class="more__summary" data-testid="more-options">
          <Icon name={moreOpen ? 'minus' : 'plus'} />
          <span class="more__words">
            <span class="more__title">{t('newJob.more')}</span>
            <span class="more__hint">{t('newJob.moreHint')}</span>
          </span>
        </summary>
        <div class="more__body form">
          <TextArea
            name="description"
            label={t('newJob.description')}
            hint={t('newJob.descriptionHint')}
            optional
            value={description}
            maxLength={DESCRIPTION_MAX}
            onValue={(v) => {
              setDescription(v);
              form.clear('description');
            }}
            error={errors.description}
          />
          <RadioCards<'1' | '2' | '3'>
            name="level"
            legend={t('newJob.level')}
            hint={t('newJob.levelHint')}
            value={level}
            onValue={(v) => {
              setLevel(v);
              form.clear('level');
            }}
            choices={(['1', '2', '3'] as const).map((l) => ({ value: l, label: t(levelKey(Number(l))), icon: 'star' as const }))}
            error={errors.level}
          />
          <RadioCards<BuddyPolicy>
            name="buddy"
            legend={t('newJob.buddy')}
            hint={t('newJob.buddyHint')}
            value={buddy}
            onValue={(v) => {
              setBuddy(v);
              form.clear('buddy');
            }}
            choices={BUDDY_POLICIES.map((b) => ({
              value: b,
              label: t(`newJob.buddy.${b}` as const),
              text: t(`newJob.buddy.${b}Text` as const),
              icon: b === 'not_allowed' ? ('user' as const) : ('buddies' as const),
            }))}
            error={errors.buddy}
          />
          <fieldset class="field fieldset" id="f-language_hints">
            <legend class="field__label">
              {t('newJob.languages')}
              <span class="field__optional"> {t('form.optional')}</span>
            </legend>
            <p class="field__hint" id="f-language_hints-hint">
              {t('newJob.languagesHint')}
            </p>
            <ul class="chips">
              {SPOKEN_LANGUAGES.map((code, i) => {
                const on = languages.includes(code);
                const bad = langErrors.some(([k]) => k === `language_hints.${languages.indexOf(code)}`) || (i === 0 && langErrors.some(([k]) => k === 'language_hints'));
                return (
                  <li key={code}>
                    <button
                      type="button"
                      class={on ? 'chip chip--on' : 'chip'}
                      aria-pressed={on}
                      data-testid="language-hint"
                      data-code={code}
                      data-invalid={bad ? 'true' : undefined}
                      aria-describedby={langError ? 'f-language_hints-hint f-language_hints-error' : 'f-language_hints-hint'}
                      onClick={() => {
                        setLanguages(on ? languages.filter((l) => l !== code) : [...languages, code]);
                        form.clear(...langErrors.map(([k]) => k));
                      }}
                    >
                      <Icon name={on ? 'check' : 'globe'} />
                      {spokenLanguageName(code, lang, t)}
                    </button>
                  </li>
                );
              })}
            </ul>
            <FieldError id="f-language_hints-error" error={langError} />
          </fieldset>
        </div>
      </details>

      <div class="estimate" data-testid="price-estimate" aria-live="polite">
        {!chosen || !estimate ? (
          <p class="estimate__note">{t('newJob.chooseForPrice')}</p>
        ) : estimate.kind === 'total' ? (
          <>
            <p class="estimate__price">
              <Icon name="euro" />
              <span>{t('newJob.estimate', { price: formatMoney(estimate.cents, estimate.currency, lang) })}</span>
            </p>
            <p class="estimate__note">
              {t('newJob.estimateHow', {
                people: peopleText(workerCount ?? MIN_WORKERS, t),
                hours: hoursText(hours * 60, t),
                unitPrice: formatUnitPrice(chosen.unit_price_cents, chosen.currency, chosen.unit, lang, t),
              })}
            </p>
          </>
        ) : (
          <>
            <p class="estimate__price">
              <Icon name="euro" />
              <span>{t('newJob.perItem', { price: formatUnitPrice(estimate.cents, estimate.currency, 'item', lang, t) })}</span>
            </p>
            <p class="estimate__note">{t('newJob.perItemNote')}</p>
          </>
        )}
      </div>

      <SubmitButton label={t('newJob.submit')} busy={form.busy} icon="plus" testid="job-submit" />
    </form>
  );
}

// ---- /jobs/:id ----

export function JobScreen({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const { state, reload, set } = useLoad((signal) => api<Job>('GET', `/jobs/${id}`, { signal }), [id]);
  const categories = useCategories();
  const [posted] = useState(() => takePosted(id));
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
  const active = job.state === 'open' || job.state === 'offering' || job.state === 'filled' || job.state === 'unfilled';
  const estimate = category ? priceEstimate(category, minutes, job.workers_needed) : null;
  const a = job.address;

  const rows: { icon: IconName; label: string; value: string }[] = [
    { icon: 'calendar', label: t('job.when'), value: whenText(job, lang, 'long') },
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
  if (estimate && category) {
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
              <dd class={r.icon === 'note' ? 'facts__long' : undefined}>{r.value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section class="card" aria-labelledby="coming-title">
        <h2 id="coming-title" class="card__title">
          {t('job.coming')}
        </h2>
        <p class="job-line job-line--strong" data-testid="job-coming">
          <Icon name="buddies" />
          <span>{coming ?? (active ? t('jobs.nobodyYet') : t('jobs.nobody'))}</span>
        </p>
      </section>
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
