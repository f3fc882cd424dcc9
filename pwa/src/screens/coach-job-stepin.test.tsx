// "Ingrijpen" on the coordinator's job page: choose a worker with the server's verdicts, a
// reason when matching's preference is overridden, answer for a worker who phoned, cancel.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ok } from '../test/fixtures';
import { renderAt } from '../test/render';
import { boardClock, coachApi, detail, unfilled } from '../test/board';

boardClock();

const candidates = {
  candidates: [
    { worker_id: 44, name: 'Ahmed B.', eligible: true, rule: null, message: null, travel_minutes: 12.4, score: 0.7, needs_buddy: false,
      warnings: ['declined'], offer: { id: 9, state: 'declined' } },
    { worker_id: 45, name: 'Sara V.', eligible: true, rule: null, message: null, travel_minutes: 20, score: 0.6, needs_buddy: false,
      warnings: [], offer: { id: 10, state: 'pending' } },
    { worker_id: 46, name: 'Jan P.', eligible: false, rule: 'month_cap', message: 'Met deze klus gaat de werker over zijn uren voor de maand.',
      travel_minutes: 8, score: 0, needs_buddy: false, warnings: [], offer: null },
  ],
};

describe('coordinator: stepping in', () => {
  it('lists the verdicts, asks a reason for an override and books the worker', async () => {
    const api = coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      'GET /api/v1/org/jobs/12/candidates': ok(candidates),
      'POST /api/v1/org/jobs/12/assign': ok({ job: { ...unfilled, state: 'filled', booked: 1 } }),
    });
    renderAt('/coach/jobs/12');
    const section = await screen.findByTestId('coach-stepin');
    fireEvent.click(within(section).getByTestId('stepin-load'));
    const rows = await within(section).findAllByTestId('stepin-candidate');
    expect(rows.map((r) => r.dataset.worker)).toEqual(['44', '45', '46']);
    expect(within(rows[2]!).getByTestId('stepin-verdict').textContent).toBe('Met deze klus gaat de werker over zijn uren voor de maand.');
    expect(within(rows[2]!).queryByTestId('stepin-pick')).toBeNull();
    expect(within(rows[0]!).getByTestId('stepin-warning').textContent).toBe('Deze werker zei al nee tegen deze klus.');

    // Search by name.
    fireEvent.input(within(section).getByLabelText('Zoek op naam'), { target: { value: 'sara' } });
    expect(within(section).getAllByTestId('stepin-candidate').map((r) => r.dataset.worker)).toEqual(['45']);
    fireEvent.input(within(section).getByLabelText('Zoek op naam'), { target: { value: '' } });

    fireEvent.click(within(section).getAllByTestId('stepin-pick')[0]!);
    fireEvent.click(within(section).getByTestId('stepin-assign'));
    // No reason yet: nothing sent, the field says what is missing.
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    const reason = within(section).getByLabelText('Waarom kies je deze werker?');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(reason, { target: { value: 'Kent de klant' } });
    fireEvent.click(within(section).getByTestId('stepin-assign'));
    await waitFor(() => expect(within(section).getByTestId('stepin-said').textContent).toBe('Ahmed B. staat op de klus.'));
    const sent = api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/org/jobs/12/assign');
    expect(sent?.body).toEqual({ worker: 44, reason: 'Kent de klant' });
  });

  it('answers an open offer for the worker who phoned', async () => {
    const api = coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      'GET /api/v1/org/jobs/12/candidates': ok(candidates),
      'POST /api/v1/org/offers/10/accept': ok({ worker_id: 45, job: { ...unfilled, booked: 1 } }),
    });
    renderAt('/coach/jobs/12');
    const section = await screen.findByTestId('coach-stepin');
    fireEvent.click(within(section).getByTestId('stepin-load'));
    fireEvent.click(await within(section).findByRole('button', { name: 'Ja zeggen voor Sara V.' }));
    await waitFor(() => expect(within(section).getByTestId('stepin-said').textContent).toBe('In naam van Sara V.: aanvaard.'));
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/org/offers/10/accept')).toBe(true);
  });

  it('cancels the job with a reason, after asking', async () => {
    const api = coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      'POST /api/v1/org/jobs/12/cancel': ok({ job: { ...unfilled, state: 'cancelled' } }),
    });
    renderAt('/coach/jobs/12');
    const section = await screen.findByTestId('coach-stepin');
    fireEvent.click(within(section).getByTestId('stepin-cancel'));
    fireEvent.click(within(section).getByTestId('stepin-cancel-confirm'));
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.input(within(section).getByLabelText('Waarom annuleer je de klus?'), { target: { value: 'Mevrouw belde af' } });
    fireEvent.click(within(section).getByTestId('stepin-cancel-confirm'));
    await waitFor(() => expect(within(section).getByTestId('stepin-said').textContent).toBe('De klus is geannuleerd.'));
    expect(api.calls.find((c) => c.path === '/api/v1/org/jobs/12/cancel')?.body).toEqual({ reason: 'Mevrouw belde af' });
  });
});
