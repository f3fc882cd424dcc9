// The day of a job on the worker's and the buddy's booked cards (issue 11): route, meeting
// point, phones, "Ik ben er" / "Klaar" online and offline (kept, then sent once with the same
// Idempotency-Key and the phone's time of the tap), a refusal after reconnecting, the safe way
// out, and the lists read from the phone without a connection.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { Accompaniment } from '../buddy';
import type { Assignment } from '../offers';
import { mockApi, ok, problemDoc } from '../test/fixtures';
import { renderAt } from '../test/render';
import { accompaniment, answerClock, assignment, buddyApi, NOW, plain, workerApi } from '../test/answers';
import { forgetTravelMode } from './offers';
import { sendWaiting } from '../day';

answerClock(forgetTravelMode);

/** Today 10:00–12:00: the clock (10:00) is in its check-in window. */
const today = { start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T12:00:00+01:00', state: 'filled' as const };

function booked(extra: Partial<Assignment> = {}, job: Partial<Assignment['job']> = today): Assignment {
  return { ...assignment(77, job), ...extra };
}

const offline = () => () => {
  throw new TypeError('Failed to fetch');
};

const posts = (calls: ReturnType<typeof mockApi>['calls'], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

async function card() {
  return screen.findByTestId('assignment');
}

describe('a booked job on its day: what the card shows', () => {
  it('shows the phones as one-tap links with name and role, and the meeting point with the buddy', async () => {
    workerApi({}, [], [
      booked({
        buddy: { state: 'confirmed', first_name: 'Jan' },
        meeting: { place: 'Station Genk, ingang', at: '2026-12-01T09:45:00+01:00', chosen: true },
        contacts: [
          { role: 'poster', first_name: 'Marie', phone: '+32 470 11 22 33' },
          { role: 'buddy', first_name: 'Jan', phone: '+32470445566' },
        ],
      }),
    ]);
    renderAt('/');
    const c = await card();
    const links = within(c).getAllByTestId('contact');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['tel:+32470112233', 'tel:+32470445566']);
    expect(plain(links[0]!.textContent)).toBe('Bel Marie (klant)');
    expect(links[1]!.getAttribute('data-role')).toBe('buddy');
    const meeting = within(c).getByTestId('meeting');
    expect(plain(meeting.textContent)).toContain('Afspraak met Jan om 09:45');
    expect(plain(meeting.textContent)).toContain('Waar: Station Genk, ingang');
  });

  it('shows no phones outside the ±24 h window (the server sends none) and no meeting without a buddy', async () => {
    workerApi({}, [], [assignment(77)]);
    renderAt('/');
    const c = await card();
    expect(within(c).queryByTestId('contacts')).toBeNull();
    expect(within(c).queryByTestId('meeting')).toBeNull();
    // Tomorrow: "Ik ben er" is not open yet, nor the safe way out.
    expect(within(c).queryByRole('button', { name: /Ik ben er/ })).toBeNull();
    expect(within(c).queryByTestId('safety-button')).toBeNull();
  });

  it('opens directions by the person’s own travel mode', async () => {
    workerApi({}, [], [booked({ travel_mode: 'public_transport' })]);
    renderAt('/');
    const route = within(await card()).getByTestId('assignment-route');
    expect(route.getAttribute('href')).toBe('https://www.google.com/maps/dir/?api=1&destination=50.96,5.5&travelmode=transit');
    expect(plain(route.textContent)).toBe('Route (Met bus of trein) (opent een kaart buiten de app)');
  });

  it('says when "Ik ben er" opens when the job starts later today', async () => {
    workerApi({}, [], [booked({}, { ...today, start: '2026-12-01T14:00:00+01:00', end: '2026-12-01T16:00:00+01:00' })]);
    renderAt('/');
    expect(plain((await screen.findByTestId('day-opens')).textContent)).toBe('“Ik ben er” kan vanaf 13:30.');
  });

  it('shows the state the server has: arrived, done, the outcome', async () => {
    workerApi({}, [], [
      booked({ attendance: { checked_in_at: '2026-12-01T09:58:00+01:00', checked_out_at: '2026-12-01T11:59:00+01:00', far: false }, outcome: 'done' }),
    ]);
    renderAt('/');
    const c = await card();
    expect(plain(within(c).getByTestId('day-checked-in').textContent)).toBe('Aangekomen om 09:58');
    expect(plain(within(c).getByTestId('day-checked-out').textContent)).toBe('Klaar om 11:59');
    expect(plain(within(c).getByTestId('day-outcome').textContent)).toBe('Afloop: klus gedaan');
    expect(within(c).queryByTestId('day-check-in')).toBeNull();
    expect(within(c).queryByTestId('day-check-out')).toBeNull();
  });
});

describe('"Ik ben er" and "Klaar"', () => {
  it('online: sends the phone’s time and position with an Idempotency-Key, then offers "Klaar"', async () => {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (okay: PositionCallback) => okay({ coords: { latitude: 50.9601, longitude: 5.5002, accuracy: 12 } } as GeolocationPosition) },
    });
    const api = workerApi({
      'POST /api/v1/me/assignments/77/check-in': ok({ attendance: { checked_in_at: NOW.toISOString(), far: false, distance_m: 20 } }),
    }, [], [booked()]);
    renderAt('/');
    fireEvent.click(within(await card()).getByRole('button', { name: /Ik ben er/ }));
    expect(plain((await screen.findByTestId('day-checked-in')).textContent)).toBe('Aangekomen om 10:00');
    const sent = posts(api.calls, '/api/v1/me/assignments/77/check-in');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ at: NOW.toISOString(), position: { lat: 50.9601, lon: 5.5002, accuracy: 12 } });
    expect(sent[0]!.headers.get('Idempotency-Key')).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(sent[0]!.headers.get('X-CSRF-Token')).toBe('csrf-worker');
    expect(screen.getByRole('button', { name: /Klaar/ })).toBeTruthy();
    expect(screen.queryByTestId('day-waiting')).toBeNull();
    delete (navigator as { geolocation?: unknown }).geolocation;
  });

  it('offline: keeps the tap, shows it waiting, and sends it once when the connection is back, with the same key and the tap’s time', async () => {
    const api = workerApi({
      'POST /api/v1/me/assignments/77/check-in': [offline(), ok({ attendance: { checked_in_at: NOW.toISOString(), far: false } })],
    }, [], [booked()]);
    renderAt('/');
    fireEvent.click(within(await card()).getByRole('button', { name: 'Ik ben er' }));
    const waiting = await screen.findByTestId('day-waiting');
    expect(waiting.closest('[role="status"]')).toBeTruthy();
    expect(plain(waiting.textContent)).toContain('Wacht op verbinding');
    expect(plain(waiting.textContent)).toContain('“Ik ben er” (10:00) gaat weg zodra je internet hebt.');
    // Already counted as arrived on the phone: "Klaar" can be tapped (and waits behind it).
    expect(screen.getByTestId('day-check-out')).toBeTruthy();

    // Ten minutes later the connection is back.
    vi.setSystemTime(new Date(NOW.getTime() + 10 * 60_000));
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(screen.queryByTestId('day-waiting')).toBeNull());
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(posts(api.calls, '/api/v1/me/assignments/77/check-in')).toHaveLength(2));

    const [first, second] = posts(api.calls, '/api/v1/me/assignments/77/check-in');
    expect(second!.headers.get('Idempotency-Key')).toBe(first!.headers.get('Idempotency-Key'));
    expect(second!.body).toEqual({ at: NOW.toISOString() });
    expect(plain(screen.getByTestId('day-checked-in').textContent)).toBe('Aangekomen om 10:00');
    // Nothing left to send: a send after the one the second "online" started (they take turns
    // on the outbox's lock) finds nothing, and there is no third request.
    expect(await sendWaiting(12)).toEqual([]);
    expect(posts(api.calls, '/api/v1/me/assignments/77/check-in')).toHaveLength(2);
  });

  it('after reconnecting, a refusal (422) is shown with the server’s words, and goes when read', async () => {
    workerApi({
      'POST /api/v1/me/assignments/77/check-in': [
        offline(),
        problemDoc(422, { title: 'Some fields are not valid.', errors: [{ field: 'at', detail: 'Deze tijd ligt te lang na het einde van de klus.' }] }),
      ],
    }, [], [booked()]);
    renderAt('/');
    fireEvent.click(within(await card()).getByRole('button', { name: 'Ik ben er' }));
    await screen.findByTestId('day-waiting');
    window.dispatchEvent(new Event('online'));
    const failed = await screen.findByRole('alert');
    expect(plain(failed.textContent)).toContain('“Ik ben er” (10:00) is niet gelukt.');
    expect(plain(failed.textContent)).toContain('Deze tijd ligt te lang na het einde van de klus.');
    expect(screen.queryByTestId('day-waiting')).toBeNull();
    // Not arrived after all: the button is back.
    expect(screen.getByRole('button', { name: 'Ik ben er' })).toBeTruthy();
    fireEvent.click(within(failed).getByTestId('day-failed-ok'));
    await waitFor(() => expect(screen.queryByTestId('day-failed')).toBeNull());
  });

  it('"Klaar" after arriving sends the check-out', async () => {
    const api = workerApi({
      'POST /api/v1/me/assignments/77/check-out': ok({ attendance: { checked_in_at: '2026-12-01T09:50:00+01:00', checked_out_at: NOW.toISOString(), far: false } }),
    }, [], [booked({ attendance: { checked_in_at: '2026-12-01T09:50:00+01:00', checked_out_at: null, far: false } })]);
    renderAt('/');
    fireEvent.click(within(await card()).getByRole('button', { name: 'Klaar' }));
    expect(plain((await screen.findByTestId('day-checked-out')).textContent)).toBe('Klaar om 10:00');
    expect(posts(api.calls, '/api/v1/me/assignments/77/check-out')).toHaveLength(1);
  });

  it('the buddy checks in on their accompaniment', async () => {
    const a: Accompaniment = { ...accompaniment(31, today), contacts: [] };
    const api = buddyApi({ 'POST /api/v1/me/accompaniments/31/check-in': ok({ attendance: { checked_in_at: NOW.toISOString(), far: false } }) }, [], [a]);
    renderAt('/');
    const c = await screen.findByTestId('accompaniment');
    fireEvent.click(within(c).getByRole('button', { name: 'Ik ben er' }));
    await screen.findByTestId('day-checked-in');
    expect(posts(api.calls, '/api/v1/me/accompaniments/31/check-in')).toHaveLength(1);
  });
});

