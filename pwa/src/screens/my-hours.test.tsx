// "Mijn uren" (/uren) for workers and "Mijn vrijwilligersuren" (/vrijwilligersuren) for buddies:
// hours against the caps as bars with words, the month's jobs with their state and hours, the
// history, pay only where the organisation sets a rate; the buddy's total with thanks.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { answerClock, buddyApi, plain, workerApi } from '../test/answers';
import { mockApi, ok, problemDoc, session } from '../test/fixtures';
import { renderAt } from '../test/render';
import type { WorkedHours, WorkedJob } from '../worked';

answerClock();

function job(extra: Partial<WorkedJob> = {}): WorkedJob {
  return {
    job_id: 41,
    category: 'cleaning',
    start: '2026-11-24T10:00:00+01:00',
    end: '2026-11-24T14:00:00+01:00',
    booked_hours: 4,
    hours: 2,
    final: true,
    sheet_state: 'approved',
    unit: 'minutes',
    pending_hours: null,
    items: null,
    pay_cents: null,
    ...extra,
  };
}

function hours(extra: Partial<WorkedHours> = {}): WorkedHours {
  const approved = job();
  const waiting = job({ job_id: 42, start: '2026-11-27T09:00:00+01:00', end: '2026-11-27T11:00:00+01:00', booked_hours: 2, hours: 2, final: false,
    sheet_state: 'confirmed', pending_hours: 1.5 });
  return {
    month: '2026-11',
    month_hours: 4,
    year_hours: 640,
    month_cap: 60,
    year_cap: 630,
    rate_cents: null,
    month_pay_cents: null,
    jobs: [approved, waiting],
    history: [waiting, approved],
    ...extra,
  };
}

describe('Mijn uren', () => {
  it('is linked from the worker\'s home and menu', async () => {
    workerApi({ 'GET /api/v1/me/hours': ok(hours()) }, []);
    renderAt('/');
    const link = await screen.findByTestId('home-hours');
    expect(link.getAttribute('href')).toBe('/uren');
    expect([...document.querySelectorAll('#main-menu a')].map((a) => a.getAttribute('href'))).toContain('/uren');
    fireEvent.click(link);
    expect(await screen.findByTestId('cap-month')).toBeTruthy();
  });

  it('shows the month and the year against the caps, as bars with words', async () => {
    workerApi({ 'GET /api/v1/me/hours': ok(hours()) }, []);
    renderAt('/uren');
    const month = await screen.findByTestId('cap-month');
    expect(plain(within(month).getByTestId('cap-month-text').textContent)).toBe('4 uur van 60 uur');
    const bar = within(month).getByRole('progressbar');
    expect(bar.getAttribute('max')).toBe('60');
    expect(bar.getAttribute('value')).toBe('4');
    // the bar is named by its words
    expect(bar.getAttribute('aria-labelledby')).toBe('cap-month-label');
    expect(plain(document.getElementById('cap-month-label')!.textContent)).toBe('Deze maand4 uur van 60 uur');
    const year = screen.getByTestId('cap-year');
    expect(plain(within(year).getByTestId('cap-year-text').textContent)).toBe('640 uur van 630 uur');
    expect(year.dataset.over).toBe('true');
    expect(within(year).getByRole('progressbar').getAttribute('value')).toBe('630');
    expect(screen.getByTestId('worked-month').textContent).toBe('november 2026');
  });

  it('lists the month\'s jobs with hours and where they stand; no amounts without a rate', async () => {
    workerApi({ 'GET /api/v1/me/hours': ok(hours()) }, []);
    renderAt('/uren');
    const list = await screen.findByTestId('worked-jobs');
    const [first, second] = within(list).getAllByTestId('worked-job') as [HTMLElement, HTMLElement];
    expect(plain(within(first).getByTestId('worked-job-hours').textContent)).toBe('2 uur goedgekeurd');
    expect(plain(within(first).getByTestId('worked-job-state').textContent)).toBe('Goedgekeurd');
    expect(plain(within(second).getByTestId('worked-job-hours').textContent)).toBe('2 uur gepland · 1,5 uur wacht op goedkeuring');
    expect(plain(within(second).getByTestId('worked-job-state').textContent)).toBe('Bevestigd, wacht op de klant');
    expect(await within(first).findByText('Poetsen')).toBeTruthy();
    expect(screen.getByTestId('my-hours').textContent).not.toContain('€');
    expect(screen.queryByTestId('worked-month-pay')).toBeNull();
    expect(plain(screen.getByTestId('worked-payment-note').textContent)).toContain('buiten Klusbuddy');
    expect(within(screen.getByTestId('worked-history')).getAllByTestId('worked-job')).toHaveLength(2);
  });

  it('shows the pay where the organisation sets a rate', async () => {
    const withPay = hours({
      rate_cents: 1250,
      month_pay_cents: 5000,
      jobs: [job({ pay_cents: 2500 })],
      history: [],
    });
    workerApi({ 'GET /api/v1/me/hours': ok(withPay) }, []);
    renderAt('/uren');
    expect(plain((await screen.findByTestId('worked-month-pay')).textContent)).toBe('Je verdient deze maand ongeveer € 50,00 (€ 12,50 per uur).');
    expect(plain(screen.getByTestId('worked-job-pay').textContent)).toBe('Loon: € 25,00');
    expect(screen.getByTestId('worked-history-none')).toBeTruthy();
  });

  it('asks for another month', async () => {
    const api = workerApi(
      {
        'GET /api/v1/me/hours': ok(hours()),
        'GET /api/v1/me/hours?month=2026-10': ok(hours({ month: '2026-10', month_hours: 0, jobs: [] })),
      },
      [],
    );
    renderAt('/uren');
    fireEvent.click(await screen.findByTestId('month-prev'));
    await waitFor(() => expect(screen.getByTestId('worked-month').textContent).toBe('oktober 2026'));
    expect(screen.getByTestId('worked-none')).toBeTruthy();
    expect(api.calls.some((c) => c.url.search === '?month=2026-10')).toBe(true);
  });

  it('says when the hours cannot be loaded, and tries again', async () => {
    workerApi({ 'GET /api/v1/me/hours': [problemDoc(503), ok(hours())] }, []);
    renderAt('/uren');
    fireEvent.click(await screen.findByRole('button', { name: /Opnieuw/ }));
    expect(await screen.findByTestId('cap-month')).toBeTruthy();
  });

  it('is not for posters', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('poster')) });
    renderAt('/uren');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });
});

