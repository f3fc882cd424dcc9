import { afterEach, describe, expect, it } from 'vitest';
import { type Accompaniment, addAccompaniment, buddyConflictKind, buddyRequestKey, forgetBuddyRequestKeys } from './buddy';
import { offerKey, forgetOfferKeys } from './offers';

afterEach(() => {
  forgetBuddyRequestKeys();
  forgetOfferKeys();
  sessionStorage.clear();
});

describe('buddy conflicts', () => {
  it('go by the problem’s reason; anything else is "other"', () => {
    for (const r of ['taken', 'expired', 'cancelled', 'booked', 'closed'] as const) expect(buddyConflictKind(r)).toBe(r);
    expect(buddyConflictKind('')).toBe('other');
    expect(buddyConflictKind('cap')).toBe('other');
  });
});

describe('buddy request keys', () => {
  it('stay the same per request and are not the offer keys', () => {
    const k = buddyRequestKey(7);
    expect(k).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(buddyRequestKey(7)).toBe(k);
    expect(offerKey(7)).not.toBe(k);
    expect(JSON.parse(sessionStorage.getItem('klusbuddy.buddyRequestKeys') ?? '{}')).toEqual({ 7: k });
  });
});

describe('accompaniments', () => {
  const a = (id: number, start: string) => ({ id, job_id: id, worker_first_name: 'A', job: { start } }) as unknown as Accompaniment;

  it('stay soonest first, one per id', () => {
    const list = [a(1, '2026-12-02T09:00:00Z'), a(2, '2026-12-04T09:00:00Z')];
    expect(addAccompaniment(list, a(3, '2026-12-03T09:00:00Z')).map((x) => x.id)).toEqual([1, 3, 2]);
    expect(addAccompaniment(list, a(1, '2026-12-05T09:00:00Z')).map((x) => x.id)).toEqual([2, 1]);
  });
});
