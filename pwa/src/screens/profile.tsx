// /profile: each part of the profile is its own small form with its own "Opslaan" button, so
// people change one thing at a time and see it saved.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { categoryName, useCategories } from '../categories';
import { Icon, isIconName } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { CheckboxGroup, RadioCards, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, messageOf, Saved, SubmitButton, useForm } from '../forms/form';
import { completePlace, type PlaceValue, PostcodeField } from '../forms/PostcodeField';
import {
  appLanguageChoices,
  AvailabilityEditor,
  checkSlots,
  describeException,
  sortSlots,
  spokenChoices,
  TravelFields,
} from '../forms/profile-fields';
import { looksLikePhone } from '../forms/rules';
import type { Lang } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useSession } from '../session';
import type { Address, BuddyProfile, Exception, Place, PosterProfile, Profile, Slot, TravelMode, User, WorkerProfile } from '../types';
import { CategoriesField } from '../forms/category-fields';

type Save = (body: Record<string, unknown>) => Promise<void>;

export function ProfileScreen({ user }: { user: User }) {
  const { t } = useI18n();
  const session = useSession();
  const { state, reload, set } = useLoad((signal) => api<Profile>('GET', '/me/profile', { signal }), [user.id]);

  const save: Save = async (body) => {
    const profile = await api<Profile>('PATCH', '/me/profile', { body });
    set(profile);
    if (profile?.user) session.setUser(profile.user);
  };

  return (
    <Page title={t('profile.title')} testid="profile">
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && <ProfileBody profile={state.data} save={save} onChange={set} />}
    </Page>
  );
}

function ProfileBody({ profile, save, onChange }: { profile: Profile; save: Save; onChange: (p: Profile) => void }) {
  const { user } = profile;
  if (user.role === 'worker' && profile.worker) {
    const w = profile.worker;
    return (
      <>
        <AccountCard user={user} />
        <AvailabilitySection role="worker" slots={w.availability} save={save} />
        <ExceptionsSection role="worker" exceptions={w.exceptions} save={save} />
        <TravelSection role="worker" profile={w} save={save} />
        <LanguagesSection role="worker" languages={w.languages} spoken={w.spoken_languages} save={save} />
        <SkillsView worker={w} />
      </>
    );
  }
  if (user.role === 'buddy' && profile.buddy) {
    const b = profile.buddy;
    return (
      <>
        <AccountCard user={user} />
        <AvailabilitySection role="buddy" slots={b.availability} save={save} />
        <ExceptionsSection role="buddy" exceptions={b.exceptions} save={save} />
        <TravelSection role="buddy" profile={b} save={save} />
        <BuddyCategoriesSection buddy={b} save={save} />
        <LanguagesSection role="buddy" languages={null} spoken={b.spoken_languages} save={save} />
      </>
    );
  }
  if (user.role === 'poster' && profile.poster) {
    return (
      <>
        <PosterDetails user={user} poster={profile.poster} save={save} />
        <Addresses
          addresses={profile.poster.addresses}
          onAddresses={(addresses) => onChange({ ...profile, poster: { ...(profile.poster as PosterProfile), addresses } })}
        />
      </>
    );
  }
  return <AccountCard user={user} />;
}

function Section({
  id,
  title,
  intro,
  children,
  testid,
}: {
  id: string;
  title: string;
  intro?: string | undefined;
  children: ComponentChildren;
  testid?: string;
}) {
  return (
    <section class="section card" aria-labelledby={`${id}-title`} data-testid={testid}>
      <h2 id={`${id}-title`} class="card__title">
        {title}
      </h2>
      {intro && <p class="card__text">{intro}</p>}
      {children}
    </section>
  );
}

