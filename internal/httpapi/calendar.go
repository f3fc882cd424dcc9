package httpapi

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The calendar feed (issue 11): the signed-in person makes, renews and revokes it under
// /api/v1/me/calendar; calendar apps read it at /calendar/{token}.ics without a session. The
// token is the key, so it never reaches a log (logPath) nor a problem document.

// calendarPrefix is where feeds are served.
const calendarPrefix = "/calendar/"

// logPath is a request's path as logs may show it: a feed's token is replaced.
func logPath(p string) string {
	if strings.HasPrefix(p, calendarPrefix) {
		return calendarPrefix + "[token].ics"
	}
	return p
}

// publicBase is the origin people open: the configured public URL, or, in development, the one
// the request came to.
func (s *Server) publicBase(r *http.Request) string {
	if s.deps.PublicURL != "" {
		return strings.TrimRight(s.deps.PublicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) calendarJSON(r *http.Request, f klusbuddy.CalendarFeed) map[string]any {
	out := map[string]any{"exists": f.Exists, "created_at": f.CreatedAt}
	if f.Token != "" {
		u := s.publicBase(r) + calendarPrefix + f.Token + ".ics"
		out["url"] = u
		out["webcal_url"] = "webcal://" + strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	}
	return out
}

func (s *Server) getCalendarFeed(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	f, err := s.deps.Calendar.CalendarFeed(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, s.calendarJSON(r, f))
}

func (s *Server) createCalendarFeed(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	f, err := s.deps.Calendar.CreateCalendarFeed(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, s.calendarJSON(r, f))
}

func (s *Server) revokeCalendarFeed(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	if err := s.deps.Calendar.RevokeCalendarFeed(r.Context(), p); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// calendarFeed serves a feed to a calendar app: text/calendar, kept by no shared cache, a
// quarter of an hour in the app's own, with an ETag so that an unchanged feed costs a 304.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	body, err := s.deps.Calendar.CalendarICS(r.Context(), chi.URLParam(r, "token"), s.publicBase(r))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	h := w.Header()
	h.Set("Cache-Control", "private, max-age=900")
	h.Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `inline; filename="klusbuddy.ics"`)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
