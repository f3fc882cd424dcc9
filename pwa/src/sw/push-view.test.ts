import { describe, expect, it } from 'vitest';
import { pushCatalogues } from '../i18n/push';
import { ALL_KINDS, kindInfo } from '../notification-kinds';
import { clickPath, failedView, outcomeView, pushTag, pushView, readPayload } from './push-view';

const NOW = Date.parse('2026-11-26T20:00:00+01:00'); // Thursday evening
const clock = { now: NOW, timeZone: 'Europe/Brussels' };

const offer = {
  v: 1,
  id: 123,
  kind: 'offer_new',
  lang: 'nl',
  tag: 'offer-45',
  offer_id: 45,
  job_id: 9,
  request_id: 0,
  category: 'Tuinwerk',
  icon: 'leaf',
  municipality: 'Genk',
  person: '',
  role: '',
  starts_at: '2026-11-27T09:00:00+01:00',
  expires_at: '2026-11-26T23:50:00+01:00',
};
const request = { ...offer, id: 124, kind: 'buddy_request', tag: 'buddy-8', offer_id: 0, request_id: 8, category: 'Poetsen', icon: 'broom' };

const view = (raw: unknown) => pushView(readPayload(raw), clock);

describe('a new offer', () => {
  it('shows category, place, day and deadline, with Accept / Decline, and keeps the payload', () => {
    const v = view(offer);
    expect(v.title).toBe('Nieuwe klus: Tuinwerk');
    expect(v.options.body).toBe('Genk · vr 27 nov, 09:00 · reageer vóór 23:50');
    expect(v.options.tag).toBe('offer-45');
    expect(v.options.actions).toEqual([
      { action: 'accept', title: 'Ja, ik doe het' },
      { action: 'decline', title: 'Nee' },
    ]);
    expect(v.options).toMatchObject({ requireInteraction: true, renotify: true, timestamp: NOW, lang: 'nl' });
    expect(v.options.silent).toBeUndefined();
    expect(v.options.data).toEqual(offer);
    expect(v.icon).toBe('leaf');
  });

  it('speaks the payload language', () => {
    expect(view({ ...offer, lang: 'fr', category: 'Jardinage' })).toMatchObject({
      title: 'Nouveau travail\u00a0: Jardinage',
      options: { body: 'Genk · ven. 27 nov., 09:00 · répondez avant 23:50', actions: [{ title: 'Oui, je le fais' }, { title: 'Non' }], lang: 'fr' },
    });
    expect(view({ ...offer, lang: 'en', category: 'Gardening' })).toMatchObject({
      title: 'New job: Gardening',
      options: { body: 'Genk · Fri, 27 Nov, 09:00 · answer before 23:50', actions: [{ title: 'Yes, I’ll do it' }, { title: 'No' }], lang: 'en' },
    });
  });

  it('speaks Turkish and Arabic, Arabic right to left with Latin digits', () => {
    expect(view({ ...offer, lang: 'tr', category: 'Bahçe işi' })).toMatchObject({
      title: 'Yeni iş: Bahçe işi',
      options: { actions: [{ title: 'Evet, yaparım' }, { title: 'Hayır' }], lang: 'tr', dir: 'ltr' },
    });
    const ar = view({ ...offer, lang: 'ar', category: 'أعمال الحديقة' });
    expect(ar).toMatchObject({
      title: 'مهمة جديدة: أعمال الحديقة',
      options: { actions: [{ title: 'نعم، سأقوم بها' }, { title: 'لا' }], lang: 'ar', dir: 'rtl' },
    });
    expect(ar.options.body).toContain('أجب قبل 23:50');
    expect(ar.options.body).not.toMatch(/[\u0660-\u0669]/);
    expect(view(offer).options.dir).toBe('ltr');
  });

  it('falls back on Dutch for a language it does not have', () => {
    for (const lang of ['de', '', 42, undefined]) expect(view({ ...offer, lang }).title).toBe('Nieuwe klus: Tuinwerk');
  });

  it('names the day of a deadline that is not today', () => {
    expect(view({ ...offer, expires_at: '2026-11-27T08:00:00+01:00' }).options.body).toBe('Genk · vr 27 nov, 09:00 · reageer vóór vr 08:00');
  });

  it('says it can no longer be answered when it arrives after the deadline', () => {
    const v = view({ ...offer, expires_at: '2026-11-26T19:59:00+01:00' });
    expect(v.options).toMatchObject({ body: 'Deze klus is niet meer beschikbaar.', tag: 'offer-45', silent: true, renotify: false });
    expect(v.options.actions).toBeUndefined();
  });

  it('does without what is missing, and offers no buttons without an offer id', () => {
    const v = view({ kind: 'offer_new', tag: 'offer-x' });
    expect(v.title).toBe('Nieuwe klus voor jou');
    expect(v.options.body).toBe('');
    expect(v.options.tag).toBe('offer-x');
    expect(v.options.actions).toEqual([]);
    expect(v.icon).toBeNull();
    expect(view({ ...offer, municipality: '', starts_at: 'gisteren' }).options.body).toBe('reageer vóór 23:50');
  });
});

