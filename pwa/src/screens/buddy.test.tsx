import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { noContent, ok, problemDoc } from '../test/fixtures';
import { FakeWebSocket } from '../test/fake-socket';
import { SERVER_KEY, stubPush } from '../test/push-stubs';
import { renderAt } from '../test/render';
import { accompaniment, answerClock, buddyApi, home, NOW, plain, request } from '../test/answers';

answerClock();

const cards = () => screen.queryAllByTestId('buddy-request');

describe("the buddy's home", () => {
  it('says the buddy volunteers with the organisation: a buddy has no coach of their own', async () => {
    buddyApi();
    renderAt('/');
    const page = await screen.findByTestId('buddy-home');
    expect(page.textContent).toContain('Je bent vrijwilliger bij Kompas Maatwerk Genk.');
    expect(page.textContent).not.toContain('Je coach');
  });
});

describe('requests to go along', () => {
  it('shows each request: category, day and times, place, travel, the worker, a countdown, two buttons', async () => {
    buddyApi();
    renderAt('/');
    expect(await screen.findByTestId('buddy-home')).toBeTruthy();
    const card = await screen.findByTestId('buddy-request');
    expect(card.dataset.requestId).toBe('7');
    await waitFor(() => expect(within(card).getByRole('heading', { level: 3 }).textContent).toBe('Poetsen'));
    expect(card.querySelector('.offer__icon svg')).toBeTruthy();
    const text = plain(card.textContent);
    expect(text).toContain('Morgen · 09:00–11:00');
    expect(text).toContain('Genk');
    expect(text).toContain('ongeveer 15 minuten reizen');
    // Not answered yet: asked, not told as if it were settled.
    expect(within(card).getByTestId('buddy-request-worker').textContent).toBe('Ga je mee met Ahmed?');
    expect(plain(card.textContent)).not.toContain('Je gaat mee met');
    expect(text).toContain('Eerste keer bij deze klant.');
    expect(within(card).getByTestId('buddy-request-countdown-text').textContent).toBe('nog 12 minuten');
    const live = within(card).getByTestId('buddy-request-countdown').querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('nog 15 minuten');
    expect(within(card).getByTestId('buddy-request-confirm').textContent).toBe('Ja, ik ga mee');
    expect(within(card).getByTestId('buddy-request-decline').textContent).toBe('Nee');
    expect(screen.queryByTestId('requests-empty')).toBeNull();
    expect(await screen.findByTestId('accompaniments-empty')).toBeTruthy();
  });

  it('counts down and drops a request when its time is up', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW);
    buddyApi({}, [request(), request({ id: 8, expires_at: '2026-12-01T10:00:20+01:00' })]);
    renderAt('/');
    await waitFor(() => expect(cards()).toHaveLength(2));
    const texts = () => screen.getAllByTestId('buddy-request-countdown-text').map((c) => c.textContent);
    expect(texts()).toEqual(['nog 12 minuten', 'nog 20 seconden']);
    act(() => {
      vi.advanceTimersByTime(21_000);
    });
    expect(cards().map((c) => c.dataset.requestId)).toEqual(['7']);
  });

  it('after a confirm, loads “Ik ga mee met” again so the promised address is really there', async () => {
    const { calls } = buddyApi({
      'POST /api/v1/me/buddy-requests/7/confirm': ok({ accompaniment: accompaniment(31) }),
      'GET /api/v1/me/accompaniments': [
        ok({ accompaniments: [] }),
        ok({ accompaniments: [accompaniment(31, { address: { ...home, street: 'Kerkstraat 4' } }), accompaniment(32, { id: 13, start: '2026-12-03T09:00:00+01:00', end: '2026-12-03T11:00:00+01:00' }, 'Lien')] }),
      ],
    });
    renderAt('/');
    expect(await screen.findByTestId('accompaniments-empty')).toBeTruthy();
    fireEvent.click(await screen.findByTestId('buddy-request-confirm'));
    await screen.findByTestId('buddy-confirmed');
    await waitFor(() => expect(screen.getAllByTestId('accompaniment')).toHaveLength(2));
    expect(calls.filter((c) => c.path === '/api/v1/me/accompaniments')).toHaveLength(2);
    const first = screen.getAllByTestId('accompaniment')[0]!;
    expect(within(first).getByTestId('accompaniment-address').textContent).toBe('Kerkstraat 4, 3600 Genk');
  });

  it('a 409 taken says kindly that another buddy was quicker, and the card goes', async () => {
    const { calls } = buddyApi(
      { 'POST /api/v1/me/buddy-requests/7/confirm': problemDoc(409, { code: 'conflict', reason: 'taken', detail: 'Another buddy confirmed first.' }) },
      [request(), request({ id: 8 })],
    );
    renderAt('/');
    await waitFor(() => expect(cards()).toHaveLength(2));
    fireEvent.click(within(cards()[0]!).getByTestId('buddy-request-confirm'));
    const conflict = await screen.findByTestId('buddy-conflict');
    expect(plain(conflict.textContent)).toContain('Een andere buddy was je voor');
    expect(plain(conflict.textContent)).toContain('Een andere buddy gaat al mee. Bedankt om te helpen!');
    await waitFor(() => expect(document.activeElement).toBe(conflict));
    expect(cards().map((c) => c.dataset.requestId)).toEqual(['8']);
    expect(screen.queryByTestId('buddy-confirmed')).toBeNull();
    expect(calls.filter((c) => c.path === '/api/v1/me/buddy-requests/7/confirm')).toHaveLength(1);

    fireEvent.click(within(conflict).getByRole('button', { name: 'OK' }));
    expect(screen.queryByTestId('buddy-conflict')).toBeNull();
  });

  it.each([
    ['expired', 'Te laat', 'De tijd om te antwoorden is voorbij.'],
    ['cancelled', 'De klus gaat niet door', 'De klant heeft de klus geannuleerd.'],
    ['booked', 'Je gaat dan al ergens mee', 'Op dat moment ga je al mee met een andere klus.'],
    ['closed', 'Deze vraag is niet meer open', 'Er is geen buddy meer nodig voor deze klus.'],
    ['something-new', 'Deze vraag is niet meer open', 'De server zegt iets nieuws.'],
  ])('a 409 %s gets its own plain message', async (reason, heading, text) => {
    buddyApi({ 'POST /api/v1/me/buddy-requests/7/confirm': problemDoc(409, { code: 'conflict', reason, detail: 'De server zegt iets nieuws.' }) });
    renderAt('/');
    fireEvent.click(await screen.findByTestId('buddy-request-confirm'));
    const conflict = await screen.findByTestId('buddy-conflict');
    expect(within(conflict).getByText(heading)).toBeTruthy();
    expect(within(conflict).getByTestId('buddy-conflict-text').textContent).toBe(text);
  });

});

