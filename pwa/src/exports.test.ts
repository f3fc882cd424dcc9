// Downloading a funders' export: rows counted as the stream comes in, against X-Total-Rows;
// a refused request is a problem; a stream that ends short is "incomplete", never a file.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { downloadExport, exportPath, fileNameOf, percentOf, type ExportProgress } from './exports';

afterEach(() => vi.unstubAllGlobals());

const enc = new TextEncoder();

/** A CSV response whose chunks the test pushes one by one. */
function controlledCsv(total: number | null) {
  let push!: (s: string) => void;
  let end!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      push = (s) => c.enqueue(enc.encode(s));
      end = () => c.close();
    },
  });
  const headers: Record<string, string> = {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="klusbuddy-jobs-2026-01-01-2026-12-31.csv"',
  };
  if (total !== null) headers['X-Total-Rows'] = String(total);
  return { res: new Response(body, { status: 200, headers }), push: (s: string) => push(s), end: () => end() };
}

describe('downloading an export', () => {
  it('reports rows as they stream in, against the total, and returns the file with its name', async () => {
    const csv = controlledCsv(3);
    const fetch = vi.fn(async () => csv.res);
    vi.stubGlobal('fetch', fetch);
    const seen: ExportProgress[] = [];
    const done = downloadExport('/org/exports/jobs.csv?from=2026-01-01&to=2026-12-31', 'fr', (p) => seen.push(p));
    csv.push('\uFEFFjob;organisation\n');
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ rows: 0, total: 3 }));
    csv.push('JAAAAAAAAAAAA;Kompas\nJBBBBB');
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ rows: 1, total: 3 }));
    expect(percentOf(seen.at(-1)!)).toBe(33);
    csv.push('BBBBBBB;Kompas\nJCCCCCCCCCCCC;Kompas\n');
    csv.end();
    const file = await done;
    expect(file.rows).toBe(3);
    expect(file.fileName).toBe('klusbuddy-jobs-2026-01-01-2026-12-31.csv');
    expect(await file.blob.text()).toContain('JCCCCCCCCCCCC;Kompas');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/org/exports/jobs.csv?from=2026-01-01&to=2026-12-31');
    expect(new Headers(init.headers).get('Accept-Language')).toBe('fr');
  });

  it('calls a stream that ends before X-Total-Rows incomplete', async () => {
    const csv = controlledCsv(5);
    vi.stubGlobal('fetch', vi.fn(async () => csv.res));
    const done = downloadExport('/org/exports/jobs.csv?from=2026-01-01&to=2026-12-31', 'nl', () => {});
    csv.push('h\nr1\nr2\n');
    csv.end();
    await expect(done).rejects.toMatchObject({ code: 'incomplete' });
  });

  it('turns a refused request into its problem, with the fields', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ status: 422, title: 'Ongeldig', errors: [{ field: 'to', detail: 'De einddatum kan niet voor de begindatum liggen.' }] }), {
            status: 422,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
      ),
    );
    const err = await downloadExport('/org/exports/jobs.csv?from=2026-05-02&to=2026-05-01', 'nl', () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).fieldErrors['to']).toContain('einddatum');
  });

  it('stops when aborted', async () => {
    const csv = controlledCsv(10);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_: string, init: RequestInit) => {
        init.signal?.addEventListener('abort', () => csv.res.body?.cancel().catch(() => {}));
        return csv.res;
      }),
    );
    const c = new AbortController();
    const done = downloadExport('/org/exports/jobs.csv?from=2026-01-01&to=2026-12-31', 'nl', () => {}, c.signal);
    csv.push('h\nr1\n');
    c.abort();
    await expect(done).rejects.toBeTruthy();
  });

  it('builds paths and reads file names', () => {
    expect(exportPath('org', 'assignments', '2026-01-01', '2026-03-31', '4')).toBe('/org/exports/assignments.csv?from=2026-01-01&to=2026-03-31');
    expect(exportPath('admin', 'jobs', '2026-01-01', '2026-03-31', '4')).toBe('/admin/exports/jobs.csv?from=2026-01-01&to=2026-03-31&organisation=4');
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv');
    expect(percentOf({ rows: 5, total: null })).toBeNull();
    expect(percentOf({ rows: 0, total: 0 })).toBe(100);
  });
});
