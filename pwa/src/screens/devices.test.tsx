import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarApp } from '../calendar';
import { mockApi, noContent, ok, problemDoc, session } from '../test/fixtures';
import { SERVER_KEY, SERVER_KEY_BYTES, stubPush } from '../test/push-stubs';
import { renderAt } from '../test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

type Role = Parameters<typeof session>[0];

function devicesApi(role: Role = 'worker', routes: Parameters<typeof mockApi>[0] = {}, language = 'nl') {
  return mockApi({
    'GET /api/v1/session': ok(session(role, { language })),
    'GET /api/v1/sessions': ok({ sessions: [] }),
    'GET /api/v1/push/key': ok({ public_key: SERVER_KEY }),
    'PUT /api/v1/me/push-subscription': noContent(),
    'DELETE /api/v1/me/push-subscription': noContent(),
    ...routes,
  });
}

const count = (calls: ReturnType<typeof mockApi>['calls'], method: string) =>
  calls.filter((c) => c.method === method && c.path === '/api/v1/me/push-subscription').length;

/** The role=status confirmation under the button. */
function done() {
  const status = screen.getByTestId('push-settings-done');
  expect(status.getAttribute('role')).toBe('status');
  return status.textContent;
}

async function stateShown(want: string) {
  const state = await screen.findByTestId('push-settings-state');
  await waitFor(() => expect(state.getAttribute('data-state')).toBe(want));
  return state;
}

