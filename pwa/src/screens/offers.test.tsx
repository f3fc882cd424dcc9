import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { forgetNews } from '../live';
import { mockApi, noContent, ok, problemDoc, user } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { SERVER_KEY, stubPush } from '../test/push-stubs';
import { renderAt } from '../test/render';
import { answerClock, assignment, NOW, offer, plain, workerApi } from '../test/answers';
import { forgetTravelMode } from './offers';

answerClock(forgetTravelMode);

const cards = () => screen.queryAllByTestId('offer');

describe('new jobs for the worker', () => {
  it('shows each offer: category, place, day and times, travel, buddy, countdown, two buttons; never the poster\'s price', async () => {
    workerApi({}, [offer({ needs_buddy: true })]);
    renderAt('/');
    const card = await screen.findByTestId('offer');
    expect(card.getAttribute('data-offer-id')).toBe('301');
    expect(screen.getByTestId('offers').contains(card)).toBe(true);
    await waitFor(() => expect(plain(card.textContent)).toContain('(Met de fiets)'));
    const text = plain(card.textContent);
    // Without a rate set by the worker's organisation: no amount at all, and never the
    // poster's price from the catalogue (€ 24,00 per uur).
    expect(text).not.toContain('€');
    expect(within(card).queryByTestId('offer-pay')).toBeNull();
    expect(text).toContain('Poetsen');
    expect(text).toContain('Genk');
    expect(text).toContain('Morgen · 09:00–11:00');
    expect(text).toContain('ongeveer 15 minuten reizen');
    expect(text).toContain('Een buddy gaat met je mee.');
    await waitFor(() => expect(text + plain(card.textContent)).toContain('(Met de fiets)'));
    expect(within(card).getByTestId('offer-countdown-text').textContent).toBe('nog 12 minuten');
    // A screen reader hears it politely, rounded so that it does not speak every second.
    const live = within(card).getByTestId('offer-countdown').querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('nog 15 minuten');
    expect(within(card).getByTestId('offer-accept').textContent).toBe('Ja, ik doe het');
    expect(within(card).getByTestId('offer-decline').textContent).toBe('Nee');
    expect(screen.queryByTestId('offers-empty')).toBeNull();
  });

  it('shows the worker\'s pay estimate when their organisation sets a rate, not the poster\'s price', async () => {
    workerApi({}, [offer({ pay_estimate_cents: 2500 })]);
    renderAt('/');
    const card = await screen.findByTestId('offer');
    expect(plain(within(card).getByTestId('offer-pay').textContent)).toBe('Je verdient ongeveer € 25,00');
    expect(plain(card.textContent)).not.toContain('24,00');
  });

  it('shows the day offered to this worker (a job with a window of days sends each offer its own day)', async () => {
    workerApi({}, [offer({ start: '2026-12-04T10:00:00+01:00', end: '2026-12-04T12:00:00+01:00' })]);
    renderAt('/');
    const card = await screen.findByTestId('offer');
    expect(plain(card.textContent)).toContain('vr 4 december · 10:00–12:00');
    expect(plain(card.textContent)).not.toContain('Een dag tussen');
  });

  it('counts down every second and drops an offer when its time is up', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW);
    workerApi({}, [offer(), offer({ id: 302, job_id: 78, expires_at: '2026-12-01T10:00:30+01:00' })]);
    renderAt('/');
    await waitFor(() => expect(cards()).toHaveLength(2));
    const countdowns = () => screen.getAllByTestId('offer-countdown-text').map((c) => c.textContent);
    expect(countdowns()).toEqual(['nog 12 minuten', 'nog 30 seconden']);

    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(countdowns()).toEqual(['nog 11 minuten', 'nog 20 seconden']);

    act(() => {
      vi.advanceTimersByTime(20_000);
    });
    expect(cards().map((c) => c.getAttribute('data-offer-id'))).toEqual(['301']);

    act(() => {
      vi.advanceTimersByTime(11 * 60_000 + 30_000);
    });
    expect(cards()).toHaveLength(0);
    expect(screen.getByTestId('offers-empty')).toBeTruthy();
  });

  it('with a buddy still to find, says the place is held, not that the job is theirs', async () => {
    workerApi({ 'POST /api/v1/offers/301/accept': ok({ assignment: assignment(77, {}, { state: 'searching' }) }) }, [offer({ needs_buddy: true })]);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('offer-accept'));
    const held = await screen.findByTestId('offer-held');
    expect(plain(held.textContent)).toContain('Je plaats is vastgehouden');
    expect(plain(held.textContent)).toContain(
      'Poetsen, Morgen · 09:00–11:00. We zoeken nog een buddy. De klus is pas zeker als een buddy ja zegt.',
    );
    expect(plain(held.textContent)).not.toContain('Je hebt de klus!');
    expect(screen.queryByTestId('offer-accepted')).toBeNull();
    expect(held.querySelector('.result__heading svg')).not.toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(held));
    const booked = await screen.findByTestId('assignment');
    expect(within(booked).getByTestId('assignment-buddy').dataset.state).toBe('searching');
  });

  it('with a buddy confirmed (or none needed), the job is theirs', async () => {
    workerApi({ 'POST /api/v1/offers/301/accept': ok({ assignment: assignment(77, {}, { state: 'confirmed', first_name: 'Lien' }) }) });
    renderAt('/');
    fireEvent.click(await screen.findByTestId('offer-accept'));
    expect(plain((await screen.findByTestId('offer-accepted')).textContent)).toContain('Je hebt de klus!');
    expect(screen.queryByTestId('offer-held')).toBeNull();
  });

  it.each([
    ['no_buddy', 'Geen buddy vrij', 'Er is geen buddy vrij om mee te gaan. Je jobcoach weet het.'],
    ['changed', 'De klus is veranderd', 'De klant heeft de klus aangepast. Je krijgt misschien een nieuw aanbod.'],
  ])('a 409 %s gets its own heading and words', async (reason, heading, text) => {
    workerApi({ 'POST /api/v1/offers/301/accept': problemDoc(409, { code: 'conflict', reason, detail: 'Something technical.' }) });
    renderAt('/');
    fireEvent.click(await screen.findByTestId('offer-accept'));
    const conflict = await screen.findByTestId('offer-conflict');
    expect(within(conflict).getByText(heading)).toBeTruthy();
    const words = within(conflict).getByTestId('offer-conflict-text');
    expect(words.dataset.reason).toBe(reason);
    expect(words.textContent).toBe(text);
    expect(plain(conflict.textContent)).not.toContain('Something technical.');
    expect(cards()).toHaveLength(0);
  });

  it('a 409 says kindly that someone was quicker, and the card goes', async () => {
    const { calls } = workerApi(
      {
        'POST /api/v1/offers/301/accept': problemDoc(409, { code: 'conflict', title: 'Conflict', detail: 'Alle plaatsen voor deze klus zijn al ingenomen.' }),
      },
      [offer(), offer({ id: 302, job_id: 78 })],
    );
    renderAt('/');
    await waitFor(() => expect(cards()).toHaveLength(2));
    fireEvent.click(within(cards()[0]!).getByTestId('offer-accept'));
    const conflict = await screen.findByTestId('offer-conflict');
    expect(plain(conflict.textContent)).toContain('Iemand was je voor');
    expect(plain(conflict.textContent)).toContain('Alle plaatsen voor deze klus zijn al ingenomen.');
    await waitFor(() => expect(document.activeElement).toBe(conflict));
    expect(cards().map((c) => c.getAttribute('data-offer-id'))).toEqual(['302']);
    expect(screen.queryByTestId('offer-accepted')).toBeNull();
    expect(calls.filter((c) => c.path === '/api/v1/offers/301/accept')).toHaveLength(1);

    fireEvent.click(within(conflict).getByRole('button', { name: 'OK' }));
    expect(screen.queryByTestId('offer-conflict')).toBeNull();
  });

  it('other 409s keep the server’s words under a kind heading', async () => {
    workerApi({ 'POST /api/v1/offers/301/accept': problemDoc(409, { code: 'conflict', detail: 'Je hebt op dat moment al een andere klus.' }) });
    renderAt('/');
    fireEvent.click(await screen.findByTestId('offer-accept'));
    const conflict = await screen.findByTestId('offer-conflict');
    expect(plain(conflict.textContent)).toContain('Je werkt dan al');
    expect(plain(conflict.textContent)).toContain('Je hebt op dat moment al een andere klus.');
  });

});

