// Who is signed in. GET /api/v1/session once at start (401: signed out); every answer that
// starts a session (login, signup, invite accept) hands us a new Session with a new CSRF token.
// A 401 from any later call means the session is gone: we go to the signed-out state.
//
// Offline at start (the service worker serves the shell, the API cannot be reached): we show
// the last signed-in user of this device, remembered without e-mail or phone, or else the
// signed-out pages; and we ask again as soon as the browser is back online.
import { type ComponentChildren, createContext } from 'preact';
import { forgetOfflineCache } from './offline-cache';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, setApiLanguage, setCsrfToken, setUnauthorizedHandler } from './api';
import { type Lang, isLang, loadSavedLang } from './i18n';
import { useI18n } from './i18n/context';
import { syncPush, unsubscribePush } from './push';
import type { Session, User } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'signedOut'; offline?: boolean }
  | { status: 'signedIn'; user: User; offline?: boolean };

// The last signed-in user on this device, for starting offline. Only what the screens show.
const USER_KEY = 'klusbuddy.user';

function rememberUser(user: User | null): void {
  try {
    if (user) localStorage.setItem(USER_KEY, JSON.stringify({ ...user, email: null, phone: null }));
    else localStorage.removeItem(USER_KEY);
  } catch {
    /* storage disabled: then we cannot start offline signed in, that is all */
  }
}

function rememberedUser(): User | null {
  try {
    const u = JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as User | null;
    return u && typeof u.role === 'string' && typeof u.first_name === 'string' ? u : null;
  } catch {
    return null;
  }
}

/** Someone was signed in on this device when it last knew: while the session loads, the header
 * keeps the menu bar's room so the page does not move down when it comes (issue 14, CLS). */
export function wasSignedInHere(): boolean {
  return rememberedUser() !== null;
}

// GET /session, started by main.tsx beside the catalogue rather than after the first render:
// the session (and so which home to fetch) is known one round trip sooner (issue 14).
let early: Promise<Session> | null = null;
// Its answer, once here: a first render after it starts signed in, with no frame without the
// menu bar (which would move the page down, CLS).
let earlyUser: User | null = null;

/** Asks the server who is signed in, now; the SessionProvider's first check takes the answer. */
export function prefetchSession(): Promise<Session> {
  early ??= api<Session>('GET', '/session', { expect401: true }).then((s) => {
    earlyUser = s?.user ?? null;
    return s;
  });
  return early;
}

function takeSession(): Promise<Session> {
  const p = early ?? api<Session>('GET', '/session', { expect401: true });
  early = null;
  return p;
}

function firstState(): SessionState {
  const user = earlyUser;
  earlyUser = null;
  return user ? { status: 'signedIn', user } : { status: 'loading' };
}

/** The role of whoever was signed in on this device last, if anyone. */
export function rememberedRole(): User['role'] | null {
  return rememberedUser()?.role ?? null;
}

/** Closes the notifications this app shows: on a shared phone the next person must not see, or
 * answer, the previous person's offers. Where there is no service worker, there are none. */
function closeNotifications(): void {
  const container: ServiceWorkerContainer | undefined = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  if (!container) return;
  container.ready
    .then((registration) => (typeof registration.getNotifications === 'function' ? registration.getNotifications() : []))
    .then((shown) => {
      for (const n of shown) n.close();
    })
    .catch(() => {
      /* nothing to close */
    });
}

export type SignInOptions = {
  /** Invite accept: a language the person chose on this device wins over the account's. */
  preferDeviceLanguage?: boolean;
};

