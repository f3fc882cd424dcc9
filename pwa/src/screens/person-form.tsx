// The form of a worker or buddy, new or changed: name, phone, language, home area, travel,
// spoken languages, and for workers an exact home point, hour caps, buddy needs and skills.
import { useState } from 'preact/hooks';
import { Icon } from '../components/Icon';
import { RadioCards, SelectField, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, SubmitButton, useForm } from '../forms/form';
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
import type { Lang } from '../i18n';
import type { Language } from '../api/types';
import { useI18n } from '../i18n/context';
import { BUDDY_NEEDS, type BuddyNeed, type Person, type Skill, type TravelMode } from '../types';
import { CategoriesField, SkillsEditor } from '../forms/category-fields';

/** A worker or a buddy. */
export type PersonRole = 'worker' | 'buddy';

type FormValues = {
  first_name: string;
  last_name: string;
  phone: string;
  email: string;
  /** The server's language (tr and ar too): kept as it is when the app has no catalogue for it. */
  language: Language;
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
        onValue={(x) => update({ language: x as Language }, 'language')}
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

