package httpapi

import (
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type organisationRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type userJSON struct {
	ID           int64              `json:"id"`
	Role         klusbuddy.Role     `json:"role"`
	FirstName    string             `json:"first_name"`
	LastName     string             `json:"last_name"`
	Email        *string            `json:"email"`
	Phone        *string            `json:"phone"`
	Language     klusbuddy.Language `json:"language"`
	Organisation *organisationRef   `json:"organisation"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toUserJSON(u klusbuddy.User, orgName string) userJSON {
	out := userJSON{ID: u.ID, Role: u.Role, FirstName: u.FirstName, LastName: u.LastName, Email: nullable(u.Email),
		Phone: nullable(u.Phone), Language: u.Language}
	if u.OrganisationID != 0 {
		out.Organisation = &organisationRef{ID: u.OrganisationID, Name: orgName}
	}
	return out
}

type sessionJSON struct {
	User      userJSON `json:"user"`
	CSRFToken string   `json:"csrf_token"`
}

// startSession sets the cookie of a new session and answers with who is now signed in.
func (s *Server) startSession(w http.ResponseWriter, status int, token string, p klusbuddy.Principal) {
	s.setSessionCookie(w, token, p.Session.ExpiresAt)
	writeJSON(w, status, sessionJSON{User: toUserJSON(p.User, p.OrganisationName), CSRFToken: p.Session.CSRFToken})
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) getSession(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	writeJSON(w, http.StatusOK, sessionJSON{User: toUserJSON(p.User, p.OrganisationName), CSRFToken: p.Session.CSRFToken})
}

func (s *Server) signup(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Kind        klusbuddy.PosterKind `json:"kind"`
		FirstName   string               `json:"first_name"`
		LastName    string               `json:"last_name"`
		Email       string               `json:"email"`
		Password    string               `json:"password"`
		Phone       string               `json:"phone"`
		Language    klusbuddy.Language   `json:"language"`
		CompanyName string               `json:"company_name"`
		VATNumber   string               `json:"vat_number"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	token, p, err := s.deps.Accounts.Signup(r.Context(), klusbuddy.Signup(in), deviceName(r.UserAgent()))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.startSession(w, http.StatusCreated, token, p)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Login  string `json:"login"`
		Secret string `json:"secret"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	token, p, err := s.deps.Accounts.Login(r.Context(), klusbuddy.Credentials(in), clientIP(r), deviceName(r.UserAgent()))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.startSession(w, http.StatusOK, token, p)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	if err := s.deps.Accounts.Logout(r.Context(), p); err != nil && klusbuddy.ErrorCode(err) != klusbuddy.ENOTFOUND {
		writeError(w, r, s.log, err)
		return
	}
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) logoutAll(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	if err := s.deps.Accounts.LogoutAll(r.Context(), p); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) listSessions(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	sessions, err := s.deps.Accounts.ListSessions(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	type sessionItem struct {
		ID         int64     `json:"id"`
		Device     string    `json:"device"`
		CreatedAt  time.Time `json:"created_at"`
		LastSeenAt time.Time `json:"last_seen_at"`
		ExpiresAt  time.Time `json:"expires_at"`
		Current    bool      `json:"current"`
	}
	out := make([]sessionItem, len(sessions))
	for i, se := range sessions {
		out[i] = sessionItem{ID: se.ID, Device: se.Device, CreatedAt: se.CreatedAt, LastSeenAt: se.LastSeenAt, ExpiresAt: se.ExpiresAt, Current: se.ID == p.Session.ID}
	}
	writeJSON(w, http.StatusOK, map[string]any{"sessions": out})
}

func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if err := s.deps.Accounts.RevokeSession(r.Context(), p, id); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if id == p.Session.ID {
		s.clearSessionCookie(w)
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) lookupInvite(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Token string `json:"token"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	info, err := s.deps.Accounts.LookupInvite(r.Context(), in.Token)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"first_name": info.FirstName, "role": info.Role,
		"organisation": nullable(info.OrganisationName), "secret_kinds": info.SecretKinds, "expires_at": info.ExpiresAt})
}

func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Token    string `json:"token"`
		PIN      string `json:"pin"`
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	token, p, err := s.deps.Accounts.AcceptInvite(r.Context(), klusbuddy.Acceptance(in), deviceName(r.UserAgent()))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.startSession(w, http.StatusOK, token, p)
}

// inviteJSON is an invite as the coordinator sees it: the link to open, with the token in the
// fragment so that it never reaches a server log.
func (s *Server) inviteJSON(r *http.Request, inv klusbuddy.Invite) map[string]any {
	base := s.deps.PublicURL
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return map[string]any{"url": base + "/invite#" + inv.Token, "expires_at": inv.ExpiresAt}
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil || id <= 0 {
		return 0, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is nothing at this address.")
	}
	return id, nil
}
