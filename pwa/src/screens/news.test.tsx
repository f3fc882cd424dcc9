// "Berichten" (/berichten): the latest events in days, a line per event with its link; live
// news on top; the list kept for offline; the empty state; the unread count in the menu.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { forgetNews, type Notification } from '../live';
import { FakeWebSocket } from '../test/fake-socket';
import { brusselsClock, plain } from '../test/clock';
import { categoriesBody, mockApi, ok, session } from '../test/fixtures';
import { renderAt } from '../test/render';

const NOW = new Date('2026-12-02T10:00:00+01:00');
brusselsClock(NOW, () => {
  sessionStorage.clear();
  forgetNews();
});

const offline = () => () => {
  throw new TypeError('Failed to fetch');
};

const reminder: Notification = {
  id: 5,
  kind: 'reminder',
  data: { job_id: 77, reminder: 'evening', role: 'worker', starts_at: '2026-12-03T09:00:00+01:00', expires_at: '2026-12-03T09:00:00+01:00' },
  created_at: '2026-12-01T18:00:00+01:00',
};
const cancelled: Notification = { id: 6, kind: 'job_status', data: { job_id: 78, state: 'cancelled' }, created_at: '2026-12-02T08:00:00+01:00' };
const offer: Notification = {
  id: 7,
  kind: 'offer_new',
  data: { offer_id: 45, job_id: 9, expires_at: '2026-12-02T10:15:00+01:00' },
  created_at: '2026-12-02T09:30:00+01:00',
};
const older: Notification = { id: 2, kind: 'assignment_confirmed', data: { job_id: 77 }, created_at: '2026-11-27T14:00:00+01:00' };

function api(role: 'worker' | 'buddy' | 'poster' | 'coordinator', latest: (() => Response)[] | (() => Response), extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/session': ok(session(role)),
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/notifications?latest=50': latest,
    ...extra,
  });
}

const items = () => screen.getAllByTestId('news-item');
const item = (id: number) => items().find((el) => el.dataset.id === String(id))!;

