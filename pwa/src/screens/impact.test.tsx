// The coordinator's impact screen (issue 13): figures, charts each with a table of the same
// numbers, the CSV link with the filters, and the social return shown only beside its value and
// source; the values saved with PUT.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { bars, impactQuery } from '../impact';
import { categoriesBody, mockApi, ok, session } from '../test/fixtures';
import { renderAt } from '../test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

const figures = (hours: number, jobs: number, people: number) => ({
  hours_worked: hours,
  jobs_posted: jobs + 2,
  jobs_done: jobs,
  jobs_filled: jobs,
  jobs_unfilled: 1,
  jobs_cancelled: 1,
  filled_share: jobs === 0 ? null : jobs / (jobs + 1),
  people_worked: people,
  new_people: 1,
  households: 3,
  companies: 1,
  buddy_hours: 4.5,
  buddies: 2,
  fill_median_hours: jobs === 0 ? null : 20.5,
  fill_p90_hours: jobs === 0 ? null : 70,
  no_shows: 0,
  dropouts_late: 1,
  dropouts_early: 2,
});

const report = (values: unknown[], estimates: unknown[]) => ({
  period: 'year',
  step: 'month',
  from: '2026-01-01',
  to: '2026-12-31',
  organisation_id: 1,
  category: null,
  municipality: null,
  total: figures(412.25, 40, 9),
  series: [
    { from: '2026-01-01', to: '2026-01-31', ...figures(100, 10, 5) },
    { from: '2026-02-01', to: '2026-02-28', ...figures(0, 0, 0) },
    { from: '2026-03-01', to: '2026-03-31', ...figures(312.25, 30, 8) },
  ],
  values,
  estimates,
});

const value = { label: 'Vermeden leefloon', basis: 'hour', cents: 1250, source: 'Raming OCMW Genk 2025' };
const estimate = { ...value, units: 412.25, total_cents: 515313 };

describe('the impact screen', () => {
  it('shows the figures, each chart with a table of its numbers, and the estimate beside its value and source', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('coordinator')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/org/impact?period=year': ok(report([value], [estimate])),
    });
    renderAt('/coach/impact');
    const figs = await screen.findByTestId('impact-figures');
    expect(figs.textContent).toContain('Gewerkte uren (goedgekeurd)');
    expect(figs.textContent).toContain('412,3');
    const chart = screen.getByTestId('impact-chart-hours');
    expect(chart.querySelectorAll('rect')).toHaveLength(3);
    expect(chart.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    const rows = within(chart).getAllByRole('row');
    expect(rows).toHaveLength(4); // the head and three months
    expect(rows[3]!.textContent).toContain('312,3');
    const est = screen.getByTestId('impact-estimate');
    expect(within(est).getByTestId('impact-estimate-how').textContent).toContain('412,3 uur');
    expect(within(est).getByTestId('impact-estimate-source').textContent).toBe('Bron: Raming OCMW Genk 2025');
    expect(screen.getByTestId('impact-csv').getAttribute('href')).toBe('/api/v1/org/impact?period=year&format=csv');
  });

  it('sends the filters, and saves the values', async () => {
    const api = mockApi({
      'GET /api/v1/session': ok(session('coordinator', { language: 'en' })),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/org/impact?period=year': ok(report([], [])),
      'GET /api/v1/org/impact?period=quarter&date=2026-02-10&category=cleaning': [ok(report([], [])), ok(report([value], [estimate]))],
      'PUT /api/v1/org/impact/values': ok({ values: [value] }),
    });
    renderAt('/coach/impact', 'en');
    expect((await screen.findByTestId('impact-return-none')).textContent).toContain('No values yet');
    fireEvent.change(screen.getByTestId('impact-period'), { target: { value: 'quarter' } });
    fireEvent.input(document.querySelector('input[name="date"]')!, { target: { value: '2026-02-10' } });
    fireEvent.change(document.querySelector('select[name="category"]')!, { target: { value: 'cleaning' } });
    fireEvent.click(screen.getByTestId('impact-apply'));
    await waitFor(() => expect(api.calls.some((c) => c.url.search === '?period=quarter&date=2026-02-10&category=cleaning')).toBe(true));
    expect(screen.getByTestId('impact-csv').getAttribute('href')).toBe('/api/v1/org/impact?period=quarter&date=2026-02-10&category=cleaning&format=csv');
    fireEvent.click(await screen.findByTestId('impact-edit-values'));
    fireEvent.click(screen.getByTestId('impact-add-value'));
    fireEvent.input(document.querySelector('input[name="label-0"]')!, { target: { value: value.label } });
    fireEvent.input(document.querySelector('input[name="euros-0"]')!, { target: { value: '12,50' } });
    fireEvent.input(document.querySelector('textarea[name="source-0"]')!, { target: { value: value.source } });
    fireEvent.click(screen.getByTestId('impact-save-values'));
    await screen.findByTestId('impact-estimate');
    const put = api.calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ values: [value] });
  });

  it('builds the query and scales the bars', () => {
    expect(impactQuery({ period: 'range', date: '2026-01-01', from: '2026-01-01', to: '2026-03-31', category: '', municipality: ' Genk ' })).toBe(
      'period=range&from=2026-01-01&to=2026-03-31&municipality=Genk',
    );
    expect(bars([0, 5, 10])).toEqual([0, 0.5, 1]);
    expect(bars([0, 0])).toEqual([0, 0]);
  });
});
