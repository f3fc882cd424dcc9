// The hours after a job on the worker's and the buddy's booked card (issue 12): the proposal
// with "Klopt" and "Aanpassen", the reason a correction needs, the server's 422 under its field
// and its 409 above the buttons, a per-item job, and the states after confirming.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Assignment } from '../offers';
import { accompaniment, answerClock, assignment, buddyApi, plain, workerApi } from '../test/answers';
import { forgetNews } from '../live';
import { saveCached } from '../offline-cache';
import { ok, problemDoc, session } from '../test/fixtures';
import { sheet } from '../test/hours';
import { renderAt } from '../test/render';
import { forgetTravelMode } from './offers';

answerClock(forgetTravelMode);

const done = { checked_in_at: '2026-12-01T07:58:00+01:00', checked_out_at: '2026-12-01T09:14:00+01:00', far: false };
const today = { start: '2026-12-01T08:00:00+01:00', end: '2026-12-01T10:00:00+01:00', state: 'in_progress' as const };

function checkedOut(): Assignment {
  return { ...assignment(77, today), attendance: done, outcome: 'done' };
}

const HOURS = 'GET /api/v1/me/assignments/77/hours';
const CONFIRM = 'POST /api/v1/me/assignments/77/hours/confirm';

async function hours() {
  return screen.findByTestId('hours');
}

describe('the worker’s hours after "Klaar"', () => {
  it('shows the proposal; "Klopt" confirms it as proposed and then waits for the customer', async () => {
    const api = workerApi({ [HOURS]: ok({ sheet: sheet() }), [CONFIRM]: ok({ sheet: sheet({ state: 'confirmed', confirmed: 135 }) }) }, [], [checkedOut()]);
    renderAt('/');
    const h = await hours();
    expect(within(h).getByRole('heading', { name: 'Je uren' })).toBeTruthy();
    expect(plain(within(h).getByTestId('hours-proposed').textContent)).toBe('Voorstel: 2 u 15 min');
    expect(plain(within(h).getByTestId('hours-due').textContent)).toBe('Zonder antwoord bevestigd op vr 4 december.');
    fireEvent.click(within(h).getByRole('button', { name: 'Klopt' }));
    const state = await within(h).findByTestId('hours-state');
    expect(plain(state.textContent)).toBe('Bevestigd: 2 u 15 min. Wacht op de klant.');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ minutes: 135 });
  });

  it('"Aanpassen": hours and quarters, a reason is required, the server’s 422 shows under the time', async () => {
    const api = workerApi(
      {
        [HOURS]: ok({ sheet: sheet() }),
        [CONFIRM]: [
          problemDoc(422, { code: 'invalid', title: 'Controleer de velden', errors: [{ field: 'minutes', detail: 'Langer dan de klus en een uur.' }] }),
          ok({ sheet: sheet({ state: 'confirmed', confirmed: 150, reason: 'Later gestopt' }) }),
        ],
      },
      [],
      [checkedOut()],
    );
    renderAt('/');
    const h = await hours();
    fireEvent.click(within(h).getByRole('button', { name: 'Aanpassen' }));
    const hoursSelect = within(h).getByLabelText('Uren') as HTMLSelectElement;
    const quarters = within(h).getByLabelText('Minuten') as HTMLSelectElement;
    expect([hoursSelect.value, quarters.value]).toEqual(['2', '15']);
    expect([...quarters.options].map((o) => o.value)).toEqual(['0', '15', '30', '45']);
    expect([...hoursSelect.options].map((o) => o.value)).toEqual(['0', '1', '2', '3']);
    fireEvent.change(quarters, { target: { value: '30' } });
    fireEvent.click(within(h).getByRole('button', { name: 'Bevestigen' }));
    // No reason: nothing is sent, the reason field says why.
    const reason = within(h).getByLabelText('Waarom klopt het voorstel niet?');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(plain(h.textContent)).toContain('Zeg kort waarom het anders is.');
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.input(reason, { target: { value: 'Later gestopt' } });
    fireEvent.click(within(h).getByRole('button', { name: 'Bevestigen' }));
    expect(plain((await within(h).findByTestId('hours-minutes-error')).textContent)).toBe('Langer dan de klus en een uur.');
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ minutes: 150, reason: 'Later gestopt' }]);

    fireEvent.click(within(h).getByRole('button', { name: 'Bevestigen' }));
    expect(plain((await within(h).findByTestId('hours-state')).textContent)).toBe('Bevestigd: 2 u 30 min. Wacht op de klant.');
  });

  it('a 409 (confirmed elsewhere) shows the server’s words above the buttons', async () => {
    workerApi({ [HOURS]: ok({ sheet: sheet() }), [CONFIRM]: problemDoc(409, { code: 'conflict', title: 'Conflict', detail: 'Deze uren zijn al bevestigd.' }) }, [], [checkedOut()]);
    renderAt('/');
    const h = await hours();
    fireEvent.click(within(h).getByRole('button', { name: 'Klopt' }));
    expect(plain((await within(h).findByTestId('hours-alert')).textContent)).toBe('Deze uren zijn al bevestigd.');
    expect(within(h).queryByTestId('hours-state')).toBeNull();
  });

  it('a per-item job asks how many items, nothing proposed', async () => {
    const api = workerApi(
      {
        [HOURS]: ok({ sheet: sheet({ unit: 'items', proposed: null }) }),
        [CONFIRM]: [
          problemDoc(422, { code: 'invalid', errors: [{ field: 'items', detail: 'Van 1 tot 999.' }] }),
          ok({ sheet: sheet({ unit: 'items', proposed: null, state: 'confirmed', confirmed: 4 }) }),
        ],
      },
      [],
      [checkedOut()],
    );
    renderAt('/');
    const h = await hours();
    expect(within(h).getByRole('heading', { name: 'Hoeveel stuks?' })).toBeTruthy();
    expect(within(h).queryByRole('button', { name: 'Klopt' })).toBeNull();
    expect(within(h).queryByLabelText('Waarom klopt het voorstel niet?')).toBeNull();
    const field = within(h).getByLabelText('Aantal stuks');
    fireEvent.click(within(h).getByRole('button', { name: 'Bevestigen' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(plain(h.textContent)).toContain('Vul een aantal in van 1 tot 999.');

    fireEvent.input(field, { target: { value: '4' } });
    fireEvent.click(within(h).getByRole('button', { name: 'Bevestigen' }));
    expect(plain(await within(h).findByText('Van 1 tot 999.').then((e) => e.textContent))).toBe('Van 1 tot 999.');
    fireEvent.click(within(h).getByRole('button', { name: 'Bevestigen' }));
    expect(plain((await within(h).findByTestId('hours-state')).textContent)).toBe('Bevestigd: 4 stuks. Wacht op de klant.');
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ items: 4 }, { items: 4 }]);
  });

  it('shows approved and disputed hours as a state, without buttons', async () => {
    workerApi({ [HOURS]: ok({ sheet: sheet({ state: 'approved', confirmed: 135, approved: 135, due_at: null }) }) }, [], [checkedOut()]);
    renderAt('/');
    const state = await screen.findByTestId('hours-state');
    expect(plain(state.textContent)).toBe('Goedgekeurd: 2 u 15 min');
    expect(screen.queryByRole('button', { name: 'Klopt' })).toBeNull();
  });
});

