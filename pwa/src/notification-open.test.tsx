import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { categoriesBody, mockApi, ok, session, user, workerProfile } from './test/fixtures';
import { renderAt } from './test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

/** navigator.serviceWorker as the page sees it; returns what the worker's postMessage does. */
function stubServiceWorker() {
  const container = Object.assign(new EventTarget(), { ready: new Promise(() => {}) });
  Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: container });
  return (data: unknown) => act(() => void container.dispatchEvent(new MessageEvent('message', { data })));
}

const worker = workerProfile({ spoken_languages: [], skills: [] });

function workerApi() {
  return mockApi({
    'GET /api/v1/session': ok(session('worker')),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/me/profile': ok({ user: user('worker'), worker }),
    'GET /api/v1/offers': ok({ offers: [] }),
    'GET /api/v1/me/assignments': ok({ assignments: [] }),
    'GET /api/v1/notifications': ok({ notifications: [] }),
  });
}

const count = (calls: { path: string }[], path: string) => calls.filter((c) => c.path === path).length;

describe('a tap on a notification while the app is open', () => {
  it('routes the open window inside the app: no reload, the app does not start over', async () => {
    const { calls } = workerApi();
    const send = stubServiceWorker();
    renderAt('/profile');
    await screen.findByTestId('availability');
    const main = document.getElementById('main');
    const push = vi.spyOn(window.history, 'pushState');

    send({ type: 'OPEN', path: '/' });
    expect(await screen.findByTestId('worker-home')).toBeTruthy();
    expect(window.location.pathname).toBe('/');
    expect(push).toHaveBeenCalledWith(null, '', '/');
    // The same document: a reload would have made a new one and asked for the session again.
    expect(document.getElementById('main')).toBe(main);
    expect(count(calls, '/api/v1/session')).toBe(1);
  });

  it('on the home already: stays (nothing lost) and reloads the offers', async () => {
    const { calls } = workerApi();
    const send = stubServiceWorker();
    renderAt('/');
    await screen.findByTestId('offers-empty');
    await waitFor(() => expect(count(calls, '/api/v1/offers')).toBe(1));
    const push = vi.spyOn(window.history, 'pushState');

    send({ type: 'OPEN', path: '/' });
    await waitFor(() => expect(count(calls, '/api/v1/offers')).toBe(2));
    expect(push).not.toHaveBeenCalled();
    expect(window.location.pathname).toBe('/');
  });

  it('keeps a half-filled form when the window is where the notification wants it', async () => {
    workerApi();
    const send = stubServiceWorker();
    renderAt('/profile');
    const start = (await screen.findByTestId('availability')).querySelector<HTMLInputElement>('input[name="availability.0.start"]')!;
    fireEvent.change(start, { target: { value: '06:00' } });

    send({ type: 'OPEN', path: '/profile' });
    expect(window.location.pathname).toBe('/profile');
    expect(start.isConnected).toBe(true);
    expect(start.value).toBe('06:00');
  });

  it('ignores other messages and addresses outside the app', async () => {
    workerApi();
    const send = stubServiceWorker();
    renderAt('/profile');
    await screen.findByTestId('availability');
    const push = vi.spyOn(window.history, 'pushState');

    send({ type: 'OPEN', path: '//elsewhere.example/' });
    send({ type: 'OPEN', path: 'https://elsewhere.example/' });
    send({ type: 'OPEN' });
    send({ type: 'SKIP_WAITING' });
    send('OPEN');
    expect(push).not.toHaveBeenCalled();
    expect(window.location.pathname).toBe('/profile');
  });
});
