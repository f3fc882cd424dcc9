// The day of the job on the coordinator's match board: the badges (not arrived, far check-ins,
// open safety reports), the attention they need, and a safety report that arrives live.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { attentionReasons, canClose, mapLink, safetyAlertOf, sortSafetyReports, telLink } from '../board';
import { ok } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { plain } from '../test/clock';
import { renderAt } from '../test/render';
import { boardClock, boardJob, coachApi, quiet, safetyReport } from '../test/board';

boardClock();

const NOW = Date.parse('2026-12-02T09:30:00+01:00');

describe('board rules: the day of the job', () => {
  it('puts a job with an open safety report or someone not arrived on the attention list, the most urgent first', () => {
    expect(attentionReasons(boardJob({ state: 'in_progress', booked: 2, safety_open: 1 }), NOW)).toEqual(['safety']);
    expect(attentionReasons(boardJob({ state: 'filled', booked: 2, not_arrived: 1 }), NOW)).toEqual(['not_arrived']);
    expect(attentionReasons(boardJob({ state: 'unfilled', booked: 0, safety_open: 2, not_arrived: 1 }), NOW)).toEqual([
      'safety',
      'not_arrived',
      'unfilled',
    ]);
    // A far check-in is shown, but is no reason on its own.
    expect(attentionReasons(boardJob({ state: 'in_progress', booked: 2, far_check_ins: 2 }), NOW)).toEqual([]);
  });

  it('closes only a started job, and never with a cancellation', () => {
    expect(canClose(boardJob({ state: 'in_progress' }), 'done', NOW)).toBe(true);
    expect(canClose(boardJob({ state: 'filled' }), 'done', NOW)).toBe(true);
    expect(canClose(boardJob({ state: 'filled', start: '2026-12-03T09:00:00+01:00' }), 'done', NOW)).toBe(false);
    expect(canClose(boardJob({ state: 'offering' }), 'done', NOW)).toBe(false);
    expect(canClose(boardJob({ state: 'in_progress' }), 'cancelled_by_coordinator', NOW)).toBe(false);
  });

  it('reads a safety alert from its event, and drops one that expired', () => {
    const event = {
      id: 9,
      kind: 'safety_alert',
      created_at: '2026-12-02T09:20:00+01:00',
      data: { report_id: 3, job_id: 12, role: 'worker', first_name: 'Ayşe', at: '2026-12-02T09:18:00+01:00', expires_at: '2026-12-03T09:20:00+01:00', lat: 50.96, lon: 5.5, accuracy: 20 },
    };
    expect(safetyAlertOf(event, NOW)).toEqual({
      id: 9,
      reportId: 3,
      jobId: 12,
      role: 'worker',
      firstName: 'Ayşe',
      at: '2026-12-02T09:18:00+01:00',
      position: { lat: 50.96, lon: 5.5 },
    });
    expect(safetyAlertOf({ ...event, data: { ...event.data, lat: undefined } }, NOW)?.position).toBeNull();
    expect(safetyAlertOf(event, Date.parse('2026-12-03T10:00:00+01:00'))).toBeNull();
    expect(safetyAlertOf({ ...event, kind: 'offer_new' }, NOW)).toBeNull();
  });

  it('orders safety reports: open ones first, then the newest', () => {
    const reports = [
      safetyReport({ id: 1, at: '2026-12-01T10:00:00+01:00', acknowledged_at: '2026-12-01T11:00:00+01:00', acknowledged_by: 'Ayşe Y.', follow_up: 'Gebeld.' }),
      safetyReport({ id: 2, at: '2026-11-30T10:00:00+01:00' }),
      safetyReport({ id: 3, at: '2026-12-02T10:00:00+01:00' }),
    ];
    expect(sortSafetyReports(reports).map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('links to a map and a phone', () => {
    expect(mapLink({ lat: 50.9612345, lon: 5.5 })).toBe('https://www.openstreetmap.org/?mlat=50.96123&mlon=5.50000#map=17/50.96123/5.50000');
    expect(telLink('+32 470 12 34 56')).toBe('tel:+32470123456');
    expect(telLink('0470/12.34.56')).toBe('tel:0470123456');
  });
});

describe('coordinator: the match board on the day of the job', () => {
  it('shows not arrived, far check-ins and open safety reports as badges with icons and words', async () => {
    const today = boardJob({ id: 20, state: 'in_progress', booked: 2, not_arrived: 1, far_check_ins: 2, safety_open: 1 });
    coachApi({ 'GET /api/v1/org/jobs?filter=all': ok({ jobs: [today, quiet] }) });
    renderAt('/coach/jobs?filter=all');
    const [card, calm] = (await screen.findAllByTestId('board-job')) as [HTMLElement, HTMLElement];

    const badges = within(card).getByTestId('board-day-badges');
    expect(badges.tagName).toBe('UL');
    expect(within(card).getByTestId('badge-safety').textContent).toBe('1 veiligheidsmelding open');
    expect(within(card).getByTestId('badge-not-arrived').textContent).toBe('1 niet aangekomen');
    expect(within(card).getByTestId('badge-far').textContent).toBe('2 keer ingecheckt ver van het adres');
    for (const b of badges.querySelectorAll('li')) expect(b.querySelector('svg')).not.toBeNull();

    expect(card.dataset.attention).toBe('true');
    const reasons = within(card).getAllByTestId('attention-reason');
    expect(reasons.map((r) => r.dataset.reason)).toEqual(['safety', 'not_arrived']);
    expect(plain(within(card).getByTestId('board-attention').textContent)).toBe(
      'Aandacht nodig: Iemand voelt zich niet veilig. 1 medewerker is niet aangekomen.',
    );

    // Nothing to say: no badges at all.
    expect(within(calm).queryByTestId('board-day-badges')).toBeNull();
  });

  it('shows a safety report the moment it arrives, with who, which job, when and where, and links to the safety list', async () => {
    const today = boardJob({ id: 20, state: 'in_progress', booked: 2, municipality: 'Genk' });
    const { calls } = coachApi({
      'GET /api/v1/org/jobs?filter=attention': ok({ jobs: [today] }),
      // The alert's job is loaded again, alone.
      'GET /api/v1/org/jobs?filter=attention&ids=20': ok({ jobs: [{ ...today, safety_open: 1 }] }),
      'GET /api/v1/org/safety': ok({ reports: [safetyReport({ id: 3, job_id: 20 })] }),
    });
    renderAt('/coach/jobs');
    await screen.findByTestId('board-list');
    expect(screen.queryByTestId('safety-alert')).toBeNull();

    act(() => {
      FakeWebSocket.last.open().ready(4).event(5, 'safety_alert', {
        report_id: 3,
        job_id: 20,
        role: 'worker',
        first_name: 'Ayşe',
        at: '2026-11-28T09:55:00+01:00',
        expires_at: '2026-11-29T10:00:00+01:00',
        lat: 50.96,
        lon: 5.5,
        accuracy: 25,
      });
    });
    const alert = await screen.findByRole('alert');
    expect(alert.dataset.testid).toBe('safety-alert');
    expect(alert.textContent).toContain('Ayşe voelt zich niet veilig (medewerker)');
    await waitFor(() => expect(within(alert).getByTestId('safety-alert-job').textContent).toBe('Klus: Poetsen, Genk'));
    expect(within(alert).getByTestId('safety-alert-job').getAttribute('href')).toBe('/coach/jobs/20');
    expect(within(alert).getByTestId('safety-alert-time').textContent).toBe('Gemeld om 09:55');
    const map = within(alert).getByTestId('safety-alert-map');
    expect(map.getAttribute('href')).toContain('mlat=50.96000&mlon=5.50000');
    expect(map.getAttribute('target')).toBe('_blank');
    expect(alert.querySelectorAll('svg').length).toBeGreaterThan(2);

    // The board loads that job again quietly: it now has its badge.
    await waitFor(() => expect(screen.getByTestId('badge-safety').textContent).toBe('1 veiligheidsmelding open'));
    expect(calls.filter((c) => c.path === '/api/v1/org/jobs')).toHaveLength(2);

    // The same report again (a replay) is one alert; another kind of news is none.
    act(() => {
      FakeWebSocket.last.event(6, 'safety_alert', { report_id: 3, job_id: 20, first_name: 'Ayşe', at: '2026-11-28T09:55:00+01:00' });
    });
    expect(screen.getAllByTestId('safety-alert')).toHaveLength(1);
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/org/jobs')).toHaveLength(3));

    fireEvent.click(within(alert).getByTestId('safety-alert-open'));
    expect(await screen.findByTestId('safety-screen')).toBeTruthy();
    expect(window.location.pathname).toBe('/coach/safety');
  });

  it('names a job that is not on the list by its number, and hides an alert on request', async () => {
    coachApi({ 'GET /api/v1/org/jobs?filter=attention': [ok({ jobs: [] }), ok({ jobs: [] })] });
    renderAt('/coach/jobs');
    await screen.findByTestId('board-empty');
    act(() => {
      FakeWebSocket.last.open().ready(1).event(2, 'safety_alert', { report_id: 4, job_id: 99, role: 'buddy', first_name: 'Jan', at: '2026-11-28T09:58:00+01:00' });
    });
    const alert = await screen.findByTestId('safety-alert');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Jan voelt zich niet veilig (buddy)');
    expect(within(alert).getByTestId('safety-alert-job').textContent).toBe('Klus: klus nr. 99');
    expect(within(alert).queryByTestId('safety-alert-map')).toBeNull();
    fireEvent.click(within(alert).getByTestId('safety-alert-dismiss'));
    await waitFor(() => expect(screen.queryByTestId('safety-alert')).toBeNull());
  });

  it('shows a safety report live on the coach’s home too, with the way to the safety list', async () => {
    coachApi({ 'GET /api/v1/org/people': ok({ people: [] }) });
    renderAt('/');
    await screen.findByTestId('coach-home');
    expect(screen.getByTestId('home-safety').getAttribute('href')).toBe('/coach/safety');
    await screen.findByTestId('coach-counts');
    await waitFor(() => expect(FakeWebSocket.all.length).toBeGreaterThan(0));
    act(() => {
      FakeWebSocket.last.open().ready(1).event(2, 'safety_alert', { report_id: 5, job_id: 20, role: 'worker', first_name: 'Ewa', at: '2026-11-28T09:59:00+01:00' });
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ewa voelt zich niet veilig');
    expect(within(alert).getByTestId('safety-alert-open').getAttribute('href')).toBe('/coach/safety');
  });
});