describe('a buddy request', () => {
  it('asks "Ga je mee?" with Ik ga mee / Nee, under the tag of the request', () => {
    const v = view(request);
    expect(v.title).toBe('Ga je mee? Poetsen');
    expect(v.options.tag).toBe('buddy-8');
    expect(v.options.actions).toEqual([
      { action: 'confirm', title: 'Ik ga mee' },
      { action: 'decline', title: 'Nee' },
    ]);
    expect(v.options.body).toBe('Genk · vr 27 nov, 09:00 · reageer vóór 23:50');
    expect(view({ ...request, lang: 'fr' }).options.actions?.[0]?.title).toBe('J’accompagne');
    expect(view({ ...request, lang: 'en', category: '' }).title).toBe('Will you come along to a job?');
  });
});

describe('closed offers and requests', () => {
  it.each(['offer_taken', 'offer_expired', 'offer_withdrawn'])('%s replaces the offer quietly', (kind) => {
    const v = view({ ...offer, kind });
    expect(v.title).toBe('Tuinwerk');
    expect(v.options).toMatchObject({ body: 'Deze klus is niet meer beschikbaar.', tag: 'offer-45', silent: true, renotify: false });
    expect(v.options.requireInteraction).toBeUndefined();
    expect(v.options.actions).toBeUndefined();
  });

  it('buddy_request_closed replaces the request quietly, in its language', () => {
    expect(view({ ...request, kind: 'buddy_request_closed', lang: 'en' }).options).toMatchObject({
      body: 'This request to come along is no longer open.',
      tag: 'buddy-8',
      silent: true,
    });
  });

  it('without a category the app name is the title', () => {
    expect(view({ kind: 'offer_taken', offer_id: 3 }).title).toBe('Klusbuddy');
  });

  it('the answer from a button replaces it the same way', () => {
    const v = outcomeView(readPayload({ ...offer, lang: 'fr' }), 'push.done.accepted', clock);
    expect(v.options).toMatchObject({ body: 'Vous avez accepté le travail.', tag: 'offer-45', silent: true });
  });
});

describe('a button that did not work', () => {
  it('says so under the same tag, audibly, without buttons; the payload stays so that a tap opens the app', () => {
    const v = failedView(readPayload(request), clock);
    expect(v.title).toBe('Poetsen');
    expect(v.options).toMatchObject({ body: 'Dat lukte niet. Tik om Klusbuddy te openen.', tag: 'buddy-8', silent: false, renotify: true });
    expect(v.options.actions).toBeUndefined();
    expect(v.options.data).toEqual(request);
  });
});

// The day of a job (issue 11). NOW is Thursday 26 November, 20:00 in Brussels.
const reminder = { v: 1, id: 200, kind: 'reminder', lang: 'nl', tag: 'job-9', offer_id: 0, job_id: 9, request_id: 0, category: 'Poetsen', icon: 'broom', municipality: 'Genk', starts_at: '2026-11-27T09:00:00+01:00', expires_at: '2026-11-27T09:00:00+01:00' };

