// /admin/categories: every kind of job with its icon, names, unit and price, active or not;
// a form to add one and to change one (admin-category-form.tsx; only what changed goes to the server).
import { useEffect, useState } from 'preact/hooks';
import { type AdminCategory, adminCategoryName, fetchAdminCategories, NAME_LANGS } from '../admin-categories';
import { forgetCategories } from '../categories';
import { Icon, isIconName } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { formatUnitPrice } from '../format';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { CategoryForm, LANG_LABEL } from './admin-category-form';

export function AdminCategoriesScreen() {
  const { t } = useI18n();
  const { state, reload, set } = useLoad((signal) => fetchAdminCategories(signal), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ to: 'form' } | { to: 'row'; slug: string } | null>(null);
  const list = state.status === 'ready' ? state.data : [];
  const current = editing ? (list.find((c) => c.slug === editing) ?? null) : null;

  // Opening the form for a category moves focus to its title; closing it, back to the row.
  useEffect(() => {
    if (!focus) return;
    if (focus.to === 'form') document.getElementById('category-form-title')?.focus();
    else [...document.querySelectorAll<HTMLElement>('[data-edit]')].find((b) => b.dataset.edit === focus.slug)?.focus();
    setFocus(null);
  }, [focus]);

  const saved = (c: AdminCategory) => {
    // The public price list and category pickers must not keep the old catalogue.
    forgetCategories();
    set(list.some((x) => x.slug === c.slug) ? list.map((x) => (x.slug === c.slug ? c : x)) : [...list, c]);
  };

  return (
    <Page
      title={t('adminCategories.title')}
      intro={t('adminCategories.intro')}
      back={{ href: '/admin', label: t('adminCategories.back') }}
      testid="admin-categories"
    >
      <p class="notice notice--note page-note" data-testid="price-note">
        <Icon name="euro" />
        <span>{t('adminCategories.priceNote')}</span>
      </p>
      <section class="section" aria-labelledby="categories-title">
        <h2 id="categories-title">{t('adminCategories.listTitle')}</h2>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
        {state.status === 'ready' && list.length === 0 && <Empty icon="toolbox">{t('adminCategories.empty')}</Empty>}
        {list.length > 0 && (
          <ul class="list" data-testid="category-list">
            {list.map((c) => (
              <CategoryRow
                key={c.slug}
                category={c}
                editing={c.slug === editing}
                onEdit={() => {
                  setEditing(c.slug);
                  setFocus({ to: 'form' });
                }}
              />
            ))}
          </ul>
        )}
      </section>
      <CategoryForm
        key={current?.slug ?? 'new'}
        category={current}
        onSaved={saved}
        onClose={() => {
          if (editing) setFocus({ to: 'row', slug: editing });
          setEditing(null);
        }}
      />
    </Page>
  );
}

function CategoryRow({ category: c, editing, onEdit }: { category: AdminCategory; editing: boolean; onEdit: () => void }) {
  const { t, lang } = useI18n();
  const name = adminCategoryName(c, lang);
  return (
    <li class={editing ? 'list__item category-row is-editing' : 'list__item category-row'} data-testid="category-row" data-slug={c.slug}>
      <span class="list__icon list__icon--accent">
        <Icon name={isIconName(c.icon) ? c.icon : 'generic'} />
      </span>
      <div class="list__body">
        <p class="list__title">
          <span>{name}</span>
          {c.active ? (
            <span class="badge badge--active" data-testid="category-active" data-active="true">
              <Icon name="check" />
              {t('adminCategories.active')}
            </span>
          ) : (
            <span class="badge badge--gone" data-testid="category-active" data-active="false">
              <Icon name="ban" />
              {t('adminCategories.inactive')}
            </span>
          )}
        </p>
        <p class="list__text category-row__names">
          {NAME_LANGS.map((l, i) => (
            <span key={l}>
              {i > 0 && ' · '}
              <abbr class="category-row__lang" title={t(LANG_LABEL[l])}>
                {l.toUpperCase()}
              </abbr>{' '}
              <span lang={l}>{c.names[l] || '–'}</span>
            </span>
          ))}
        </p>
        <p class="category-row__price" data-testid="category-price">
          {formatUnitPrice(c.unit_price_cents, c.currency || 'EUR', c.unit, lang, t)}
        </p>
        <p class="list__text">{t('adminCategories.slugLine', { slug: c.slug })}</p>
      </div>
      <button
        type="button"
        class="button button--secondary category-row__edit"
        data-edit={c.slug}
        data-testid="category-edit"
        aria-pressed={editing}
        onClick={onEdit}
      >
        <Icon name="note" />
        {t('adminCategories.edit')}
        <span class="visually-hidden">{`: ${name}`}</span>
      </button>
    </li>
  );
}

