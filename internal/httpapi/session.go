package httpapi

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// sessionCookie holds the session token; the PWA never reads it (HttpOnly).
const sessionCookie = "kb_session"

const principalKey ctxKey = iota + 100

// principal returns who is asking, and whether anyone is signed in.
func principal(ctx context.Context) (klusbuddy.Principal, bool) {
	p, ok := ctx.Value(principalKey).(klusbuddy.Principal)
	return p, ok
}

// authenticate attaches the principal of a valid session cookie to the request. Requests
// without one go on anonymously; the routes that need someone say so with requireRole.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		p, err := s.deps.Accounts.Authenticate(r.Context(), c.Value)
		switch klusbuddy.ErrorCode(err) {
		case "":
			if p.Session.Renewed {
				s.setSessionCookie(w, c.Value, p.Session.ExpiresAt) // sliding: the browser keeps it as long as we do
			}
			r = r.WithContext(context.WithValue(r.Context(), principalKey, p))
			if s.deps.Seen != nil {
				s.deps.Seen(r.Context(), p) // their last activity, for the follow-up list (written at most every few minutes)
			}
		case klusbuddy.EUNAUTHORIZED:
			s.clearSessionCookie(w) // expired or signed out elsewhere: forget it
		default:
			writeError(w, r, s.log, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func isSafe(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// checkOrigin refuses state-changing requests that a browser sent from another site: the
// Origin header, when present, must be ours; Sec-Fetch-Site, when present, same-origin.
func (s *Server) checkOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isSafe(r.Method) && !s.sameOrigin(r) {
			writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "This request comes from another site."))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// sameOrigin reports whether a request comes from our own pages: its Origin, scheme and host,
// is the public URL's, or, for a request that reached us by another name (development), the
// request's own. http:// of an https site is another origin.
func (s *Server) sameOrigin(r *http.Request) bool {
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || u.Host == "" {
			return false
		}
		if pub, err := url.Parse(s.deps.PublicURL); err == nil && pub.Host != "" {
			if strings.EqualFold(u.Scheme, pub.Scheme) && strings.EqualFold(u.Host, pub.Host) {
				return true
			}
			if strings.EqualFold(r.Host, pub.Host) {
				return false // the public name, but another scheme or port
			}
		}
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		return strings.EqualFold(u.Scheme, scheme) && strings.EqualFold(u.Host, r.Host)
	}
	site := r.Header.Get("Sec-Fetch-Site")
	return site == "" || site == "same-origin" || site == "none"
}

// checkCSRF requires the session's CSRF token in X-CSRF-Token on every state-changing request
// made with a session: SameSite=Lax and the Origin check are the first line, this the second.
func (s *Server) checkCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := principal(r.Context()); ok && !isSafe(r.Method) {
			got := r.Header.Get("X-CSRF-Token")
			if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(p.Session.CSRFToken)) != 1 {
				writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "The request lacks a valid CSRF token; reload the page."))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// requireRole lets through signed-in users of the given roles (any role when none is given).
func (s *Server) requireRole(roles ...klusbuddy.Role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, ok := principal(r.Context())
			if !ok {
				writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EUNAUTHORIZED, "You are not signed in."))
				return
			}
			if len(roles) > 0 {
				allowed := false
				for _, role := range roles {
					allowed = allowed || p.Role == role
				}
				if !allowed {
					writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Your role may not do this."))
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", Expires: expires, MaxAge: int(time.Until(expires).Seconds()),
		HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
}

// secureCookies is true whenever people reach us over TLS (the public URL is https).
func (s *Server) secureCookies() bool { return strings.HasPrefix(s.deps.PublicURL, "https://") }

// deviceName makes a short, readable name of a User-Agent for the list of devices.
func deviceName(ua string) string {
	browser := "Browser"
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"SamsungBrowser/", "Samsung Internet"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"},
		{"Chrome/", "Chrome"}, {"Safari/", "Safari"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	system := ""
	for _, o := range []struct{ token, name string }{
		{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"},
		{"Mac OS X", "Mac"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			system = o.name
			break
		}
	}
	if system == "" {
		return browser
	}
	return browser + " · " + system
}
