import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { useLoad } from './load';
import { saveCached } from './offline-cache';

function Probe({ load }: { load: () => Promise<string> }) {
  const { state, reload } = useLoad(() => load(), []);
  if (state.status === 'loading') return <p>loading</p>;
  if (state.status === 'error') {
    return (
      <button type="button" onClick={reload}>
        error
      </button>
    );
  }
  return <p>{state.data}</p>;
}

describe('useLoad', () => {
  it('loads again by itself when the connection comes back after an error', async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new ApiError({ status: 0, code: 'network' })).mockResolvedValueOnce('the data');
    render(<Probe load={load} />);
    expect(await screen.findByText('error')).toBeTruthy();
    window.dispatchEvent(new Event('online'));
    expect(await screen.findByText('the data')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not load again on "online" when it has its data', async () => {
    const load = vi.fn<() => Promise<string>>().mockResolvedValue('the data');
    render(<Probe load={load} />);
    expect(await screen.findByText('the data')).toBeTruthy();
    window.dispatchEvent(new Event('online'));
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('with a cache key: offline the kept copy shows as stale; a server error does not fall back', async () => {
    saveCached(7, 'thing', 'the kept data', 1_000);
    function Cached({ load }: { load: () => Promise<string> }) {
      const { state } = useLoad(() => load(), [], { userId: 7, name: 'thing' });
      if (state.status !== 'ready') return <p>{state.status}</p>;
      return <p>{`${state.data} ${state.stale ?? 'fresh'}`}</p>;
    }
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new ApiError({ status: 0, code: 'network' }))
      .mockRejectedValueOnce(new ApiError({ status: 0, code: 'network' }))
      .mockResolvedValueOnce('the new data');
    render(<Cached load={load} />);
    expect(await screen.findByText('the kept data 1000')).toBeTruthy();
    // "online" before the network works: the copy stays.
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    expect(screen.getByText('the kept data 1000')).toBeTruthy();
    window.dispatchEvent(new Event('online'));
    expect(await screen.findByText('the new data fresh')).toBeTruthy();
    cleanup();

    render(<Cached load={() => Promise.reject(new ApiError({ status: 403, code: 'forbidden' }))} />);
    expect(await screen.findByText('error')).toBeTruthy();
  });
});