describe('"Ik voel me niet veilig"', () => {
  it('offline: one confirm, then at once "you may leave" with the coach’s phone and 112; sent when back online', async () => {
    const api = workerApi({
      'POST /api/v1/me/assignments/77/safety': [
        offline(),
        ok({ report_id: 5, coordinators: [{ role: 'coordinator', first_name: 'Sofie', phone: '+32470999888' }], emergency: '112' }, 201),
      ],
    }, [], [booked({ contacts: [{ role: 'coordinator', first_name: 'Sofie', phone: '+32470999888' }] })]);
    renderAt('/');
    fireEvent.click(within(await card()).getByRole('button', { name: 'Ik voel me niet veilig' }));
    const question = screen.getByTestId('safety-question');
    expect(plain(question.textContent)).toContain('Je coach krijgt meteen een bericht.');
    expect(posts(api.calls, '/api/v1/me/assignments/77/safety')).toHaveLength(0);
    fireEvent.click(within(question).getByRole('button', { name: 'Ja, ik ga weg' }));

    const safe = screen.getByTestId('safety-screen');
    expect(within(safe).getByRole('heading', { name: 'Je mag nu weggaan' })).toBeTruthy();
    expect(within(safe).getByRole('link', { name: 'Bel je coach Sofie' }).getAttribute('href')).toBe('tel:+32470999888');
    expect(within(safe).getByRole('link', { name: 'Bel 112 (noodgeval)' }).getAttribute('href')).toBe('tel:112');
    await waitFor(() => expect(within(safe).getByTestId('safety-state').getAttribute('data-state')).toBe('waiting'));
    expect(plain(within(safe).getByTestId('safety-state').textContent)).toContain('Je hebt geen internet.');

    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(within(safe).getByTestId('safety-state').getAttribute('data-state')).toBe('sent'));
    const sent = posts(api.calls, '/api/v1/me/assignments/77/safety');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.headers.get('Idempotency-Key')).toBe(sent[0]!.headers.get('Idempotency-Key'));
    expect(sent[1]!.body).toEqual({ at: NOW.toISOString() });
  });

  it('a refused report never says the coach knows: it says to call', async () => {
    workerApi({
      'POST /api/v1/me/assignments/77/safety': problemDoc(422, { title: 'Some fields are not valid.', errors: [{ field: 'at', detail: 'Deze tijd ligt in de toekomst.' }] }),
    }, [], [booked({ contacts: [{ role: 'coordinator', first_name: 'Sofie', phone: '+32470999888' }] })]);
    renderAt('/');
    fireEvent.click(within(await card()).getByRole('button', { name: 'Ik voel me niet veilig' }));
    fireEvent.click(within(screen.getByTestId('safety-question')).getByRole('button', { name: 'Ja, ik ga weg' }));
    const safe = screen.getByTestId('safety-screen');
    await waitFor(() => expect(within(safe).getByTestId('safety-state').getAttribute('data-state')).toBe('failed'));
    expect(plain(within(safe).getByTestId('safety-state').textContent)).toContain('Bel je coach of 112.');
    expect(within(safe).getByRole('link', { name: 'Bel je coach Sofie' })).toBeTruthy();
  });

  it('"Terug" sends nothing', async () => {
    const api = workerApi({}, [], [booked()]);
    renderAt('/');
    fireEvent.click(within(await card()).getByRole('button', { name: 'Ik voel me niet veilig' }));
    fireEvent.click(screen.getByRole('button', { name: 'Terug' }));
    expect(screen.getByRole('button', { name: 'Ik voel me niet veilig' })).toBeTruthy();
    expect(api.calls.some((c) => c.path.endsWith('/safety'))).toBe(false);
  });
});