describe('Berichten', () => {
  it('is in the menu of every signed-in role, with an icon', async () => {
    for (const role of ['worker', 'buddy', 'poster', 'coordinator', 'admin'] as const) {
      mockApi({ 'GET /api/v1/session': ok(session(role)), 'GET /api/v1/categories': ok(categoriesBody) });
      renderAt('/nergens');
      const nav = await screen.findByTestId('nav-berichten');
      expect(nav.getAttribute('href')).toBe('/berichten');
      expect(nav.textContent).toBe('Berichten');
      expect(nav.querySelector('svg')).not.toBeNull();
      cleanup();
      forgetNews();
    }
  });

  it('shows a worker a reminder, an offer and a cancellation in days, each line a link', async () => {
    const mock = api('worker', ok({ notifications: [offer, cancelled, reminder, older] }));
    renderAt('/berichten');
    await screen.findAllByTestId('news-item');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Berichten');
    expect(mock.calls.some((c) => c.url.search === '?latest=50')).toBe(true);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Vandaag', 'Gisteren', 'vr 27 november']);
    expect(items().map((el) => el.dataset.id)).toEqual(['7', '6', '5', '2']);

    const r = item(5);
    expect(within(r).getByTestId('news-text').textContent).toBe('Je klus: morgen om 09:00');
    expect(within(r).getByTestId('news-when').textContent).toBe('gisteren om 18:00');
    expect(within(r).getByRole('link').getAttribute('href')).toBe('/');
    expect(within(r).getByRole('link').querySelector('svg')).not.toBeNull();

    const o = item(7);
    expect(within(o).getByTestId('news-text').textContent).toBe('Nieuwe klus voor jou');
    expect(within(o).getByTestId('news-when').textContent).toBe('om 09:30');
    expect(within(o).getByRole('link').getAttribute('href')).toBe('/');

    const c = item(6);
    expect(within(c).getByTestId('news-text').textContent).toBe('Klus geannuleerd');
    expect(within(c).getByRole('link').getAttribute('href')).toBe('/');

    expect(within(item(2)).getByTestId('news-text').textContent).toBe('Je hebt de klus');
    expect(plain(within(item(2)).getByTestId('news-when').textContent)).toBe('vr 27 november om 14:00');
    // The whole line is the link: its name holds the sentence and when.
    expect(plain(within(r).getByRole('link').textContent)).toContain('Je klus: morgen om 09:00');
  });

  it('sends a poster to the job’s page', async () => {
    api('poster', ok({ notifications: [cancelled] }));
    renderAt('/berichten');
    const line = await screen.findByTestId('news-item');
    expect(within(line).getByRole('link').getAttribute('href')).toBe('/jobs/78');
  });

  it('shows a coach a safety alert (to the safety reports) and a not-arrived alert (to the job)', async () => {
    const alert: Notification = {
      id: 9,
      kind: 'safety_alert',
      data: { report_id: 3, job_id: 12, role: 'worker', first_name: 'Ewa', at: '2026-12-02T09:40:00+01:00', expires_at: '2026-12-03T09:40:00+01:00' },
      created_at: '2026-12-02T09:40:00+01:00',
    };
    const late: Notification = { id: 8, kind: 'coordinator_alert', data: { job_id: 12, worker_id: 40, reason: 'not_arrived' }, created_at: '2026-12-02T09:15:00+01:00' };
    api('coordinator', ok({ notifications: [alert, late] }));
    renderAt('/berichten');
    await screen.findAllByTestId('news-item');
    const a = item(9);
    expect(within(a).getByTestId('news-text').textContent).toBe('Ewa voelt zich niet veilig');
    expect(within(a).getByRole('link').getAttribute('href')).toBe('/coach/safety');
    expect(a.classList.contains('news-item--urgent')).toBe(true);
    const l = item(8);
    expect(within(l).getByTestId('news-text').textContent).toBe('Een medewerker is niet aangekomen');
    expect(within(l).getByRole('link').getAttribute('href')).toBe('/coach/jobs/12');
  });

  it('puts a live event on top without a reload', async () => {
    const mock = api('worker', ok({ notifications: [offer] }));
    renderAt('/berichten');
    await screen.findByTestId('news-item');
    act(() => {
      FakeWebSocket.last
        .open()
        .ready(7)
        .frame({ type: 'event', id: 10, kind: 'job_status', data: { job_id: 77, state: 'cancelled' }, created_at: '2026-12-02T09:58:00+01:00' });
    });
    await waitFor(() => expect(items().map((el) => el.dataset.id)).toEqual(['10', '7']));
    expect(within(item(10)).getByTestId('news-text').textContent).toBe('Klus geannuleerd');
    // Screen readers hear it once.
    expect(screen.getByTestId('news-said').textContent).toBe('Nieuw: Klus geannuleerd');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Vandaag']);
    expect(mock.calls.filter((c) => c.path === '/api/v1/notifications')).toHaveLength(1);
  });

  it('offline shows the list the phone kept, marked, and recovers when the connection is back', async () => {
    api('worker', [ok({ notifications: [offer, reminder] }), offline(), ok({ notifications: [cancelled, reminder] })]);
    renderAt('/berichten');
    await screen.findAllByTestId('news-item');
    cleanup();
    forgetNews();

    renderAt('/berichten');
    const stale = await screen.findByTestId('news-stale');
    expect(plain(stale.textContent)).toContain('Geen verbinding.');
    expect(items().map((el) => el.dataset.id)).toEqual(['7', '5']);

    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(screen.queryByTestId('news-stale')).toBeNull());
    expect(items().map((el) => el.dataset.id)).toEqual(['6', '5']);
  });

  it('says so when there is nothing yet', async () => {
    api('buddy', ok({ notifications: [] }));
    renderAt('/berichten');
    expect((await screen.findByTestId('news-empty')).textContent).toBe('Nog geen berichten');
  });

  it('counts what is new in the menu, and clears the count after a visit', async () => {
    localStorage.setItem('klusbuddy.newsSeen.12', '5');
    const live: Notification = { id: 8, kind: 'reminder', data: { job_id: 77 }, created_at: '2026-12-02T09:59:00+01:00' };
    api('worker', ok({ notifications: [live, offer, cancelled, reminder] }), {
      'GET /api/v1/notifications?after=5': ok({ notifications: [cancelled, offer] }),
    });
    renderAt('/nergens');
    const badge = await screen.findByTestId('menu-unread');
    expect(badge.dataset.count).toBe('2');
    expect(plain(screen.getByTestId('menu-button').textContent)).toBe('Menu2, 2 nieuwe berichten');
    expect(screen.getByTestId('news-unread').dataset.count).toBe('2');

    // Another page: a live event counts too.
    act(() => {
      FakeWebSocket.last.open().ready(7).frame({ type: 'event', ...live });
    });
    await waitFor(() => expect(screen.getByTestId('menu-unread').dataset.count).toBe('3'));

    fireEvent.click(screen.getByTestId('nav-berichten'));
    await screen.findAllByTestId('news-item');
    await waitFor(() => expect(screen.queryByTestId('menu-unread')).toBeNull());
    expect(screen.queryByTestId('news-unread')).toBeNull();
    expect(localStorage.getItem('klusbuddy.newsSeen.12')).toBe('8');
    // What was new when the list opened is marked so while it stays open.
    expect(items().map((el) => el.dataset.unread)).toEqual(['true', 'true', 'true', 'false']);
    expect(within(item(8)).getByText('Nieuw')).toBeTruthy();
  });
});
