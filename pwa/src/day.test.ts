import { describe, expect, it } from 'vitest';
import { dayOpen, routeUrl } from './day';
import { flushOutbox, newEntry, outboxEntries, putEntry } from './outbox';

describe('the route link', () => {
  it.each([
    ['walk', 'walking'],
    ['bike', 'bicycling'],
    ['ebike', 'bicycling'],
    ['public_transport', 'transit'],
    ['car', 'driving'],
  ] as const)('%s → travelmode=%s', (mode, maps) => {
    expect(routeUrl({ lat: 50.96, lon: 5.5 }, mode)).toBe(`https://www.google.com/maps/dir/?api=1&destination=50.96,5.5&travelmode=${maps}`);
  });

  it('has no mode when it is not known, and no link without a point', () => {
    expect(routeUrl({ lat: 50.96, lon: 5.5 }, null)).toBe('https://www.google.com/maps/dir/?api=1&destination=50.96,5.5');
    expect(routeUrl({ lat: Number.NaN, lon: 5 }, 'car')).toBeNull();
  });
});

describe('the check-in window', () => {
  const job = { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z', state: 'filled' as const };
  it('opens 30 minutes before the start and closes 6 hours after the end', () => {
    expect(dayOpen(job, Date.parse('2026-12-01T09:29:59Z'))).toBe(false);
    expect(dayOpen(job, Date.parse('2026-12-01T09:30:00Z'))).toBe(true);
    expect(dayOpen(job, Date.parse('2026-12-01T18:00:00Z'))).toBe(true);
    expect(dayOpen(job, Date.parse('2026-12-01T18:00:01Z'))).toBe(false);
    expect(dayOpen({ ...job, state: 'cancelled' }, Date.parse('2026-12-01T10:00:00Z'))).toBe(false);
  });
});

describe('the outbox', () => {
  it('sends an entry once when two senders flush at the same time', async () => {
    const e = newEntry({ userId: 12, role: 'worker', target: 77, kind: 'check-in', body: { at: '2026-12-01T09:00:00.000Z' }, lang: 'nl' });
    await putEntry(e);
    let calls = 0;
    // The first send is held at the network until the second sender has started too.
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    let release!: () => void;
    const answer = new Promise<void>((r) => (release = r));
    const fetchFn = async () => {
      calls++;
      started();
      await answer;
      return new Response(JSON.stringify({ attendance: { checked_in_at: e.body.at, far: false } }), { status: 200 });
    };
    const csrf = () => Promise.resolve('t');
    const both = Promise.all([flushOutbox(12, fetchFn, csrf), flushOutbox(12, fetchFn, csrf)]);
    await inFlight;
    release();
    const [a, b] = await both;
    expect(calls).toBe(1);
    expect([...a, ...b].map((r) => r.result)).toEqual(['sent']);
    expect(await outboxEntries()).toEqual([]);
  });

  it('leaves another person’s taps alone, and waits on a 5xx', async () => {
    await putEntry(newEntry({ userId: 99, role: 'worker', target: 1, kind: 'check-in', body: { at: '2026-12-01T09:00:00.000Z' }, lang: 'nl' }));
    const mine = newEntry({ userId: 12, role: 'buddy', target: 31, kind: 'check-out', body: { at: '2026-12-01T09:00:00.000Z' }, lang: 'nl' });
    await putEntry(mine);
    const paths: string[] = [];
    const results = await flushOutbox(12, async (input) => {
      paths.push(input);
      return new Response('', { status: 503 });
    }, () => Promise.resolve(null));
    expect(paths).toEqual(['/api/v1/me/accompaniments/31/check-out']);
    expect(results.map((r) => r.result)).toEqual(['retry']);
    expect((await outboxEntries()).map((x) => x.state)).toEqual(['waiting', 'waiting']);
  });
});
