// The coordinator's safety reports (/coach/safety): open ones first with who, job, when, where
// and the phone; the follow-up (POST /org/safety/{id}/ack) and its errors.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { SafetyReport } from '../board';
import { mockApi, ok, problemDoc, session, categoriesBody } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { describedText, plain } from '../test/clock';
import { renderAt } from '../test/render';
import { boardClock, coachApi, safetyReport } from '../test/board';

boardClock();

const { phone: _noPhone, ...withoutPhone } = safetyReport();
const followedUp: SafetyReport = {
  ...withoutPhone,
  id: 1,
  job_id: 13,
  role: 'buddy',
  person: { id: 51, name: 'Jan D.', organisation: 'Kompas Maatwerk Genk' },
  at: '2026-11-20T14:00:00+01:00',
  received_at: '2026-11-20T14:30:00+01:00',
  position: null,
  distance_m: null,
  acknowledged_at: '2026-11-20T15:00:00+01:00',
  acknowledged_by: 'Ayşe Y.',
  follow_up: 'Gebeld: is veilig thuis.',
};

describe('coordinator: safety reports', () => {
  it('is in the menu after the jobs, and on the board', async () => {
    coachApi({ 'GET /api/v1/org/jobs?filter=attention': ok({ jobs: [] }), 'GET /api/v1/org/safety': ok({ reports: [] }) });
    renderAt('/coach/jobs');
    await screen.findByTestId('board-empty');
    const items = [...document.querySelectorAll('#main-menu a')].map((a) => a.getAttribute('href'));
    expect(items.indexOf('/coach/safety')).toBe(items.indexOf('/coach/jobs') + 1);
    expect(screen.getByTestId('nav-safety').textContent).toBe('Veiligheid');
    fireEvent.click(screen.getByTestId('board-safety'));
    expect(await screen.findByTestId('safety-none-open')).toBeTruthy();
    // A soft hyphen lets the long word break on a 360 px phone.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Veiligheids\u00admeldingen');
  });

  it('is not for posters', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('poster')), 'GET /api/v1/categories': ok(categoriesBody) });
    renderAt('/coach/safety');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });

  it('shows open reports first with who, the job, when, where and a phone to call; followed-up ones below', async () => {
    // The server's order is not trusted: open first.
    coachApi({ 'GET /api/v1/org/safety': ok({ reports: [followedUp, safetyReport()] }) });
    renderAt('/coach/safety');
    const open = await screen.findByTestId('safety-open');
    const [report] = within(open).getAllByTestId('safety-report') as [HTMLElement];
    expect(report.dataset.open).toBe('true');
    expect(screen.getByRole('heading', { level: 2, name: 'Op te volgen (1)' })).toBeTruthy();
    expect(within(report).getByRole('heading', { level: 3 }).textContent).toBe('Ewa K., medewerker');

    const call = within(report).getByTestId('safety-call');
    expect(call.getAttribute('href')).toBe('tel:+32470112233');
    expect(plain(call.textContent)).toBe('Bel Ewa K. +32 470 11 22 33');
    expect(call.querySelector('svg')).not.toBeNull();

    const job = within(report).getByTestId('safety-job');
    await waitFor(() => expect(within(job).getByRole('link').textContent).toBe('Poetsen'));
    expect(within(job).getByRole('link').getAttribute('href')).toBe('/coach/jobs/12');
    expect(plain(job.textContent)).toContain('Stationsstraat 12, Genk');
    expect(plain(job.textContent)).toContain('09:00');
    expect(plain(within(report).getByTestId('safety-when').textContent)).toContain('Gemeld: zaterdag 28 november om 09:40');
    expect(within(report).getByTestId('safety-when').textContent).not.toContain('offline');

    const where = within(report).getByTestId('safety-where');
    expect(plain(where.textContent)).toContain('40 m van het adres');
    const map = within(where).getByTestId('safety-map');
    expect(map.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=50.96000&mlon=5.50000#map=17/50.96000/5.50000');
    expect(map.getAttribute('rel')).toBe('noopener noreferrer');

    const done = screen.getByTestId('safety-done');
    const old = within(done).getByTestId('safety-report');
    expect(old.dataset.open).toBe('false');
    expect(within(old).getByRole('heading', { level: 3 }).textContent).toBe('Jan D., buddy');
    expect(within(old).getByTestId('safety-no-phone').textContent).toBe('Geen telefoonnummer bekend.');
    expect(within(old).getByTestId('safety-where').textContent).toBe('De gsm gaf geen plek door.');
    expect(plain(within(old).getByTestId('safety-when').textContent)).toContain('(de gsm was offline)');
    expect(plain(within(old).getByTestId('safety-acked-by').textContent)).toBe('Opgevolgd door Ayşe Y., vrijdag 20 november om 15:00');
    expect(within(old).getByTestId('safety-follow-up').textContent).toBe('Opvolging: Gebeld: is veilig thuis.');
    expect(within(old).queryByTestId('safety-ack-form')).toBeNull();
  });

  it('notes the follow-up: the report moves to “Opgevolgd” and the screen says so', async () => {
    const acked = safetyReport({ acknowledged_at: '2026-11-28T10:00:00+01:00', acknowledged_by: 'Ayşe Y.', follow_up: 'Gebeld, alles goed.' });
    const { calls } = coachApi({
      'GET /api/v1/org/safety': ok({ reports: [safetyReport()] }),
      'POST /api/v1/org/safety/3/ack': ok({ report: acked }),
    });
    renderAt('/coach/safety');
    const form = await screen.findByTestId('safety-ack-form');

    // Empty: said under the field, nothing sent.
    fireEvent.click(within(form).getByTestId('safety-ack'));
    const field = within(form).getByLabelText('Wat heb je gedaan?');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(field)).toContain('Schrijf kort wat je gedaan hebt.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.input(field, { target: { value: '  Gebeld, alles goed. ' } });
    fireEvent.click(within(form).getByTestId('safety-ack'));
    const said = await screen.findByTestId('safety-acked');
    expect(said.textContent).toBe('De melding is opgevolgd.');
    await waitFor(() => expect(document.activeElement).toBe(said));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ follow_up: 'Gebeld, alles goed.' });
    expect(screen.getByTestId('safety-none-open')).toBeTruthy();
    const old = within(screen.getByTestId('safety-done')).getByTestId('safety-report');
    expect(within(old).getByTestId('safety-follow-up').textContent).toBe('Opvolging: Gebeld, alles goed.');
  });

  it('shows the server’s 422 under the field', async () => {
    coachApi({
      'GET /api/v1/org/safety': ok({ reports: [safetyReport()] }),
      'POST /api/v1/org/safety/3/ack': problemDoc(422, {
        code: 'invalid',
        title: 'Sommige velden kloppen niet.',
        errors: [{ field: 'follow_up', detail: 'Schrijf wat er gedaan werd.' }],
      }),
    });
    renderAt('/coach/safety');
    const form = await screen.findByTestId('safety-ack-form');
    const field = within(form).getByLabelText('Wat heb je gedaan?');
    fireEvent.input(field, { target: { value: 'x' } });
    fireEvent.click(within(form).getByTestId('safety-ack'));
    await waitFor(() => expect(describedText(field)).toContain('Schrijf wat er gedaan werd.'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('safety-acked')).toBeNull();
  });

  it('says when another coach followed it up meanwhile (409), or it is gone (404), and loads the list again', async () => {
    const older = safetyReport({ id: 4, at: '2026-11-28T08:00:00+01:00' });
    const other = safetyReport({ acknowledged_at: '2026-11-28T09:59:00+01:00', acknowledged_by: 'Piet C.', follow_up: 'Ik bel haar.' });
    coachApi({
      'GET /api/v1/org/safety': [ok({ reports: [safetyReport(), older] }), ok({ reports: [other, older] }), ok({ reports: [other] })],
      'POST /api/v1/org/safety/3/ack': problemDoc(409, { code: 'conflict', title: 'Conflict' }),
      'POST /api/v1/org/safety/4/ack': problemDoc(404, { code: 'not_found', title: 'Deze veiligheidsmelding bestaat niet.' }),
    });
    renderAt('/coach/safety');
    const [first] = (await screen.findAllByTestId('safety-ack-form')) as [HTMLElement];
    fireEvent.input(within(first).getByLabelText('Wat heb je gedaan?'), { target: { value: 'Gebeld.' } });
    fireEvent.click(within(first).getByTestId('safety-ack'));
    const stale = await screen.findByTestId('safety-stale');
    expect(stale.getAttribute('role')).toBe('alert');
    expect(stale.textContent).toBe('Een andere jobcoach heeft deze melding intussen opgevolgd. De lijst is bijgewerkt.');
    await waitFor(() => expect(within(screen.getByTestId('safety-done')).getByTestId('safety-acked-by').textContent).toContain('Piet C.'));

    const second = screen.getByTestId('safety-ack-form');
    fireEvent.input(within(second).getByLabelText('Wat heb je gedaan?'), { target: { value: 'Gebeld.' } });
    fireEvent.click(within(second).getByTestId('safety-ack'));
    await waitFor(() => expect(screen.getByTestId('safety-stale').textContent).toBe('Deze melding bestaat niet meer.'));
    await waitFor(() => expect(screen.getByTestId('safety-none-open')).toBeTruthy());
  });

  it('shows a new report without a reload when news arrives', async () => {
    coachApi({ 'GET /api/v1/org/safety': [ok({ reports: [] }), ok({ reports: [safetyReport()] })] });
    renderAt('/coach/safety');
    await screen.findByTestId('safety-none-open');
    act(() => {
      FakeWebSocket.last.open().ready(1).event(2, 'safety_alert', { report_id: 3, job_id: 12, first_name: 'Ewa' });
    });
    expect(await screen.findByTestId('safety-report')).toBeTruthy();
  });
});
