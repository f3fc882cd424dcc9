// The price of a job before posting or saving it (screens/job-form.tsx).
import type { Category } from '../api';
import { Icon } from '../components/Icon';
import { formatMoney, formatUnitPrice } from '../format';
import { useI18n } from '../i18n/context';
import { priceEstimate } from '../jobs';
import { hoursText, peopleText } from './job-fields';

/** The price before posting or saving: unit price × hours × people for hourly work, the unit
 * price for work per item. `price` null: nothing chosen yet. */
export function PriceBox({
  price,
  minutes,
  workers,
  note,
}: {
  price: Pick<Category, 'unit' | 'unit_price_cents' | 'currency'> | null;
  minutes: number;
  workers: number;
  note?: string | undefined;
}) {
  const { t, lang } = useI18n();
  const estimate = price ? priceEstimate(price, minutes, workers) : null;
  return (
    <div class="estimate" data-testid="price-estimate" aria-live="polite">
      {!price || !estimate ? (
        <p class="estimate__note">{t('newJob.chooseForPrice')}</p>
      ) : estimate.kind === 'total' ? (
        <>
          <p class="estimate__price">
            <Icon name="euro" />
            <span>{t('newJob.estimate', { price: formatMoney(estimate.cents, estimate.currency, lang) })}</span>
          </p>
          <p class="estimate__note">
            {t('newJob.estimateHow', {
              people: peopleText(workers, t),
              hours: hoursText(minutes, t),
              unitPrice: formatUnitPrice(price.unit_price_cents, price.currency, price.unit, lang, t),
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
      {note && price && <p class="estimate__note">{note}</p>}
    </div>
  );
}
