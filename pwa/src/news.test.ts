import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetNews, lastSeen, type Notification, POLL_MS, watchNews } from './news';
import { mockApi, ok } from './test/fixtures';

const note = (id: number, kind = 'offer_new'): Notification => ({ id, kind, data: null, created_at: '2026-12-01T09:00:00Z' });
const list = (...ids: number[]) => ok({ notifications: ids.map((id) => note(id)) });
const searches = (calls: { path: string; url: URL }[]) => calls.filter((c) => c.path === '/api/v1/notifications').map((c) => c.url.search);

let visibility: DocumentVisibilityState = 'visible';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});
afterEach(() => {
  vi.useRealTimers();
  sessionStorage.clear();
  forgetNews();
});

describe('polling for news', () => {
  it('catches up quietly, then asks after the last id every 20 s and reports what is new', async () => {
    const { calls } = mockApi({
      'GET /api/v1/notifications?after=0': list(3, 7),
      'GET /api/v1/notifications?after=7': [list(), list(8, 9)],
      'GET /api/v1/notifications?after=9': list(),
    });
    const onChange = vi.fn();
    const stop = watchNews({ userId: 12, onChange });
    await vi.waitFor(() => expect(lastSeen(12)).toBe(7));
    expect(onChange).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(onChange).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]?.[0].map((n: Notification) => n.id)).toEqual([8, 9]);
    expect(lastSeen(12)).toBe(9);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(searches(calls)).toEqual(['?after=0', '?after=7', '?after=7', '?after=9']);
    expect(sessionStorage.getItem('klusbuddy.news.12')).toBe('9');
    stop();
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(searches(calls)).toHaveLength(4);
  });

  it('goes on from the id remembered in this tab, and reports news from the start', async () => {
    sessionStorage.setItem('klusbuddy.news.12', '41');
    const { calls } = mockApi({ 'GET /api/v1/notifications?after=41': list(42) });
    const onChange = vi.fn();
    const stop = watchNews({ userId: 12, onChange });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(searches(calls)).toEqual(['?after=41']);
    stop();
  });

  it('rests while the page is hidden and asks at once when it is shown again', async () => {
    const { calls } = mockApi({
      'GET /api/v1/notifications?after=0': list(5),
      'GET /api/v1/notifications?after=5': [list(6), list()],
    });
    const onChange = vi.fn();
    const stop = watchNews({ userId: 12, onChange });
    await vi.waitFor(() => expect(lastSeen(12)).toBe(5));

    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(searches(calls)).toEqual(['?after=0']);

    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(searches(calls)).toEqual(['?after=0', '?after=5']);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(searches(calls)).toEqual(['?after=0', '?after=5', '?after=6']);
    stop();
  });

  it('asks for a reload when the window gets focus, even without news', async () => {
    mockApi({ 'GET /api/v1/notifications?after=0': list() });
    const onChange = vi.fn();
    const stop = watchNews({ userId: 12, onChange });
    await vi.waitFor(() => expect(lastSeen(12)).toBe(0));
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith([]));
    stop();
  });

  it('keeps going after a failed request', async () => {
    const { calls } = mockApi({
      'GET /api/v1/notifications?after=0': [() => Promise.reject(new TypeError('offline')), list(2)],
    });
    const stop = watchNews({ userId: 12, onChange: vi.fn() });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await vi.waitFor(() => expect(lastSeen(12)).toBe(2));
    expect(searches(calls)).toEqual(['?after=0', '?after=0']);
    stop();
  });
});
