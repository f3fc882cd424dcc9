// "Opvolgen" (/coach/follow-up, issue 13): each person with the reasons in words, the last
// activity and the latest action; noting a call, snoozing until a day, resolving; the errors;
// someone entering the list live; the count on the home and in the menu.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { FollowUpPerson } from '../follow-up';
import { categoriesBody, mockApi, ok, problemDoc, session } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { renderAt } from '../test/render';
import { boardClock, coachApi } from '../test/board';

boardClock();

const ewa: FollowUpPerson = {
  person_id: 44,
  role: 'worker',
  first_name: 'Ewa',
  last_name: 'Kowalska',
  phone: '+32470556677',
  reasons: [
    { code: 'offers_expired', since: '2026-11-18T10:00:00+01:00', count: 3, job_id: null, days: null },
    { code: 'inactive', since: '2026-11-19T09:00:00+01:00', count: null, job_id: null, days: 21 },
  ],
  last_active_at: '2026-10-29T09:00:00+01:00',
  entered_at: '2026-11-19T09:01:00+01:00',
  latest_action: null,
};

const jan: FollowUpPerson = {
  person_id: 50,
  role: 'buddy',
  first_name: 'Jan',
  last_name: 'Peeters',
  phone: null,
  reasons: [{ code: 'no_show', since: '2026-11-18T10:00:00+01:00', count: 1, job_id: 12, days: null }],
  last_active_at: null,
  entered_at: '2026-11-20T09:00:00+01:00',
  latest_action: null,
};

const called = { id: 7, kind: 'call' as const, note: 'Komt maandag langs', snoozed_until: null, by: 'Ayşe Yilmaz', at: '2026-11-20T10:00:00+01:00' };

