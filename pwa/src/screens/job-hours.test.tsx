// The hours on the poster's job page (issue 12): per person with their state, "Goedkeuren",
// "Betwisten" with a required reason, the day they are approved without an answer, a buddy's
// hours left to the coach, a 409 after approval and a 422 on the reason.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { plain } from '../test/clock';
import { categoriesBody, mockApi, ok, problemDoc, session } from '../test/fixtures';
import { sheet } from '../test/hours';
import { posterClock, posterJob } from '../test/jobs';
import { renderAt } from '../test/render';
import { jobStatement } from '../test/statements';

posterClock();

const doneJob = posterJob({
  state: 'done',
  start: '2026-11-30T09:00:00+01:00',
  end: '2026-11-30T11:00:00+01:00',
  coming: ['Ayşe', 'Piet'],
  workers_needed: 2,
});

const confirmed = sheet({ state: 'confirmed', proposed: 135, confirmed: 150, reason: 'Nog de ramen gedaan', due_at: '2026-12-06T12:00:00+01:00' });

function posterApi(routes: Parameters<typeof mockApi>[0]) {
  return mockApi({ 'GET /api/v1/session': ok(session('poster')), 'GET /api/v1/categories': ok(categoriesBody), 'GET /api/v1/jobs/77': ok(doneJob), 'GET /api/v1/jobs/77/statement': ok({ statement: jobStatement({ state: 'done', lines: [], net_cents: 0, vat_cents: 0, total_cents: 0, pending: 0 }) }), ...routes });
}

async function sheets() {
  return within(await screen.findByTestId('job-hours')).findAllByTestId('job-sheet');
}

describe('poster: the hours of a done job', () => {
  it('lists each person’s hours and state, with when they are approved without an answer', async () => {
    posterApi({
      'GET /api/v1/jobs/77/hours': ok({
        sheets: [
          confirmed,
          sheet({ id: 502, place: 2, first_name: 'Piet', state: 'proposed' }),
          sheet({ id: 503, place: 1, role: 'buddy', first_name: 'Mia', state: 'confirmed', confirmed: 120 }),
        ],
      }),
    });
    renderAt('/jobs/77');
    const [ayse, piet, mia] = await sheets();
    expect(within(screen.getByTestId('job-hours')).getByRole('heading', { name: 'Uren' })).toBeTruthy();
    expect(plain(within(ayse!).getByTestId('job-sheet-state').textContent)).toBe('Bevestigd: 2 u 30 min');
    expect(plain(within(ayse!).getByTestId('job-sheet-reason').textContent)).toBe('Ayşe schrijft: “Nog de ramen gedaan”');
    expect(plain(within(ayse!).getByTestId('job-sheet-due').textContent)).toBe('Zonder antwoord goedgekeurd op zo 6 december.');
    expect(within(ayse!).getByRole('button', { name: 'Goedkeuren' }).getAttribute('aria-describedby')).toBe('sheet-501');
    expect(plain(within(piet!).getByTestId('job-sheet-state').textContent)).toBe('Voorgesteld: 2 u 15 min. Piet moet nog bevestigen.');
    expect(within(piet!).queryByRole('button', { name: 'Goedkeuren' })).toBeNull();
    expect(plain(within(mia!).getByTestId('job-sheet-buddy').textContent)).toBe('Buddy: de coach keurt deze uren goed.');
    expect(within(mia!).queryByRole('button', { name: 'Goedkeuren' })).toBeNull();
  });

  it('"Goedkeuren" approves the hours', async () => {
    const api = posterApi({
      'GET /api/v1/jobs/77/hours': ok({ sheets: [confirmed] }),
      'POST /api/v1/jobs/77/hours/501/approve': ok({ sheet: { ...confirmed, state: 'approved', approved: 150, due_at: null } }),
    });
    renderAt('/jobs/77');
    const [s] = await sheets();
    fireEvent.click(within(s!).getByRole('button', { name: 'Goedkeuren' }));
    await waitFor(() => expect(plain(within(s!).getByTestId('job-sheet-state').textContent)).toBe('Goedgekeurd: 2 u 30 min'));
    expect(within(s!).queryByRole('button', { name: 'Betwisten' })).toBeNull();
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/jobs/77/hours/501/approve']);
  });

  it('"Betwisten" needs a reason, shows the server’s 422 under it, then says the coach decides', async () => {
    const api = posterApi({
      'GET /api/v1/jobs/77/hours': ok({ sheets: [confirmed] }),
      'POST /api/v1/jobs/77/hours/501/dispute': [
        problemDoc(422, { code: 'invalid', errors: [{ field: 'reason', detail: 'Te lang.' }] }),
        ok({ sheet: { ...confirmed, state: 'disputed', dispute_reason: 'Ze was om 10:30 weg' } }),
      ],
    });
    renderAt('/jobs/77');
    const [s] = await sheets();
    fireEvent.click(within(s!).getByRole('button', { name: 'Betwisten' }));
    const reason = within(s!).getByLabelText('Wat klopt er niet?');
    fireEvent.click(within(s!).getByRole('button', { name: 'Betwisting versturen' }));
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(plain(s!.textContent)).toContain('Zeg kort wat er niet klopt.');
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.input(reason, { target: { value: 'Ze was om 10:30 weg' } });
    fireEvent.click(within(s!).getByRole('button', { name: 'Betwisting versturen' }));
    expect(plain((await within(s!).findByText('Te lang.')).textContent)).toBe('Te lang.');
    fireEvent.click(within(s!).getByRole('button', { name: 'Betwisting versturen' }));
    await waitFor(() => expect(plain(within(s!).getByTestId('job-sheet-state').textContent)).toBe('Betwist: de coach beslist.'));
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ reason: 'Ze was om 10:30 weg' }, { reason: 'Ze was om 10:30 weg' }]);
  });

  it('a 409 (approved meanwhile) says so and shows the hours as they are now', async () => {
    posterApi({
      'GET /api/v1/jobs/77/hours': [ok({ sheets: [confirmed] }), ok({ sheets: [{ ...confirmed, state: 'approved', approved: 150, due_at: null }] })],
      'POST /api/v1/jobs/77/hours/501/dispute': problemDoc(409, { code: 'conflict', title: 'Conflict', detail: 'Deze uren zijn al goedgekeurd.' }),
    });
    renderAt('/jobs/77');
    const [s] = await sheets();
    fireEvent.click(within(s!).getByRole('button', { name: 'Betwisten' }));
    fireEvent.input(within(s!).getByLabelText('Wat klopt er niet?'), { target: { value: 'Te veel' } });
    fireEvent.click(within(s!).getByRole('button', { name: 'Betwisting versturen' }));
    expect(plain((await within(s!).findByTestId('job-sheet-alert')).textContent)).toBe('Deze uren zijn al goedgekeurd.');
    await waitFor(() => expect(plain(within(s!).getByTestId('job-sheet-state').textContent)).toBe('Goedgekeurd: 2 u 30 min'));
    expect(within(s!).queryByRole('button', { name: 'Betwisten' })).toBeNull();
  });

  it('no hours yet: says they come after "Klaar"', async () => {
    posterApi({ 'GET /api/v1/jobs/77/hours': ok({ sheets: [] }) });
    renderAt('/jobs/77');
    expect(plain((await screen.findByTestId('job-hours-none')).textContent)).toBe('Nog geen uren. Ze komen hier na “Klaar”.');
  });
});
