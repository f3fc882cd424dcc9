// The lines of a job's statement (issue 12): per worker (first name only) the approved hours or
// items, the unit price, net, VAT and total; a line not approved yet says so, without an amount.
import { Icon } from '../components/Icon';
import { formatMoney, formatUnitPrice } from '../format';
import { useI18n } from '../i18n/context';
import { type JobStatement, lineQuantity } from '../statements';

export function StatementLines({ statement, titleId }: { statement: JobStatement; titleId: string }) {
  const { t, lang } = useI18n();
  const money = (c: number) => formatMoney(c, statement.currency, lang);
  return (
    <div class="statement-job" data-testid="statement-job" data-job-id={statement.job_id}>
      <p class="job-line">
        <Icon name="euro" />
        <span>{t('statement.price', { price: formatUnitPrice(statement.unit_price_cents, statement.currency, statement.unit, lang, t), rate: statement.vat_rate })}</span>
      </p>
      {statement.lines.length === 0 ? (
        <p class="job-line" data-testid="statement-none">
          <Icon name="clock" />
          <span>{t('statement.none')}</span>
        </p>
      ) : (
        // Five columns may not fit a 360 px phone in every language: the table scrolls in its
        // own box, which a keyboard can reach to scroll it too (axe: scrollable-region-focusable).
        // A group, not a region: the card around it is already the region with this name.
        <div class="statement-scroll" role="group" aria-labelledby={titleId} tabIndex={0}>
          <table class="statement-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t('statement.who')}</th>
                <th scope="col">{t('statement.quantity')}</th>
                <th scope="col">{t('statement.net')}</th>
                <th scope="col">{t('statement.vat', { rate: statement.vat_rate })}</th>
                <th scope="col">{t('statement.total')}</th>
              </tr>
            </thead>
            <tbody>
              {statement.lines.map((l) => {
                const q = lineQuantity(l, t);
                return (
                  <tr key={l.sheet_id} data-testid="statement-line" data-billed={l.billed ? 'yes' : 'no'}>
                    <th scope="row">{l.first_name}</th>
                    {l.billed && q !== null && l.net_cents !== null && l.vat_cents !== null && l.total_cents !== null ? (
                      <>
                        <td>{q}</td>
                        <td>{money(l.net_cents)}</td>
                        <td>{money(l.vat_cents)}</td>
                        <td data-testid="statement-line-total">{money(l.total_cents)}</td>
                      </>
                    ) : (
                      <td colSpan={4} data-testid="statement-line-pending">
                        {t('statement.pending')}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('statement.jobTotal')}</th>
                <td />
                <td>{money(statement.net_cents)}</td>
                <td>{money(statement.vat_cents)}</td>
                <td data-testid="statement-job-total">{money(statement.total_cents)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}
