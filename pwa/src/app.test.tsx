import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from './app';
import { categoriesBody, jsonResponse, mockFetch } from './test/fixtures';

describe('App', () => {
  it('renders the first screen in the start language', async () => {
    mockFetch(() => jsonResponse(categoriesBody));
    render(<App lang="nl" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welkom bij Klusbuddy');
    expect(document.documentElement.lang).toBe('nl');
    expect(document.title).toBe('Klusbuddy — kleine klussen, sociale economie');
    expect(screen.getAllByTestId('role')).toHaveLength(4);
    expect(await screen.findAllByTestId('category')).toHaveLength(3);
  });

  it('switches every text, <html lang> and the title at once, and remembers the choice', async () => {
    mockFetch(() => jsonResponse(categoriesBody));
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

  it('shows the offline banner while the browser is offline', async () => {
    mockFetch(() => jsonResponse(categoriesBody));
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    render(<App lang="en" />);
    expect(screen.getByTestId('offline-banner').textContent).toContain('You are offline');

    onLine.mockReturnValue(true);
    fireEvent(window, new Event('online'));
    expect(screen.getByTestId('offline-banner').textContent).toBe('');
    await screen.findAllByTestId('category');
  });
});