type SessionApi = {
  state: SessionState;
  user: User | null;
  signIn: (session: Session, options?: SignInOptions) => void;
  signOut: (everywhere?: boolean) => Promise<void>;
  /** Forget the session locally (after the account was deleted, say). */
  signedOut: () => void;
  setUser: (user: User) => void;
  /** Change the language; for a signed-in user the account follows, so server texts do too. */
  changeLanguage: (lang: Lang) => void;
  retry: () => void;
};

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const { lang, setLang } = useI18n();
  const [state, setState] = useState<SessionState>(firstState);
  const [attempt, setAttempt] = useState(0);
  // Bumped by every sign-in or sign-out here, so that a slow GET /session started before
  // (say, while someone accepted an invite) cannot undo it.
  const epoch = useRef(0);

  const signedOut = useCallback(() => {
    epoch.current++;
    setCsrfToken(null);
    rememberUser(null);
    // The lists and taps kept for offline use are this person's: gone with them.
    forgetOfflineCache();
    setState({ status: 'signedOut' });
    // No pushes for a signed-out device (the server forgets the subscription with the session).
    unsubscribePush().catch(() => {});
    closeNotifications();
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(signedOut);
    return () => setUnauthorizedHandler(null);
  }, [signedOut]);

  useEffect(() => {
    let live = true;
    const started = epoch.current;
    const current = () => live && epoch.current === started;
    // A retry after an error shows the spinner; a re-check when back online keeps the screen.
    setState((old) => (old.status === 'error' ? { status: 'loading' } : old));
    takeSession().then(
      (s) => {
        if (!current()) return;
        // Signed out may also come as 200 { user: null }.
        if (!s?.user) {
          signedOut();
          return;
        }
        setCsrfToken(s.csrf_token);
        rememberUser(s.user);
        setState({ status: 'signedIn', user: s.user });
        // A language this app has no catalogue for (a newer server's) leaves the app's as it is.
        if (s.user.language !== lang && isLang(s.user.language)) setLang(s.user.language);
      },
      (err: unknown) => {
        if (!current()) return;
        if (err instanceof ApiError && err.status === 401) signedOut();
        else if (err instanceof ApiError && err.isNetwork) {
          const known = rememberedUser();
          setState((old) =>
            old.status === 'signedIn' || old.status === 'signedOut'
              ? old
              : known
                ? { status: 'signedIn', user: known, offline: true }
                : { status: 'signedOut', offline: true },
          );
        } else setState({ status: 'error' });
      },
    );
    return () => {
      live = false;
    };
    // Only at start and on retry: the language is read once, on purpose.
  }, [attempt]);

  // Signed in (and online): renew this device's push subscription quietly, if it has
  // permission and was not turned off here, so that the server has the current one.
  const pushUser = state.status === 'signedIn' && !state.offline ? state.user.id : null;
  useEffect(() => {
    if (pushUser !== null) syncPush(pushUser).catch(() => {});
  }, [pushUser]);

  // Started offline: ask again once the network is back.
  const offline = (state.status === 'signedIn' || state.status === 'signedOut') && state.offline === true;
  useEffect(() => {
    if (!offline) return;
    const again = () => setAttempt((n) => n + 1);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [offline]);

  const value = useMemo<SessionApi>(() => {
    const user = state.status === 'signedIn' ? state.user : null;
    const patchLanguage = (next: Lang) =>
      api<unknown>('PATCH', '/me/profile', { body: { language: next } }).catch(() => {
        /* The page already shows the new language; the account catches up next time. */
      });
    return {
      state,
      user,
      signIn: (session, options = {}) => {
        epoch.current++;
        setCsrfToken(session.csrf_token);
        let u = session.user;
        const chosen = loadSavedLang();
        if (options.preferDeviceLanguage && chosen === lang && lang !== u.language) {
          u = { ...u, language: lang };
          void patchLanguage(lang);
        } else if (u.language !== lang && isLang(u.language)) {
          setLang(u.language);
        }
        rememberUser(u);
        setState({ status: 'signedIn', user: u });
      },
      signOut: async (everywhere = false) => {
        try {
          await api<void>('POST', everywhere ? '/logout-all' : '/logout');
        } catch (err) {
          // Already signed out on the server is fine; anything else (offline) is for the caller.
          if (!(err instanceof ApiError && err.status === 401)) throw err;
        }
        // Taps still kept on this phone are this person's (a session that merely expired keeps
        // them, to send after signing in again).
        // day.ts (and its outbox) load only for this: they are not part of the first chunk.
        void import('./day').then((m) => m.forgetTaps()).catch(() => {});
        signedOut();
      },
      signedOut,
      setUser: (u) => {
        rememberUser(u);
        setState({ status: 'signedIn', user: u });
      },
      changeLanguage: (next) => {
        setApiLanguage(next);
        setLang(next);
        if (user && user.language !== next) {
          const u = { ...user, language: next };
          rememberUser(u);
          setState({ status: 'signedIn', user: u });
          void patchLanguage(next);
        }
      },
      retry: () => setAttempt((n) => n + 1),
    };
  }, [state, lang, setLang, signedOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionProvider>');
  return s;
}

/** The session if there is a provider (the header also renders in tests without one). */
export function useOptionalSession(): SessionApi | null {
  return useContext(SessionContext);
}
