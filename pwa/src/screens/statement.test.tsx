// What the poster pays (issue 12): the months with totals, a month's printable statement with
// its CSV, the job's statement on the job page, and the amount on a past job's card.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { plain } from '../test/clock';
import { categoriesBody, mockApi, ok, problemDoc, session } from '../test/fixtures';
import { posterClock, posterJob } from '../test/jobs';
import { sheet } from '../test/hours';
import { renderAt } from '../test/render';
import { jobStatement, monthStatement } from '../test/statements';

posterClock();

const base = { 'GET /api/v1/session': ok(session('poster')), 'GET /api/v1/categories': ok(categoriesBody) };

describe('the poster’s statements', () => {
  it('lists the months with their totals, linking to each', async () => {
    mockApi({
      ...base,
      'GET /api/v1/me/statements': ok({
        months: [{ month: '2026-11', jobs: [{ job_id: 77, category: 'cleaning', start: '2026-11-20T09:00:00+01:00', total_cents: 5400, pending: 1 }], net_cents: 4463, vat_cents: 937, total_cents: 5400, pending: 1 }],
        currency: 'EUR',
      }),
    });
    renderAt('/afrekeningen');
    const [m] = await screen.findAllByTestId('statement-month');
    expect(within(m!).getByRole('link').getAttribute('href')).toBe('/afrekening/2026-11');
    expect(plain(m!.textContent)).toContain('november 2026');
    expect(plain(m!.textContent)).toContain('€ 54,00 voor 1 klussen');
    expect(plain(m!.textContent)).toContain('1 nog niet goedgekeurd');
  });

  it('shows a month: to whom (a company with its VAT number), the lines, pending ones without an amount, the total; prints and downloads CSV', async () => {
    mockApi({ ...base, 'GET /api/v1/me/statements/2026-11': ok({ statement: monthStatement() }) });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderAt('/afrekening/2026-11');
    const st = await screen.findByTestId('statement');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Afrekening november 2026');
    expect(plain(within(st).getByTestId('statement-poster').textContent)).toContain('Bakkerij Peeters');
    expect(within(st).getByTestId('statement-vat-number').textContent).toBe('Btw-nummer BE0123456749');
    const [ayse, piet] = within(st).getAllByTestId('statement-line');
    expect(plain(ayse!.textContent)).toBe('Ayşe2 u 15 min€ 44,63€ 9,37€ 54,00');
    expect(piet!.dataset.billed).toBe('no');
    expect(within(piet!).getByTestId('statement-line-pending').textContent).toBe('nog niet goedgekeurd');
    expect(plain(within(st).getByTestId('statement-month-total').textContent)).toBe('€ 54,00');
    expect(plain(within(st).getByTestId('statement-pending').textContent)).toContain('1 nog niet goedgekeurd');
    fireEvent.click(screen.getByTestId('statement-print'));
    expect(print).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('statement-print').textContent).toBe('Afdrukken');
    const csv = screen.getByTestId('statement-csv');
    expect(csv.getAttribute('href')).toBe('/api/v1/me/statements/2026-11?format=csv');
    expect(csv.textContent).toBe('Download CSV');
    expect(screen.getByTestId('statement-print').closest('.no-print')).toBeTruthy();
  });

  it('a month in French', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('poster', { language: 'fr' })), 'GET /api/v1/categories': ok(categoriesBody), 'GET /api/v1/me/statements/2026-11': ok({ statement: monthStatement() }) });
    renderAt('/afrekening/2026-11', 'fr');
    const st = await screen.findByTestId('statement');
    expect(screen.getByTestId('statement-print').textContent).toBe('Imprimer');
    expect(within(st).getByTestId('statement-vat-number').textContent).toBe('Numéro de TVA BE0123456749');
  });

  it('a month that is not one is not a page', async () => {
    mockApi({ ...base });
    renderAt('/afrekening/2026-13');
    expect(await screen.findByTestId('not-found')).toBeTruthy();
  });

  it('says why a month did not load', async () => {
    mockApi({ ...base, 'GET /api/v1/me/statements/2026-11': problemDoc(403, { code: 'forbidden', detail: 'Alleen klanten hebben afrekeningen.' }) });
    renderAt('/afrekening/2026-11');
    expect((await screen.findByTestId('load-error')).textContent).toContain('Alleen klanten hebben afrekeningen.');
  });

  it('the job page shows the job’s statement below the hours', async () => {
    mockApi({
      ...base,
      'GET /api/v1/jobs/77': ok(posterJob({ state: 'hours_confirmed', start: '2026-11-20T09:00:00+01:00', end: '2026-11-20T11:00:00+01:00' })),
      'GET /api/v1/jobs/77/hours': ok({ sheets: [] }),
      'GET /api/v1/jobs/77/statement': ok({ statement: jobStatement() }),
    });
    renderAt('/jobs/77');
    const card = await screen.findByTestId('job-statement');
    expect(await within(card).findAllByTestId('statement-line')).toHaveLength(2);
    expect(plain(within(card).getByTestId('statement-job-total').textContent)).toBe('€ 54,00');
    const hours = screen.getByTestId('job-hours');
    expect(hours.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('the job’s statement follows an approval on the same page', async () => {
    const confirmed = sheet({ state: 'confirmed', confirmed: 135 });
    const pending = jobStatement({ state: 'done', lines: [jobStatement().lines[1]!], net_cents: 0, vat_cents: 0, total_cents: 0, pending: 1 });
    const api = mockApi({
      ...base,
      'GET /api/v1/jobs/77': ok(posterJob({ state: 'done', start: '2026-11-30T09:00:00+01:00', end: '2026-11-30T11:00:00+01:00' })),
      'GET /api/v1/jobs/77/hours': ok({ sheets: [confirmed] }),
      'POST /api/v1/jobs/77/hours/501/approve': ok({ sheet: { ...confirmed, state: 'approved', approved: 135, due_at: null } }),
      'GET /api/v1/jobs/77/statement': [ok({ statement: pending }), ok({ statement: jobStatement({ state: 'done' }) })],
    });
    renderAt('/jobs/77');
    const card = await screen.findByTestId('job-statement');
    expect(plain((await within(card).findByTestId('statement-job-total')).textContent)).toBe('€ 0,00');
    fireEvent.click(await within(screen.getByTestId('job-hours')).findByRole('button', { name: 'Goedkeuren' }));
    await waitFor(() => expect(plain(within(screen.getByTestId('job-statement')).getByTestId('statement-job-total').textContent)).toBe('€ 54,00'));
    expect(api.calls.filter((c) => c.path === '/api/v1/jobs/77/statement')).toHaveLength(2);
  });

  it('a past job’s card shows its amount, and the home links to the statements', async () => {
    mockApi({
      ...base,
      'GET /api/v1/jobs': ok({ jobs: [posterJob({ id: 77, state: 'hours_confirmed', start: '2026-11-20T09:00:00+01:00', end: '2026-11-20T11:00:00+01:00' })] }),
      'GET /api/v1/me/statements': ok({
        months: [{ month: '2026-11', jobs: [{ job_id: 77, category: 'cleaning', start: '2026-11-20T09:00:00+01:00', total_cents: 5400, pending: 0 }], net_cents: 4463, vat_cents: 937, total_cents: 5400, pending: 0 }],
        currency: 'EUR',
      }),
    });
    renderAt('/');
    expect(plain((await screen.findByTestId('job-card-amount')).textContent)).toBe('Te betalen: € 54,00');
    expect(screen.getByTestId('home-statements').getAttribute('href')).toBe('/afrekeningen');
  });
});
