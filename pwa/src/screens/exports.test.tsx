// The exports screen (issue 13): a period, a download per export that shows its rows coming in
// against X-Total-Rows and saves the file; the server's field errors beside the fields; the
// admin's choice of organisation.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, ok, problemDoc, session } from '../test/fixtures';
import { renderAt } from '../test/render';

const saved: { name: string; href: string }[] = [];
beforeEach(() => {
  saved.length = 0;
  URL.createObjectURL = vi.fn(() => 'blob:export');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.getAttribute('href') ?? '' });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

const csv = (rows: number) => () =>
  new Response('\uFEFFklus;organisatie\n' + 'JAAAAAAAAAAAA;Kompas\n'.repeat(rows), {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="klusbuddy-assignments-2026-01-01-2026-06-30.csv"',
      'X-Total-Rows': String(rows),
    },
  });

/** Answers the exports with a body the test sends in parts (push, end), as a long export
 * arrives; like a real fetch, aborting the request's signal breaks the body off. */
function streamedExport() {
  const stream = { push: undefined as ((text: string) => void) | undefined, end: () => {}, aborted: false };
  const api = mockApi({ 'GET /api/v1/session': ok(session('coordinator')) });
  const sessionOnly = api.fetch.getMockImplementation()!;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      if (!String(input).includes('/exports/')) return sessionOnly(input, init);
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          const bytes = new TextEncoder();
          stream.push = (text) => c.enqueue(bytes.encode(text));
          stream.end = () => c.close();
          init.signal?.addEventListener('abort', () => {
            stream.aborted = true;
            c.error(new DOMException('The download was aborted.', 'AbortError'));
          });
        },
      });
      return new Response(body, {
        status: 200,
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="klusbuddy-jobs.csv"', 'X-Total-Rows': '3' },
      });
    }),
  );
  return stream;
}

describe('the exports screen', () => {
  it('downloads the coordinator’s export for the period, shows the rows and saves the file', async () => {
    const api = mockApi({
      'GET /api/v1/session': ok(session('coordinator')),
      'GET /api/v1/org/exports/assignments.csv': csv(4),
    });
    renderAt('/coach/exports');
    await screen.findByTestId('exports');
    fireEvent.input(screen.getByLabelText(/Klussen die starten vanaf/), { target: { value: '2026-01-01' } });
    fireEvent.input(screen.getByLabelText(/Tot en met/), { target: { value: '2026-06-30' } });
    fireEvent.click(screen.getByTestId('export-assignments-download'));
    const done = await screen.findByTestId('export-done');
    expect(done.textContent).toContain('Bewaard: 4 rijen.');
    expect(saved).toEqual([{ name: 'klusbuddy-assignments-2026-01-01-2026-06-30.csv', href: 'blob:export' }]);
    const call = api.calls.find((c) => c.path === '/api/v1/org/exports/assignments.csv')!;
    expect(call.url.searchParams.get('from')).toBe('2026-01-01');
    expect(call.url.searchParams.get('to')).toBe('2026-06-30');
    expect(call.url.searchParams.has('organisation')).toBe(false);
    expect(screen.queryByTestId('export-progress')).toBeNull(); // gone once saved
  });

  it('keeps downloading while the rows come in, and counts them against the total', async () => {
    // A long export arrives in parts: the screen shows the first part's rows, and the download
    // goes on to the end.
    const stream = streamedExport();
    renderAt('/coach/exports');
    fireEvent.click(await screen.findByTestId('export-jobs-download'));
    await waitFor(() => expect(stream.push).toBeTypeOf('function'));
    stream.push!('\uFEFFklus;organisatie\nJAAAAAAAAAAAA;Kompas\n');
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toBe('1 van 3 rijen binnen (33%)'));
    // The screen has drawn its progress and run its effects (act flushes them) before the
    // rest comes.
    await act(async () => {});
    expect(stream.aborted, 'the progress shown stopped the download').toBe(false);
    stream.push!('JBBBBBBBBBBBB;Kompas\nJCCCCCCCCCCCC;Kompas\n');
    stream.end();
    const done = await screen.findByTestId('export-done');
    expect(done.textContent).toContain('Bewaard: 3 rijen.');
    expect(saved).toEqual([{ name: 'klusbuddy-jobs.csv', href: 'blob:export' }]);
    expect(screen.queryByTestId('export-error')).toBeNull();
  });

  it('stops the download when the coordinator leaves the screen', async () => {
    const stream = streamedExport();
    const { unmount } = renderAt('/coach/exports');
    fireEvent.click(await screen.findByTestId('export-jobs-download'));
    await waitFor(() => expect(stream.push).toBeTypeOf('function'));
    stream.push!('\uFEFFklus;organisatie\nJAAAAAAAAAAAA;Kompas\n');
    await screen.findByText('1 van 3 rijen binnen (33%)');
    expect(stream.aborted).toBe(false);
    unmount();
    await waitFor(() => expect(stream.aborted).toBe(true));
    expect(saved).toEqual([]);
  });

  it('says a single row in the singular', async () => {
    mockApi({ 'GET /api/v1/session': ok(session('coordinator')), 'GET /api/v1/org/exports/jobs.csv': csv(1) });
    renderAt('/coach/exports');
    fireEvent.click(await screen.findByTestId('export-jobs-download'));
    expect((await screen.findByTestId('export-done')).textContent).toContain('Bewaard: 1 rij.');
  });

  it('shows the server’s field errors and saves nothing', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('coordinator')),
      'GET /api/v1/org/exports/jobs.csv': problemDoc(422, {
        code: 'invalid',
        title: 'Ongeldig',
        errors: [{ field: 'to', detail: 'De einddatum kan niet voor de begindatum liggen.' }],
      }),
    });
    renderAt('/coach/exports');
    fireEvent.click(await screen.findByTestId('export-jobs-download'));
    expect(await screen.findByText('De einddatum kan niet voor de begindatum liggen.')).toBeTruthy();
    expect(saved).toEqual([]);
  });

  it('lets an admin export one organisation', async () => {
    const api = mockApi({
      'GET /api/v1/session': ok(session('admin')),
      'GET /api/v1/admin/organisations': ok({
        organisations: [{ id: 4, slug: 'kompas-genk', name: 'Kompas Genk', municipality: 'Genk', month_hour_cap: 60, year_hour_cap: 630, shared_pool: true }],
      }),
      'GET /api/v1/admin/exports/jobs.csv': csv(1),
    });
    renderAt('/admin/exports');
    const select = await screen.findByTestId('exports-organisation');
    await waitFor(() => expect(within(select.parentElement!).getByText('Kompas Genk')).toBeTruthy());
    fireEvent.change(select, { target: { value: '4' } });
    fireEvent.click(screen.getByTestId('export-jobs-download'));
    await screen.findByTestId('export-done');
    expect(api.calls.find((c) => c.path === '/api/v1/admin/exports/jobs.csv')!.url.searchParams.get('organisation')).toBe('4');
  });
});