describe('a reminder of a booked job', () => {
  it('says what and when ("morgen om 09:00") and where, under the job’s tag', () => {
    const v = view(reminder);
    expect(v.title).toBe('Poetsen: morgen om 09:00');
    expect(v.options.body).toBe('In Genk. Tik voor het adres en de route.');
    expect(v.options).toMatchObject({ tag: 'job-9', renotify: true, lang: 'nl' });
    expect(v.options.actions).toBeUndefined();
    expect(v.icon).toBe('broom');
  });

  it('counts hours and minutes when it is close, and speaks the payload’s language', () => {
    expect(view({ ...reminder, starts_at: '2026-11-26T22:00:00+01:00' }).title).toBe('Poetsen: over 2 uur');
    expect(view({ ...reminder, starts_at: '2026-11-26T20:40:00+01:00' }).title).toBe('Poetsen: over 40 minuten');
    expect(view({ ...reminder, starts_at: '2026-11-26T23:30:00+01:00' }).title).toBe('Poetsen: vandaag om 23:30');
    expect(view({ ...reminder, lang: 'en', category: 'Cleaning' }).title).toBe('Cleaning: tomorrow at 09:00');
    expect(view({ ...reminder, lang: 'fr', category: 'Nettoyage', starts_at: '2026-11-26T22:00:00+01:00' }).title).toBe('Nettoyage\u00a0: dans 2 heures');
    expect(view({ ...reminder, starts_at: '2026-11-29T09:00:00+01:00' }).title).toBe('Poetsen: zo 29 nov om 09:00');
  });

  it('does without category and place', () => {
    expect(view({ ...reminder, category: '', municipality: '' })).toMatchObject({ title: 'Je klus: morgen om 09:00', options: { body: 'Tik voor het adres en de route.' } });
  });

  it('is replaced by the job’s cancellation (job_status under the same tag), which says so', () => {
    const v = view({ ...reminder, id: 201, kind: 'job_status' });
    expect(v.title).toBe('Geannuleerd: Poetsen');
    expect(v.options.body).toBe('Deze klus gaat niet door. Je hoeft niet te gaan.');
    expect(v.options.tag).toBe(view(reminder).options.tag);
    expect(v.options.renotify).toBe(true);
  });
});

describe('a nudge to check in', () => {
  it('asks "Ben je er al?" under the job’s tag, replacing its reminder', () => {
    const v = view({ ...reminder, id: 202, kind: 'checkin_nudge', tag: 'job-9' });
    expect(v.title).toBe('Ben je er al?');
    expect(v.options.body).toBe('Poetsen · Tik op “Ik ben er”.');
    expect(v.options).toMatchObject({ tag: 'job-9', renotify: true, requireInteraction: true });
    expect(view({ ...reminder, kind: 'checkin_nudge', lang: 'en', category: '' }).options.body).toBe('Tap “I’m here”.');
  });
});

describe('a safety alert for a coach', () => {
  const alert = { ...reminder, id: 203, kind: 'safety_alert', tag: 'safety-5', person: 'Ayşe', starts_at: '2026-11-26T19:00:00+01:00' };
  it('names the person and the job, stays until acted on, loud', () => {
    const v = view(alert);
    expect(v.title).toBe('Ayşe voelt zich niet veilig');
    expect(v.options.body).toBe('Poetsen · Genk · do 26 nov, 19:00\nNeem nu contact op.');
    expect(v.options).toMatchObject({ tag: 'safety-5', requireInteraction: true, renotify: true, silent: false });
    expect(v.options.vibrate?.length).toBeGreaterThan(0);
  });

  it('does without the name', () => {
    expect(view({ ...alert, person: '', lang: 'en' }).title).toBe('Someone does not feel safe');
  });
});

describe('hours waiting for an answer', () => {
  const hours = { v: 1, id: 300, lang: 'nl', tag: 'hours-12', job_id: 9, role: 'worker', category: 'Poetsen', icon: 'broom' };
  it('asks the worker, the poster and the coach in their words, one notification per sheet, quietly urgent', () => {
    expect(view({ ...hours, kind: 'hours_to_confirm' })).toMatchObject({ title: 'Klopt het? Je uren van Poetsen', icon: 'broom', options: { tag: 'hours-12', body: 'Tik om je uren te bevestigen of aan te passen.' } });
    expect(view({ ...hours, kind: 'hours_to_approve' }).title).toBe('Uren goedkeuren: Poetsen');
    expect(view({ ...hours, kind: 'hours_disputed', lang: 'en' }).title).toBe('Hours disputed: Poetsen');
    expect(view({ ...hours, kind: 'hours_to_approve', category: '', lang: 'fr' }).title).toBe('Des heures à approuver');
    expect(view({ ...hours, kind: 'hours_to_confirm' }).options.requireInteraction).toBeUndefined();
  });
});