describe('coordinator: the follow-up list', () => {
  it('shows each person with the reasons in words, the last activity and a phone to call', async () => {
    coachApi({ 'GET /api/v1/org/follow-up': ok({ people: [ewa, jan] }) });
    renderAt('/coach/follow-up');
    const [first, second] = (await screen.findAllByTestId('follow-up-person')) as [HTMLElement, HTMLElement];
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Opvolgen');
    expect(within(first).getByTestId('follow-up-name').getAttribute('href')).toBe('/coach/people/44');
    const reasons = within(first).getAllByTestId('follow-up-reason').map((r) => r.textContent);
    expect(reasons).toEqual(['3 aanbiedingen op rij niet beantwoord', '21 dagen niet actief']);
    expect(within(first).getByTestId('follow-up-active').textContent).toContain('Laatst actief:');
    expect(within(first).getByTestId('follow-up-call-link').getAttribute('href')).toBe('tel:+32470556677');
    expect(within(second).getByTestId('follow-up-reason').textContent).toContain('Niet gekomen op');
    expect(within(second).getByTestId('follow-up-active').textContent).toBe('Nog nooit actief');
    expect(within(second).queryByTestId('follow-up-call-link')).toBeNull();
    // Every button has its icon beside the word.
    for (const b of within(first).getAllByRole('button')) expect(b.querySelector('svg')).toBeTruthy();
    // The menu names it with the count.
    expect(screen.getByTestId('nav-follow-up').textContent).toContain('Opvolgen');
    expect(screen.getByTestId('menu-follow-up-count').dataset.count).toBe('2');
  });

  it('notes a call with a note, says so and shows it as the latest action', async () => {
    const api = coachApi({
      'GET /api/v1/org/follow-up': [ok({ people: [ewa] }), ok({ people: [{ ...ewa, latest_action: called }] })],
      'POST /api/v1/org/follow-up/44/actions': ok({ action: called }, 201),
    });
    renderAt('/coach/follow-up');
    const card = await screen.findByTestId('follow-up-person');
    fireEvent.input(within(card).getByLabelText(/Notitie over Ewa/), { target: { value: '  Komt maandag langs ' } });
    fireEvent.click(within(card).getByTestId('follow-up-call'));
    expect((await screen.findByTestId('follow-up-done')).textContent).toBe('Genoteerd bij Ewa.');
    const post = api.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ kind: 'call', note: 'Komt maandag langs' });
    await waitFor(() => expect(screen.getByTestId('follow-up-latest').textContent).toContain('Gebeld door Ayşe Yilmaz'));
    expect(screen.getByTestId('follow-up-latest').textContent).toContain('Komt maandag langs');
  });

  it('asks for a day before snoozing, shows the server’s 422 under the field, and resolves', async () => {
    const api = coachApi({
      'GET /api/v1/org/follow-up': [ok({ people: [ewa] }), ok({ people: [] })],
      'POST /api/v1/org/follow-up/44/actions': [
        problemDoc(422, { code: 'invalid', errors: [{ field: 'until', detail: 'Geef een dag na vandaag.' }] }),
        ok({ action: { ...called, id: 8, kind: 'resolve', note: '' } }, 201),
      ],
    });
    renderAt('/coach/follow-up');
    const card = await screen.findByTestId('follow-up-person');
    fireEvent.click(within(card).getByTestId('follow-up-snooze'));
    expect(await within(card).findByText('Kies de dag waarop de persoon terugkomt.')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.input(within(card).getByLabelText(/Terug op de lijst op/), { target: { value: '2026-11-20' } });
    fireEvent.click(within(card).getByTestId('follow-up-snooze'));
    expect(await within(card).findByText('Geef een dag na vandaag.')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ kind: 'snooze', note: '', until: '2026-11-20' });

    fireEvent.click(within(card).getByTestId('follow-up-resolve'));
    expect((await screen.findByTestId('follow-up-done')).textContent).toBe('Ewa is opgelost.');
    expect(await screen.findByTestId('follow-up-empty')).toBeTruthy();
  });

  it('shows someone entering the list without a reload', async () => {
    coachApi({ 'GET /api/v1/org/follow-up': [ok({ people: [] }), ok({ people: [jan] })] });
    renderAt('/coach/follow-up');
    await screen.findByTestId('follow-up-empty');
    act(() => {
      FakeWebSocket.last.open().ready(1).event(2, 'follow_up', { person_id: 50, first_name: 'Jan', reasons: ['no_show'] });
    });
    expect((await screen.findByTestId('follow-up-person')).dataset.personId).toBe('50');
  });

  it('counts on the coach’s home and links there', async () => {
    coachApi({ 'GET /api/v1/org/people': ok({ people: [] }), 'GET /api/v1/org/follow-up': ok({ people: [ewa, jan] }) });
    renderAt('/');
    const link = await screen.findByTestId('home-follow-up');
    await waitFor(() => expect(link.textContent).toBe('Opvolgen (2)'));
    expect(link.getAttribute('href')).toBe('/coach/follow-up');
  });

  it('shows the organisation’s rules and saves a changed threshold', async () => {
    const settings = { worker_rate_cents: null, follow_inactive_days: 21, follow_expired_in_row: 3, follow_declines_in_row: 5, follow_invite_days: 3, follow_unseen_days: 7 };
    const api = coachApi({
      'GET /api/v1/org/follow-up': [ok({ people: [] }), ok({ people: [] })],
      'GET /api/v1/org/settings': ok(settings),
      'PATCH /api/v1/org/settings': ok({ ...settings, follow_inactive_days: 30 }),
    });
    renderAt('/coach/follow-up');
    const rules = await screen.findByTestId('follow-up-rules');
    const days = within(rules).getByLabelText('Dagen niet actief') as HTMLInputElement;
    expect(days.value).toBe('21');
    fireEvent.input(days, { target: { value: '0' } });
    fireEvent.click(within(rules).getByTestId('follow-up-rules-save'));
    expect(await within(rules).findByText('Geef een getal van 1 tot 365.')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    fireEvent.input(days, { target: { value: '30' } });
    fireEvent.click(within(rules).getByTestId('follow-up-rules-save'));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ follow_inactive_days: 30 }));
    await waitFor(() => expect((within(rules).getByLabelText('Dagen niet actief') as HTMLInputElement).value).toBe('30'));
  });

  it('is not for workers', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('worker')), 'GET /api/v1/categories': ok(categoriesBody) });
    renderAt('/coach/follow-up');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });
});
