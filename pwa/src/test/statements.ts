// Statements (docs/openapi.yaml: JobStatement, MonthStatement) for what the poster pays (issue 12).
import type { JobStatement, MonthStatement } from '../statements';

export function jobStatement(extra: Partial<JobStatement> = {}): JobStatement {
  return {
    job_id: 77,
    category: 'cleaning',
    start: '2026-11-20T09:00:00+01:00',
    end: '2026-11-20T11:00:00+01:00',
    state: 'hours_confirmed',
    unit: 'hour',
    unit_price_cents: 2400,
    vat_rate: 21,
    lines: [
      { sheet_id: 501, first_name: 'Ayşe', place: 1, state: 'approved', billed: true, minutes: 135, items: null, quantity: 2.25, net_cents: 4463, vat_cents: 937, total_cents: 5400 },
      { sheet_id: 502, first_name: 'Piet', place: 2, state: 'disputed', billed: false, minutes: null, items: null, quantity: null, net_cents: null, vat_cents: null, total_cents: null },
    ],
    net_cents: 4463,
    vat_cents: 937,
    total_cents: 5400,
    pending: 1,
    currency: 'EUR',
    ...extra,
  };
}

export function monthStatement(extra: Partial<MonthStatement> = {}): MonthStatement {
  return {
    month: '2026-11',
    poster: {
      first_name: 'Els',
      last_name: 'Peeters',
      kind: 'company',
      company_name: 'Bakkerij Peeters',
      vat_number: 'BE0123456749',
      street: 'Stationsstraat 12',
      postcode: '3600',
      municipality: 'Genk',
    },
    jobs: [jobStatement()],
    net_cents: 4463,
    vat_cents: 937,
    total_cents: 5400,
    pending: 1,
    currency: 'EUR',
    ...extra,
  };
}
