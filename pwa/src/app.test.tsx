import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './app';
import { categoriesBody, mockApi, ok, problemDoc, session, signedOut, user, workerProfile } from './test/fixtures';

afterEach(() => window.history.replaceState(null, '', '/'));

describe('App', () => {
  it('renders the first screen in the start language, with the ways in', async () => {
    mockApi({ 'GET /api/v1/session': signedOut, 'GET /api/v1/categories': ok(categoriesBody) });
    render(<App lang="nl" />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Welkom bij Klusbuddy');
    expect(document.documentElement.lang).toBe('nl');
    expect(document.title).toBe('Klusbuddy — kleine klussen, sociale economie');
    expect(screen.getAllByTestId('role')).toHaveLength(4);
    expect(await screen.findAllByTestId('category')).toHaveLength(3);
    expect(screen.getByRole('link', { name: 'Aanmelden' }).getAttribute('href')).toBe('/login');
    expect(screen.getByRole('link', { name: 'Registreren als klant' }).getAttribute('href')).toBe('/signup');
    expect(screen.queryByTestId('logout')).toBeNull();
  });

  it('switches every text, <html lang> and the title at once, and remembers the choice', async () => {
    mockApi({ 'GET /api/v1/session': signedOut, 'GET /api/v1/categories': ok(categoriesBody) });
    render(<App lang="nl" />);
    await screen.findAllByTestId('category');

    const fr = screen.getByRole('button', { name: 'Français, FR' });
    expect(fr.getAttribute('aria-pressed')).toBe('false');
    expect(fr.getAttribute('lang')).toBe('fr');
    fireEvent.click(fr);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bienvenue sur Klusbuddy');
    expect(screen.getByRole('heading', { level: 2, name: 'Pour qui\u00a0?' })).toBeTruthy();
    expect(screen.getAllByTestId('category')[0]!.textContent).toContain('Nettoyage');
    expect(fr.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'Nederlands, NL' }).getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.lang).toBe('fr');
    expect(document.title).toBe('Klusbuddy — petits travaux, économie sociale');
    expect(localStorage.getItem('klusbuddy.lang')).toBe('fr');

    fireEvent.click(screen.getByRole('button', { name: 'English, EN' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Klusbuddy');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('group', { name: 'Choose language' })).toBeTruthy();
  });

  it('turns the page right to left for Arabic and back for the others', async () => {
    mockApi({ 'GET /api/v1/session': signedOut, 'GET /api/v1/categories': ok(categoriesBody) });
    render(<App lang="nl" />);
    await screen.findAllByTestId('category');
    expect(document.documentElement.dir).toBe('ltr');

    fireEvent.click(screen.getByRole('button', { name: 'العربية, AR' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('مرحبًا بك في Klusbuddy');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(localStorage.getItem('klusbuddy.lang')).toBe('ar');

    fireEvent.click(screen.getByRole('button', { name: 'Türkçe, TR' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Klusbuddy’ye hoş geldiniz');
    expect(document.documentElement.lang).toBe('tr');
    expect(document.documentElement.dir).toBe('ltr');

    fireEvent.click(screen.getByRole('button', { name: 'Nederlands, NL' }));
    expect(document.documentElement.dir).toBe('ltr');
  });

  it('shows the offline banner while the browser is offline', async () => {
    mockApi({ 'GET /api/v1/session': signedOut, 'GET /api/v1/categories': ok(categoriesBody) });
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    render(<App lang="en" />);
    expect(screen.getByTestId('offline-banner').textContent).toContain('You are offline');

    onLine.mockReturnValue(true);
    fireEvent(window, new Event('online'));
    expect(screen.getByTestId('offline-banner').textContent).toBe('');
    await screen.findAllByTestId('category');
  });

  it('signed in: shows the home of the role, the first name and the menu; signs out', async () => {
    const api = mockApi({
      'GET /api/v1/session': ok(session('worker')),
      'POST /api/v1/logout': () => new Response(null, { status: 204 }),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/offers': ok({ offers: [] }),
      'GET /api/v1/me/assignments': ok({ assignments: [] }),
      'GET /api/v1/me/profile': ok({ user: user('worker'), worker: workerProfile() }),
    });
    render(<App lang="nl" />);
    expect((await screen.findByTestId('worker-home')).textContent).toContain('Hallo, Ayşe!');
    expect((await screen.findByTestId('offers-empty')).textContent).toContain('Nog geen aanbiedingen');
    expect(screen.getByTestId('user-name').textContent).toBe('Ayşe');

    const menu = screen.getByTestId('menu-button');
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(screen.queryByRole('link', { name: 'Mensen' })).toBeNull(); // coordinators only
    expect(screen.getByRole('link', { name: 'Toestellen' }).getAttribute('href')).toBe('/devices');

    fireEvent.click(screen.getByTestId('logout'));
    expect(await screen.findByTestId('home-title')).toBeTruthy();
    const logout = api.calls.find((c) => c.path === '/api/v1/logout');
    expect(logout?.headers.get('X-CSRF-Token')).toBe('csrf-worker');
  });

  it('uses the account language when signed in, and a switch updates the account', async () => {
    const api = mockApi({
      'GET /api/v1/session': ok(session('coordinator', { language: 'fr' })),
      'GET /api/v1/org/people': [ok({ people: [] }), ok({ people: [] })],
      'GET /api/v1/org/follow-up': ok({ people: [] }),
      'GET /api/v1/org/figures': ok({ year: 2026, volunteer_hours: 0, worked_hours: 0 }),
      'GET /api/v1/org/settings': ok({ worker_rate_cents: null }),
      'PATCH /api/v1/me/profile': ok({ user: user('coordinator', { language: 'en' }) }),
    });
    render(<App lang="nl" />);
    expect((await screen.findByTestId('coach-home')).textContent).toContain('Bonjour, Ayşe');
    fireEvent.click(screen.getByRole('button', { name: 'English, EN' }));
    expect(screen.getByTestId('coach-home').textContent).toContain('Hello, Ayşe');
    const patch = api.calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({ language: 'en' });
    expect(patch?.headers.get('Accept-Language')).toBe('en');
  });

  it('sends signed-out people to the login page, and back after signing in', async () => {
    window.history.replaceState(null, '', '/devices');
    mockApi({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/login': ok(session('poster')),
      'GET /api/v1/sessions': ok({ sessions: [] }),
    });
    render(<App lang="nl" />);
    expect(await screen.findByTestId('login-form')).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/login?next=%2Fdevices');
    fireEvent.input(screen.getByLabelText('E-mail of gsm-nummer'), { target: { value: 'an@example.be' } });
    fireEvent.input(screen.getByLabelText('Wachtwoord of pincode'), { target: { value: 'klusbuddy-demo' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('devices')).toBeTruthy();
    expect(window.location.pathname).toBe('/devices');
  });

  it('offline at start: shows the landing page, then checks the session when back online', async () => {
    let calls = 0;
    mockApi({
      'GET /api/v1/session': () => (calls++ === 0 ? Promise.reject(new TypeError('Failed to fetch')) : ok(session('buddy'))()),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/me/buddy-requests': ok({ requests: [] }),
      'GET /api/v1/me/accompaniments': ok({ accompaniments: [] }),
    });
    render(<App lang="nl" />);
    expect(await screen.findByTestId('home-title')).toBeTruthy();
    await waitFor(() => {
      fireEvent(window, new Event('online'));
      expect(screen.getByTestId('buddy-home')).toBeTruthy();
    });
  });

  it('offline at start: shows the last user of this device, without their contact details', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('worker')), 'GET /api/v1/categories': ok(categoriesBody) });
    const first = render(<App lang="nl" />);
    await screen.findByTestId('worker-home');
    first.unmount();
    const saved = JSON.parse(localStorage.getItem('klusbuddy.user') ?? '{}') as Record<string, unknown>;
    expect([saved.first_name, saved.phone, saved.email]).toEqual(['Ayşe', null, null]);

    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    render(<App lang="nl" />);
    expect((await screen.findByTestId('worker-home')).textContent).toContain('Hallo, Ayşe!');
  });

  it('says so when the server fails at start, with a way to try again', async () => {
    mockApi({
      'GET /api/v1/session': [problemDoc(503, { code: 'unavailable' }), ok(session('admin'))],
    });
    render(<App lang="nl" />);
    const error = await screen.findByTestId('session-error');
    fireEvent.click(within(error).getByRole('button', { name: 'Opnieuw proberen' }));
    expect(await screen.findByTestId('admin-home')).toBeTruthy();
  });

  it('tells a worker that the coach page is not for them', async () => {
    window.history.replaceState(null, '', '/coach/people');
    mockApi({ 'GET /api/v1/session': ok(session('worker')) });
    render(<App lang="nl" />);
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });
});