describe('the buddy’s hours', () => {
  const mine = () => ({ ...accompaniment(31, today), attendance: done });

  it('confirmed hours wait for the coach; disputed ones say the coach looks at them', async () => {
    buddyApi({ 'GET /api/v1/me/accompaniments/31/hours': ok({ sheet: sheet({ role: 'buddy', state: 'confirmed', confirmed: 120 }) }) }, [], [mine()]);
    renderAt('/');
    expect(plain((await screen.findByTestId('hours-state')).textContent)).toBe('Bevestigd: 2 u. Wacht op je coach.');
  });

  it('"Klopt" goes to the accompaniment’s address', async () => {
    const api = buddyApi(
      {
        'GET /api/v1/me/accompaniments/31/hours': ok({ sheet: sheet({ role: 'buddy', proposed: 45 }) }),
        'POST /api/v1/me/accompaniments/31/hours/confirm': ok({ sheet: sheet({ role: 'buddy', state: 'disputed', proposed: 45, confirmed: 45 }) }),
      },
      [],
      [mine()],
    );
    renderAt('/');
    const h = await hours();
    expect(plain(within(h).getByTestId('hours-proposed').textContent)).toBe('Voorstel: 45 min');
    fireEvent.click(within(h).getByRole('button', { name: 'Klopt' }));
    expect(plain((await within(h).findByTestId('hours-state')).textContent)).toBe('Betwist: je coach bekijkt het.');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ minutes: 45 });
  });
});

describe('the hours without a connection', () => {
  const offline = () => () => {
    throw new TypeError('Failed to fetch');
  };

  it('show as the phone last saw them (confirmed with "Klopt"), and load again when the connection is back', async () => {
    workerApi({ [HOURS]: ok({ sheet: sheet() }), [CONFIRM]: ok({ sheet: sheet({ state: 'confirmed', confirmed: 135 }) }) }, [], [checkedOut()]);
    renderAt('/');
    fireEvent.click(within(await hours()).getByRole('button', { name: 'Klopt' }));
    await screen.findByTestId('hours-state');
    cleanup();
    forgetNews();

    // The reload, offline: the list and the hours come from the phone.
    workerApi({ 'GET /api/v1/me/assignments': offline(), 'GET /api/v1/offers': offline(), [HOURS]: offline() });
    renderAt('/');
    expect(plain((await within(await hours()).findByTestId('hours-state')).textContent)).toBe('Bevestigd: 2 u 15 min. Wacht op de klant.');
    expect(screen.getByTestId('assignments-stale')).toBeTruthy();

    // Back online: the customer approved in the meantime.
    workerApi({ [HOURS]: ok({ sheet: sheet({ state: 'approved', confirmed: 135, approved: 135 }) }) }, [], [checkedOut()]);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(screen.getByTestId('hours-state').dataset.state).toBe('approved'));
    await waitFor(() => expect(screen.queryByTestId('assignments-stale')).toBeNull());
  });

  it("of another account on the same phone never show", async () => {
    workerApi({ [HOURS]: ok({ sheet: sheet({ state: 'confirmed', confirmed: 135 }) }) }, [], [checkedOut()]);
    renderAt('/');
    await screen.findByTestId('hours-state');
    cleanup();
    forgetNews();
    // Another worker, offline, whose list happens to hold the same job (kept by them before).
    saveCached(99, 'assignments', [checkedOut()]);
    workerApi({ 'GET /api/v1/session': ok(session('worker', { id: 99 })), 'GET /api/v1/me/assignments': offline(), 'GET /api/v1/offers': offline(), [HOURS]: offline() });
    renderAt('/');
    expect(await screen.findByTestId('hours-failed')).toBeTruthy();
    expect(screen.queryByTestId('hours-state')).toBeNull();
  });
});
