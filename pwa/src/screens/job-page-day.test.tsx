// The poster on the day of the job: each place's status (booked, arrived, left, done) with its
// icon, the phones of who comes (one-tap tel: links), and the day on the job's card.
import { act, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Job, JobPlace } from '../jobs';
import { plain } from '../test/clock';
import { categoriesBody, mockApi, ok, session } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { posterClock, posterJob as job } from '../test/jobs';
import { renderAt } from '../test/render';

posterClock();

const place = (n: number, first_name: string, status: JobPlace['status']): JobPlace => ({ place: n, first_name, status, buddy: { state: 'none' } });

const onTheDay = (extra: Partial<Job> = {}) =>
  job({
    state: 'in_progress',
    workers_needed: 4,
    coming: ['Ayşe', 'Piet', 'Ewa', 'Jan'],
    places: [place(1, 'Ayşe', 'arrived'), place(2, 'Piet', 'left'), place(3, 'Ewa', 'done'), place(4, 'Jan', 'booked')],
    contacts: [
      { role: 'worker', first_name: 'Ayşe', phone: '+32 470 12 34 56' },
      { role: 'buddy', first_name: 'Mia', phone: '0470 98 76 54' },
    ],
    ...extra,
  });

function posterApi(jobs: Parameters<typeof mockApi>[0]) {
  // A place is done: the page shows the hours (job-hours.test.tsx tests them).
  return mockApi({ 'GET /api/v1/session': ok(session('poster')), 'GET /api/v1/categories': ok(categoriesBody), 'GET /api/v1/jobs/77/hours': ok({ sheets: [] }), ...jobs });
}

describe('poster: the day of the job', () => {
  it('shows each place’s status in words with its own icon; a worker who left only “had to leave”', async () => {
    posterApi({ 'GET /api/v1/jobs/77': ok(onTheDay()) });
    renderAt('/jobs/77');
    const items = await screen.findAllByTestId('job-place');
    const statuses = items.map((i) => within(i).getByTestId('job-place-status'));
    expect(statuses.map((s) => s.dataset.status)).toEqual(['arrived', 'left', 'done', 'booked']);
    expect(statuses.map((s) => s.textContent)).toEqual(['Is aangekomen', 'Moest vertrekken', 'Klaar', 'Komt']);
    expect(statuses.every((s) => s.querySelector('svg') !== null)).toBe(true);
    // Four different icons: not by colour alone, not by one icon for all.
    expect(new Set(statuses.map((s) => s.querySelector('svg')?.innerHTML)).size).toBe(4);
    // No reason is ever given to the poster.
    expect(items[1]!.textContent).not.toContain('veilig');
  });

  it('lists the phones of who comes as one-tap tel: links with name and role', async () => {
    posterApi({ 'GET /api/v1/jobs/77': ok(onTheDay()) });
    renderAt('/jobs/77');
    const section = await screen.findByTestId('job-contacts');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Bellen');
    const links = within(section).getAllByTestId('job-contact');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['tel:+32470123456', 'tel:0470987654']);
    // The link's name is its text (with "Bel" for screen readers): what it shows, as WCAG 2.5.3 asks.
    expect(links.map((a) => a.getAttribute('aria-label') ?? plain(a.textContent))).toEqual(['Bel Ayşe (medewerker) +32 470 12 34 56', 'Bel Mia (buddy) 0470 98 76 54']);
    expect(links[0]!.querySelector('svg')).not.toBeNull();
  });

  it('shows no phones outside the day of the job (the server sends none)', async () => {
    posterApi({ 'GET /api/v1/jobs/77': ok(onTheDay({ contacts: [] })) });
    renderAt('/jobs/77');
    await screen.findAllByTestId('job-place');
    expect(screen.queryByTestId('job-contacts')).toBeNull();
  });

  it('follows the statuses live: someone arrives', async () => {
    const before = onTheDay({ state: 'filled', places: [place(1, 'Ayşe', 'booked')], contacts: [] });
    const after = onTheDay({ places: [place(1, 'Ayşe', 'arrived')], contacts: [] });
    posterApi({ 'GET /api/v1/jobs/77': [ok(before), ok(after)] });
    renderAt('/jobs/77');
    expect((await screen.findByTestId('job-place-status')).dataset.status).toBe('booked');
    act(() => {
      FakeWebSocket.last.open().ready(3).event(4, 'job_status', { job_id: 77, place: 1, status: 'arrived' });
    });
    await waitFor(() => expect(screen.getByTestId('job-place-status').textContent).toBe('Is aangekomen'));
  });

  it('says on the job’s card how many arrived, or that someone had to leave', async () => {
    posterApi({
      'GET /api/v1/jobs': ok({
        jobs: [
          onTheDay({ id: 1, places: [place(1, 'Ayşe', 'arrived'), place(2, 'Piet', 'arrived')] }),
          onTheDay({ id: 2 }),
          job({ id: 3, state: 'filled', coming: ['Ewa'], places: [place(1, 'Ewa', 'booked')] }),
        ],
      }),
    });
    renderAt('/');
    const cards = await screen.findAllByTestId('job-card');
    const day = (id: string) => within(cards.find((c) => c.dataset.jobId === id)!).queryByTestId('job-card-day');
    expect(day('1')?.textContent).toBe('2 zijn aangekomen');
    expect(day('2')?.textContent).toBe('Iemand moest vertrekken');
    expect(day('3')).toBeNull();
  });
});
