// "Mijn klussen" on the poster's home: the cards, their states and days, following the news.
import { act, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Job } from '../jobs';
import { plain } from '../test/clock';
import { categoriesBody, mockApi, ok, session } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { home, office, posterClock, posterJob as job } from '../test/jobs';
import { renderAt } from '../test/render';

posterClock();

describe('my jobs on the poster home', () => {
  it('shows cards with the translated state and who is coming, upcoming before past', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({
        jobs: [
          job({ id: 1, state: 'filled', workers_needed: 2, coming: ['Ayşe', 'Jan'] }),
          job({ id: 2, state: 'offering', category: 'flatpack', address: office, start: '2026-12-05T14:00:00+01:00', end: '2026-12-05T16:00:00+01:00' }),
          job({ id: 3, state: 'done', start: '2026-11-20T09:00:00+01:00', end: '2026-11-20T11:00:00+01:00', coming: ['Piet'] }),
        ],
      }),
      // a done job: the card shows what it costs (statement.test.tsx)
      'GET /api/v1/me/statements': ok({ months: [], currency: 'EUR' }),
    });
    renderAt('/');
    const list = await screen.findByTestId('my-jobs');
    expect(screen.getByTestId('post-job').getAttribute('href')).toBe('/jobs/new');
    expect(screen.getByTestId('post-job').textContent).toBe('Klus plaatsen');
    const cards = within(list).getAllByTestId('job-card');
    expect(cards.map((c) => c.dataset.jobId)).toEqual(['1', '2', '3']);

    const filled = within(cards[0]!).getByTestId('job-state');
    expect(filled.dataset.state).toBe('filled');
    expect(filled.textContent).toBe('Volzet');
    expect(cards[0]!.textContent).toContain('Ayşe en Jan komen');
    expect(cards[0]!.textContent).toContain('Genk');
    expect(plain(cards[0]!.textContent)).toContain('09:00–11:00');
    expect(within(cards[0]!).getByRole('link').getAttribute('href')).toBe('/jobs/1');

    expect(within(cards[1]!).getByTestId('job-state').textContent).toBe('We zoeken mensen');
    expect(cards[1]!.textContent).toContain('Meubels monteren');
    expect(cards[1]!.textContent).toContain('Hasselt');
    expect(within(cards[2]!).getByTestId('job-state').textContent).toBe('Klaar');
    expect(cards[2]!.textContent).toContain('Piet komt');
    expect(screen.getByText('Voorbij en geannuleerd')).toBeTruthy();
    expect(screen.queryByTestId('jobs-empty')).toBeNull();
  });

  it('translates the states', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster', { language: 'fr' })),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({ jobs: [job({ id: 1, state: 'offering', coming: ['Ayşe', 'Jan'] })] }),
    });
    renderAt('/', 'fr');
    const card = await screen.findByTestId('job-card');
    expect(within(card).getByTestId('job-state').textContent).toBe('Nous cherchons des personnes');
    expect(card.textContent).toContain('Ayşe et Jan viennent');
  });

  it('keeps the empty state when there are no jobs', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({ jobs: [] }),
    });
    renderAt('/');
    expect((await screen.findByTestId('jobs-empty')).textContent).toContain('Je hebt nog geen klussen.');
    expect(screen.queryByTestId('my-jobs')).toBeNull();
  });
});

describe('a day of their choice', () => {
  const windowJob = (extra: Partial<Job> = {}) =>
    job({ start: '2026-12-08T10:00:00+01:00', end: '2026-12-08T12:00:00+01:00', window_days: 4, ...extra });

  it('the cards say which days; a window still going is upcoming, across months too', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({
        jobs: [
          windowJob({ id: 1 }),
          // Its first day is over, its last is still to come.
          windowJob({ id: 2, start: '2026-11-30T10:00:00+01:00', end: '2026-11-30T12:00:00+01:00' }),
          job({ id: 3, window_days: 1 }),
        ],
      }),
    });
    renderAt('/');
    await screen.findByTestId('my-jobs');
    const cards = screen.getAllByTestId('job-card');
    expect(cards.map((c) => c.dataset.jobId)).toEqual(['2', '3', '1']);
    expect(screen.queryByText('Voorbij en geannuleerd')).toBeNull();
    const when = (c: HTMLElement) => plain(within(c).getByTestId('job-card-when').textContent);
    expect(when(cards[2]!)).toBe('Een dag tussen di 8 en vr 11 december, 10:00–12:00');
    expect(when(cards[0]!)).toBe('Een dag tussen ma 30 november en do 3 december, 10:00–12:00');
    expect(within(cards[2]!).getByTestId('job-window-note').textContent).toBe('De eerste die ja zegt, kiest de dag.');
    expect(plain(within(cards[2]!).getByRole('link').textContent)).toContain('Een dag tussen di 8 en vr 11 december');
    expect(when(cards[1]!)).toBe('wo 2 december · 09:00–11:00');
    expect(within(cards[1]!).queryByTestId('job-window-note')).toBeNull();
  });


  it('is translated', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster', { language: 'fr' })),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': ok({ jobs: [windowJob()] }),
    });
    renderAt('/', 'fr');
    const card = await screen.findByTestId('job-card');
    expect(plain(within(card).getByTestId('job-card-when').textContent)).toBe('Un jour entre le mar. 8 et le ven. 11 décembre, 10:00–12:00');
    expect(within(card).getByTestId('job-window-note').textContent).toBe('La première personne qui dit oui choisit le jour.');
  });
});

describe('live', () => {
  it('the cards on the poster home follow the news too', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs': [ok({ jobs: [job({ id: 1, state: 'offering' })] }), ok({ jobs: [job({ id: 1, state: 'filled', coming: ['Jan'] })] })],
    });
    renderAt('/');
    const card = await screen.findByTestId('job-card');
    expect(within(card).getByTestId('job-state').dataset.state).toBe('offering');
    act(() => {
      FakeWebSocket.last.open().ready(1).event(2, 'job_status', { job_id: 1 });
    });
    await waitFor(() => expect(within(screen.getByTestId('job-card')).getByTestId('job-state').dataset.state).toBe('filled'));
    expect(screen.getByTestId('job-card').textContent).toContain('Jan komt');
  });
});
