// What the worker's offer card and the buddy's request card do alike (answer-card.tsx), tested
// once for each: "yes" with an Idempotency-Key kept over a retry, "no" with or without a reason,
// "Terug". What is each home's own (their words after an answer, the 409s, the booked lists)
// stays in offers.test.tsx and buddy.test.tsx.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { accompaniment, answerClock, assignment, buddyApi, plain, workerApi } from '../test/answers';
import { noContent, ok, problemDoc } from '../test/fixtures';
import { renderAt } from '../test/render';
import { forgetTravelMode } from './offers';

answerClock(forgetTravelMode);

const homes = [
  {
    who: 'worker',
    api: workerApi,
    card: 'offer',
    yes: 'offer-accept',
    no: 'offer-decline',
    empty: 'offers-empty',
    path: '/api/v1/offers/301',
    yesPath: '/api/v1/offers/301/accept',
    yesAnswer: () => ok({ assignment: assignment() }),
    mine: () => ({}),
    keys: 'klusbuddy.offerKeys',
    csrf: 'csrf-worker',
    done: 'offer-accepted',
    doneText: ['Je hebt de klus!', 'Poetsen, Morgen · 09:00–11:00'],
    booked: 'assignment',
    bookedJob: '77',
  },
  {
    who: 'buddy',
    api: buddyApi,
    card: 'buddy-request',
    yes: 'buddy-request-confirm',
    no: 'buddy-request-decline',
    empty: 'requests-empty',
    path: '/api/v1/me/buddy-requests/7',
    yesPath: '/api/v1/me/buddy-requests/7/confirm',
    yesAnswer: () => ok({ accompaniment: accompaniment() }),
    // After a confirm the buddy's list loads again (buddy.test.tsx says why).
    mine: () => ({ 'GET /api/v1/me/accompaniments': [ok({ accompaniments: [] }), ok({ accompaniments: [accompaniment()] })] }),
    keys: 'klusbuddy.buddyRequestKeys',
    csrf: 'csrf-buddy',
    done: 'buddy-confirmed',
    doneText: ['Je gaat mee!', 'Poetsen, Morgen · 09:00–11:00, met Ahmed.'],
    booked: 'accompaniment',
    bookedJob: '12',
  },
] as const;

describe.each(homes)('the $who’s card', (h) => {
  const cards = () => screen.queryAllByTestId(h.card);

  it('says yes with an Idempotency-Key and the CSRF token, the same key on a retry, forgotten after the answer', async () => {
    const { calls } = h.api({
      [`POST ${h.yesPath}`]: [() => Promise.reject(new TypeError('Failed to fetch')), h.yesAnswer()],
      ...h.mine(),
    });
    renderAt('/');
    fireEvent.click(await screen.findByTestId(h.yes));
    expect((await within(cards()[0]!).findByRole('alert')).textContent).toContain('Geen verbinding');
    expect(cards()).toHaveLength(1);
    expect(sessionStorage.getItem(h.keys)).not.toBeNull();

    fireEvent.click(screen.getByTestId(h.yes));
    const done = await screen.findByTestId(h.done);
    for (const text of h.doneText) expect(plain(done.textContent)).toContain(text);
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(cards()).toHaveLength(0);

    const yeses = calls.filter((c) => c.path === h.yesPath);
    expect(yeses).toHaveLength(2);
    const key = yeses[0]!.headers.get('Idempotency-Key');
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(yeses[1]!.headers.get('Idempotency-Key')).toBe(key);
    for (const c of yeses) {
      expect(c.method).toBe('POST');
      expect(c.headers.get('X-CSRF-Token')).toBe(h.csrf);
    }
    expect(sessionStorage.getItem(h.keys)).toBeNull();

    // It moved to the list of what they go to, with the exact address.
    const booked = await screen.findByTestId(h.booked);
    expect(booked.getAttribute('data-job-id')).toBe(h.bookedJob);
    expect(within(booked).getByTestId(`${h.booked}-address`).textContent).toBe('Stationsstraat 12, 3600 Genk');
  });

  it('says no with a reason: the reasons instead of the buttons, then {reason}; the card goes', async () => {
    const { calls } = h.api({ [`POST ${h.path}/decline`]: noContent() });
    renderAt('/');
    fireEvent.click(await screen.findByTestId(h.no));
    const reasons = screen.getAllByTestId('decline-reason');
    expect(reasons.map((r) => [r.getAttribute('data-reason'), r.textContent])).toEqual([
      ['too_far', 'Te ver'],
      ['not_available', 'Niet beschikbaar'],
      ['not_this_work', 'Niet dit soort werk'],
      ['other', 'Iets anders'],
      ['', 'Nee bedankt'],
    ]);
    expect(screen.queryByTestId(h.yes)).toBeNull();
    fireEvent.click(reasons[1]!);
    await waitFor(() => expect(cards()).toHaveLength(0));
    const decline = calls.find((c) => c.path === `${h.path}/decline`);
    expect(decline?.method).toBe('POST');
    expect(decline?.body).toEqual({ reason: 'not_available' });
    expect(decline?.headers.get('X-CSRF-Token')).toBe(h.csrf);
    expect(screen.getByTestId(h.empty)).toBeTruthy();
    // A screen reader hears it; the focus goes to the list's heading.
    await waitFor(() => expect(document.activeElement?.tagName).toBe('H2'));
    expect(screen.getAllByRole('status').some((s) => s.textContent === 'Oké. Je zei nee.')).toBe(true);
  });

  it('says no without a reason: no body at all', async () => {
    const { calls } = h.api({ [`POST ${h.path}/decline`]: noContent() });
    renderAt('/');
    fireEvent.click(await screen.findByTestId(h.no));
    fireEvent.click(document.querySelector('[data-testid="decline-reason"][data-reason=""]')!);
    await waitFor(() => expect(cards()).toHaveLength(0));
    const decline = calls.find((c) => c.path === `${h.path}/decline`);
    expect(decline?.init.body).toBeUndefined();
    expect(decline?.headers.get('Content-Type')).toBeNull();
    expect(decline?.headers.get('X-CSRF-Token')).toBe(h.csrf);
  });

  it('"Terug" closes the reasons without sending anything, and gives the focus back to "Nee"', async () => {
    const { calls } = h.api();
    renderAt('/');
    fireEvent.click(await screen.findByTestId(h.no));
    fireEvent.click(screen.getByRole('button', { name: 'Terug' }));
    expect(screen.getByTestId(h.yes)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId(h.no)));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('keeps the card with the error when "no" fails, and lets it go when it was no longer open', async () => {
    const { calls } = h.api({
      [`POST ${h.path}/decline`]: [() => Promise.reject(new TypeError('Failed to fetch')), problemDoc(409, { code: 'conflict', reason: 'closed' })],
    });
    renderAt('/');
    fireEvent.click(await screen.findByTestId(h.no));
    fireEvent.click(document.querySelector('[data-testid="decline-reason"][data-reason="other"]')!);
    expect((await within(cards()[0]!).findByRole('alert')).textContent).toContain('Geen verbinding');
    fireEvent.click(document.querySelector('[data-testid="decline-reason"][data-reason="other"]')!);
    await waitFor(() => expect(cards()).toHaveLength(0));
    expect(calls.filter((c) => c.path === `${h.path}/decline`)).toHaveLength(2);
  });
});
