// A tiny client-side router: the History API, one context, and <Link>. The Go server (and the
// service worker) answer every page address with index.html, so any path here can be opened,
// bookmarked and reloaded.
import { type ComponentChildren, createContext, type PartialAnchorHTMLAttributes } from 'preact';
import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';

export type NavigateOptions = { replace?: boolean };

type Router = {
  path: string;
  query: URLSearchParams;
  navigate: (to: string, options?: NavigateOptions) => void;
};

const RouterContext = createContext<Router | null>(null);

function here(): string {
  return window.location.pathname + window.location.search;
}

export function RouterProvider({ children }: { children: ComponentChildren }) {
  const [url, setUrl] = useState(here);

  useEffect(() => {
    const update = () => setUrl(here());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);

  const navigate = useCallback((to: string, options: NavigateOptions = {}) => {
    if (options.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setUrl(here());
    if (!options.replace) window.scrollTo(0, 0);
  }, []);

  const value = useMemo<Router>(() => {
    const u = new URL(url, window.location.origin);
    return { path: u.pathname.replace(/\/+$/, '') || '/', query: u.searchParams, navigate };
  }, [url, navigate]);

  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const r = useContext(RouterContext);
  if (!r) throw new Error('useRouter outside <RouterProvider>');
  return r;
}

/**
 * Matches "/coach/people/:id" against a path; returns the parameters or null. Parameters
 * match one non-empty segment.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

type LinkProps = Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'role'> & { href: string };

/** An ordinary link that changes the page without reloading it (new tabs still work). */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        if (typeof onClick === 'function') onClick(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    />
  );
}

/** Sends the browser elsewhere as soon as it renders (replacing this history entry). */
export function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useLayoutEffect(() => navigate(to, { replace: true }), [to, navigate]);
  return null;
}

/** Whether `to` (a path inside the app) is what the app shows now, as the router sees it: a
 * trailing slash aside, the same path and query. */
export function isCurrent(to: string): boolean {
  const key = (u: URL) => (u.pathname.replace(/\/+$/, '') || '/') + u.search;
  return key(new URL(to, window.location.origin)) === key(new URL(here(), window.location.origin));
}

/** Only paths inside the app: never send someone to another site after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
