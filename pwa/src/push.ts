// Web Push on this device: offers and buddy requests reach the phone while the app is closed.
// The browser asks the person only after they tap "Meldingen aanzetten" on our own card (see
// components/PushAsk.tsx), never on first load: a question out of the blue is mostly refused,
// and a refusal is for good. With permission already given, the subscription is renewed
// quietly at every start, so the server always has this device's current one.
//
// GET /push/key gives the server's VAPID public key; PUT /me/push-subscription stores this
// device's subscription for the signed-in session (the server drops it when the session ends);
// DELETE /me/push-subscription forgets it ("Meldingen uitzetten" on the devices screen).
import { api, ApiError } from './api';
import { base64UrlToBytes, sameBytes } from './base64url';
import { serviceWorkerEnabled } from './register-sw';

/** "Niet nu" holds this long, per user on this device. */
export const NOT_NOW_MS = 14 * 24 * 60 * 60 * 1000;

const notNowKey = (userId: number) => `klusbuddy.push.notNow.${userId}`;
const offKey = (userId: number) => `klusbuddy.push.off.${userId}`;

/** Push works here: a service worker (production builds), PushManager and Notification. */
export function pushAvailable(): boolean {
  return serviceWorkerEnabled() && 'PushManager' in window && 'Notification' in window;
}

/** A real build in a browser that cannot do push: no service worker, PushManager or
 * Notification (old browsers, iPhones outside the home screen, some private windows). */
export function pushImpossible(): boolean {
  return import.meta.env.PROD && !pushAvailable();
}

/** subscribe() refusing like this: the browser does no push in this window (a private window),
 * not a network problem, so "check your internet" would send the person the wrong way. */
export function refusedHere(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'NotAllowedError' || name === 'AbortError';
}

// Right after a worker or buddy sets their PIN (invite.tsx) is the moment to ask: they just
// said yes to Klusbuddy. For this tab only: a later visit waits for an offer.
const JOINED = 'klusbuddy.push.joined';
const notNowStartKey = (userId: number) => `klusbuddy.push.notNowStart.${userId}`;

export function markJoined(): void {
  try {
    sessionStorage.setItem(JOINED, '1');
  } catch {
    /* storage disabled: we ask with the first offer instead */
  }
}

/** Whether to show the card at once (just joined) rather than with the first offer; the
 * honest "cannot" too, where push is impossible or blocked. */
export function askAtStart(userId: number): 'ask' | 'cannot' | null {
  let joined = false;
  try {
    joined = sessionStorage.getItem(JOINED) !== null && localStorage.getItem(notNowStartKey(userId)) === null;
  } catch {
    /* storage disabled: no start ask */
  }
  if (!joined) return null;
  const permission = notificationPermission();
  return pushImpossible() || permission === 'denied' ? 'cannot' : permission === 'default' ? 'ask' : null;
}

/** The start ask was answered: "Niet nu" there (`notNow`) still lets the first offer ask again. */
export function answeredAtStart(userId: number, notNow: boolean): void {
  try {
    sessionStorage.removeItem(JOINED);
  } catch {
    /* nothing to forget */
  }
  if (notNow) remember(notNowStartKey(userId), String(Date.now()));
}

/** The browser's answer so far, or null where push does not work. */
export function notificationPermission(): NotificationPermission | null {
  return pushAvailable() ? Notification.permission : null;
}

export function saidNotNow(userId: number, now: number = Date.now()): boolean {
  try {
    const at = Number(localStorage.getItem(notNowKey(userId)));
    return Number.isFinite(at) && at > 0 && at <= now && now - at < NOT_NOW_MS;
  } catch {
    return false;
  }
}

export function rememberNotNow(userId: number, now: number = Date.now()): void {
  try {
    localStorage.setItem(notNowKey(userId), String(now));
  } catch {
    /* storage disabled: we ask again next time, that is all */
  }
}

/** "Meldingen uitzetten" was chosen here. A page cannot take the browser's permission back, so
 * without this memory syncPush would subscribe again at the next start. */
export function turnedOff(userId: number): boolean {
  try {
    return localStorage.getItem(offKey(userId)) !== null;
  } catch {
    return false;
  }
}

function remember(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* storage disabled: nothing to remember with */
  }
}

/** Whether to show our card: push works, nobody decided yet, and no "Niet nu" lately. */
export function shouldAskForPush(userId: number): boolean {
  return notificationPermission() === 'default' && !saidNotNow(userId);
}

async function serverKey(): Promise<Uint8Array<ArrayBuffer>> {
  const body = await api<{ public_key?: unknown } | null>('GET', '/push/key');
  if (typeof body?.public_key !== 'string' || body.public_key === '') throw new ApiError({ status: 0, code: 'bad_response' });
  return base64UrlToBytes(body.public_key);
}

/** Subscribes this device (keeping a subscription made with the same server key) and hands it
 * to the server. Needs permission. */
export async function subscribePush(): Promise<void> {
  const registration = await navigator.serviceWorker.ready;
  const key = await serverKey();
  let subscription = await registration.pushManager.getSubscription();
  // Made with another key (the server's key was replaced): the push service would refuse our
  // messages, so start afresh.
  if (subscription && !sameBytes(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await api<void>('PUT', '/me/push-subscription', { body: subscription.toJSON() });
}

/** "Meldingen aanzetten": the browser's question, then the subscription. Call it straight from
 * the tap (some browsers only ask during one). An earlier "Niet nu" or "uitzetten" no longer
 * holds: this is the newer choice. */
export async function enablePush(userId: number): Promise<NotificationPermission> {
  remember(notNowKey(userId), null);
  remember(offKey(userId), null);
  const answer = await Notification.requestPermission();
  if (answer === 'granted') await subscribePush();
  return answer;
}

/** At start, signed in: with permission given (and not turned off here), renew the
 * subscription quietly. */
export async function syncPush(userId: number): Promise<void> {
  if (notificationPermission() !== 'granted' || turnedOff(userId)) return;
  await subscribePush();
}

/** "Meldingen uitzetten": the server forgets this device's subscription first, so that a failure
 * (offline, say) leaves everything as it was and a second tap can try again. */
export async function disablePush(userId: number): Promise<void> {
  await api<void>('DELETE', '/me/push-subscription');
  remember(offKey(userId), String(Date.now()));
  await unsubscribePush();
}

/** What the devices screen shows for this device. */
export type PushState = 'on' | 'off' | 'denied' | 'unsupported';

export async function pushState(): Promise<PushState> {
  if (!pushAvailable()) return 'unsupported';
  // No registration: the service worker failed to install, so nothing could show a push.
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  if (Notification.permission !== 'granted') return 'off';
  return (await registration.pushManager.getSubscription()) ? 'on' : 'off';
}

/** At sign-out: this device's subscription goes (the server forgets it with the session). */
export async function unsubscribePush(): Promise<void> {
  if (!pushAvailable()) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
}