/** Who you are; for workers and buddies the coach keeps these. */
function AccountCard({ user }: { user: User }) {
  const { t } = useI18n();
  const rows: [string, string][] = [[t('profile.name'), `${user.first_name} ${user.last_name}`]];
  if (user.phone) rows.push([t('form.phone'), user.phone]);
  if (user.email) rows.push([t('form.email'), user.email]);
  if (user.organisation) rows.push([t('profile.organisation'), user.organisation.name]);
  return (
    <Section id="account" title={t('profile.account')} intro={user.role === 'worker' || user.role === 'buddy' ? t('profile.accountByCoach') : undefined}>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <div key={k} class="facts__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

/** The "Opgeslagen" note shows after a save until the next edit. */
function useSavedFlag() {
  const [saved, setSaved] = useState(false);
  return { saved, done: () => setSaved(true), edited: () => setSaved(false) };
}

function AvailabilitySection({ role, slots, save }: { role: 'worker' | 'buddy'; slots: Slot[]; save: Save }) {
  const { t } = useI18n();
  const [value, setValue] = useState(() => sortSlots(slots));
  const flag = useSavedFlag();
  const form = useForm({ known: (k) => k.startsWith('availability') });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors = checkSlots(value, t);
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      await save({ [role]: { availability: sortSlots(value) } });
      flag.done();
    });
  };

  return (
    <Section id="availability" title={t('profile.availability')} intro={t('profile.availabilityIntro')} testid="availability">
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate>
        <FormAlert messages={form.alert} />
        <AvailabilityEditor
          slots={value}
          onSlots={(s) => {
            setValue(s);
            form.clear(...Object.keys(form.errors));
            flag.edited();
          }}
          errors={form.errors}
        />
        <SubmitButton label={t('common.save')} busy={form.busy} testid="availability-save" />
        <Saved show={flag.saved} />
      </form>
    </Section>
  );
}