describe('jobs I go along with', () => {
  it('lists them soonest first with the exact address, the worker and a route link', async () => {
    buddyApi({}, [], [accompaniment(32, { start: '2026-12-05T13:00:00+01:00', end: '2026-12-05T15:00:00+01:00' }, 'Lien'), accompaniment(31)]);
    renderAt('/');
    const list = await screen.findByTestId('accompaniments');
    const items = within(list).getAllByTestId('accompaniment');
    expect(items.map((i) => i.dataset.id)).toEqual(['31', '32']);
    expect(within(items[0]!).getByTestId('accompaniment-address').textContent).toBe('Stationsstraat 12, 3600 Genk');
    expect(within(items[0]!).getByTestId('accompaniment-worker').textContent).toBe('Je gaat mee met Ahmed.');
    expect(within(items[1]!).getByTestId('accompaniment-worker').textContent).toBe('Je gaat mee met Lien.');
    expect(plain(items[1]!.textContent)).toContain('za 5 december · 13:00–15:00');
    const route = within(items[0]!).getByRole('link', { name: /Route/ });
    expect(route.getAttribute('href')).toBe('https://www.google.com/maps/dir/?api=1&destination=50.96,5.5&travelmode=bicycling');
    expect(route.getAttribute('target')).toBe('_blank');
    expect(await screen.findByTestId('requests-empty')).toBeTruthy();
  });

  it('drops out after a confirm; late: the worker and the coach are told', async () => {
    const { calls } = buddyApi({ 'POST /api/v1/me/accompaniments/31/drop-out': ok({ late: true }) }, [], [accompaniment(31)]);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('accompaniment-dropout'));
    const question = screen.getByTestId('accompaniment-dropout-question');
    expect(question.dataset.late).toBe('true');
    expect(question.textContent).toContain('De klus begint binnen 24 uur. Ahmed en de coach krijgen een bericht.');
    fireEvent.click(screen.getByTestId('accompaniment-dropout-confirm'));
    const done = await screen.findByTestId('accompaniment-dropout-done');
    expect(plain(done.textContent)).toContain('Poetsen, Morgen · 09:00–11:00. Ahmed en de coach krijgen een bericht.');
    expect(screen.queryByTestId('accompaniment')).toBeNull();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/me/accompaniments/31/drop-out');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-buddy');
  });

  it('more than 24 hours ahead the question says the worker is told and another buddy is asked', async () => {
    buddyApi({}, [], [accompaniment(31, { start: '2026-12-05T13:00:00+01:00', end: '2026-12-05T15:00:00+01:00' })]);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('accompaniment-dropout'));
    const question = screen.getByTestId('accompaniment-dropout-question');
    expect(question.dataset.late).toBe('false');
    expect(question.textContent).toContain('Wil je afzeggen? Ahmed krijgt een bericht. We zoeken een andere buddy.');
  });

  it('after the start (409 started), says to call the coach', async () => {
    buddyApi({ 'POST /api/v1/me/accompaniments/31/drop-out': problemDoc(409, { code: 'conflict', reason: 'started' }) }, [], [accompaniment(31)]);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('accompaniment-dropout'));
    fireEvent.click(screen.getByTestId('accompaniment-dropout-confirm'));
    expect((await screen.findByRole('alert')).textContent).toContain('Bel de coach.');
    expect(screen.getByTestId('accompaniment')).toBeTruthy();
  });
});

