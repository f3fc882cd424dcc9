import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, ok, problemDoc, session, signedOut } from '../test/fixtures';
import { renderAt } from '../test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

const lookup = {
  first_name: 'Ayşe',
  role: 'worker',
  organisation: 'Kompas Maatwerk Genk',
  secret_kinds: ['pin', 'password'],
  expires_at: '2026-12-03T14:00:00Z',
};

const type = (name: string, value: string) =>
  fireEvent.input(document.querySelector(`input[name="${name}"]`)!, { target: { value } });

describe('invite screen', () => {
  it('reads the token from the hash, removes it from the address bar and history, and greets by name', async () => {
    const replace = vi.spyOn(window.history, 'replaceState');
    const push = vi.spyOn(window.history, 'pushState');
    const { calls } = mockApi({ 'GET /api/v1/session': signedOut, 'POST /api/v1/invites/lookup': ok(lookup) });
    renderAt('/invite#tok-123_ABC');
    // Gone at once, before the answer of the lookup, and without a new history entry.
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/invite');
    expect(replace).toHaveBeenLastCalledWith(null, '', '/invite');
    expect(push).not.toHaveBeenCalled();

    const welcome = await screen.findByTestId('invite-welcome');
    expect(welcome.textContent).toBe('Welkom, Ayşe!');
    expect(screen.getByText('Kompas Maatwerk Genk nodigt je uit voor Klusbuddy.')).toBeTruthy();
    const call = calls.find((c) => c.path === '/api/v1/invites/lookup')!;
    expect(call.method).toBe('POST');
    expect(call.body).toEqual({ token: 'tok-123_ABC' });

    const pin = document.querySelector<HTMLInputElement>('input[name="pin"]')!;
    expect(pin.getAttribute('inputmode')).toBe('numeric');
    expect(pin.getAttribute('autocomplete')).toBe('new-password');
    expect(document.querySelector('input[name="pin_confirm"]')?.getAttribute('autocomplete')).toBe('new-password');
  });

  it('checks the PIN rules and that both PINs match, next to the field', async () => {
    const { calls } = mockApi({ 'GET /api/v1/session': signedOut, 'POST /api/v1/invites/lookup': ok(lookup) });
    renderAt('/invite#tok');
    await screen.findByTestId('invite-welcome');

    type('pin', '123456');
    type('pin_confirm', '123456');
    fireEvent.click(screen.getByTestId('invite-submit'));
    const pin = document.querySelector<HTMLInputElement>('input[name="pin"]')!;
    await waitFor(() => expect(pin.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(pin.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Geen reeks zoals 123456 of 654321. Kies iets moeilijker.',
    );
    expect(document.activeElement).toBe(pin);

    type('pin', '482913');
    type('pin_confirm', '482914');
    fireEvent.click(screen.getByTestId('invite-submit'));
    const confirm = document.querySelector<HTMLInputElement>('input[name="pin_confirm"]')!;
    await waitFor(() => expect(confirm.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(confirm.getAttribute('aria-describedby')!)?.textContent).toBe(
      'De twee pincodes zijn niet gelijk. Typ ze opnieuw.',
    );
    expect(pin.hasAttribute('aria-invalid')).toBe(false);
    expect(calls.some((c) => c.path === '/api/v1/invites/accept')).toBe(false);
  });

  it('accepts with the PIN, starts the session and goes to the home screen', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/invites/lookup': ok(lookup),
      'POST /api/v1/invites/accept': ok(session('worker')),
    });
    renderAt('/invite#tok-9');
    await screen.findByTestId('invite-welcome');
    type('pin', '482913');
    type('pin_confirm', '482913');
    fireEvent.click(screen.getByTestId('invite-submit'));

    expect((await screen.findByTestId('worker-home')).textContent).toContain('Hallo, Ayşe!');
    expect(window.location.pathname).toBe('/');
    const accept = calls.find((c) => c.path === '/api/v1/invites/accept')!;
    expect(accept.body).toEqual({ token: 'tok-9', pin: '482913' });
  });

  it('offers a password instead when the invite allows it', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/invites/lookup': ok({ ...lookup, secret_kinds: ['password'], role: 'coordinator' }),
      'POST /api/v1/invites/accept': ok(session('coordinator')),
      'GET /api/v1/org/people': [ok({ people: [] }), ok({ people: [] })],
      'GET /api/v1/org/follow-up': ok({ people: [] }),
      'GET /api/v1/org/figures': ok({ year: 2026, volunteer_hours: 0, worked_hours: 0 }),
      'GET /api/v1/org/settings': ok({ worker_rate_cents: null }),
    });
    renderAt('/invite#tok-staff');
    await screen.findByTestId('invite-welcome');
    expect(document.querySelector('input[name="pin"]')).toBeNull();
    expect(screen.queryByTestId('invite-switch')).toBeNull();
    type('password', 'kort');
    type('password_confirm', 'kort');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByText('Je wachtwoord moet minstens 10 tekens hebben.')).toBeTruthy();
    type('password', 'een-lang-wachtwoord');
    type('password_confirm', 'een-lang-wachtwoord');
    fireEvent.click(screen.getByTestId('invite-submit'));
    await screen.findByTestId('coach-home');
    expect(calls.find((c) => c.path === '/api/v1/invites/accept')!.body).toEqual({
      token: 'tok-staff',
      password: 'een-lang-wachtwoord',
    });
  });

  it('shows a friendly message for an unknown, used or expired link', async () => {
    mockApi({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/invites/lookup': problemDoc(404, { code: 'not_found', detail: 'Verlopen' }),
    });
    renderAt('/invite#old');
    const invalid = await screen.findByTestId('invite-invalid');
    expect(invalid.textContent).toContain('Vraag je coach om een nieuwe link.');
  });

  it('says the same without any token', async () => {
    mockApi({ 'GET /api/v1/session': signedOut });
    renderAt('/invite');
    expect(await screen.findByTestId('invite-invalid')).toBeTruthy();
  });

  it('shows the server’s field error when it refuses the PIN', async () => {
    mockApi({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/invites/lookup': ok(lookup),
      'POST /api/v1/invites/accept': problemDoc(422, { errors: [{ field: 'pin', detail: 'Kies een andere pincode.' }] }),
    });
    renderAt('/invite#tok');
    await screen.findByTestId('invite-welcome');
    type('pin', '482913');
    type('pin_confirm', '482913');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByText('Kies een andere pincode.')).toBeTruthy();
    expect(document.querySelector('input[name="pin"]')?.getAttribute('aria-invalid')).toBe('true');
  });
});
