import { render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { useLoad } from './load';

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
});
