// The coach's hours (/coach/hours, issue 12): disputed workers' hours with the poster's reason,
// the phone's proposal and the worker's hours, decided with hours and a note; buddies' hours
// approved with one tap; reachable from the coach's home and the board.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { plain } from '../test/clock';
import { mockApi, ok, problemDoc, session } from '../test/fixtures';
import { sheet } from '../test/hours';
import { posterClock } from '../test/jobs';
import { renderAt } from '../test/render';

posterClock();

const disputed = sheet({
  id: 601,
  first_name: 'Ayşe',
  state: 'disputed',
  proposed: 135,
  confirmed: 165,
  reason: 'Nog de ramen gedaan',
  dispute_reason: 'Ze was om 11:00 weg',
  due_at: null,
});
const buddy = sheet({ id: 602, role: 'buddy', first_name: 'Mia', state: 'confirmed', proposed: 120, confirmed: 120 });
const workerConfirmed = sheet({ id: 603, first_name: 'Jan', state: 'confirmed', confirmed: 120 });
const uncounted = sheet({ id: 604, first_name: 'Omar', unit: 'items', state: 'proposed', proposed: null, due_at: null });
const proposedMinutes = sheet({ id: 605, first_name: 'Lien', state: 'proposed', proposed: 120 });

function coachApi(routes: Parameters<typeof mockApi>[0]) {
  return mockApi({
    'GET /api/v1/session': ok(session('coordinator')),
    'GET /api/v1/org/hours?state=disputed': ok({ sheets: [disputed] }),
    'GET /api/v1/org/hours?state=confirmed': ok({ sheets: [buddy, workerConfirmed] }),
    'GET /api/v1/org/hours?state=proposed': ok({ sheets: [uncounted, proposedMinutes] }),
    ...routes,
  });
}

describe('the coach’s hours', () => {
  it('lists disputed hours with both sides, and buddies’ hours waiting (not workers’, which are the poster’s)', async () => {
    coachApi({});
    renderAt('/coach/hours');
    const [d] = await screen.findAllByTestId('coach-disputed');
    expect(plain(within(d!).getByTestId('coach-dispute-reason').textContent)).toBe('De klant: “Ze was om 11:00 weg”');
    expect(plain(within(d!).getByTestId('coach-proposed').textContent)).toBe('Telefoon (in- en uitchecken): 2 u 15 min');
    expect(plain(within(d!).getByTestId('coach-confirmed').textContent)).toBe('Ayşe: 2 u 45 min');
    expect((within(d!).getByLabelText(/^Minuten/) as HTMLInputElement).value).toBe('165');
    expect(within(d!).getByTestId('coach-sheet-job').getAttribute('href')).toBe('/coach/jobs/77');
    const buddies = screen.getAllByTestId('coach-buddy');
    expect(buddies).toHaveLength(1);
    expect(buddies[0]!.textContent).toContain('Mia');
  });

  it('deciding needs a note and quarters, then sends the minutes and the note', async () => {
    const api = coachApi({
      'POST /api/v1/org/hours/601/decide': ok({ sheet: { ...disputed, state: 'decided', approved: 150, decision_note: 'Gebeld met beiden' } }),
    });
    renderAt('/coach/hours');
    const [d] = await screen.findAllByTestId('coach-disputed');
    const minutes = within(d!).getByLabelText(/^Minuten/);
    fireEvent.input(minutes, { target: { value: '140' } });
    fireEvent.click(within(d!).getByRole('button', { name: 'Beslissen' }));
    expect(await within(d!).findByText('Geef de minuten, per kwartier (15, 30, 45 …).')).toBeTruthy();
    expect(within(d!).getByText('Zeg kort wat je beslist en waarom.')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.input(minutes, { target: { value: '150' } });
    fireEvent.input(within(d!).getByLabelText('Wat beslis je, en waarom?'), { target: { value: 'Gebeld met beiden' } });
    fireEvent.click(within(d!).getByRole('button', { name: 'Beslissen' }));
    await waitFor(() => expect(screen.getByTestId('coach-disputed-none')).toBeTruthy());
    const post = api.calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/v1/org/hours/601/decide');
    expect(post?.body).toEqual({ minutes: 150, note: 'Gebeld met beiden' });
  });

  it('shows the server’s 422 under the field', async () => {
    coachApi({
      'POST /api/v1/org/hours/601/decide': problemDoc(422, { code: 'invalid', errors: [{ field: 'minutes', detail: 'Ten hoogste 180 minuten.' }] }),
    });
    renderAt('/coach/hours');
    const [d] = await screen.findAllByTestId('coach-disputed');
    fireEvent.input(within(d!).getByLabelText('Wat beslis je, en waarom?'), { target: { value: 'x' } });
    fireEvent.click(within(d!).getByRole('button', { name: 'Beslissen' }));
    expect(await within(d!).findByText('Ten hoogste 180 minuten.')).toBeTruthy();
  });

  it('approves a buddy’s hours with one tap', async () => {
    const api = coachApi({ 'POST /api/v1/org/hours/602/approve': ok({ sheet: { ...buddy, state: 'approved', approved: 120, due_at: null } }) });
    renderAt('/coach/hours');
    const [b] = await screen.findAllByTestId('coach-buddy');
    fireEvent.click(within(b!).getByRole('button', { name: 'Goedkeuren' }));
    await waitFor(() => expect(screen.getByTestId('coach-buddies-none')).toBeTruthy());
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/org/hours/602/approve']);
  });

  it('enters a per-item count the worker did not give (not a time proposal, which Klusbuddy confirms)', async () => {
    const api = coachApi({
      'POST /api/v1/org/hours/604/confirm': ok({ sheet: { ...uncounted, state: 'confirmed', confirmed: 3, due_at: '2026-12-08T12:00:00+01:00' } }),
    });
    renderAt('/coach/hours');
    const counts = await screen.findAllByTestId('coach-uncounted');
    expect(counts).toHaveLength(1);
    const c = counts[0]!;
    expect(c.textContent).toContain('Omar');
    fireEvent.click(within(c).getByRole('button', { name: 'Aantal bevestigen' }));
    expect(await within(c).findByText('Geef het aantal stuks.')).toBeTruthy();
    expect(api.calls.filter((x) => x.method === 'POST')).toHaveLength(0);
    fireEvent.input(within(c).getByLabelText('Aantal stuks'), { target: { value: '3' } });
    fireEvent.input(within(c).getByLabelText('Hoe weet je het? (mag leeg)'), { target: { value: 'Gebeld: drie kasten' } });
    fireEvent.click(within(c).getByRole('button', { name: 'Aantal bevestigen' }));
    await waitFor(() => expect(screen.getByTestId('coach-uncounted-none')).toBeTruthy());
    const post = api.calls.find((x) => x.method === 'POST');
    expect(post?.path).toBe('/api/v1/org/hours/604/confirm');
    expect(post?.body).toEqual({ items: 3, reason: 'Gebeld: drie kasten' });
  });

  it('is linked from the coach’s home', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('coordinator')),
      'GET /api/v1/org/people?role=worker': ok({ people: [] }),
      'GET /api/v1/org/people?role=buddy': ok({ people: [] }),
      'GET /api/v1/org/follow-up': ok({ people: [] }),
    });
    renderAt('/');
    expect((await screen.findByTestId('home-hours')).getAttribute('href')).toBe('/coach/hours');
  });
});
