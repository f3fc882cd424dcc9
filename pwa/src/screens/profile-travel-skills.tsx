// How a worker or buddy travels and how far, the languages they speak, the categories a buddy
// goes along with, and (read-only, the coach keeps them) a worker's skills: parts of /profile.
import { useState } from 'preact/hooks';
import { categoryName, useCategories } from '../categories';
import { Icon, isIconName } from '../components/Icon';
import { CheckboxGroup } from '../forms/fields';
import { type FieldErrors, FormAlert, Saved, SubmitButton, useForm } from '../forms/form';
import { completePlace, type PlaceValue, PostcodeField } from '../forms/PostcodeField';
import { appLanguageChoices, spokenChoices, TravelFields } from '../forms/profile-fields';
import type { Language } from '../api/types';
import { useI18n } from '../i18n/context';
import type { BuddyProfile, TravelMode, WorkerProfile } from '../types';
import { CategoriesField } from '../forms/category-fields';
import { type Save, Section, useSavedFlag } from './profile-section';

export function TravelSection({ role, profile, save }: { role: 'worker' | 'buddy'; profile: WorkerProfile | BuddyProfile; save: Save }) {
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
    <Section fold id="travel" title={t(role === 'buddy' ? 'profile.areaTravel' : 'profile.travel')} intro={t('profile.travelIntro')} testid="travel">
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

export function LanguagesSection({
  role,
  languages,
  spoken,
  save,
}: {
  role: 'worker' | 'buddy';
  /** The server's interface languages (tr and ar too), not only the app's catalogues. */
  languages: Language[] | null;
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
    <Section fold id="languages" title={t('profile.languages')} testid="languages">
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
          filter={{ label: t('profile.spokenFilter'), noMatch: t('profile.spokenNoMatch') }}
          error={form.errors.spoken_languages}
        />
        <SubmitButton label={t('common.save')} busy={form.busy} testid="languages-save" />
        <Saved show={flag.saved} />
      </form>
    </Section>
  );
}

export function BuddyCategoriesSection({ buddy, save }: { buddy: BuddyProfile; save: Save }) {
  const { t } = useI18n();
  const [values, setValues] = useState(buddy.categories);
  const flag = useSavedFlag();
  const form = useForm({ known: (k) => k.startsWith('categories') });
  return (
    <Section fold id="categories" title={t('profile.categories')} testid="buddy-categories">
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
export function SkillsView({ worker }: { worker: WorkerProfile }) {
  const { t, lang } = useI18n();
  const categories = useCategories();
  const list = categories.status === 'ready' ? categories.categories : [];
  return (
    <Section fold id="skills" title={t('profile.skills')} intro={t('profile.skillsIntro')} testid="skills">
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
