// The admin's form of a category (admin-categories.tsx): a new one (with its slug) or changes
// to one (with "active"); the names in nl, fr and en, the unit and the price, and the icon
// picked from the ones the app draws.
import { useState } from 'preact/hooks';
import {
  type AdminCategory,
  adminCategoryName,
  type CategoryValues,
  changedFields,
  createCategory,
  isAcceptedIconName,
  MAX_PRICE_CENTS,
  NAME_LANGS,
  newCategoryBody,
  parsePrice,
  SLUG_PATTERN,
  slugify,
  type Unit,
  updateCategory,
  DEFAULT_VAT_RATE,
  VAT_RATES,
  valuesOf,
} from '../admin-categories';
import { ApiError } from '../api';
import { ICON_NAMES, Icon, type IconName } from '../components/Icon';
import { Checkbox, FieldError, RadioCards, SelectField, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, SubmitButton, useForm } from '../forms/form';
import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';

/** The icons drawn for kinds of work come first; the rest fold away. */
const WORK_ICONS = ['broom', 'toolbox', 'leaf', 'truck', 'iron', 'paintbrush', 'window', 'bag', 'generic'] as const;
type WorkIcon = (typeof WORK_ICONS)[number];
const isWorkIcon = (name: string): name is WorkIcon => (WORK_ICONS as readonly string[]).includes(name);

/** Icon names in lower case: the only ones the server can accept (its slug rule), so the only
 * ones offered. Each has a readable name in the catalogues (adminCategories.iconName.*). */
type PickableIcon = { [K in IconName]: K extends Lowercase<K> ? K : never }[IconName];
/** A name that matches the server's rule is all lower case, so it is a PickableIcon. */
const isPickable = (name: IconName): name is PickableIcon => isAcceptedIconName(name);
const PICKABLE_ICONS: readonly PickableIcon[] = ICON_NAMES.filter(isPickable);

const FIELDS = ['slug', 'icon', 'names.nl', 'names.fr', 'names.en', 'unit', 'unit_price_cents', 'vat_rate', 'active'];

export const LANG_LABEL: Record<'nl' | 'fr' | 'en', PlainKey> = {
  nl: 'adminCategories.nameNl',
  fr: 'adminCategories.nameFr',
  en: 'adminCategories.nameEn',
};