/** Days that differ from the usual week. Adding or removing saves at once. */
function ExceptionsSection({ role, exceptions, save }: { role: 'worker' | 'buddy'; exceptions: Exception[]; save: Save }) {
  const { t, lang } = useI18n();
  const [date, setDate] = useState('');
  const [available, setAvailable] = useState<'no' | 'yes'>('no');
  const [allDay, setAllDay] = useState(true);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const form = useForm({ known: (k) => /^exceptions\.\d+\.(date|available|start|end)$/.test(k) || k === 'date' || k === 'start' || k === 'end' });
  const [removeError, setRemoveError] = useState<string[] | null>(null);
  const sorted = [...exceptions].sort((a, b) => a.date.localeCompare(b.date));
  const n = sorted.length; // the index the new one gets in the list we send
  const err = (f: string) => form.errors[f] ?? form.errors[`exceptions.${n}.${f}`];

  const onAdd = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = t('except.dateMissing');
    if (!allDay && (!start || !end)) errors.end = t('avail.timeMissing');
    else if (!allDay && end <= start) errors.end = t('avail.endBeforeStart');
    if (Object.keys(errors).length > 0) {
      form.fail(errors);
      return;
    }
    const item: Exception = { date, available: available === 'yes' };
    if (!allDay) Object.assign(item, { start, end });
    void form.submit(async () => {
      await save({ [role]: { exceptions: [...sorted, item] } });
      setDate('');
    });
  };

  const remove = async (i: number) => {
    setRemoveError(null);
    try {
      await save({ [role]: { exceptions: sorted.filter((_, j) => j !== i) } });
    } catch (error) {
      setRemoveError([messageOf(error, t)]);
    }
  };

  return (
    <Section id="exceptions" title={t('profile.exceptions')} intro={t('profile.exceptionsIntro')} testid="exceptions">
      <FormAlert messages={removeError} />
      {sorted.length === 0 ? (
        <p class="muted">{t('except.none')}</p>
      ) : (
        <ul class="list list--plain" data-testid="exception-list">
          {sorted.map((x, i) => (
            <li key={`${x.date}-${i}`} class="list__item" data-testid="exception">
              <span class="list__icon">
                <Icon name="calendar" />
              </span>
              <p class="list__body">{describeException(x, lang, t)}</p>
              <button
                type="button"
                class="button button--quiet button--icon"
                aria-label={t('except.remove', { what: describeException(x, lang, t) })}
                onClick={() => void remove(i)}
              >
                <Icon name="trash" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="form subform" ref={form.ref} onSubmit={onAdd} noValidate data-testid="exception-form">
        <h3 class="subform__title">{t('except.add')}</h3>
        <FormAlert messages={form.alert} />
        <TextField
          name="date"
          id="f-exception-date"
          type="date"
          label={t('except.date')}
          value={date}
          onValue={(x) => {
            setDate(x);
            form.clear('date', `exceptions.${n}.date`);
          }}
          error={err('date')}
          class="field--short"
        />
        <RadioCards<'no' | 'yes'>
          name="exception_available"
          legend={t('except.question')}
          value={available}
          onValue={setAvailable}
          columns={2}
          choices={[
            { value: 'no', label: t('except.unavailable') },
            { value: 'yes', label: t('except.available') },
          ]}
          error={err('available')}
        />
        <RadioCards<'all' | 'part'>
          name="exception_all_day"
          legend={t('except.when')}
          value={allDay ? 'all' : 'part'}
          onValue={(x) => setAllDay(x === 'all')}
          columns={2}
          choices={[
            { value: 'all', label: t('except.allDay') },
            { value: 'part', label: t('except.partDay') },
          ]}
        />
        {!allDay && (
          <div class="slot__times">
            <TextField name="start" id="f-exception-start" type="time" label={t('avail.from')} value={start} onValue={setStart} error={err('start')} class="field--short" />
            <TextField name="end" id="f-exception-end" type="time" label={t('avail.to')} value={end} onValue={setEnd} error={err('end')} class="field--short" />
          </div>
        )}
        <SubmitButton label={t('except.addButton')} busy={form.busy} icon="plus" testid="exception-add" />
      </form>
    </Section>
  );
}

function TravelSection({ role, profile, save }: { role: 'worker' | 'buddy'; profile: WorkerProfile | BuddyProfile; save: Save }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<TravelMode | ''>(profile.travel_mode);
  const [minutes, setMinutes] = useState(profile.max_travel_minutes);
  const [place, setPlace] = useState<PlaceValue>({ postcode: profile.postcode, municipality: profile.municipality });
  const flag = useSavedFlag();
  const form = useForm({ known: (k) => ['travel_mode', 'max_travel_minutes', 'postcode', 'municipality'].includes(k) });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!mode) errors.travel_mode = t('travel.missing');
    if (role === 'buddy' && !place.postcode) errors.postcode = t('place.missing');
    if (Object.keys(errors).length > 0) {
      form.fail(errors);
      return;
    }
    const body: Record<string, unknown> = { travel_mode: mode, max_travel_minutes: minutes };
    void form.submit(async () => {
      if (role === 'buddy') {
        const done = await completePlace(place, t);
        if ('errors' in done) {
          form.fail(done.errors);
          return;
        }
        Object.assign(body, { postcode: done.place.postcode, municipality: done.place.municipality });
      }
      await save({ [role]: body });
      flag.done();
    });
  };

  return (
    <Section id="travel" title={t(role === 'buddy' ? 'profile.areaTravel' : 'profile.travel')} intro={t('profile.travelIntro')} testid="travel">
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate>
        <FormAlert messages={form.alert} />
        {role === 'buddy' && (
          <PostcodeField
            value={place}
            onValue={(p) => {
              setPlace(p);
              form.clear('postcode', 'municipality');
              flag.edited();
            }}
            errors={{ postcode: form.errors.postcode, municipality: form.errors.municipality }}
          />
        )}
        <TravelFields
          mode={mode}
          minutes={minutes}
          onMode={(m) => {
            setMode(m);
            form.clear('travel_mode');
            flag.edited();
          }}
          onMinutes={(m) => {
            setMinutes(m);
            form.clear('max_travel_minutes');
            flag.edited();
          }}
          errors={form.errors}
        />
        <SubmitButton label={t('common.save')} busy={form.busy} testid="travel-save" />
        <Saved show={flag.saved} />
      </form>
    </Section>
  );
}

function LanguagesSection({
  role,
  languages,
  spoken,
  save,
}: {
  role: 'worker' | 'buddy';
  languages: Lang[] | null;
  spoken: string[];
  save: Save;
}) {
  const { t } = useI18n();
  const [read, setRead] = useState<string[]>(languages ?? []);
  const [speak, setSpeak] = useState<string[]>(spoken);
  const flag = useSavedFlag();
  const form = useForm({ known: (k) => k.startsWith('languages') || k.startsWith('spoken_languages') });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { spoken_languages: speak };
    if (languages) {
      if (read.length === 0) {
        form.fail({ languages: t('profile.readMissing') });
        return;
      }
      body.languages = read;
    }
    void form.submit(async () => {
      await save({ [role]: body });
      flag.done();
    });
  };

  return (
    <Section id="languages" title={t('profile.languages')} testid="languages">
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate>
        <FormAlert messages={form.alert} />
        {languages && (
          <CheckboxGroup
            name="languages"
            legend={t('profile.readLanguages')}
            hint={t('profile.readHint')}
            values={read}
            onValues={(x) => {
              setRead(x);
              form.clear('languages');
              flag.edited();
            }}
            choices={appLanguageChoices()}
            error={form.errors.languages}
          />
        )}
        <CheckboxGroup
          name="spoken_languages"
          legend={t('profile.spokenLanguages')}
          values={speak}
          onValues={(x) => {
            setSpeak(x);
            form.clear('spoken_languages');
            flag.edited();
          }}
          choices={spokenChoices(t, speak)}
          grid
          error={form.errors.spoken_languages}
        />
        <SubmitButton label={t('common.save')} busy={form.busy} testid="languages-save" />
        <Saved show={flag.saved} />
      </form>
    </Section>
  );
}

function BuddyCategoriesSection({ buddy, save }: { buddy: BuddyProfile; save: Save }) {
  const { t } = useI18n();
  const [values, setValues] = useState(buddy.categories);
  const flag = useSavedFlag();
  const form = useForm({ known: (k) => k.startsWith('categories') });
  return (
    <Section id="categories" title={t('profile.categories')} testid="buddy-categories">
      <form
        class="form"
        ref={form.ref}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(async () => {
            await save({ buddy: { categories: values } });
            flag.done();
          });
        }}
      >
        <FormAlert messages={form.alert} />
        <CategoriesField
          values={values}
          onValues={(x) => {
            setValues(x);
            form.clear('categories');
            flag.edited();
          }}
          error={form.errors.categories}
        />
        <SubmitButton label={t('common.save')} busy={form.busy} testid="categories-save" />
        <Saved show={flag.saved} />
      </form>
    </Section>
  );
}

