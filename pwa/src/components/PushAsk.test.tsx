// The notification ask at the right time (issue 14): right after the PIN is set, again with the
// first offer after "Niet nu", and an honest word where this browser or window cannot do push.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetNews } from '../live';
import { answeredAtStart, askAtStart, markJoined, refusedHere } from '../push';
import { answerClock, offer, workerApi } from '../test/answers';
import { categoriesBody, mockApi, noContent, ok, session, signedOut, user, workerProfile } from '../test/fixtures';
import { SERVER_KEY, stubPush } from '../test/push-stubs';
import { renderAt } from '../test/render';
import { forgetTravelMode } from '../screens/offers';

answerClock(forgetTravelMode);
afterEach(() => window.history.replaceState(null, '', '/'));

const pushRoutes = {
  'GET /api/v1/push/key': ok({ public_key: SERVER_KEY }),
  'PUT /api/v1/me/push-subscription': noContent(),
};
const CANNOT = 'Deze browser of dit venster kan geen meldingen krijgen.';

/** A worker without offers yet who just set their PIN on the invite screen. */
async function joinWithPin(offers = [] as ReturnType<typeof offer>[]) {
  let signedIn = false;
  const api = mockApi({
    'GET /api/v1/session': () => (signedIn ? ok(session('worker'))() : signedOut()),
    'POST /api/v1/invites/lookup': ok({ first_name: 'Ayşe', role: 'worker', organisation: 'Kompas', secret_kinds: ['pin'], expires_at: '2026-12-03T14:00:00Z' }),
    'POST /api/v1/invites/accept': () => {
      signedIn = true;
      return ok(session('worker'))();
    },
    'GET /api/v1/categories': ok(categoriesBody),
    'GET /api/v1/me/profile': ok({ user: user('worker'), worker: workerProfile() }),
    'GET /api/v1/offers': ok({ offers }),
    'GET /api/v1/me/assignments': ok({ assignments: [] }),
    'GET /api/v1/notifications': ok({ notifications: [] }),
    ...pushRoutes,
  });
  renderAt('/invite#tok-9');
  await screen.findByTestId('invite-welcome');
  for (const name of ['pin', 'pin_confirm']) fireEvent.input(document.querySelector(`input[name="${name}"]`)!, { target: { value: '482913' } });
  fireEvent.click(screen.getByTestId('invite-submit'));
  await screen.findByTestId('worker-home');
  return api;
}

/** The next visit to the home, in the same tab. */
async function again(offers = [offer()]) {
  cleanup();
  forgetNews();
  workerApi(pushRoutes, offers);
  renderAt('/');
  await screen.findByTestId(offers.length ? 'offer' : 'offers-empty');
}

describe('asking right after the PIN is set', () => {
  it('asks at once, without any offer, with its explanation; "Ja" turns notifications on', async () => {
    const push = stubPush({ answer: 'granted' });
    const { calls } = await joinWithPin();
    const card = await screen.findByTestId('push-ask');
    expect(await screen.findByTestId('offers-empty')).toBeTruthy();
    expect(card.textContent).toContain('Wil je meteen weten als er een klus voor je is, ook als de app dicht is?');
    expect(push.notification.requestPermission).not.toHaveBeenCalled();
    fireEvent.click(within(card).getByTestId('push-ask-yes'));
    expect(await screen.findByTestId('push-on')).toBeTruthy();
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT' && c.path === '/api/v1/me/push-subscription')).toHaveLength(1));
    // Answered: the next visit does not ask again.
    await again([]);
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });

  it('after "Niet nu" there, asks again with the first offer; a "Niet nu" then holds', async () => {
    const push = stubPush();
    await joinWithPin();
    fireEvent.click(within(await screen.findByTestId('push-ask')).getByTestId('push-ask-no'));
    expect(screen.queryByTestId('push-ask')).toBeNull();
    expect(localStorage.getItem('klusbuddy.push.notNowStart.12')).not.toBeNull();
    expect(localStorage.getItem('klusbuddy.push.notNow.12')).toBeNull();
    // Still no offer: no card.
    await again([]);
    expect(screen.queryByTestId('push-ask')).toBeNull();
    // The first offer: asked again.
    await again([offer()]);
    fireEvent.click(within(await screen.findByTestId('push-ask')).getByTestId('push-ask-no'));
    expect(localStorage.getItem('klusbuddy.push.notNow.12')).not.toBeNull();
    await again([offer()]);
    expect(screen.queryByTestId('push-ask')).toBeNull();
    expect(push.notification.requestPermission).not.toHaveBeenCalled();
  });

  it('only just after joining: a later visit without offers does not ask', async () => {
    stubPush();
    await again([]);
    expect(screen.queryByTestId('push-ask')).toBeNull();
  });
});

