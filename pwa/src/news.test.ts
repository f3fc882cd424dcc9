// The lines of "Berichten" (news.ts): every kind of event has a sentence in every language, the
// push's own titles where a push says the same, the links by role, a newer server's kind.
import { describe, expect, it } from 'vitest';
import { LANGUAGES, translator } from './i18n';
import type { Notification } from './live';
import { byDay, mergeNews, newsLine } from './news';
import { ALL_KINDS } from './notification-kinds';
import { notificationPayload, pushView } from './sw/push-view';
import { brusselsClock } from './test/clock';
import type { Role } from './types';

const NOW = new Date('2026-12-02T10:00:00+01:00').getTime();
brusselsClock(new Date(NOW));
const ROLES: Role[] = ['worker', 'buddy', 'poster', 'coordinator', 'admin'];

const note = (id: number, kind: string, data: Record<string, unknown> = {}, created_at = '2026-12-02T09:00:00+01:00'): Notification => ({
  id,
  kind,
  data,
  created_at,
});

describe('news lines', () => {
  it('has a sentence for every kind, in every language and for every role', () => {
    for (const { code } of LANGUAGES) {
      const t = translator(code);
      const neutral = t('news.unknown');
      for (const kind of ALL_KINDS) {
        for (const role of ROLES) {
          const line = newsLine(note(1, kind, { job_id: 9, offer_id: 4, request_id: 3 }), role, code, t, NOW);
          expect(line.unknown, `${code} ${kind} ${role}`).toBe(false);
          expect(line.text.trim(), `${code} ${kind} ${role}`).not.toBe('');
          expect(line.text, `${code} ${kind} ${role}`).not.toBe(neutral);
          expect(line.text, `${code} ${kind} ${role}`).not.toMatch(/[{}]/);
          expect(line.href.startsWith('/'), `${code} ${kind} ${role}`).toBe(true);
        }
      }
    }
  });

  it('says the same as the push for a reminder, a safety alert and a cancellation', () => {
    const t = translator('nl');
    const clock = { now: NOW };
    for (const n of [
      note(1, 'reminder', { job_id: 77, starts_at: '2026-12-03T09:00:00+01:00' }),
      note(2, 'safety_alert', { report_id: 3, job_id: 12, first_name: 'Ewa' }),
      note(3, 'job_status', { job_id: 77, state: 'cancelled' }),
      note(4, 'offer_new', { offer_id: 45, job_id: 9, expires_at: '2026-12-02T11:00:00+01:00' }),
    ]) {
      expect(newsLine(n, 'coordinator', 'nl', t, NOW).text).toBe(pushView(notificationPayload(n, 'nl'), clock).title);
    }
    expect(newsLine(note(1, 'reminder', { job_id: 77, starts_at: '2026-12-03T09:00:00+01:00' }), 'worker', 'nl', t, NOW).text).toBe(
      'Je klus: morgen om 09:00',
    );
    // A job that has begun says its day, not "nu".
    expect(newsLine(note(1, 'reminder', { job_id: 77, starts_at: '2026-11-30T09:00:00+01:00' }), 'worker', 'nl', t, NOW).text).toBe(
      'Je klus: ma 30 nov om 09:00',
    );
  });

  it('links to what the event is about, by role', () => {
    const t = translator('nl');
    const href = (kind: string, role: Role, data: Record<string, unknown> = { job_id: 77 }) => newsLine(note(1, kind, data), role, 'nl', t, NOW).href;
    expect(href('offer_new', 'worker', { offer_id: 4, job_id: 77 })).toBe('/');
    expect(href('assignment_confirmed', 'worker')).toBe('/');
    expect(href('reminder', 'buddy')).toBe('/');
    expect(href('job_status', 'poster', { job_id: 77, state: 'cancelled' })).toBe('/jobs/77');
    expect(href('job_status', 'worker', { job_id: 77, state: 'cancelled' })).toBe('/');
    expect(href('safety_alert', 'coordinator', { report_id: 3, job_id: 12 })).toBe('/coach/safety');
    expect(href('coordinator_alert', 'coordinator', { job_id: 12, reason: 'unfilled' })).toBe('/coach/jobs/12');
    // A customer's "no" (issue 12) leads to the worker's page, where the feedback is.
    expect(href('coordinator_alert', 'coordinator', { job_id: 12, worker_id: 44, reason: 'feedback_no' })).toBe('/coach/people/44');
    expect(newsLine(note(1, 'coordinator_alert', { job_id: 12, worker_id: 44, reason: 'feedback_no' }), 'coordinator', 'nl', t, NOW).text).toBe(
      'Een klant zou een medewerker niet opnieuw vragen',
    );
  });

  it('gives a kind from a newer server a neutral line', () => {
    for (const { code } of LANGUAGES) {
      const line = newsLine(note(1, 'something_new', {}), 'worker', code, translator(code), NOW);
      expect(line).toMatchObject({ unknown: true, href: '/', icon: 'bell' });
    }
    expect(newsLine(note(1, 'something_new'), 'worker', 'nl', translator('nl'), NOW).text).toBe('Nieuws voor jou');
  });

  it('puts new events on top once, and cuts the list into days', () => {
    const list = [note(5, 'reminder', {}, '2026-12-01T18:00:00+01:00'), note(4, 'offer_new', {}, '2026-11-28T09:00:00+01:00')];
    const merged = mergeNews(list, [note(6, 'offer_new'), note(5, 'reminder', {}, '2026-12-01T18:00:00+01:00')]);
    expect(merged.map((n) => n.id)).toEqual([6, 5, 4]);
    expect(byDay(merged, NOW).map((d) => [d.days, d.items.length])).toEqual([
      [0, 1],
      [1, 1],
      [4, 1],
    ]);
  });
});
