import { afterEach, describe, expect, it } from 'vitest';
import { translator } from './i18n';
import { addAssignment, conflictKind, countdownText, forgetOfferKeys, isOpen, offerKey, randomKey, routeUrl } from './offers';
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

  it('links to the route on OpenStreetMap', () => {
    expect(routeUrl({ lat: 50.96, lon: 5.5 })).toBe('https://www.openstreetmap.org/directions?to=50.96,5.5');
    expect(routeUrl({ lat: Number.NaN, lon: 5 })).toBeNull();
  });
});