describe('the buddy’s meeting point', () => {
  it('sets place and time; a 422 shows the server’s words under the field', async () => {
    const saved: Accompaniment = { ...accompaniment(31), meeting: { place: 'Station Genk', at: '2026-12-02T08:30:00+01:00', chosen: true } };
    const api = buddyApi({
      'PUT /api/v1/me/accompaniments/31/meeting': [
        problemDoc(422, { title: 'Some fields are not valid.', errors: [{ field: 'at', detail: 'Kies een tijd binnen de drie uur voor de start.' }] }),
        ok({ accompaniment: saved }),
      ],
    }, [], [accompaniment(31)]);
    renderAt('/');
    const c = await screen.findByTestId('accompaniment');
    expect(plain(within(c).getByTestId('meeting').textContent)).toContain('Afspraak met Ahmed om 08:45');
    fireEvent.click(within(c).getByRole('button', { name: 'Afspraak aanpassen' }));
    fireEvent.input(within(c).getByLabelText('Waar'), { target: { value: 'Station Genk' } });
    fireEvent.input(within(c).getByLabelText('Hoe laat'), { target: { value: '05:00' } });
    fireEvent.click(within(c).getByRole('button', { name: 'Afspraak opslaan' }));
    const time = within(c).getByLabelText('Hoe laat');
    await waitFor(() => expect(time.getAttribute('aria-invalid')).toBe('true'));
    expect(plain(c.textContent)).toContain('Kies een tijd binnen de drie uur voor de start.');
    expect(api.calls.find((x) => x.method === 'PUT')!.body).toEqual({ place: 'Station Genk', at: '2026-12-02T04:00:00.000Z' });

    fireEvent.input(time, { target: { value: '08:30' } });
    fireEvent.click(within(c).getByRole('button', { name: 'Afspraak opslaan' }));
    await waitFor(() => expect(plain(screen.getByTestId('meeting-saved').textContent)).toBe('Opgeslagen. Ahmed ziet de afspraak in de app.'));
    expect(plain(screen.getByTestId('meeting').textContent)).toContain('Afspraak met Ahmed om 08:30');
    expect(plain(screen.getByTestId('meeting').textContent)).toContain('Waar: Station Genk');
  });
});