describe('notifications on this phone', () => {
  it('turns them on: the browser’s question, the subscription to the server, and "Niet nu" forgotten', async () => {
    const push = stubPush({ permission: 'default', answer: 'granted' });
    localStorage.setItem('klusbuddy.push.notNow.12', String(Date.now()));
    const { calls } = devicesApi();
    renderAt('/devices');
    expect((await stateShown('off')).textContent).toBe('Meldingen staan uit op deze telefoon.');
    expect(screen.getByTestId('push-settings').textContent).toContain('als er een klus voor je is');
    expect(screen.queryByTestId('push-settings-off')).toBeNull();

    fireEvent.click(screen.getByTestId('push-settings-on'));
    await stateShown('on');
    expect(done()).toBe('Gelukt: meldingen staan nu aan.');
    expect(push.notification.requestPermission).toHaveBeenCalledTimes(1);
    expect(count(calls, 'PUT')).toBe(1);
    expect(calls.find((c) => c.method === 'PUT')?.headers.get('X-CSRF-Token')).toBe('csrf-worker');
    expect(localStorage.getItem('klusbuddy.push.notNow.12')).toBeNull();
    // The same button, now to turn them off.
    expect(screen.getByTestId('push-settings-off').textContent).toBe('Meldingen uitzetten');
    expect(screen.queryByTestId('push-settings-on')).toBeNull();
  });

  it('shows why it failed when the server refuses the subscription, and stays off', async () => {
    stubPush({ permission: 'default', answer: 'granted' });
    devicesApi('worker', { 'PUT /api/v1/me/push-subscription': problemDoc(503) });
    renderAt('/devices');
    await stateShown('off');
    fireEvent.click(screen.getByTestId('push-settings-on'));
    const alert = await screen.findByTestId('push-settings-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('Er ging iets mis bij ons. Probeer het over een paar minuten opnieuw.');
    expect(screen.getByTestId('push-settings-state').getAttribute('data-state')).toBe('off');
    expect(screen.getByTestId('push-settings-on').getAttribute('aria-disabled')).toBeNull();
    expect(done()).toBe('');
  });

  it('turns them off: the server forgets the subscription, then this phone does', async () => {
    const push = stubPush({ permission: 'granted', existingKey: SERVER_KEY_BYTES });
    const { calls } = devicesApi('buddy');
    renderAt('/devices');
    expect((await stateShown('on')).textContent).toBe('Meldingen staan aan op deze telefoon.');
    expect(screen.getByTestId('push-settings').textContent).toContain('als iemand een buddy nodig heeft');

    const off = screen.getByTestId('push-settings-off');
    fireEvent.click(off);
    fireEvent.click(off); // a second tap while busy does nothing more
    expect(off.getAttribute('aria-disabled')).toBe('true');
    await stateShown('off');
    expect(done()).toBe('Gelukt: meldingen staan nu uit.');
    expect(count(calls, 'DELETE')).toBe(1);
    expect(push.unsubscribed).toEqual(['https://push.example/4-1-2-3']);
    expect(localStorage.getItem('klusbuddy.push.off.12')).not.toBeNull();
    expect(screen.getByTestId('push-settings-on')).toBeTruthy();
  });

  it('says honestly that this window cannot get notifications when subscribing is refused (a private window)', async () => {
    const push = stubPush({ answer: 'granted' });
    push.pushManager.subscribe.mockRejectedValue(new DOMException('no push in private windows', 'AbortError'));
    devicesApi('worker');
    renderAt('/devices');
    await stateShown('off');
    fireEvent.click(screen.getByTestId('push-settings-on'));
    const alert = (await screen.findByTestId('push-settings-error')).textContent ?? '';
    expect(alert).toContain('Deze browser of dit venster kan geen meldingen krijgen.');
    expect(alert).not.toContain('internet');
  });

  it('stays on when turning off fails', async () => {
    const push = stubPush({ permission: 'granted', existingKey: SERVER_KEY_BYTES });
    devicesApi('worker', { 'DELETE /api/v1/me/push-subscription': problemDoc(503) });
    renderAt('/devices');
    await stateShown('on');
    fireEvent.click(screen.getByTestId('push-settings-off'));
    expect((await screen.findByTestId('push-settings-error')).textContent).toBe('Er ging iets mis bij ons. Probeer het over een paar minuten opnieuw.');
    expect(screen.getByTestId('push-settings-state').getAttribute('data-state')).toBe('on');
    expect(push.unsubscribed).toEqual([]);
  });

  it('explains how to allow them again when the browser blocks them, without a button', async () => {
    stubPush({ permission: 'denied' });
    devicesApi();
    renderAt('/devices');
    expect((await stateShown('denied')).textContent).toContain('zet Meldingen op Toestaan');
    expect(screen.queryByTestId('push-settings-on')).toBeNull();
    expect(screen.queryByTestId('push-settings-off')).toBeNull();
  });

  it('moves focus to that explanation when the person says no to the browser’s question', async () => {
    stubPush({ permission: 'default', answer: 'denied' });
    const { calls } = devicesApi();
    renderAt('/devices');
    await stateShown('off');
    fireEvent.click(screen.getByTestId('push-settings-on'));
    const state = await stateShown('denied');
    await waitFor(() => expect(document.activeElement).toBe(state));
    expect(count(calls, 'PUT')).toBe(0);
  });

  it.each([
    ['no service worker (dev server, an iPhone browser not on the home screen)', () => {}],
    ['a service worker that never got registered', () => stubPush({ registered: false })],
  ])('says simply that it cannot work here: %s', async (_, stub) => {
    stub();
    devicesApi();
    renderAt('/devices');
    expect((await stateShown('unsupported')).textContent).toContain('Zet Klusbuddy dan eerst op je beginscherm');
    expect(screen.queryByTestId('push-settings-on')).toBeNull();
    expect(screen.queryByTestId('push-settings-off')).toBeNull();
  });

  it.each(['poster', 'coordinator', 'admin'] as const)('is not there for a %s', async (role) => {
    stubPush({ permission: 'default' });
    devicesApi(role);
    renderAt('/devices');
    await screen.findByTestId('devices');
    await screen.findByTestId('session-list');
    expect(screen.queryByTestId('push-settings')).toBeNull();
  });

  it('speaks the person’s language', async () => {
    stubPush({ permission: 'default' });
    devicesApi('worker', {}, 'fr');
    renderAt('/devices', 'fr');
    expect((await stateShown('off')).textContent).toBe('Les notifications sont désactivées sur ce téléphone.');
    expect(screen.getByTestId('push-settings-on').textContent).toBe('Activer les notifications');
  });
});

describe('my calendar', () => {
  const made = {
    exists: true,
    created_at: '2026-12-02T10:00:00Z',
    url: 'https://klusbuddy.be/calendar/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde.ics',
    webcal_url: 'webcal://klusbuddy.be/calendar/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde.ics',
  };
  const none = { exists: false, created_at: null };
  const existing = { exists: true, created_at: '2026-11-20T09:30:00Z' };

  afterEach(() => vi.restoreAllMocks());

  it('adds my jobs to my calendar: makes the link, opens the calendar app, shows the link to copy', async () => {
    const open = vi.spyOn(calendarApp, 'open').mockImplementation(() => {});
    const writeText = vi.fn(async () => {});
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    const { calls } = devicesApi('poster', {
      'GET /api/v1/me/calendar': ok(none),
      'POST /api/v1/me/calendar': ok(made, 201),
    });
    renderAt('/devices');
    const section = await screen.findByTestId('calendar');
    expect(section.textContent).toContain('Mijn agenda');
    expect(section.textContent).toContain('Zet je klussen in de agenda van je telefoon.');
    // Nothing is asked of the server before the tap.
    expect(calls.some((c) => c.path === '/api/v1/me/calendar')).toBe(false);

    const add = screen.getByTestId('calendar-add');
    expect(add.textContent).toBe('Toevoegen aan mijn agenda');
    expect(add.querySelector('svg')).not.toBeNull();
    fireEvent.click(add);
    const link = await screen.findByTestId('calendar-link');
    expect(link.textContent).toContain('Je agenda is gekoppeld.');
    expect(open).toHaveBeenCalledWith(made.webcal_url);
    expect(screen.getByTestId('calendar-open').getAttribute('href')).toBe(made.webcal_url);
    expect((screen.getByTestId('calendar-url') as HTMLInputElement).value).toBe(made.url);
    expect(screen.getByLabelText('Link voor Google Agenda (Agenda toevoegen, Via URL)')).toBe(screen.getByTestId('calendar-url'));
    expect(link.textContent).toContain('Je ziet deze link maar één keer.');
    expect(calls.find((c) => c.method === 'POST')?.headers.get('X-CSRF-Token')).toBe('csrf-poster');
    expect(screen.queryByTestId('calendar-add')).toBeNull();

    fireEvent.click(screen.getByTestId('calendar-copy'));
    await waitFor(() => expect(screen.getByTestId('calendar-done').textContent).toBe('De link is gekopieerd.'));
    expect(writeText).toHaveBeenCalledWith(made.url);
  });

  it('does not replace a link in use without saying the old one stops working', async () => {
    const open = vi.spyOn(calendarApp, 'open').mockImplementation(() => {});
    const { calls } = devicesApi('worker', {
      'GET /api/v1/me/calendar': ok(existing),
      'POST /api/v1/me/calendar': ok(made, 201),
    });
    renderAt('/devices');
    fireEvent.click(await screen.findByTestId('calendar-add'));
    const confirm = await screen.findByTestId('calendar-confirm');
    expect(confirm.textContent).toContain('Je hebt al een agendalink.');
    expect(confirm.textContent).toContain('de oude link werkt dan niet meer');
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    expect(screen.getByTestId('calendar-status').textContent).toContain('Je agenda is gekoppeld sinds');

    fireEvent.click(screen.getByTestId('calendar-renew-yes'));
    await screen.findByTestId('calendar-link');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(open).toHaveBeenCalledWith(made.webcal_url);
    expect(screen.queryByTestId('calendar-confirm')).toBeNull();
  });

  it('manages the link: since when, a new link after a warning, revoking', async () => {
    vi.spyOn(calendarApp, 'open').mockImplementation(() => {});
    const { calls } = devicesApi('buddy', {
      'GET /api/v1/me/calendar': ok(existing),
      'POST /api/v1/me/calendar': ok(made, 201),
      'DELETE /api/v1/me/calendar': noContent(),
    });
    renderAt('/devices');
    const manage = await screen.findByTestId('calendar-manage');
    expect(manage.textContent).toBe('Mijn agendalink beheren');
    expect(manage.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(manage);
    expect((await screen.findByTestId('calendar-status')).textContent).toContain('Je agenda is gekoppeld sinds');
    expect(manage.getAttribute('aria-expanded')).toBe('true');

    // A new link: a warning first, and cancelling changes nothing.
    fireEvent.click(screen.getByTestId('calendar-renew'));
    expect(screen.getByTestId('calendar-confirm').textContent).toBe(
      'Let op: de oude link werkt dan niet meer. Voeg daarna de nieuwe link toe aan je agenda.Ja, maak een nieuwe linkAnnuleren',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(screen.queryByTestId('calendar-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('calendar-renew'));
    fireEvent.click(screen.getByTestId('calendar-renew-yes'));
    await screen.findByTestId('calendar-link');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);

    fireEvent.click(screen.getByTestId('calendar-revoke'));
    await waitFor(() => expect(screen.getByTestId('calendar-done').textContent).toContain('De link werkt niet meer.'));
    expect(calls.filter((c) => c.method === 'DELETE' && c.path === '/api/v1/me/calendar')).toHaveLength(1);
    expect(screen.getByTestId('calendar-status').textContent).toBe('Je hebt nog geen agendalink.');
    expect(screen.queryByTestId('calendar-link')).toBeNull();
    expect(screen.getByTestId('calendar-add')).toBeTruthy();
  });

  it('shows why it failed', async () => {
    devicesApi('poster', { 'GET /api/v1/me/calendar': ok(none), 'POST /api/v1/me/calendar': problemDoc(503) });
    renderAt('/devices');
    fireEvent.click(await screen.findByTestId('calendar-add'));
    expect((await screen.findByTestId('calendar-error')).textContent).toBe('Er ging iets mis bij ons. Probeer het over een paar minuten opnieuw.');
    expect(screen.queryByTestId('calendar-link')).toBeNull();
  });

  it.each(['coordinator', 'admin'] as const)('is not there for a %s', async (role) => {
    devicesApi(role);
    renderAt('/devices');
    await screen.findByTestId('session-list');
    expect(screen.queryByTestId('calendar')).toBeNull();
  });

  it('speaks the person’s language', async () => {
    devicesApi('poster', {}, 'fr');
    renderAt('/devices', 'fr');
    expect((await screen.findByTestId('calendar-add')).textContent).toBe('Ajouter à mon agenda');
    expect(screen.getByTestId('calendar').textContent).toContain('Mon agenda');
  });
});
