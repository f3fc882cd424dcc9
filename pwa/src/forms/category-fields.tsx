// Fields about the catalogue's categories: which ones (a buddy's, as checkboxes with icons) and,
// for a worker, the skills: per category whether they can do it, at which level, verified or not.
import type { Category } from '../api';
import { categoryName, useCategories } from '../categories';
import { isIconName } from '../components/Icon';
import { Loading } from '../components/Page';
import type { Lang } from '../i18n';
import { useI18n } from '../i18n/context';
import type { Skill } from '../types';
import { Checkbox, CheckboxGroup, FieldError, SelectField } from './fields';
import type { FieldErrors } from './form';

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
export function SkillsEditor({ skills, onSkills, errors }: { skills: Skill[]; onSkills: (skills: Skill[]) => void; errors: FieldErrors }) {
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
