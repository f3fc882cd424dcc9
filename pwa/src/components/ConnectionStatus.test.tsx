import { act, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { categoriesBody, mockApi, ok, session, signedOut } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { SETTLE_MS } from './ConnectionStatus';

afterEach(() => {
  vi.useRealTimers();
  window.history.replaceState(null, '', '/');
});

const status = () => screen.getByTestId('connection');
/** The header opens the socket in an effect, just after the first paint. */
const opened = () => waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));

describe('the connection in the header', () => {
  it('says "Verbinden…", then "Live" once caught up; a short drop is not shown, a longer one is', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('admin')), 'GET /api/v1/categories': ok(categoriesBody) });
    render(<App lang="nl" />);
    await screen.findByTestId('admin-home');
    await opened(); // for every signed-in user, whatever the screen
    expect(status().getAttribute('role')).toBe('status');
    expect(status().dataset.state).toBe('connecting');
    expect(status().textContent).toBe('Verbinding: Verbinden…');
    expect(status().querySelector('svg')).not.toBeNull();

    act(() => {
      FakeWebSocket.last.open().ready(1);
    });
    expect(status().dataset.state).toBe('live');
    expect(status().textContent).toBe('Verbinding: Live');

    // A deploy: the server goes away and we are back within 2 s. Nothing to see.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    act(() => {
      FakeWebSocket.last.serverClose(1001);
    });
    act(() => {
      vi.advanceTimersByTime(500);
    });
    act(() => {
      FakeWebSocket.last.open().ready(1);
    });
    act(() => {
      vi.advanceTimersByTime(SETTLE_MS * 2);
    });
    expect(status().dataset.state).toBe('live');

    // Gone for longer: "Verbinden…" after a few seconds.
    act(() => {
      FakeWebSocket.last.serverClose(1011);
    });
    act(() => {
      vi.advanceTimersByTime(SETTLE_MS - 1);
    });
    expect(status().dataset.state).toBe('live');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(status().textContent).toBe('Verbinding: Verbinden…');
  });

  it('says "Offline" when the network is gone, in the page language', async () => {
    let onLine = true;
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => onLine);
    mockApi({ 'GET /api/v1/session': ok(session('admin', { language: 'fr' })), 'GET /api/v1/categories': ok(categoriesBody) });
    render(<App lang="fr" />);
    await screen.findByTestId('admin-home');
    await opened();
    act(() => {
      FakeWebSocket.last.open().ready(1);
    });
    expect(status().textContent).toBe('Connexion\u00a0: En direct');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onLine = false;
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    act(() => {
      vi.advanceTimersByTime(SETTLE_MS);
    });
    expect(status().dataset.state).toBe('offline');
    expect(status().textContent).toBe('Connexion\u00a0: Hors ligne');
  });

  it('is not there for signed-out visitors, and no socket is opened for them', async () => {
    mockApi({ 'GET /api/v1/session': signedOut, 'GET /api/v1/categories': ok(categoriesBody) });
    render(<App lang="nl" />);
    await screen.findByTestId('home-title');
    expect(screen.queryByTestId('connection')).toBeNull();
    expect(FakeWebSocket.all).toHaveLength(0);
  });

  it('closes the socket at sign-out', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('admin')),
      'GET /api/v1/categories': ok(categoriesBody),
      'POST /api/v1/logout': () => new Response(null, { status: 204 }),
    });
    render(<App lang="nl" />);
    await screen.findByTestId('admin-home');
    await opened();
    const ws = FakeWebSocket.last.open().ready(1);
    act(() => {
      screen.getByTestId('logout').click();
    });
    await screen.findByTestId('home-title');
    await waitFor(() => expect(ws.closedWith).toBe(1000));
    expect(screen.queryByTestId('connection')).toBeNull();
  });
});