/** Skills are the coach's to set (after training); the worker sees them. */
function SkillsView({ worker }: { worker: WorkerProfile }) {
  const { t, lang } = useI18n();
  const categories = useCategories();
  const list = categories.status === 'ready' ? categories.categories : [];
  return (
    <Section id="skills" title={t('profile.skills')} intro={t('profile.skillsIntro')} testid="skills">
      {worker.skills.length === 0 ? (
        <p class="muted">{t('profile.noSkills')}</p>
      ) : (
        <ul class="list list--plain" data-testid="skill-list">
          {worker.skills.map((s) => {
            const c = list.find((x) => x.slug === s.category);
            return (
              <li key={s.category} class="list__item" data-testid="skill" data-slug={s.category}>
                <span class="list__icon list__icon--accent">
                  <Icon name={c && isIconName(c.icon) ? c.icon : 'generic'} />
                </span>
                <div class="list__body">
                  <p class="list__title">{c ? categoryName(c, lang) : s.category}</p>
                  <p class="list__text">{t(`skills.level${s.level}`)}</p>
                  {s.verified && (
                    <span class="badge badge--active" data-testid="skill-verified">
                      <Icon name="shield" />
                      {t('skills.verifiedBadge')}
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

function PosterDetails({ user, poster, save }: { user: User; poster: PosterProfile; save: Save }) {
  const { t } = useI18n();
  const [v, setV] = useState({
    first_name: user.first_name,
    last_name: user.last_name,
    phone: user.phone ?? '',
    company_name: poster.company_name ?? '',
    vat_number: poster.vat_number ?? '',
  });
  const company = poster.kind === 'company';
  const flag = useSavedFlag();
  const form = useForm({ known: (k) => k in v });
  const set = (key: keyof typeof v) => (x: string) => {
    setV((old) => ({ ...old, [key]: x }));
    form.clear(key);
    flag.edited();
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!v.first_name.trim()) errors.first_name = t('form.required');
    if (!v.last_name.trim()) errors.last_name = t('form.required');
    if (!v.phone.trim()) errors.phone = t('form.required');
    else if (!looksLikePhone(v.phone)) errors.phone = t('form.phoneInvalid');
    if (company && !v.company_name.trim()) errors.company_name = t('form.required');
    if (company && !v.vat_number.trim()) errors.vat_number = t('form.required');
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    const body: Record<string, unknown> = { first_name: v.first_name.trim(), last_name: v.last_name.trim(), phone: v.phone.trim() };
    if (company) body.poster = { company_name: v.company_name.trim(), vat_number: v.vat_number.trim() };
    void form.submit(async () => {
      await save(body);
      flag.done();
    });
  };

  return (
    <Section id="details" title={t('profile.details')} testid="poster-details">
      {user.email && (
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('form.email')}</dt>
            <dd>{user.email}</dd>
          </div>
        </dl>
      )}
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate>
        <FormAlert messages={form.alert} />
        {company && (
          <>
            <TextField name="company_name" label={t('signup.companyName')} value={v.company_name} onValue={set('company_name')} error={form.errors.company_name} autocomplete="organization" />
            <TextField name="vat_number" label={t('signup.vat')} hint={t('signup.vatHint')} value={v.vat_number} onValue={set('vat_number')} error={form.errors.vat_number} />
          </>
        )}
        <TextField name="first_name" label={t('form.firstName')} value={v.first_name} onValue={set('first_name')} error={form.errors.first_name} autocomplete="given-name" />
        <TextField name="last_name" label={t('form.lastName')} value={v.last_name} onValue={set('last_name')} error={form.errors.last_name} autocomplete="family-name" />
        <TextField name="phone" type="tel" label={t('form.phone')} hint={t('form.phoneHint')} value={v.phone} onValue={set('phone')} error={form.errors.phone} autocomplete="tel" />
        <SubmitButton label={t('common.save')} busy={form.busy} testid="details-save" />
        <Saved show={flag.saved} />
      </form>
    </Section>
  );
}

function Addresses({ addresses, onAddresses }: { addresses: Address[]; onAddresses: (a: Address[]) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);

  const remove = async (a: Address) => {
    if (confirming !== a.id) {
      setConfirming(a.id);
      return;
    }
    setError(null);
    try {
      await api<void>('DELETE', `/me/addresses/${a.id}`);
      onAddresses(addresses.filter((x) => x.id !== a.id));
    } catch (err) {
      setError([messageOf(err, t)]);
    } finally {
      setConfirming(null);
    }
  };

  return (
    <Section id="addresses" title={t('address.title')} intro={t('address.intro')} testid="addresses">
      <FormAlert messages={error} />
      {addresses.length === 0 ? (
        <Empty icon="pin" testid="addresses-empty">
          {t('address.none')}
        </Empty>
      ) : (
        <ul class="list list--plain" data-testid="address-list">
          {addresses.map((a) => (
            <li key={a.id} class="list__item" data-testid="address">
              <span class="list__icon">
                <Icon name="pin" />
              </span>
              <div class="list__body">
                <p class="list__title">{a.label}</p>
                <p class="list__text">{`${a.street}, ${a.postcode} ${a.municipality}`}</p>
              </div>
              <button
                type="button"
                class={confirming === a.id ? 'button button--danger' : 'button button--quiet button--icon'}
                aria-label={confirming === a.id ? undefined : t('address.remove', { label: a.label })}
                data-testid="address-remove"
                onClick={() => void remove(a)}
              >
                <Icon name="trash" />
                {confirming === a.id && t('address.removeConfirm')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddAddress onAdded={(a) => onAddresses([...addresses, a])} />
    </Section>
  );
}

function AddAddress({ onAdded }: { onAdded: (a: Address) => void }) {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [street, setStreet] = useState('');
  const [place, setPlace] = useState<PlaceValue>({ postcode: '', municipality: '' });
  const [point, setPoint] = useState<{ lat: number; lon: number; near: Place | null } | null>(null);
  const [locating, setLocating] = useState(false);
  const [round, setRound] = useState(0); // a new round resets the postcode field
  const [added, setAdded] = useState(false);
  const form = useForm({ known: (k) => ['label', 'street', 'postcode', 'municipality', 'lat', 'lon'].includes(k) });
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const locate = () => {
    form.clear('postcode', 'municipality', 'lat', 'lon');
    if (!('geolocation' in navigator)) {
      form.fail({ lat: t('address.noGeo') });
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      async (pos) => {
        const lat = Number(pos.coords.latitude.toFixed(5));
        const lon = Number(pos.coords.longitude.toFixed(5));
        let near: Place | null = null;
        try {
          near = (await api<{ place: Place }>('GET', `/postcodes/nearest?lat=${lat}&lon=${lon}`)).place;
        } catch {
          /* the server places it anyway */
        }
        if (!live.current) return;
        setPoint({ lat, lon, near });
        setLocating(false);
      },
      (err) => {
        setLocating(false);
        form.fail({ lat: err.code === err.PERMISSION_DENIED ? t('address.geoDenied') : t('address.geoFailed') });
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!label.trim()) errors.label = t('form.required');
    if (!street.trim()) errors.street = t('form.required');
    if (!point && !place.postcode) errors.postcode = t('place.missing');
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      let body: Record<string, unknown> = { label: label.trim(), street: street.trim() };
      if (point) body = { ...body, lat: point.lat, lon: point.lon };
      else {
        const done = await completePlace(place, t);
        if ('errors' in done) {
          form.fail(done.errors, [t('form.checkFields')]);
          return;
        }
        body = { ...body, postcode: done.place.postcode, municipality: done.place.municipality };
      }
      const a = await api<Address>('POST', '/me/addresses', { body });
      onAdded(a);
      setLabel('');
      setStreet('');
      setPlace({ postcode: '', municipality: '' });
      setPoint(null);
      setRound((n) => n + 1);
      setAdded(true);
    });
  };

  return (
    <form class="form subform" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="address-form">
      <h3 class="subform__title">{t('address.add')}</h3>
      <FormAlert messages={form.alert} />
      <TextField
        name="label"
        label={t('address.label')}
        hint={t('address.labelHint')}
        value={label}
        onValue={(x) => {
          setLabel(x);
          setAdded(false);
          form.clear('label');
        }}
        error={form.errors.label}
      />
      <TextField
        name="street"
        label={t('address.street')}
        value={street}
        onValue={(x) => {
          setStreet(x);
          form.clear('street');
        }}
        error={form.errors.street}
        autocomplete="street-address"
      />
      {point ? (
        <div class="located" data-testid="located">
          <p class="postcode__chosen">
            <Icon name="locate" />
            {point.near ? t('address.locatedNear', { place: `${point.near.postcode} ${point.near.municipality}` }) : t('address.located')}
          </p>
          <button type="button" class="button button--quiet" onClick={() => setPoint(null)}>
            <Icon name="close" />
            {t('address.usePostcode')}
          </button>
        </div>
      ) : (
        <>
          <PostcodeField
            key={round}
            idPrefix="address"
            legend={t('address.place')}
            value={place}
            onValue={(p) => {
              setPlace(p);
              form.clear('postcode', 'municipality');
            }}
            errors={{ postcode: form.errors.postcode, municipality: form.errors.municipality }}
          />
          <p class="or">{t('address.or')}</p>
          <button
            type="button"
            class="button button--secondary button--wide"
            data-testid="use-location"
            onClick={locate}
            aria-describedby={form.errors.lat ? 'f-location-error' : undefined}
          >
            {locating ? <span class="spinner" aria-hidden="true" /> : <Icon name="locate" />}
            {t('address.useLocation')}
          </button>
          {form.errors.lat && (
            <p class="field__error" id="f-location-error">
              <Icon name="alert" />
              <span>{form.errors.lat}</span>
            </p>
          )}
        </>
      )}
      <SubmitButton label={t('address.addButton')} busy={form.busy} icon="plus" testid="address-add" />
      <p class="saved" role="status">
        {added && (
          <>
            <Icon name="check" />
            {t('address.added')}
          </>
        )}
      </p>
    </form>
  );
}