describe('without a connection', () => {
  it('after a reload shows the booked jobs and the offers the phone kept, marked as possibly out of date', async () => {
    workerApi({}, undefined, [booked()]);
    renderAt('/');
    await card();
    await screen.findByTestId('offer');
    cleanup();

    // The reload, offline: every list request fails.
    workerApi({ 'GET /api/v1/me/assignments': offline(), 'GET /api/v1/offers': offline() });
    renderAt('/');
    const c = await card();
    expect(within(c).getByTestId('assignment-address').textContent).toBe('Stationsstraat 12, 3600 Genk');
    expect(plain(screen.getByTestId('assignments-stale').textContent)).toContain('Geen verbinding.');
    expect(screen.getByTestId('offers-stale')).toBeTruthy();
    expect(await screen.findByTestId('offer')).toBeTruthy();
    expect(within(c).getByRole('button', { name: 'Ik ben er' })).toBeTruthy();
  });

  it('loads the lists again by themselves when the connection comes back', async () => {
    const api = workerApi({ 'GET /api/v1/me/assignments': [offline(), ok({ assignments: [booked()] })] });
    renderAt('/');
    await screen.findByText(/Geen verbinding met Klusbuddy/);
    window.dispatchEvent(new Event('online'));
    expect(await card()).toBeTruthy();
    expect(api.calls.filter((c) => c.path === '/api/v1/me/assignments')).toHaveLength(2);
  });
});
