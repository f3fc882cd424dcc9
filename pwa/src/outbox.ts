// The taps of the day of a job ("Ik ben er", "Klaar", "Ik voel me niet veilig") kept on the
// phone until the server has them: a tap without a connection is not lost. Each entry has the
// phone's time and position of the tap and an Idempotency-Key made once, at the tap: every
// retry sends the same key, so the server records it once, however often it is sent.
//
// Shared by the page (day.ts) and the service worker (sw.ts, Background Sync): no DOM, only
// IndexedDB (both have it) — with a localStorage copy where a page has no IndexedDB (tests).
// Sending goes one entry at a time, in tap order, under one lock (Web Locks, shared by the
// page and the service worker; an in-memory queue where there are none), and each entry is
// read again under the lock, so the page and the service worker never send one twice at once.
// An entry goes on a 2xx; on a definitive refusal (403, 404, 409, 422 …) it stays as `failed`
// with the server's words until the person has read them; on no network, 401, 408, 429 or a 5xx
// it waits for the next try.
import { problemOf } from './api';
import type * as Api from './api/types';
import { randomKey } from './base64url';

export type TapKind = 'check-in' | 'check-out' | 'safety';
export type TapRole = 'worker' | 'buddy';

export type OutboxEntry = {
  /** The Idempotency-Key; also the entry's key in the store. */
  key: string;
  userId: number;
  role: TapRole;
  /** The job's id (worker) or the accompaniment's (buddy). */
  target: number;
  kind: TapKind;
  body: Api.Arrival;
  /** The page language at the tap: the server's words come back in it. */
  lang: string;
  state: 'waiting' | 'failed';
  /** A failed entry: the server's status and words. */
  status?: number;
  error?: string;
  /** Milliseconds since 1970, for the order. */
  created: number;
};

/** What the server answered to a tap that went through. */
export type TapAnswer = { attendance?: Api.Attendance; safety?: Api.SafetyAnswer };

export type SendResult = { entry: OutboxEntry } & ({ result: 'sent'; answer: TapAnswer } | { result: 'failed' } | { result: 'retry' });

export const OUTBOX_SYNC_TAG = 'klusbuddy-outbox';
/** The message the service worker posts to its windows after sending. */
export const OUTBOX_MESSAGE = 'klusbuddy-outbox';

export function tapPath(e: Pick<OutboxEntry, 'role' | 'target' | 'kind'>): string {
  return `/api/v1/me/${e.role === 'worker' ? 'assignments' : 'accompaniments'}/${e.target}/${e.kind}`;
}

export function newEntry(init: Omit<OutboxEntry, 'key' | 'state' | 'created'>, now = Date.now()): OutboxEntry {
  return { ...init, key: randomKey(), state: 'waiting', created: now };
}

// ---- the store ----

type KeyValue = { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void };
const LOCAL_KEY = 'klusbuddy.outbox';
const DB = 'klusbuddy';
const STORE = 'outbox';

function local(): KeyValue | null {
  const ls = (globalThis as { localStorage?: KeyValue }).localStorage;
  return ls ?? null;
}

