import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from './i18n/context';
import { SessionProvider, useSession } from './session';
import { mockApi, noContent, ok, session } from './test/fixtures';
import { readCached, saveCached } from './offline-cache';

/** A service worker registration showing these notifications (or one without getNotifications). */
function stubNotifications(tags: string[] | null) {
  const shown = (tags ?? []).map((tag) => ({ tag, close: vi.fn() }));
  const registration = tags === null ? {} : { getNotifications: vi.fn(async () => shown) };
  Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { ready: Promise.resolve(registration) } });
  return shown;
}

function SignOut() {
  const { state, signOut } = useSession();
  return (
    <p>
      <span data-testid="status">{state.status}</span>
      <button type="button" onClick={() => void signOut()}>
        out
      </button>
    </p>
  );
}

function renderSession() {
  mockApi({ 'GET /api/v1/session': ok(session('worker')), 'POST /api/v1/logout': noContent() });
  render(
    <I18nProvider initial="nl">
      <SessionProvider>
        <SignOut />
      </SessionProvider>
    </I18nProvider>,
  );
}

describe('signing out', () => {
  it("closes the notifications this app shows, so the next person on the phone does not get someone else's offers", async () => {
    const shown = stubNotifications(['offer-45', 'buddy-8']);
    renderSession();
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signedIn'));
    expect(shown[0]?.close).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'out' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signedOut'));
    await waitFor(() => expect(shown.every((n) => n.close.mock.calls.length === 1)).toBe(true));
  });

  it('forgets the screens kept on the phone for offline use, so the next person sees none of them', async () => {
    saveCached(12, 'hours.', { month: '2026-12' });
    saveCached(12, 'profile', { user: { id: 12 } });
    renderSession();
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signedIn'));
    expect(readCached(12, 'profile')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'out' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signedOut'));
    expect(readCached(12, 'hours.')).toBeNull();
    expect(readCached(12, 'profile')).toBeNull();
  });

  it.each([
    ['no service worker', () => {}],
    ['no getNotifications', () => stubNotifications(null)],
  ])('signs out all the same where the browser has %s', async (_name, stub) => {
    stub();
    renderSession();
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signedIn'));
    fireEvent.click(screen.getByRole('button', { name: 'out' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signedOut'));
  });
});