describe('not for this customer again (buddy)', () => {
  it('asks first, worded for a buddy, then sends no body and shows a calm notice', async () => {
    const { calls } = buddyApi({ 'POST /api/v1/jobs/12/never-again': noContent() }, [], [accompaniment(31)]);
    renderAt('/');
    const card = await screen.findByTestId('accompaniment');
    const button = within(card).getByTestId('accompaniment-never-again');
    expect(button.textContent).toBe('Niet meer voor deze klant');
    expect(button.querySelector('svg')).toBeTruthy();
    fireEvent.click(button);
    const question = within(card).getByTestId('accompaniment-never-again-question');
    expect(plain(question.textContent)).toContain(
      'Niet meer meegaan bij deze klant? Dan vragen we je nooit meer om mee te gaan bij deze klant. Deze klus blijft staan. De klant krijgt geen bericht. De coach kan dit terugdraaien.',
    );
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(within(card).getByRole('button', { name: 'Ja, niet meer bij deze klant' }));
    const done = await within(card).findByTestId('accompaniment-never-again-done');
    expect(done.textContent).toBe('Oké. We vragen je niet meer om mee te gaan bij deze klant. De coach kan dit terugdraaien.');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(screen.getAllByTestId('accompaniment')).toHaveLength(1);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/jobs/12/never-again');
    expect(post.init.body).toBeUndefined();
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-buddy');
  });

  it('says plainly when the buddy no longer goes along (404)', async () => {
    buddyApi({ 'POST /api/v1/jobs/12/never-again': problemDoc(404, { code: 'not_found' }) }, [], [accompaniment(31)]);
    renderAt('/');
    fireEvent.click(await screen.findByTestId('accompaniment-never-again'));
    fireEvent.click(screen.getByTestId('accompaniment-never-again-confirm'));
    const alert = await within(screen.getByTestId('accompaniment-never-again-question')).findByRole('alert');
    expect(alert.textContent).toBe('Dat lukte niet: je gaat niet meer mee met deze klus. Vraag het aan de coach.');
    expect(screen.queryByTestId('accompaniment-never-again-done')).toBeNull();
  });
});

describe('refresh', () => {
  it('reloads both lists when news comes over the socket: requests appear and go', async () => {
    const { calls } = buddyApi({
      'GET /api/v1/me/buddy-requests': [ok({ requests: [request()] }), ok({ requests: [request(), request({ id: 8 })] }), ok({ requests: [request({ id: 8 })] })],
      'GET /api/v1/me/accompaniments': [ok({ accompaniments: [] }), ok({ accompaniments: [accompaniment(40)] }), ok({ accompaniments: [accompaniment(40)] })],
    });
    renderAt('/');
    await waitFor(() => expect(cards()).toHaveLength(1));
    const ws = FakeWebSocket.last;
    act(() => {
      ws.open().ready(4).event(5, 'buddy_request', { request_id: 8, job_id: 13 });
    });
    await waitFor(() => expect(cards()).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('accompaniment').dataset.id).toBe('40'));
    expect(calls.filter((c) => c.path === '/api/v1/me/accompaniments')).toHaveLength(2);

    act(() => {
      ws.event(6, 'buddy_request_closed', { request_id: 7, job_id: 12 });
    });
    await waitFor(() => expect(cards().map((c) => c.dataset.requestId)).toEqual(['8']));
    await waitFor(() => expect(ws.acks()).toEqual([5, 6]));
  });

  it('shows a retry when the requests cannot load', async () => {
    buddyApi({ 'GET /api/v1/me/buddy-requests': [problemDoc(503), ok({ requests: [request()] })] });
    renderAt('/');
    const failed = await screen.findByTestId('load-error');
    fireEvent.click(within(failed).getByRole('button'));
    expect(await screen.findByTestId('buddy-request')).toBeTruthy();
  });
});

describe('turning on notifications', () => {
  it('asks a buddy once a request is on screen, in words about going along', async () => {
    const push = stubPush({ answer: 'granted' });
    const { calls } = buddyApi({
      'GET /api/v1/push/key': ok({ public_key: SERVER_KEY }),
      'PUT /api/v1/me/push-subscription': noContent(),
    });
    renderAt('/');
    const card = await screen.findByTestId('push-ask');
    expect(screen.getByTestId('buddy-requests')).toBeTruthy();
    expect(card.textContent).toContain('Wil je meteen weten als iemand een buddy nodig heeft, ook als de app dicht is?');
    fireEvent.click(within(card).getByRole('button', { name: 'Meldingen aanzetten' }));
    await screen.findByTestId('push-on');
    expect(push.notification.requestPermission).toHaveBeenCalledTimes(1);
    expect(calls.some((c) => c.method === 'PUT' && c.path === '/api/v1/me/push-subscription')).toBe(true);
  });

  it('waits while there is no request', async () => {
    stubPush();
    buddyApi({}, []);
    renderAt('/');
    await screen.findByTestId('requests-empty');
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });
});
