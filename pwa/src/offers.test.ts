import { afterEach, describe, expect, it } from 'vitest';
import { translator } from './i18n';
import { addAssignment, conflictKind, countdownText, forgetOfferKeys, hasStarted, isLateDropOut, isOpen, keyStore, offerKey, randomKey, spokenRemainingMs } from './offers';
import type { Assignment } from './offers';

afterEach(() => {
  forgetOfferKeys();
  sessionStorage.clear();
});

describe('countdown', () => {
  const nl = translator('nl');
  const fr = translator('fr');
  const en = translator('en');

  it.each([
    [12 * 60_000, 'nog 12 minuten'],
    [12 * 60_000 + 59_000, 'nog 12 minuten'],
    [60_000, 'nog 1 minuut'],
    [119_000, 'nog 1 minuut'],
    [59_000, 'nog 59 seconden'],
    [800, 'nog 1 seconde'],
    [0, 'nog 0 seconden'],
    [60 * 60_000, 'nog 1 uur'],
    [2 * 60 * 60_000 + 5 * 60_000, 'nog 2 uur en 5 minuten'],
  ])('%i ms → %s', (ms, want) => {
    expect(countdownText(ms, nl)).toBe(want);
  });

  it('speaks every language', () => {
    expect(countdownText(12 * 60_000, fr)).toBe('encore 12 minutes');
    expect(countdownText(12 * 60_000, en)).toBe('12 minutes left');
    expect(countdownText(65 * 60_000, en)).toBe('1 h 5 min left');
  });

  it('an offer is open until its expiry, not at it', () => {
    const offer = { expires_at: '2026-12-01T10:12:00+01:00' };
    const end = Date.parse(offer.expires_at);
    expect(isOpen(offer, end - 1)).toBe(true);
    expect(isOpen(offer, end)).toBe(false);
    expect(isOpen({ expires_at: 'nonsense' }, end)).toBe(false);
  });
});

describe('idempotency keys', () => {
  it('are random, fit the API pattern and stay the same per offer', () => {
    expect(randomKey()).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(randomKey()).not.toBe(randomKey());
    const a = offerKey(1);
    expect(offerKey(1)).toBe(a);
    expect(offerKey(2)).not.toBe(a);
    expect(JSON.parse(sessionStorage.getItem('klusbuddy.offerKeys') ?? '{}')).toMatchObject({ 1: a });
  });
});

describe('conflicts', () => {
  it('recognises the server’s reasons in every language', () => {
    expect(conflictKind('Alle plaatsen voor deze klus zijn al ingenomen.')).toBe('taken');
    expect(conflictKind('Toutes les places pour cette mission sont déjà prises.')).toBe('taken');
    expect(conflictKind('This job was cancelled.')).toBe('cancelled');
    expect(conflictKind('Dit aanbod is verlopen.')).toBe('expired');
    expect(conflictKind('Vous avez déjà une autre mission à ce moment-là.')).toBe('booked');
    expect(conflictKind('Something new')).toBe('other');
    expect(conflictKind('')).toBe('other');
  });

  it('goes by the problem’s reason first, whatever the words', () => {
    expect(conflictKind('Een nieuwe zin', 'taken')).toBe('taken');
    expect(conflictKind('', 'booked')).toBe('booked');
    expect(conflictKind('', 'closed')).toBe('expired');
    expect(conflictKind('', 'cap')).toBe('cap');
    expect(conflictKind('No buddy is free.', 'no_buddy')).toBe('no_buddy');
    expect(conflictKind('The job changed.', 'changed')).toBe('changed');
    expect(conflictKind('This job was cancelled.', 'unknown-reason')).toBe('cancelled');
  });
});

describe('assignments', () => {
  const a = (job_id: number, start: string) => ({ job_id, place: 1, job: { start } }) as unknown as Assignment;

  it('keeps them soonest first, one per job', () => {
    const list = [a(1, '2026-12-02T09:00:00Z'), a(2, '2026-12-04T09:00:00Z')];
    expect(addAssignment(list, a(3, '2026-12-03T09:00:00Z')).map((x) => x.job_id)).toEqual([1, 3, 2]);
    expect(addAssignment(list, a(1, '2026-12-05T09:00:00Z')).map((x) => x.job_id)).toEqual([2, 1]);
  });
});

describe('the countdown a screen reader hears', () => {
  it.each([
    [0, 0],
    [-5, 0],
    [20_000, 30_000],
    [45_000, 60_000],
    [61_000, 120_000],
    [4 * 60_000 + 1_000, 5 * 60_000],
    [11 * 60_000 + 59_000, 15 * 60_000],
    [12 * 60_000, 15 * 60_000],
    [61 * 60_000, 75 * 60_000],
  ])('%i ms → %i ms', (ms, want) => {
    expect(spokenRemainingMs(ms)).toBe(want);
  });

  it('changes only now and then while the seconds tick', () => {
    const spoken = new Set<number>();
    for (let ms = 10 * 60_000; ms > 5 * 60_000; ms -= 1000) spoken.add(spokenRemainingMs(ms));
    expect([...spoken]).toEqual([10 * 60_000]);
  });
});

describe('dropping out', () => {
  const now = Date.parse('2026-12-01T10:00:00+01:00');

  it('is late within 24 hours of the start', () => {
    expect(isLateDropOut('2026-12-02T09:59:00+01:00', now)).toBe(true);
    expect(isLateDropOut('2026-12-02T10:01:00+01:00', now)).toBe(false);
  });

  it('is no longer possible once the job started', () => {
    expect(hasStarted({ start: '2026-12-01T09:00:00+01:00', state: 'filled' }, now)).toBe(true);
    expect(hasStarted({ start: '2026-12-02T09:00:00+01:00', state: 'in_progress' }, now)).toBe(true);
    expect(hasStarted({ start: '2026-12-02T09:00:00+01:00', state: 'filled' }, now)).toBe(false);
  });
});

describe('key stores', () => {
  it('keep their keys apart, per storage name', () => {
    const a = keyStore('test.a');
    const b = keyStore('test.b');
    const ka = a.key(1);
    expect(b.key(1)).not.toBe(ka);
    expect(a.key(1)).toBe(ka);
    a.forget(1);
    expect(sessionStorage.getItem('test.a')).toBeNull();
    expect(a.key(1)).not.toBe(ka);
    a.forgetAll();
    b.forgetAll();
  });
});
