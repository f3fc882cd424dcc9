import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Category, fetchCategories } from '../api';
import { formatUnitPrice } from '../format';
import { useI18n } from '../i18n/context';
import { Icon, isIconName } from './Icon';

type State =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; categories: Category[] };

/** "Wat kost een klus?": the fixed unit price of every job category, from the server. */
export function PriceList() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    fetchCategories(abort.signal).then(
      (categories) => setState({ status: 'ready', categories }),
      () => {
        if (!abort.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => abort.abort();
  }, [attempt]);

  // Back online after a failure: try again without making people press the button.
  useEffect(() => {
    if (state.status !== 'error') return;
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [state.status, retry]);

  return (
    <section class="section" aria-labelledby="prices-title">
      <h2 id="prices-title">{t('prices.title')}</h2>
      <p class="section__intro">{t('prices.intro')}</p>
      {state.status === 'loading' && (
        <p class="notice" role="status" data-testid="categories-loading">
          <span class="spinner" aria-hidden="true" />
          {t('prices.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div class="notice notice--error" role="alert" data-testid="categories-error">
          <p class="notice__text">
            <Icon name="alert" />
            {t('prices.error')}
          </p>
          <button type="button" class="button" onClick={retry} data-testid="categories-retry">
            <Icon name="refresh" />
            {t('prices.retry')}
          </button>
        </div>
      )}
      {state.status === 'ready' && <Categories categories={state.categories} />}
    </section>
  );
}

function Categories({ categories }: { categories: Category[] }) {
  const { lang, t } = useI18n();
  if (categories.length === 0) {
    return (
      <p class="notice" data-testid="categories-empty">
        {t('prices.empty')}
      </p>
    );
  }
  return (
    <ul class="categories" data-testid="category-list">
      {categories.map((c) => (
        <li key={c.slug} class="category" data-testid="category" data-slug={c.slug}>
          <span class="category__icon">
            <Icon name={isIconName(c.icon) ? c.icon : 'generic'} />
          </span>
          <span class="category__body">
            {/* Fall back to Dutch, then to the slug, if a name is missing in this language. */}
            <span class="category__name">{(c.names as Partial<Record<typeof lang, string>>)[lang] || c.names.nl || c.slug}</span>
            <span class="category__price">
              {formatUnitPrice(c.unit_price_cents, c.currency, c.unit, lang, t)}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