/** One form for both: a new category (with its slug) or changes to one (with "active"). */
export function CategoryForm({
  category,
  onSaved,
  onClose,
}: {
  category: AdminCategory | null;
  onSaved: (c: AdminCategory) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const [v, setV] = useState<CategoryValues>(() => valuesOf(category, lang));
  const [slugTouched, setSlugTouched] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({ known: (k) => FIELDS.includes(k) });
  const editing = category !== null;

  const update = (patch: Partial<CategoryValues>, ...clear: string[]) => {
    setV((old) => ({ ...old, ...patch }));
    form.clear(...clear);
    setMessage(null);
  };
  const setName = (l: 'nl' | 'fr' | 'en') => (x: string) => {
    setV((old) => ({
      ...old,
      names: { ...old.names, [l]: x },
      ...(!editing && l === 'nl' && !slugTouched ? { slug: slugify(x) } : {}),
    }));
    form.clear(`names.${l}`, ...(!editing && l === 'nl' && !slugTouched ? ['slug'] : []));
    setMessage(null);
  };

  const check = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!editing) {
      if (!v.slug.trim()) e.slug = t('form.required');
      else if (!SLUG_PATTERN.test(v.slug.trim())) e.slug = t('adminCategories.slugInvalid');
    }
    if (!v.icon) e.icon = t('adminCategories.iconMissing');
    for (const l of NAME_LANGS) if (!v.names[l].trim()) e[`names.${l}`] = t('form.required');
    if (!v.unit) e.unit = t('adminCategories.unitMissing');
    const cents = parsePrice(v.price);
    if (cents === null) e.unit_price_cents = t('adminCategories.priceInvalid');
    else if (cents <= 0 || cents > MAX_PRICE_CENTS) e.unit_price_cents = t('adminCategories.priceRange');
    return e;
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    setMessage(null);
    const errors = check();
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      try {
        if (category) {
          const patch = changedFields(category, v);
          if (Object.keys(patch).length === 0) {
            setMessage(t('adminCategories.nothingChanged'));
            return;
          }
          const saved = await updateCategory(category.slug, patch);
          onSaved(saved);
          setMessage(t('adminCategories.saved', { name: adminCategoryName(saved, lang) }));
        } else {
          const created = await createCategory(newCategoryBody(v));
          onSaved(created);
          setV(valuesOf(null, lang));
          setSlugTouched(false);
          setMessage(t('adminCategories.created', { name: adminCategoryName(created, lang) }));
        }
      } catch (err) {
        if (err instanceof ApiError && err.status === 409 && err.reason === 'exists') {
          form.fail({ slug: t('adminCategories.slugExists') }, [t('form.checkFields')]);
          return;
        }
        throw err;
      }
    });
  };

  const title = category ? t('adminCategories.editTitle', { name: adminCategoryName(category, lang) }) : t('adminCategories.newTitle');

  return (
    <section class="section card" aria-labelledby="category-form-title">
      <h2 id="category-form-title" class="card__title" tabIndex={-1}>
        {title}
      </h2>
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="category-form" data-mode={editing ? 'edit' : 'new'}>
        <FormAlert messages={form.alert} testid="category-error" />
        {category ? (
          <p class="field__note">
            <Icon name="key" />
            <span>{t('adminCategories.slugFixed', { slug: category.slug })}</span>
          </p>
        ) : (
          <TextField
            name="slug"
            id="f-category-slug"
            label={t('adminCategories.slug')}
            hint={t('adminCategories.slugHint')}
            value={v.slug}
            onValue={(x) => {
              setSlugTouched(true);
              update({ slug: x }, 'slug');
            }}
            error={form.errors.slug}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            maxLength={40}
          />
        )}
        {NAME_LANGS.map((l) => (
          <TextField
            key={l}
            name={`names.${l}`}
            id={`f-category-name-${l}`}
            label={t(LANG_LABEL[l])}
            value={v.names[l]}
            onValue={setName(l)}
            error={form.errors[`names.${l}`]}
            autocomplete="off"
            lang={l}
            maxLength={60}
          />
        ))}
        <IconPicker value={v.icon} onValue={(icon) => update({ icon }, 'icon')} error={form.errors.icon} />
        <RadioCards<Unit>
          name="unit"
          id="f-category-unit"
          legend={t('adminCategories.unit')}
          value={v.unit}
          onValue={(unit) => update({ unit }, 'unit')}
          choices={[
            { value: 'hour', label: t('adminCategories.unitHour'), text: t('adminCategories.unitHourText'), icon: 'clock' },
            { value: 'item', label: t('adminCategories.unitItem'), text: t('adminCategories.unitItemText'), icon: 'toolbox' },
          ]}
          columns={2}
          error={form.errors.unit}
        />
        <TextField
          name="unit_price_cents"
          id="f-category-price"
          label={t('adminCategories.price')}
          hint={t('adminCategories.priceHint')}
          value={v.price}
          onValue={(price) => update({ price }, 'unit_price_cents')}
          error={form.errors.unit_price_cents}
          inputMode="decimal"
          autocomplete="off"
          class="field--short"
        />
        <SelectField
          name="vat_rate"
          id="f-category-vat"
          label={t('adminCategories.vatRate')}
          hint={t('adminCategories.vatRateHint')}
          value={String(v.vatRate)}
          onValue={(rate) => update({ vatRate: VAT_RATES.find((r) => String(r) === rate) ?? DEFAULT_VAT_RATE }, 'vat_rate')}
          options={VAT_RATES.map((r) => ({ value: String(r), label: `${r}%` }))}
          error={form.errors.vat_rate}
        />
        {category && (
          <Checkbox
            name="active"
            id="f-category-active"
            label={t('adminCategories.activeLabel')}
            text={t('adminCategories.activeText')}
            checked={v.active}
            onChecked={(active) => update({ active }, 'active')}
            error={form.errors.active}
          />
        )}
        <SubmitButton
          label={category ? t('common.save') : t('adminCategories.create')}
          busy={form.busy}
          icon={category ? 'check' : 'plus'}
          testid="category-save"
        />
        {category && (
          <button type="button" class="button button--secondary button--wide" data-testid="category-close" onClick={onClose}>
            <Icon name="close" />
            {t('adminCategories.close')}
          </button>
        )}
        <p class="saved" role="status" data-testid="category-saved">
          {message && (
            <>
              <Icon name="check" />
              {message}
            </>
          )}
        </p>
      </form>
    </section>
  );
}

/** Every icon Icon.tsx draws whose name the server accepts, as big radio tiles with a readable
 * name: the ones for kinds of work first, the others (the app's own) under "Other icons". */
function IconPicker({ value, onValue, error }: { value: string; onValue: (icon: string) => void; error: string | undefined }) {
  const { t } = useI18n();
  const id = 'f-category-icon';
  const work = PICKABLE_ICONS.filter(isWorkIcon);
  const others = PICKABLE_ICONS.filter((n) => !isWorkIcon(n));
  const [open, setOpen] = useState(() => value !== '' && !isWorkIcon(value));
  const describedBy = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');

  const tile = (name: PickableIcon) => (
    <label key={name} class="choice choice--tile icon-tile" data-testid="icon-choice" data-icon={name}>
      <span class="choice__mark choice__mark--radio" aria-hidden="true" />
      <span class="icon-tile__icon">
        <Icon name={name} />
      </span>
      <span class="choice__body">
        <span class="choice__label">
          {t(`adminCategories.iconName.${name}` as const)}
          <input
            class="choice__input"
            type="radio"
            name="icon"
            value={name}
            checked={value === name}
            onChange={() => onValue(name)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
        </span>
      </span>
    </label>
  );

  return (
    <fieldset class="field fieldset" id={id}>
      <legend class="field__label">{t('adminCategories.icon')}</legend>
      <p class="field__hint" id={`${id}-hint`}>
        {t('adminCategories.iconHint')}
      </p>
      <div class="icon-grid">{work.map(tile)}</div>
      <details class="more icon-more" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary class="more__summary">
          <Icon name="plus" />
          <span class="more__title">{t('adminCategories.moreIcons')}</span>
        </summary>
        <div class="more__body">
          <div class="icon-grid">{others.map(tile)}</div>
        </div>
      </details>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