describe('anything else', () => {
  it('shows a plain notification for a kind this version does not know (every push must show one)', () => {
    const v = view({ kind: 'from_a_newer_server', lang: 'en', job_id: 4, tag: 'job-4' });
    expect(v).toMatchObject({ title: 'Klusbuddy', options: { body: 'There is news for you. Tap to open Klusbuddy.', tag: 'job-4' }, icon: null });
    // A job_status without the job's tag is no cancellation: plain news.
    expect(view({ kind: 'job_status', lang: 'en', job_id: 4, tag: '' }).title).toBe('Klusbuddy');
    expect(view(null).options.tag).toBe('klusbuddy');
    expect(view('garbage').title).toBe('Klusbuddy');
  });

  it('ties offers and requests by id, whatever tag the payload has', () => {
    expect(pushTag(readPayload({ kind: 'offer_expired', offer_id: 7, tag: 'other' }))).toBe('offer-7');
    expect(pushTag(readPayload({ kind: 'buddy_request_closed', request_id: 9 }))).toBe('buddy-9');
  });
});

describe('every view', () => {
  // Every kind the API describes (a new one joins by itself), and one it does not.
  const kinds = [...ALL_KINDS, 'from_a_newer_server'];
  const langs = Object.keys(pushCatalogues);

  it('is valid for showNotification: renotify only with a tag and never when silent', () => {
    for (const kind of kinds) {
      for (const lang of langs) {
        const { options } = view({ ...offer, ...(kindInfo(kind)?.about === 'buddy_request' ? request : {}), kind, lang });
        expect(options.tag, kind).toBeTruthy();
        if (options.renotify) expect(options.silent, kind).not.toBe(true);
        expect((options.actions ?? []).length).toBeLessThanOrEqual(2);
      }
    }
  });

  it('stays short with absurd fields: a phone shows a few lines, and the payload stays small', () => {
    const long = 'x'.repeat(5_000);
    const payload = readPayload({ ...offer, category: long, municipality: long });
    expect(payload.category).toHaveLength(60);
    expect(payload.category.endsWith('…')).toBe(true);
    const v = pushView(payload, clock);
    expect(v.title.length).toBeLessThanOrEqual(80);
    expect((v.options.body ?? '').length).toBeLessThanOrEqual(140);

    const everything = readPayload({ ...offer, category: long, municipality: long, tag: long, kind: long, icon: long, starts_at: long, expires_at: long, extra: long });
    expect(JSON.stringify(pushView(everything, clock).options.data).length).toBeLessThan(1_000);
  });

});

describe('where a tap opens the app', () => {
  it('a safety alert opens the coach’s safety list; the rest the home page', () => {
    expect(clickPath({ kind: 'safety_alert' })).toBe('/coach/safety');
    const elsewhere = ['safety_alert', 'hours_disputed'];
    for (const kind of ALL_KINDS.filter((k) => !elsewhere.includes(k))) expect(clickPath({ kind })).toBe('/');
  });

  it('hours open where they are answered', () => {
    expect(clickPath({ kind: 'hours_to_confirm', job_id: 9, role: 'worker' })).toBe('/');
    expect(clickPath({ kind: 'hours_to_confirm', job_id: 9, role: 'buddy' })).toBe('/');
    expect(clickPath({ kind: 'hours_to_approve', job_id: 9, role: 'worker' })).toBe('/jobs/9');
    expect(clickPath({ kind: 'hours_to_approve', job_id: 9, role: 'buddy' })).toBe('/coach/hours');
    expect(clickPath({ kind: 'hours_disputed', job_id: 9, role: 'worker' })).toBe('/coach/hours');
  });
});
