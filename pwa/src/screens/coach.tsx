// The coordinator's people: list and search, a new worker or buddy (with the invite to hand
// over), and one person to view, edit and invite again, with the customers they no longer go to.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, api, type Category } from '../api';
import { categoryName, useCategories } from '../categories';
import { formatDayYear } from '../format';
import { Icon, isIconName } from '../components/Icon';
import { InviteCard } from '../components/InviteCard';
import { Empty, LoadFailed, Loading, Page, StatusBadge } from '../components/Page';
import { Checkbox, CheckboxGroup, FieldError, RadioCards, SelectField, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, messageOf, SubmitButton, useForm } from '../forms/form';
import {
  capValue,
  checkCap,
  type HomePoint,
  HomePointField,
  HourCapsFields,
  MONTH_CAP_MAX,
  parseWhole,
  SpokenLanguagesField,
  YEAR_CAP_MAX,
} from '../forms/person-fields';
import { completePlace, type PlaceValue, PostcodeField } from '../forms/PostcodeField';
import { appLanguageChoices, TravelFields } from '../forms/profile-fields';
import { looksLikeEmail, looksLikePhone } from '../forms/rules';
import type { Lang, PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { Link, useRouter } from '../router';
import {
  type BlockBy,
  BUDDY_NEEDS,
  type BuddyNeed,
  type Invite,
  type Person,
  type PersonBlock,
  type PersonSummary,
  type Skill,
  type TravelMode,
} from '../types';

type PersonRole = 'worker' | 'buddy';

const roleOf = (value: string | null): PersonRole => (value === 'buddy' ? 'buddy' : 'worker');

export function PeopleScreen() {
  const { t } = useI18n();
  const { query } = useRouter();
  const role = roleOf(query.get('role'));
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');

  // Search a moment after the last key press.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(q.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [q]);

  const { state, reload } = useLoad((signal) => {
    const params = new URLSearchParams({ role });
    if (search) params.set('q', search);
    return api<{ people: PersonSummary[] }>('GET', `/org/people?${params.toString()}`, { signal }).then((b) => b.people);
  }, [role, search]);

  return (
    <Page title={t('people.title')} testid="people">
      <div class="button-stack">
        <Link class="button button--wide" href="/coach/people/new?role=worker" data-testid="new-worker">
          <Icon name="userPlus" />
          {t('people.newWorker')}
        </Link>
        <Link class="button button--secondary button--wide" href="/coach/people/new?role=buddy" data-testid="new-buddy">
          <Icon name="userPlus" />
          {t('people.newBuddy')}
        </Link>
      </div>

      <nav class="tabs" aria-label={t('people.filter')}>
        {(['worker', 'buddy'] as const).map((r) => (
          <Link
            key={r}
            class="tabs__tab"
            href={`/coach/people?role=${r}`}
            aria-current={role === r ? 'page' : undefined}
            data-testid={`tab-${r}`}
          >
            <Icon name={r === 'worker' ? 'hardhat' : 'buddies'} />
            {t(r === 'worker' ? 'people.workers' : 'people.buddies')}
          </Link>
        ))}
      </nav>

      <form role="search" class="search" onSubmit={(e) => {
        e.preventDefault();
        setSearch(q.trim());
      }}>
        <TextField
          name="q"
          type="search"
          label={t('people.search')}
          hint={t('people.searchHint')}
          value={q}
          onValue={setQ}
          autocomplete="off"
        />
      </form>

      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && state.data.length === 0 && (
        <Empty icon="search" testid="people-empty">
          {search ? t('people.noneFound', { q: search }) : t(role === 'worker' ? 'people.noWorkers' : 'people.noBuddies')}
        </Empty>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul class="list" data-testid="people-list">
          {state.data.map((p) => (
            <li key={p.id} class="list__item list__item--link" data-testid="person">
              <span class="list__icon">
                <Icon name={p.role === 'worker' ? 'hardhat' : 'buddies'} />
              </span>
              <div class="list__body">
                <Link class="list__link" href={`/coach/people/${p.id}`}>
                  {`${p.first_name} ${p.last_name}`}
                </Link>
                <p class="list__text">{[p.municipality, p.phone].filter(Boolean).join(' · ')}</p>
                <StatusBadge status={p.status} />
              </div>
              <Icon name="chevron" class="list__chevron" />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function NewPersonScreen() {
  const { t } = useI18n();
  const { query, navigate } = useRouter();
  const role = roleOf(query.get('role'));
  const [created, setCreated] = useState<{ person: Person; invite: Invite } | null>(null);
  const list = `/coach/people?role=${role}`;

  return (
    <Page
      title={t(role === 'worker' ? 'people.newWorker' : 'people.newBuddy')}
      intro={created ? undefined : t('person.newIntro')}
      back={{ href: list, label: t('people.backToList') }}
      testid="new-person"
    >
      {created ? (
        <InviteCard invite={created.invite} name={created.person.first_name} onDone={() => navigate(list)} />
      ) : (
        <PersonForm
          role={role}
          person={null}
          submitLabel={t('person.create')}
          onSave={async (body) => {
            const res = await api<{ person: Person; invite: Invite }>('POST', '/org/people', { body: { role, ...body } });
            setCreated(res);
          }}
        />
      )}
    </Page>
  );
}

export function PersonScreen({ id }: { id: number }) {
  const { t } = useI18n();
  const { state, reload, set } = useLoad((signal) => api<Person>('GET', `/org/people/${id}`, { signal }), [id]);
  const [saved, setSaved] = useState(false);

  if (state.status !== 'ready') {
    return (
      <Page title={t('person.title')} back={{ href: '/coach/people', label: t('people.backToList') }}>
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }
  const person = state.data;
  const role: PersonRole = person.role === 'buddy' ? 'buddy' : 'worker';
  return (
    <Page
      title={`${person.first_name} ${person.last_name}`}
      back={{ href: `/coach/people?role=${role}`, label: t('people.backToList') }}
      testid="person-detail"
    >
      <p class="person__meta">
        <StatusBadge status={person.status} />
        <span>{t(role === 'worker' ? 'person.roleWorker' : 'person.roleBuddy')}</span>
      </p>
      <Reinvite person={person} />
      {(person.role === 'worker' || person.role === 'buddy') && <Blocks key={person.id} person={person} />}
      <section class="section" aria-labelledby="details-title">
        <h2 id="details-title">{t('person.details')}</h2>
        <PersonForm
          key={person.id}
          role={role}
          person={person}
          submitLabel={t('common.save')}
          saved={saved}
          onEdit={() => setSaved(false)}
          onSave={async (body) => {
            const updated = await api<Person>('PATCH', `/org/people/${person.id}`, { body });
            set(updated);
            setSaved(true);
          }}
        />
      </section>
    </Page>
  );
}

/** A new link for someone who lost theirs, or their phone. */
function Reinvite({ person }: { person: Person }) {
  const { t } = useI18n();
  const [signOut, setSignOut] = useState(false);
  const [invite, setInvite] = useState<Invite | null>(null);
  const form = useForm();
  const again = useRef<HTMLButtonElement>(null);

  if (invite) {
    return (
      <InviteCard
        invite={invite}
        name={person.first_name}
        onDone={() => {
          setInvite(null);
          setTimeout(() => again.current?.focus(), 0);
        }}
      />
    );
  }
  return (
    <section class="section card" aria-labelledby="reinvite-title">
      <h2 id="reinvite-title" class="card__title">
        {t('person.inviteTitle')}
      </h2>
      <p class="card__text">{t(person.status === 'invited' ? 'person.inviteTextInvited' : 'person.inviteTextActive')}</p>
      <form
        class="form"
        ref={form.ref}
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(async () => {
            const res = await api<{ invite: Invite }>('POST', `/org/people/${person.id}/invite`, {
              body: { sign_out_devices: signOut },
            });
            setInvite(res.invite);
          });
        }}
      >
        <FormAlert messages={form.alert} />
        <Checkbox
          name="sign_out_devices"
          label={t('person.signOutDevices')}
          text={t('person.signOutDevicesText')}
          checked={signOut}
          onChecked={setSignOut}
        />
        <button type="submit" class="button button--wide" data-testid="reinvite" ref={again} aria-disabled={form.busy ? true : undefined}>
          <Icon name="mail" />
          {t('person.newInvite')}
        </button>
      </form>
    </section>
  );
}

const BLOCK_BY: Record<BlockBy, PlainKey> = {
  worker: 'blocks.by.worker',
  buddy: 'blocks.by.buddy',
  poster: 'blocks.by.poster',
  coordinator: 'blocks.by.coordinator',
};

/** "Niet meer samen met": the customers this worker or buddy no longer goes to (never again,
 * asked by either side or by a coach), each with a way to lift it. A lifted block leaves the
 * list and a short notice takes the focus. */
function Blocks({ person }: { person: Person }) {
  const { t, lang } = useI18n();
  const { state, reload } = useLoad(
    (signal) => api<{ blocks: PersonBlock[] }>('GET', `/org/people/${person.id}/blocks`, { signal }).then((b) => b.blocks),
    [person.id],
  );
  // Lifted here (or already gone on the server): kept apart, so two lifts at once both stick.
  const [lifted, setLifted] = useState<ReadonlySet<number>>(() => new Set());
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  // The row with the focus is gone: the notice takes it.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const onLifted = (block: PersonBlock, alreadyGone: boolean) => {
    setLifted((old) => new Set(old).add(block.poster.id));
    setNotice((old) => ({
      text: alreadyGone ? t('blocks.gone') : t('blocks.lifted', { poster: block.poster.name }),
      n: (old?.n ?? 0) + 1,
    }));
  };

  const blocks = state.status === 'ready' ? state.data.filter((b) => !lifted.has(b.poster.id)) : [];
  return (
    <section class="section" aria-labelledby="blocks-title" data-testid="blocks">
      <h2 id="blocks-title">{t('blocks.title')}</h2>
      <p class="section__intro">{t('blocks.intro', { name: person.first_name })}</p>
      {notice && (
        <p
          key={notice.n}
          class="notice notice--ok blocks__notice"
          role="status"
          tabIndex={-1}
          ref={noticeRef}
          data-testid="block-lifted"
        >
          <Icon name="check" />
          <span>{notice.text}</span>
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && blocks.length === 0 && (
        <Empty icon="check" testid="blocks-empty">
          {t('blocks.empty')}
        </Empty>
      )}
      {blocks.length > 0 && (
        <ul class="list" data-testid="blocks-list">
          {blocks.map((b) => (
            <li key={b.poster.id} class="list__item block" data-testid="block" data-poster={b.poster.id}>
              <span class="list__icon">
                <Icon name="ban" />
              </span>
              <div class="list__body">
                <p class="list__title">{b.poster.name}</p>
                {b.poster.municipality && <p class="list__text">{b.poster.municipality}</p>}
                <p class="list__text">
                  {Object.hasOwn(BLOCK_BY, b.by) && `${t(BLOCK_BY[b.by])} · `}
                  <time dateTime={b.created_at}>{t('blocks.since', { date: formatDayYear(b.created_at, lang) })}</time>
                </p>
                <LiftBlock person={person} block={b} onLifted={(gone) => onLifted(b, gone)} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Opheffen", then a confirm step that says what it means (DELETE /org/people/{id}/blocks/
 * {poster_id}). A 404 means the block is gone already: the row goes as well. */
function LiftBlock({ person, block, onLifted }: { person: Person; block: PersonBlock; onLifted: (alreadyGone: boolean) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  const textId = `lift-${useId()}`;
  const poster = block.poster.name;

  // As in NeverAgain: focus to the question, and back to the button on "no".
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (opened.current) startRef.current?.focus();
    opened.current = asking;
  }, [asking]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api<void>('DELETE', `/org/people/${person.id}/blocks/${block.poster.id}`);
      onLifted(false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        onLifted(true);
        return;
      }
      setError(err instanceof ApiError && err.status === 403 ? t('neverAgain.forbidden') : messageOf(err, t));
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <button
        type="button"
        class="button button--secondary block__lift"
        data-testid="block-lift"
        ref={startRef}
        aria-label={t('blocks.liftFor', { poster })}
        onClick={() => {
          setError(null);
          setAsking(true);
        }}
      >
        <Icon name="close" />
        <span>{t('blocks.lift')}</span>
      </button>
    );
  }

  return (
    <div class="confirm block__confirm" role="group" aria-labelledby={textId} tabIndex={-1} ref={confirmRef} data-testid="block-question">
      <p id={textId} class="confirm__text">
        <Icon name="alert" />
        <span>{t('blocks.question', { name: person.first_name, poster })}</span>
      </p>
      {error && (
        <p class="field__error" role="alert" data-testid="block-error">
          <Icon name="alert" />
          <span>{error}</span>
        </p>
      )}
      <div class="button-stack">
        <button
          type="button"
          class="button button--wide"
          data-testid="block-confirm"
          aria-disabled={busy ? true : undefined}
          onClick={() => void confirm()}
        >
          {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
          {t('blocks.yes')}
        </button>
        <button type="button" class="button button--secondary button--wide" onClick={() => !busy && setAsking(false)}>
          <Icon name="back" />
          {t('neverAgain.no')}
        </button>
      </div>
    </div>
  );
}

type FormValues = {
  first_name: string;
  last_name: string;
  phone: string;
  email: string;
  language: Lang;
  place: PlaceValue;
  travel_mode: TravelMode | '';
  max_travel_minutes: number;
  spoken_languages: string[];
  /** Workers only: an exact home point instead of the postcode's. */
  home_point: HomePoint | null;
  buddy_need: BuddyNeed;
  /** As typed; a whole number from 1 to 100, used only with buddy_need first_jobs. */
  buddy_first_jobs: string;
  /** As typed; empty means the organisation's cap. */
  month_hour_cap: string;
  year_hour_cap: string;
  skills: Skill[];
  categories: string[];
};

const DEFAULT_FIRST_JOBS = 3;
const capText = (cap: number | null | undefined) => (cap == null ? '' : String(cap));

function initialValues(person: Person | null, lang: Lang): FormValues {
  const p = person?.worker ?? person?.buddy ?? null;
  return {
    first_name: person?.first_name ?? '',
    last_name: person?.last_name ?? '',
    phone: person?.phone ?? '',
    email: person?.email ?? '',
    language: person?.language ?? lang,
    place: { postcode: p?.postcode ?? '', municipality: p?.municipality ?? '' },
    travel_mode: p?.travel_mode ?? '',
    max_travel_minutes: p?.max_travel_minutes ?? 30,
    spoken_languages: [...new Set(p?.spoken_languages ?? [])],
    home_point: person?.worker?.home_point ?? null,
    buddy_need: person?.worker?.buddy_need ?? 'never',
    // 0 means "not counted" (another buddy need): offer the usual number when switched on.
    buddy_first_jobs: String(person?.worker?.buddy_first_jobs || DEFAULT_FIRST_JOBS),
    month_hour_cap: capText(person?.worker?.month_hour_cap),
    year_hour_cap: capText(person?.worker?.year_hour_cap),
    skills: person?.worker?.skills ?? [],
    categories: person?.buddy?.categories ?? [],
  };
}

const TOP_FIELDS = ['first_name', 'last_name', 'phone', 'email', 'language'];
const PROFILE_FIELDS = [
  'postcode',
  'municipality',
  'home_point',
  'travel_mode',
  'max_travel_minutes',
  'spoken_languages',
  'buddy_need',
  'buddy_first_jobs',
  'month_hour_cap',
  'year_hour_cap',
  'skills',
  'categories',
];

/** Name, phone, language, home area, travel, spoken languages; for workers also an exact home
 * point, buddy need, hour caps and skills, for buddies the categories they can go along with.
 * The same form creates and edits. */
export function PersonForm({
  role,
  person,
  submitLabel,
  onSave,
  saved = false,
  onEdit,
}: {
  role: PersonRole;
  person: Person | null;
  submitLabel: string;
  onSave: (body: Record<string, unknown>) => Promise<void>;
  saved?: boolean;
  onEdit?: () => void;
}) {
  const { t, lang } = useI18n();
  const [v, setV] = useState(() => initialValues(person, lang));
  const form = useForm({
    known: (k) => TOP_FIELDS.includes(k) || PROFILE_FIELDS.includes(k.split('.')[0] ?? k),
  });
  const update = (patch: Partial<FormValues>, ...clear: string[]) => {
    setV((old) => ({ ...old, ...patch }));
    form.clear(...clear);
    onEdit?.();
  };

  const check = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!v.first_name.trim()) e.first_name = t('form.required');
    if (!v.last_name.trim()) e.last_name = t('form.required');
    if (!v.phone.trim()) e.phone = t('form.required');
    else if (!looksLikePhone(v.phone)) e.phone = t('form.phoneInvalid');
    if (v.email.trim() && !looksLikeEmail(v.email)) e.email = t('form.emailInvalid');
    // A postcode without its municipality yet is completed on submit (completePlace).
    if (!v.place.postcode) e.postcode = t('place.missing');
    if (!v.travel_mode) e.travel_mode = t('travel.missing');
    if (role === 'worker') {
      if (v.buddy_need === 'first_jobs') {
        const n = parseWhole(v.buddy_first_jobs);
        if (typeof n !== 'number' || n < 1 || n > 100) e.buddy_first_jobs = t('person.buddyFirstJobsInvalid');
      }
      const month = checkCap(v.month_hour_cap, MONTH_CAP_MAX, t);
      if (month) e.month_hour_cap = month;
      const year = checkCap(v.year_hour_cap, YEAR_CAP_MAX, t);
      if (year) e.year_hour_cap = year;
    }
    return e;
  };

  const body = (place: PlaceValue): Record<string, unknown> => {
    const profile: Record<string, unknown> = {
      postcode: place.postcode,
      municipality: place.municipality,
      travel_mode: v.travel_mode,
      max_travel_minutes: v.max_travel_minutes,
      spoken_languages: v.spoken_languages,
    };
    if (role === 'worker') {
      profile.home_point = v.home_point;
      profile.buddy_need = v.buddy_need;
      // The API wants 1 to 100 with first_jobs and 0 otherwise (it ignores the number then).
      profile.buddy_first_jobs = v.buddy_need === 'first_jobs' ? Number(v.buddy_first_jobs.trim()) : 0;
      profile.month_hour_cap = capValue(v.month_hour_cap);
      profile.year_hour_cap = capValue(v.year_hour_cap);
      profile.skills = v.skills;
      if (!person) Object.assign(profile, { languages: [v.language], availability: [], exceptions: [] });
    } else {
      profile.categories = v.categories;
      if (!person) Object.assign(profile, { availability: [], exceptions: [] });
    }
    const b: Record<string, unknown> = {
      first_name: v.first_name.trim(),
      last_name: v.last_name.trim(),
      phone: v.phone.trim(),
      language: v.language,
      [role]: profile,
    };
    const email = v.email.trim();
    if (email) b.email = email;
    else if (person?.email) b.email = null;
    return b;
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors = check();
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      const done = await completePlace(v.place, t);
      if ('errors' in done) {
        form.fail(done.errors, [t('form.checkFields')]);
        return;
      }
      await onSave(body(done.place));
    });
  };

  return (
    <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="person-form">
      <FormAlert messages={form.alert} testid="person-error" />
      <TextField
        name="first_name"
        label={t('form.firstName')}
        value={v.first_name}
        onValue={(x) => update({ first_name: x }, 'first_name')}
        error={form.errors.first_name}
        autocomplete="off"
      />
      <TextField
        name="last_name"
        label={t('form.lastName')}
        value={v.last_name}
        onValue={(x) => update({ last_name: x }, 'last_name')}
        error={form.errors.last_name}
        autocomplete="off"
      />
      <TextField
        name="phone"
        type="tel"
        label={t('form.phone')}
        hint={t('person.phoneHint')}
        value={v.phone}
        onValue={(x) => update({ phone: x }, 'phone')}
        error={form.errors.phone}
        autocomplete="off"
      />
      <TextField
        name="email"
        type="email"
        label={t('form.email')}
        optional
        value={v.email}
        onValue={(x) => update({ email: x }, 'email')}
        error={form.errors.email}
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
      />
      <RadioCards<string>
        name="language"
        legend={t('person.language')}
        hint={t('person.languageHint')}
        value={v.language}
        onValue={(x) => update({ language: x as Lang }, 'language')}
        choices={appLanguageChoices()}
        error={form.errors.language}
      />
      <PostcodeField
        value={v.place}
        onValue={(place) => update({ place }, 'postcode', 'municipality')}
        errors={{ postcode: form.errors.postcode, municipality: form.errors.municipality }}
        legend={t('person.home')}
      />
      {role === 'worker' && (
        <HomePointField value={v.home_point} onValue={(home_point) => update({ home_point }, 'home_point')} error={form.errors.home_point} />
      )}
      <TravelFields
        about="person"
        mode={v.travel_mode}
        minutes={v.max_travel_minutes}
        onMode={(m) => update({ travel_mode: m }, 'travel_mode')}
        onMinutes={(n) => update({ max_travel_minutes: n }, 'max_travel_minutes')}
        errors={form.errors}
      />
      <SpokenLanguagesField
        values={v.spoken_languages}
        onValues={(spoken_languages) =>
          update({ spoken_languages }, 'spoken_languages', ...Object.keys(form.errors).filter((k) => k.startsWith('spoken_languages.')))
        }
        errors={form.errors}
      />
      {role === 'worker' && (
        <>
          <SelectField
            name="buddy_need"
            label={t('person.buddyNeed')}
            value={v.buddy_need}
            onValue={(x) => update({ buddy_need: x as BuddyNeed }, 'buddy_need')}
            options={BUDDY_NEEDS.map((n) => ({ value: n, label: t(`buddyNeed.${n}`) }))}
            error={form.errors.buddy_need}
          />
          {v.buddy_need === 'first_jobs' && (
            <TextField
              name="buddy_first_jobs"
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={3}
              autocomplete="off"
              class="field--short"
              label={t('person.buddyFirstJobs')}
              hint={t('person.buddyFirstJobsHint')}
              value={v.buddy_first_jobs}
              onValue={(x) => update({ buddy_first_jobs: x }, 'buddy_first_jobs')}
              error={form.errors.buddy_first_jobs}
            />
          )}
          <HourCapsFields
            month={v.month_hour_cap}
            year={v.year_hour_cap}
            onMonth={(x) => update({ month_hour_cap: x }, 'month_hour_cap')}
            onYear={(x) => update({ year_hour_cap: x }, 'year_hour_cap')}
            errors={form.errors}
          />
          <SkillsEditor skills={v.skills} onSkills={(skills) => update({ skills })} errors={form.errors} />
        </>
      )}
      {role === 'buddy' && (
        <CategoriesField values={v.categories} onValues={(categories) => update({ categories }, 'categories')} error={form.errors.categories} />
      )}
      <SubmitButton label={submitLabel} busy={form.busy} icon="check" testid="person-submit" />
      {person && (
        <p class="saved" role="status">
          {saved && (
            <>
              <Icon name="check" />
              {t('form.saved')}
            </>
          )}
        </p>
      )}
    </form>
  );
}

export function categoryChoices(categories: Category[], lang: Lang) {
  return categories.map((c) => ({
    value: c.slug,
    label: categoryName(c, lang),
    icon: isIconName(c.icon) ? c.icon : ('generic' as const),
  }));
}

export function CategoriesField({
  values,
  onValues,
  error,
}: {
  values: string[];
  onValues: (values: string[]) => void;
  error: string | undefined;
}) {
  const { t, lang } = useI18n();
  const categories = useCategories();
  if (categories.status === 'loading') return <Loading />;
  if (categories.status === 'error') return <p class="field__hint">{t('categories.failed')}</p>;
  return (
    <CheckboxGroup
      name="categories"
      legend={t('buddy.categories')}
      hint={t('buddy.categoriesHint')}
      values={values}
      onValues={onValues}
      choices={categoryChoices(categories.categories, lang)}
      error={error}
    />
  );
}

/** Per category: can do it, at which level, and whether the coach verified it after training.
 * Errors come back as skills.N.level, N counting the checked categories in list order. */
function SkillsEditor({ skills, onSkills, errors }: { skills: Skill[]; onSkills: (skills: Skill[]) => void; errors: FieldErrors }) {
  const { t, lang } = useI18n();
  const categories = useCategories();
  if (categories.status === 'loading') return <Loading />;
  if (categories.status === 'error') return <p class="field__hint">{t('categories.failed')}</p>;
  const list = categories.categories;
  // Keep the order of the catalogue, so indexes are stable.
  const ordered = (next: Skill[]) =>
    next.sort((a, b) => list.findIndex((c) => c.slug === a.category) - list.findIndex((c) => c.slug === b.category));
  const current = ordered([...skills]);
  const set = (slug: string, skill: Skill | null) =>
    onSkills(ordered([...current.filter((s) => s.category !== slug), ...(skill ? [skill] : [])]));

  return (
    <fieldset class="field fieldset" id="f-skills">
      <legend class="field__label">{t('skills.legend')}</legend>
      <p class="field__hint">{t('skills.hint')}</p>
      <FieldError id="f-skills-error" error={errors.skills} />
      <ul class="skills-edit">
        {list.map((c) => {
          const skill = current.find((s) => s.category === c.slug);
          const i = skill ? current.indexOf(skill) : -1;
          const name = categoryName(c, lang);
          return (
            <li key={c.slug} class={skill ? 'skill-edit skill-edit--on' : 'skill-edit'} data-testid="skill-edit" data-slug={c.slug}>
              <Checkbox
                name={`skill-${c.slug}`}
                label={name}
                icon={isIconName(c.icon) ? c.icon : 'generic'}
                checked={!!skill}
                onChecked={(on) => set(c.slug, on ? { category: c.slug, level: 1, verified: false } : null)}
                error={errors[`skills.${i}.category`] ?? errors[`skills.${i}`]}
              />
              {skill && (
                <div class="skill-edit__more">
                  <SelectField
                    name={`skills.${i}.level`}
                    id={`f-skill-${c.slug}-level`}
                    label={t('skills.level', { category: name })}
                    value={String(skill.level)}
                    onValue={(x) => set(c.slug, { ...skill, level: Number(x) as 1 | 2 | 3 })}
                    options={([1, 2, 3] as const).map((l) => ({ value: String(l), label: t(`skills.level${l}`) }))}
                    error={errors[`skills.${i}.level`]}
                  />
                  <Checkbox
                    name={`skills.${i}.verified`}
                    id={`f-skill-${c.slug}-verified`}
                    label={t('skills.verified')}
                    text={t('skills.verifiedText')}
                    checked={skill.verified === true}
                    onChecked={(verified) => set(c.slug, { ...skill, verified })}
                    error={errors[`skills.${i}.verified`]}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
