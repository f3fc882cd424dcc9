// Downloading a funders' export (issue 13): the CSV is streamed, so the screen reads it with
// fetch and a ReadableStream reader, counting rows against X-Total-Rows as they arrive, and
// saves the whole as a Blob through an <a download> once the last byte is in.
import { API_BASE, ApiError, problemOf } from './api';

export type ExportKind = 'jobs' | 'assignments';
export const EXPORT_KINDS: readonly ExportKind[] = ['jobs', 'assignments'];

export type ExportProgress = { rows: number; total: number | null };

/** The export's path under /api/v1: the coordinator's own organisation, or an admin's choice. */
export function exportPath(scope: 'org' | 'admin', kind: ExportKind, from: string, to: string, organisation = ''): string {
  const q = new URLSearchParams({ from, to });
  if (scope === 'admin' && organisation) q.set('organisation', organisation);
  return `/${scope}/exports/${kind}.csv?${q.toString()}`;
}

/** The file name the server gives in Content-Disposition, or fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m?.[1] ?? fallback;
}

/** Whole percent of rows done, or null while the total is unknown. */
export function percentOf(p: ExportProgress): number | null {
  if (p.total === null) return null;
  if (p.total === 0) return 100;
  return Math.min(100, Math.floor((p.rows * 100) / p.total));
}

const NEWLINE = 10;

/**
 * Downloads an export, calling onProgress as rows arrive (rows counted by line ends, less the
 * header row: no field of an export holds a line break). Rejects with ApiError for a refused
 * request or a download that broke off (code "incomplete"), and with an AbortError when signal
 * aborts.
 */
export async function downloadExport(
  path: string,
  lang: string,
  onProgress: (p: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<{ blob: Blob; fileName: string; rows: number }> {
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      credentials: 'same-origin',
      headers: { Accept: 'text/csv', 'Accept-Language': lang },
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!res.ok) throw await problemOf(res);
  const header = Number.parseInt(res.headers.get('X-Total-Rows') ?? '', 10);
  const total = Number.isFinite(header) && header >= 0 ? header : null;
  const parts: BlobPart[] = [];
  let lines = 0;
  const report = () => onProgress({ rows: Math.max(0, lines - 1), total });
  report();
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (let i = 0; i < value.length; i++) if (value[i] === NEWLINE) lines++;
        report();
      }
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError({ status: 0, code: 'incomplete' });
    }
  } else {
    const text = await res.text();
    parts.push(text);
    lines = text.split('\n').length - 1;
    report();
  }
  const rows = Math.max(0, lines - 1);
  if (total !== null && rows !== total) throw new ApiError({ status: 0, code: 'incomplete' });
  const fileName = fileNameOf(res.headers.get('Content-Disposition'), `klusbuddy-${path.split('/')[3] ?? 'export'}`);
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), fileName, rows };
}

/** Offers a Blob to the browser as a download under name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
