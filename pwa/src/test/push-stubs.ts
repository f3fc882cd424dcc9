// Web Push as a production build in a browser would have it: a service worker registration
// with a PushManager, and Notification with a permission we choose. Undone after every test
// (setup.ts).
import { vi } from 'vitest';

type Options = {
  /** Notification.permission at start. */
  permission?: NotificationPermission;
  /** What the browser's question answers. */
  answer?: NotificationPermission;
  /** The key bytes of a subscription this device already has. */
  existingKey?: number[] | null;
  /** Whether the service worker got registered (false: its install failed). */
  registered?: boolean;
};

/** The server's key in the tests: base64url of these bytes. */
export const SERVER_KEY = 'BAECAw';
export const SERVER_KEY_BYTES = [4, 1, 2, 3];

export function stubPush({ permission = 'default', answer = 'granted', existingKey = null, registered = true }: Options = {}) {
  vi.stubEnv('PROD', true);
  const unsubscribed: string[] = [];
  type Sub = ReturnType<typeof subscription>;
  let current: Sub | null = null;
  function subscription(key: number[]) {
    const endpoint = `https://push.example/${key.join('-')}`;
    const s = {
      endpoint,
      options: { applicationServerKey: new Uint8Array(key).buffer, userVisibleOnly: true },
      toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: 'p256dh-key', auth: 'auth-key' } }),
      unsubscribe: vi.fn(async () => {
        if (current === s) current = null;
        unsubscribed.push(endpoint);
        return true;
      }),
    };
    return s;
  }
  if (existingKey) current = subscription(existingKey);
  const pushManager = {
    getSubscription: vi.fn(async () => current),
    subscribe: vi.fn(async (o: { userVisibleOnly?: boolean; applicationServerKey?: Uint8Array }) => {
      current = subscription([...(o.applicationServerKey ?? [])]);
      return current;
    }),
  };
  const registration = { pushManager };
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      ready: Promise.resolve(registration),
      getRegistration: vi.fn(async () => (registered ? registration : undefined)),
      // register-sw.ts registers too in a "production build": it never finishes here.
      register: vi.fn(() => new Promise(() => {})),
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    },
  });
  const notification = {
    permission,
    requestPermission: vi.fn(async () => {
      notification.permission = answer;
      return answer;
    }),
  };
  vi.stubGlobal('Notification', notification);
  vi.stubGlobal('PushManager', class {});
  return { pushManager, notification, unsubscribed, current: () => current };
}

export function unstubPush(): void {
  vi.unstubAllEnvs();
  if (Object.hasOwn(navigator, 'serviceWorker')) delete (navigator as { serviceWorker?: unknown }).serviceWorker;
}
