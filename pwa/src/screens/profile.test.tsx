import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { categoriesBody, mockApi, noContent, ok, problemDoc, session, user, workerProfile } from '../test/fixtures';
import { renderAt } from '../test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

const worker = workerProfile();
const profile = { user: user('worker'), worker };

describe('worker profile', () => {
  it('saves the weekly availability and shows a server error beside the right time', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('worker')),
      'GET /api/v1/me/profile': ok(profile),
      'GET /api/v1/categories': ok(categoriesBody),
      'PATCH /api/v1/me/profile': [
        problemDoc(422, { errors: [{ field: 'worker.availability.1.start', detail: 'Zo vroeg kan niet.' }] }),
        ok({ ...profile, worker: { ...worker, availability: [] } }),
      ],
    });
    renderAt('/profile');
    const section = await screen.findByTestId('availability');
    // Skills are read-only, with the coach's check mark.
    expect((await screen.findByTestId('skill-verified')).textContent).toBe('Nagekeken door je coach');

    fireEvent.click(within(section).getByRole('checkbox', { name: /Woensdag/ }));
    const start = section.querySelector<HTMLInputElement>('input[name="availability.1.start"]')!;
    fireEvent.change(start, { target: { value: '06:00' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Opslaan' }));

    await waitFor(() => expect(start.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(start.getAttribute('aria-describedby')!)?.textContent).toBe('Zo vroeg kan niet.');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({
      worker: {
        availability: [
          { weekday: 1, start: '09:00', end: '17:00' },
          { weekday: 3, start: '06:00', end: '17:00' },
        ],
      },
    });
    expect(patch.headers.get('X-CSRF-Token')).toBe('csrf-worker');
  });

  it('refuses an end before the start without asking the server', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('worker')),
      'GET /api/v1/me/profile': ok(profile),
      'GET /api/v1/categories': ok(categoriesBody),
    });
    renderAt('/profile');
    const section = await screen.findByTestId('availability');
    const end = section.querySelector<HTMLInputElement>('input[name="availability.0.end"]')!;
    fireEvent.change(end, { target: { value: '08:00' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(end.getAttribute('aria-invalid')).toBe('true'));
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });
});

describe('devices', () => {
  it('lists the sessions, marks this device and signs another one out', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/sessions': ok({
        sessions: [
          { id: 7, device: 'Chrome op Android', created_at: '2026-11-20T10:00:00Z', last_seen_at: '2026-11-26T10:00:00Z', expires_at: '2027-11-20T10:00:00Z', current: true },
          { id: 8, device: 'Firefox op Windows', created_at: '2026-11-01T10:00:00Z', last_seen_at: '2026-11-24T18:42:00Z', expires_at: '2026-12-01T10:00:00Z', current: false },
        ],
      }),
      'DELETE /api/v1/sessions/8': noContent(),
    });
    renderAt('/devices');
    const items = await screen.findAllByTestId('session');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByTestId('session-current').textContent).toBe('dit toestel');
    expect(items[0]!.textContent).toContain('Laatst gezien:');
    fireEvent.click(within(items[1]!).getByRole('button', { name: 'Afmelden' }));
    await waitFor(() => expect(screen.getAllByTestId('session')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'DELETE')?.headers.get('X-CSRF-Token')).toBe('csrf-poster');
  });

  it('deletes the account only after a second, explicit step', async () => {
    const { calls } = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/sessions': ok({ sessions: [] }),
      'DELETE /api/v1/me': noContent(),
      'GET /api/v1/categories': ok(categoriesBody),
    });
    renderAt('/devices');
    fireEvent.click(await screen.findByTestId('delete-account'));
    expect(calls.some((c) => c.path === '/api/v1/me')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Ja, verwijder mijn account' }));
    expect((await screen.findByTestId('account-deleted')).textContent).toContain('Je account is verwijderd.');
    expect(calls.find((c) => c.path === '/api/v1/me')!.body).toEqual({ confirm: true });
    expect(screen.queryByTestId('logout')).toBeNull();
  });
});