describe('Mijn vrijwilligersuren', () => {
  const volunteer = {
    year: 2026,
    year_hours: 6.5,
    total_hours: 12,
    jobs: [
      { job_id: 8, category: 'cleaning', start: '2026-11-20T10:00:00+01:00', end: '2026-11-20T12:00:00+01:00', hours: 2, sheet_state: 'approved' as const },
      { job_id: 9, category: 'cleaning', start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T12:00:00+01:00', hours: 0, sheet_state: 'confirmed' as const },
    ],
  };

  it('is linked from the buddy\'s home, with the totals and a thank-you', async () => {
    buddyApi({ 'GET /api/v1/me/volunteer-hours': ok(volunteer) }, []);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('home-volunteer-hours'));
    expect(plain((await screen.findByTestId('volunteer-year')).textContent)).toBe('6,5 uur');
    expect(plain(screen.getByTestId('volunteer-total').textContent)).toBe('12 uur');
    expect(plain(screen.getByTestId('volunteer-thanks').textContent)).toContain('Dank je wel!');
    const [done, waiting] = screen.getAllByTestId('volunteer-job') as [HTMLElement, HTMLElement];
    expect(plain(done.textContent)).toContain('2 uur goedgekeurd');
    expect(plain(waiting.textContent)).toContain('Wacht op goedkeuring');
  });

  it('thanks a new buddy before their first hours', async () => {
    buddyApi({ 'GET /api/v1/me/volunteer-hours': ok({ year: 2026, year_hours: 0, total_hours: 0, jobs: [] }) }, []);
    renderAt('/vrijwilligersuren');
    expect(plain((await screen.findByTestId('volunteer-thanks')).textContent)).toContain('Na je eerste klus');
    expect(screen.getByTestId('volunteer-none')).toBeTruthy();
  });

  it('is not for workers', async () => {
    workerApi({}, []);
    renderAt('/vrijwilligersuren');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });
});
