import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { CheckboxGroup } from '../forms/fields';
import { I18nProvider } from '../i18n/context';
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

describe('worker profile on a phone (issue 14)', () => {
  const api = () =>
    mockApi({
      'GET /api/v1/session': ok(session('worker')),
      'GET /api/v1/me/profile': ok(profile),
      'GET /api/v1/categories': ok(categoriesBody),
      'PATCH /api/v1/me/profile': ok(profile),
    });

  it('folds each part under its title; a tap on the title opens it', async () => {
    api();
    renderAt('/profile');
    const part = (await screen.findByTestId('languages')) as HTMLDetailsElement;
    expect(part.tagName).toBe('DETAILS');
    expect(part.open).toBe(false);
    const summary = part.querySelector('summary')!;
    const title = within(summary).getByRole('heading', { level: 2 });
    expect(title.textContent).toBe('Talen');
    // The group is named by its title, for screen readers.
    expect(part.getAttribute('aria-labelledby')).toBe(title.id);
    for (const id of ['availability', 'exceptions', 'travel', 'skills']) expect(screen.getByTestId(id).tagName).toBe('DETAILS');
    // Who you are stays open: it is short and says who keeps it.
    expect(screen.getByRole('heading', { name: 'Mijn account' }).closest('details')).toBeNull();
    fireEvent.click(summary);
    await waitFor(() => expect(part.open).toBe(true));
  });

  it('narrows the spoken languages as you type, keeps the ticked ones, and saves them', async () => {
    const { calls } = api();
    renderAt('/profile');
    const part = await screen.findByTestId('languages');
    const spoken = within(part).getByRole('group', { name: 'Welke talen spreek je?' });
    const names = () => within(spoken).getAllByRole('checkbox').map((c) => (c as HTMLInputElement).value);
    expect(names().length).toBeGreaterThan(15);

    const search = within(spoken).getByRole('searchbox', { name: 'Zoek een taal' });
    fireEvent.input(search, { target: { value: 'pool' } });
    // Pools matches; Turks is ticked, so it stays; the rest goes.
    expect(names().sort()).toEqual(['pl', 'tr']);
    expect(screen.getByTestId('spoken_languages-no-match').textContent).toBe('');

    fireEvent.input(search, { target: { value: 'xyz' } });
    expect(names()).toEqual(['tr']);
    expect(screen.getByTestId('spoken_languages-no-match').textContent).toBe('Geen andere taal gevonden. Typ minder letters.');

    fireEvent.input(search, { target: { value: 'POOLS' } });
    fireEvent.click(within(spoken).getByRole('checkbox', { name: 'Pools' }));
    fireEvent.input(search, { target: { value: '' } });
    expect(names().length).toBeGreaterThan(15);

    // Enter in the search field does not save the form.
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    fireEvent.click(within(part).getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ worker: { spoken_languages: ['tr', 'pl'], languages: ['nl'] } });
  });

  it('finds a language without its accents or capitals', () => {
    render(
      <I18nProvider initial="fr">
        <CheckboxGroup
          name="spoken"
          legend="Langues"
          values={[]}
          onValues={() => {}}
          choices={[
            { value: 'fr', label: 'Français' },
            { value: 'de', label: 'Allemand' },
          ]}
          filter={{ label: 'Chercher', noMatch: 'Rien' }}
        />
      </I18nProvider>,
    );
    fireEvent.input(screen.getByRole('searchbox', { name: 'Chercher' }), { target: { value: 'FRANCAIS' } });
    expect(screen.getAllByRole('checkbox').map((c) => (c as HTMLInputElement).value)).toEqual(['fr']);
  });

});
