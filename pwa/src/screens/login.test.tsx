import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, ok, problemDoc, session, signedOut } from '../test/fixtures';
import { renderAt } from '../test/render';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  vi.useRealTimers();
});

const fill = (name: string, value: string) =>
  fireEvent.input(document.querySelector(`input[name="${name}"]`)!, { target: { value } });

describe('login', () => {
  it('has the test hooks and fields people expect', async () => {
    mockApi({ 'GET /api/v1/session': signedOut });
    renderAt('/login');
    const form = await screen.findByTestId('login-form');
    expect(form.querySelector('input[name="login"]')?.getAttribute('autocomplete')).toBe('username');
    expect(form.querySelector('input[name="secret"]')?.getAttribute('type')).toBe('password');
    expect(screen.getByTestId('login-submit').textContent).toBe('Aanmelden');
  });

  it('says what is missing before sending anything', async () => {
    const { calls } = mockApi({ 'GET /api/v1/session': signedOut });
    renderAt('/login');
    fireEvent.click(await screen.findByTestId('login-submit'));
    expect(await screen.findByText('Vul je e-mailadres of gsm-nummer in.')).toBeTruthy();
    expect(screen.getByText('Vul je wachtwoord of pincode in.')).toBeTruthy();
    expect(document.activeElement?.getAttribute('name')).toBe('login');
    expect(calls.filter((c) => c.path === '/api/v1/login')).toHaveLength(0);
  });

  it('shows the server’s message for a wrong login, and stays signed out', async () => {
    mockApi({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/login': problemDoc(401, { code: 'unauthorized', detail: 'Deze gegevens kloppen niet.' }),
    });
    renderAt('/login');
    await screen.findByTestId('login-form');
    fill('login', '0470123456');
    fill('secret', '000000');
    fireEvent.click(await screen.findByTestId('login-submit'));
    const alert = await screen.findByTestId('login-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Deze gegevens kloppen niet.');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(screen.getByTestId('login-form')).toBeTruthy();
  });

  it('on 429 also says from when to try again', async () => {
    vi.useFakeTimers({ now: new Date(2026, 10, 26, 14, 20, 0), toFake: ['Date'] });
    mockApi({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/login': problemDoc(429, { code: 'too_many', detail: 'Te veel pogingen.' }, { 'Retry-After': '600' }),
    });
    renderAt('/login');
    await screen.findByTestId('login-form');
    fill('login', 'an@example.be');
    fill('secret', 'x');
    fireEvent.click(await screen.findByTestId('login-submit'));
    const alert = await screen.findByTestId('login-error');
    expect(alert.textContent).toContain('Te veel pogingen.');
    expect(alert.textContent).toContain('Probeer opnieuw vanaf 14:30.');
  });

  it('signs in and shows the home of the role', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/login': ok(session('poster')),
      'GET /api/v1/categories': ok({ categories: [] }),
    });
    renderAt('/login');
    await screen.findByTestId('login-form');
    fill('login', ' an@example.be ');
    fill('secret', 'klusbuddy-demo');
    fireEvent.click(await screen.findByTestId('login-submit'));
    expect(await screen.findByTestId('poster-home')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/login')!.body).toEqual({ login: 'an@example.be', secret: 'klusbuddy-demo' });
  });
});