describe('where this browser cannot get notifications', () => {
  it('says so honestly after the PIN where there is no PushManager (and no "check your internet")', async () => {
    stubPush();
    vi.stubGlobal('PushManager', undefined);
    delete (window as { PushManager?: unknown }).PushManager;
    await joinWithPin();
    const cannot = await screen.findByTestId('push-cannot');
    expect(cannot.textContent).toContain(CANNOT);
    expect(cannot.textContent).toContain('Open Klusbuddy in je gewone browser');
    expect(cannot.textContent).not.toContain('internet');
    expect(screen.queryByTestId('push-ask-yes')).toBeNull();
    fireEvent.click(within(cannot).getByTestId('push-cannot-ok'));
    expect(screen.queryByTestId('push-cannot')).toBeNull();
  });

  it('says so where there is no service worker (a private window in some browsers)', async () => {
    stubPush();
    delete (navigator as { serviceWorker?: unknown }).serviceWorker;
    await joinWithPin();
    expect((await screen.findByTestId('push-cannot')).textContent).toContain(CANNOT);
  });

  it('says so where notifications are already blocked', async () => {
    stubPush({ permission: 'denied' });
    await joinWithPin();
    expect((await screen.findByTestId('push-cannot')).textContent).toContain(CANNOT);
  });

  for (const name of ['NotAllowedError', 'AbortError']) {
    it(`says so when subscribing fails with ${name} (a private window), not "check your internet"`, async () => {
      const push = stubPush({ answer: 'granted' });
      push.pushManager.subscribe.mockRejectedValue(new DOMException('no push here', name));
      workerApi(pushRoutes);
      renderAt('/');
      fireEvent.click(within(await screen.findByTestId('push-ask')).getByTestId('push-ask-yes'));
      const cannot = await screen.findByTestId('push-cannot');
      expect(cannot.textContent).toContain(CANNOT);
      expect(screen.queryByTestId('push-ask-error')).toBeNull();
      await waitFor(() => expect(document.activeElement).toBe(cannot));
    });
  }

  it('keeps "check your internet" for other failures', async () => {
    const push = stubPush({ answer: 'granted' });
    push.pushManager.subscribe.mockRejectedValue(new TypeError('Failed to fetch'));
    workerApi(pushRoutes);
    renderAt('/');
    fireEvent.click(within(await screen.findByTestId('push-ask')).getByTestId('push-ask-yes'));
    expect((await screen.findByTestId('push-ask-error')).textContent).toContain('Kijk of je internet hebt');
  });
});

describe('push.ts: the start ask', () => {
  it('only after markJoined, once answered no more; what a refusal here looks like', () => {
    stubPush();
    expect(askAtStart(12)).toBeNull();
    markJoined();
    expect(askAtStart(12)).toBe('ask');
    answeredAtStart(12, true);
    markJoined();
    expect(askAtStart(12)).toBeNull(); // "Niet nu" at the start holds: the offer asks next
    expect(refusedHere(new DOMException('x', 'NotAllowedError'))).toBe(true);
    expect(refusedHere(new DOMException('x', 'AbortError'))).toBe(true);
    expect(refusedHere(new TypeError('Failed to fetch'))).toBe(false);
    expect(refusedHere(null)).toBe(false);
  });
});
