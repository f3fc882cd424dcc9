import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
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