describe('my jobs', () => {
  it('lists the booked jobs with the exact address and a route link that opens outside', async () => {
    workerApi({}, [], [assignment(77), assignment(80, { start: '2026-12-05T13:00:00+01:00', end: '2026-12-05T15:00:00+01:00' })]);
    renderAt('/');
    const list = await screen.findByTestId('assignments');
    const items = within(list).getAllByTestId('assignment');
    expect(items.map((i) => i.getAttribute('data-job-id'))).toEqual(['77', '80']);
    expect(plain(items[1]!.textContent)).toContain('za 5 december · 13:00–15:00');
    expect(within(items[0]!).getByTestId('assignment-address').textContent).toBe('Stationsstraat 12, 3600 Genk');
    const route = within(items[0]!).getByRole('link', { name: /Route/ });
    expect(route.getAttribute('href')).toBe('https://www.google.com/maps/dir/?api=1&destination=50.96,5.5&travelmode=bicycling');
    expect(route.getAttribute('target')).toBe('_blank');
    expect(route.getAttribute('rel')).toContain('noopener');
    expect(await screen.findByTestId('offers-empty')).toBeTruthy();
  });
});

describe('buddy and dropping out on my jobs', () => {
  it('says whether a buddy comes along', async () => {
    workerApi({}, [], [
      assignment(77, {}, { state: 'confirmed', first_name: 'Jan' }),
      assignment(80, { start: '2026-12-05T13:00:00+01:00', end: '2026-12-05T15:00:00+01:00' }, { state: 'searching' }),
      assignment(81, { start: '2026-12-06T13:00:00+01:00', end: '2026-12-06T15:00:00+01:00' }, { state: 'none' }),
    ]);
    renderAt('/');
    const items = await screen.findAllByTestId('assignment');
    const buddy = (i: number) => within(items[i]!).queryByTestId('assignment-buddy');
    expect(buddy(0)!.textContent).toBe('Je buddy Jan gaat mee.');
    expect(buddy(0)!.dataset.state).toBe('confirmed');
    expect(buddy(0)!.querySelector('svg')).toBeTruthy();
    expect(plain(buddy(1)!.textContent)).toBe('We zoeken nog een buddy voor je. De klus is pas zeker als een buddy ja zegt.');
    expect(buddy(1)!.dataset.state).toBe('searching');
    expect(buddy(2)).toBeNull();
  });

  it('drops out after a confirm that says it is not late, then the job goes with a clear notice', async () => {
    const later = { start: '2026-12-04T09:00:00+01:00', end: '2026-12-04T11:00:00+01:00' };
    const { calls } = workerApi({ 'POST /api/v1/me/assignments/77/drop-out': ok({ late: false }) }, [], [assignment(77, later), assignment(80, { start: '2026-12-05T13:00:00+01:00', end: '2026-12-05T15:00:00+01:00' })]);
    renderAt('/');
    const first = (await screen.findAllByTestId('assignment'))[0]!;
    const button = within(first).getByTestId('assignment-dropout');
    expect(button.textContent).toBe('Ik kan toch niet');
    fireEvent.click(button);
    const question = within(first).getByTestId('assignment-dropout-question');
    expect(question.dataset.late).toBe('false');
    expect(question.textContent).toContain('Wil je afzeggen? Dan zoeken we iemand anders.');
    expect(question.textContent).not.toContain('coach');
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(within(first).getByTestId('assignment-dropout-confirm'));
    const done = await screen.findByTestId('dropout-done');
    expect(plain(done.textContent)).toContain('Je hebt afgezegd');
    expect(plain(done.textContent)).toContain('Poetsen, vr 4 december · 09:00–11:00. We zoeken iemand anders.');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(screen.getAllByTestId('assignment').map((a) => a.dataset.jobId)).toEqual(['80']);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/me/assignments/77/drop-out');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-worker');
  });

  it('within 24 hours, the confirm says the coach is told', async () => {
    workerApi({ 'POST /api/v1/me/assignments/77/drop-out': ok({ late: true }) }, [], [assignment(77)]);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('assignment-dropout'));
    const question = screen.getByTestId('assignment-dropout-question');
    expect(question.dataset.late).toBe('true');
    expect(question.textContent).toContain('Wil je afzeggen? De klus begint binnen 24 uur. Daarom krijgt je coach een bericht.');
    fireEvent.click(screen.getByTestId('assignment-dropout-confirm'));
    expect(plain((await screen.findByTestId('dropout-done')).textContent)).toContain('Je coach krijgt een bericht.');
    expect(screen.getByTestId('assignments-empty')).toBeTruthy();
  });

  it('after the start (409 started), says to call the coach and keeps the job', async () => {
    workerApi({ 'POST /api/v1/me/assignments/77/drop-out': problemDoc(409, { code: 'conflict', reason: 'started', detail: 'The job has started.' }) }, [], [assignment(77)]);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('assignment-dropout'));
    fireEvent.click(screen.getByTestId('assignment-dropout-confirm'));
    const alert = await within(screen.getByTestId('assignment-dropout-question')).findByRole('alert');
    expect(alert.textContent).toBe('De klus is al begonnen. Afzeggen kan niet meer in de app. Bel je coach.');
    expect(screen.getAllByTestId('assignment')).toHaveLength(1);
    expect(screen.queryByTestId('dropout-done')).toBeNull();
  });

  it('"Nee, ik ga wel" closes the question without sending anything', async () => {
    const { calls } = workerApi({}, [], [assignment(77)]);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('assignment-dropout'));
    fireEvent.click(screen.getByRole('button', { name: 'Nee, ik ga wel' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('assignment-dropout')));
    expect(screen.queryByTestId('assignment-dropout-question')).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('has no drop-out button once the job has started', async () => {
    workerApi({}, [], [assignment(77, { state: 'in_progress', start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T12:00:00+01:00' })]);
    renderAt('/');
    await screen.findByTestId('assignment');
    expect(screen.queryByTestId('assignment-dropout')).toBeNull();
  });
});

describe('not for this customer again', () => {
  it('asks first, in plain words, and sends nothing yet', async () => {
    const { calls } = workerApi({}, [], [assignment(77)]);
    renderAt('/');
    const card = await screen.findByTestId('assignment');
    const button = within(card).getByTestId('assignment-never-again');
    expect(button.textContent).toBe('Niet meer voor deze klant');
    expect(button.querySelector('svg')).toBeTruthy();
    expect(button.getAttribute('aria-describedby')).toBe('assignment-77-title');
    fireEvent.click(button);
    const question = within(card).getByTestId('assignment-never-again-question');
    expect(question.getAttribute('role')).toBe('group');
    expect(plain(question.textContent)).toContain(
      'Geen klussen meer van deze klant? Dan krijg je van deze klant nooit meer een klus. Deze klus blijft staan. De klant krijgt geen bericht. Je coach kan dit terugdraaien.',
    );
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(within(question).getByRole('button', { name: 'Nee, laat maar' }));
    await waitFor(() => expect(document.activeElement).toBe(within(card).getByTestId('assignment-never-again')));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('sends no body (it means the worker), then a calm notice; the job stays', async () => {
    const { calls } = workerApi({ 'POST /api/v1/jobs/77/never-again': noContent() }, [], [assignment(77)]);
    renderAt('/');
    const card = await screen.findByTestId('assignment');
    fireEvent.click(within(card).getByTestId('assignment-never-again'));
    const confirm = within(card).getByTestId('assignment-never-again-confirm');
    expect(confirm.textContent).toBe('Ja, niet meer voor deze klant');
    fireEvent.click(confirm);
    const done = await within(card).findByTestId('assignment-never-again-done');
    expect(done.textContent).toBe('Oké. Je krijgt geen klussen meer van deze klant. Je coach kan dit terugdraaien.');
    expect(done.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(screen.getAllByTestId('assignment')).toHaveLength(1);
    expect(within(card).queryByTestId('assignment-never-again')).toBeNull();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/jobs/77/never-again');
    expect(post.init.body).toBeUndefined();
    expect(post.headers.get('Content-Type')).toBeNull();
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-worker');
  });

  it('says plainly when the worker is no longer on the job (404) or there is no connection', async () => {
    workerApi(
      {
        'POST /api/v1/jobs/77/never-again': [
          problemDoc(404, { code: 'not_found', detail: 'There is no such person on this job.' }),
          () => Promise.reject(new TypeError('Failed to fetch')),
        ],
      },
      [],
      [assignment(77)],
    );
    renderAt('/');
    fireEvent.click(await screen.findByTestId('assignment-never-again'));
    const question = screen.getByTestId('assignment-never-again-question');
    fireEvent.click(screen.getByTestId('assignment-never-again-confirm'));
    expect((await within(question).findByRole('alert')).textContent).toBe('Dat lukte niet: je staat niet meer op deze klus. Vraag het aan je coach.');
    fireEvent.click(screen.getByTestId('assignment-never-again-confirm'));
    await waitFor(() => expect(within(question).getByRole('alert').textContent).toContain('Geen verbinding met Klusbuddy.'));
    expect(screen.queryByTestId('assignment-never-again-done')).toBeNull();
  });

  it('is there after the start too', async () => {
    workerApi({}, [], [assignment(77, { state: 'in_progress', start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T12:00:00+01:00' })]);
    renderAt('/');
    const card = await screen.findByTestId('assignment');
    expect(within(card).queryByTestId('assignment-dropout')).toBeNull();
    expect(within(card).getByTestId('assignment-never-again')).toBeTruthy();
  });
});

describe('refresh', () => {
  it('reloads offers and jobs the moment news comes over the socket, and acks it', async () => {
    const { calls } = workerApi({
      'GET /api/v1/offers': [ok({ offers: [offer()] }), ok({ offers: [offer(), offer({ id: 302, job_id: 78 })] }), ok({ offers: [offer({ id: 302, job_id: 78 })] })],
      'GET /api/v1/me/assignments': [ok({ assignments: [] }), ok({ assignments: [assignment(90)] }), ok({ assignments: [assignment(90)] })],
    });
    renderAt('/');
    await waitFor(() => expect(cards()).toHaveLength(1));
    const ws = FakeWebSocket.last;
    expect(ws.url).toBe(`ws://${location.host}/api/v1/ws`);
    // The first connection of this tab only catches up: the lists were just loaded.
    act(() => {
      ws.open().ready(4);
    });
    expect(calls.filter((c) => c.path === '/api/v1/offers')).toHaveLength(1);

    act(() => {
      ws.event(5, 'offer_new', { offer_id: 302, job_id: 78 });
    });
    await waitFor(() => expect(cards()).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('assignment').getAttribute('data-job-id')).toBe('90'));
    expect(ws.acks()).toEqual([5]);

    // Someone else took the first one: its card goes, without a reload.
    act(() => {
      ws.event(6, 'offer_taken', { offer_id: 301, job_id: 77 });
    });
    await waitFor(() => expect(cards().map((c) => c.getAttribute('data-offer-id'))).toEqual(['302']));
    expect(calls.filter((c) => c.path === '/api/v1/offers')).toHaveLength(3);
    expect(calls.some((c) => c.path === '/api/v1/notifications')).toBe(false);
  });

  it('reloads when the window gets focus', async () => {
    const { calls } = workerApi({ 'GET /api/v1/offers': [ok({ offers: [offer()] }), ok({ offers: [] })] });
    renderAt('/');
    await screen.findByTestId('offer');
    fireEvent(window, new Event('focus'));
    expect(await screen.findByTestId('offers-empty')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/v1/offers')).toHaveLength(2);
  });

  it('polls /notifications when the socket cannot connect', async () => {
    sessionStorage.setItem('klusbuddy.news.12', '4');
    const { calls } = workerApi({
      'GET /api/v1/notifications?after=4': ok({ notifications: [{ id: 5, kind: 'offer_new', data: { offer_id: 302 }, created_at: '2026-12-01T09:00:00Z' }] }),
      'GET /api/v1/offers': [ok({ offers: [offer()] }), ok({ offers: [offer(), offer({ id: 302, job_id: 78 })] })],
    });
    renderAt('/');
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(FakeWebSocket.last.url.endsWith('?after=4')).toBe(true);
    act(() => {
      FakeWebSocket.last.fail();
    });
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(calls.filter((c) => c.path === '/api/v1/notifications').map((c) => c.url.search)).toEqual(['?after=4']);
  });
});

describe('turning on notifications', () => {
  const pushRoutes = {
    'GET /api/v1/push/key': ok({ public_key: SERVER_KEY }),
    'PUT /api/v1/me/push-subscription': noContent(),
  };
  const putSubscription = (calls: ReturnType<typeof mockApi>['calls']) =>
    calls.filter((c) => c.method === 'PUT' && c.path === '/api/v1/me/push-subscription');

  it('asks once an offer is on screen: our card first, the browser’s question only after the tap', async () => {
    const push = stubPush({ answer: 'granted' });
    const { calls } = workerApi(pushRoutes);
    renderAt('/');
    const card = await screen.findByTestId('push-ask');
    expect(screen.getByTestId('offers')).toBeTruthy();
    expect(push.notification.requestPermission).not.toHaveBeenCalled();
    expect(within(card).getByRole('heading', { name: 'Meldingen aanzetten?' })).toBeTruthy();
    expect(card.textContent).toContain('Wil je meteen weten als er een klus voor je is, ook als de app dicht is?');
    expect(putSubscription(calls)).toHaveLength(0);

    fireEvent.click(within(card).getByRole('button', { name: 'Meldingen aanzetten' }));
    const on = await screen.findByTestId('push-on');
    expect(on.textContent).toBe('Meldingen staan aan. Je krijgt een bericht, ook als de app dicht is.');
    expect(on.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(on));
    expect(push.notification.requestPermission).toHaveBeenCalledTimes(1);
    expect(push.pushManager.subscribe).toHaveBeenCalledTimes(1);
    expect(putSubscription(calls)).toHaveLength(1);
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });

  it('does not ask on a first visit without offers, nor where push does not work', async () => {
    stubPush();
    workerApi(pushRoutes, []);
    renderAt('/');
    await screen.findByTestId('offers-empty');
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });

  it('never asks in a build without a service worker', async () => {
    workerApi();
    renderAt('/');
    await screen.findByTestId('offer');
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });

  it('"Niet nu" hides the card and is remembered for this user', async () => {
    const push = stubPush();
    workerApi(pushRoutes);
    renderAt('/');
    const card = await screen.findByTestId('push-ask');
    fireEvent.click(within(card).getByRole('button', { name: 'Niet nu' }));
    expect(screen.queryByTestId('push-ask')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Nieuwe klussen voor jou' }));
    expect(push.notification.requestPermission).not.toHaveBeenCalled();
    expect(localStorage.getItem('klusbuddy.push.notNow.12')).toBe(String(NOW.getTime()));

    cleanup();
    forgetNews();
    renderAt('/');
    await screen.findByTestId('offer');
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });

  it('says where to change it when the browser refuses, and shows nothing once refused', async () => {
    stubPush({ answer: 'denied' });
    const { calls } = workerApi(pushRoutes);
    renderAt('/');
    fireEvent.click(within(await screen.findByTestId('push-ask')).getByTestId('push-ask-yes'));
    expect((await screen.findByTestId('push-denied')).textContent).toContain('Meldingen staan uit.');
    expect(putSubscription(calls)).toHaveLength(0);

    cleanup();
    forgetNews();
    stubPush({ permission: 'denied' });
    workerApi(pushRoutes);
    renderAt('/');
    await screen.findByTestId('offer');
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });

  it('keeps the card, with an error, when subscribing fails', async () => {
    stubPush({ answer: 'granted' });
    workerApi({ ...pushRoutes, 'PUT /api/v1/me/push-subscription': problemDoc(503) });
    renderAt('/');
    fireEvent.click(within(await screen.findByTestId('push-ask')).getByTestId('push-ask-yes'));
    expect((await screen.findByTestId('push-ask-error')).textContent).toBe('Er ging iets mis bij ons. Probeer het over een paar minuten opnieuw.');
    expect(screen.getByTestId('push-ask-yes')).toBeTruthy();
  });

  it('renews the subscription quietly at start when notifications are on', async () => {
    const push = stubPush({ permission: 'granted' });
    const { calls } = workerApi(pushRoutes);
    renderAt('/');
    await screen.findByTestId('offer');
    await waitFor(() => expect(putSubscription(calls)).toHaveLength(1));
    expect(push.notification.requestPermission).not.toHaveBeenCalled();
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });

  it('drops the subscription on this phone at sign-out', async () => {
    const push = stubPush({ permission: 'granted', existingKey: [4, 1, 2, 3] });
    workerApi({ ...pushRoutes, 'POST /api/v1/logout': noContent() });
    renderAt('/');
    await screen.findByTestId('offer');
    fireEvent.click(screen.getByTestId('logout'));
    await waitFor(() => expect(push.unsubscribed).toEqual(['https://push.example/4-1-2-3']));
  });
});