const hasIdb = () => typeof indexedDB !== 'undefined' && indexedDB !== null;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest | null): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve((req ? req.result : undefined) as T);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
      tx.onabort = () => reject(tx.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

function readLocal(): OutboxEntry[] {
  try {
    const v = JSON.parse(local()?.getItem(LOCAL_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as OutboxEntry[]) : [];
  } catch {
    return [];
  }
}

function writeLocal(all: OutboxEntry[]): void {
  try {
    if (all.length === 0) local()?.removeItem(LOCAL_KEY);
    else local()?.setItem(LOCAL_KEY, JSON.stringify(all));
  } catch {
    /* storage full or disabled */
  }
}

/** Every entry, oldest tap first. */
export async function outboxEntries(): Promise<OutboxEntry[]> {
  const all = hasIdb() ? await withStore<OutboxEntry[]>('readonly', (s) => s.getAll()) : readLocal();
  return [...all].sort((a, b) => a.created - b.created);
}

export async function putEntry(e: OutboxEntry): Promise<void> {
  if (hasIdb()) await withStore<void>('readwrite', (s) => s.put(e));
  else writeLocal([...readLocal().filter((x) => x.key !== e.key), e]);
}

export async function deleteEntry(key: string): Promise<void> {
  if (hasIdb()) await withStore<void>('readwrite', (s) => s.delete(key));
  else writeLocal(readLocal().filter((x) => x.key !== key));
}

async function entry(key: string): Promise<OutboxEntry | null> {
  if (hasIdb()) return (await withStore<OutboxEntry | undefined>('readonly', (s) => s.get(key))) ?? null;
  return readLocal().find((x) => x.key === key) ?? null;
}

/** Everything kept (sign-out: the next person on a shared phone must not send them). */
export async function clearOutbox(): Promise<void> {
  if (hasIdb()) await withStore<void>('readwrite', (s) => s.clear());
  writeLocal([]);
}

// ---- one at a time ----

type Locks = { request<T>(name: string, cb: () => Promise<T>): Promise<T> };
let queue: Promise<unknown> = Promise.resolve();

/** Runs `fn` holding the outbox lock: across the page and the service worker with Web Locks,
 * else within this context. */
export function withOutboxLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: Locks } }).navigator?.locks;
  if (locks && typeof locks.request === 'function') return locks.request(OUTBOX_SYNC_TAG, fn);
  const run = queue.then(fn, fn);
  queue = run.catch(() => {});
  return run;
}

// ---- sending ----

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** A refusal that sending again cannot change. 401 is not one (the person signs in again). */
const definitive = (status: number) => status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;

/** Sends one entry. Never throws. */
export async function sendEntry(e: OutboxEntry, fetchFn: Fetch, csrf: string | null): Promise<SendResult> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': e.lang,
    'Content-Type': 'application/json',
    'Idempotency-Key': e.key,
  };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetchFn(tapPath(e), { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(e.body) });
  } catch {
    return { entry: e, result: 'retry' };
  }
  if (res.ok) {
    let answer: TapAnswer = {};
    try {
      const body = (await res.json()) as Record<string, unknown> | null;
      if (body && typeof body === 'object') {
        answer = e.kind === 'safety' ? { safety: body as unknown as Api.SafetyAnswer } : { attendance: body.attendance as Api.Attendance };
      }
    } catch {
      /* recorded all the same */
    }
    return { entry: e, result: 'sent', answer };
  }
  if (!definitive(res.status)) return { entry: e, result: 'retry' };
  const problem = await problemOf(res);
  const words = problem.fieldErrors.at ?? Object.values(problem.fieldErrors)[0] ?? problem.detail ?? '';
  return { entry: { ...e, state: 'failed', status: res.status, error: words || problem.title }, result: 'failed' };
}

/**
 * Sends what waits, oldest first, holding the lock: each entry is read again first (another
 * sender may have sent it), then sent; a sent entry goes, a refused one stays as failed, and on
 * no network the rest waits. `userId` limits it to one person's taps (the signed-in one).
 */
export function flushOutbox(userId: number, fetchFn: Fetch, csrf: () => Promise<string | null>): Promise<SendResult[]> {
  return withOutboxLock(async () => {
    const done: SendResult[] = [];
    let token: string | null | undefined;
    for (const listed of await outboxEntries()) {
      if (listed.userId !== userId || listed.state !== 'waiting') continue;
      const e = await entry(listed.key);
      if (!e || e.state !== 'waiting') continue;
      token ??= await csrf();
      const r = await sendEntry(e, fetchFn, token);
      done.push(r);
      if (r.result === 'sent') await deleteEntry(e.key);
      else if (r.result === 'failed') await putEntry(r.entry);
      else break;
    }
    return done;
  });
}
