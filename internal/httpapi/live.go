package httpapi

import (
	"net/http"
	"strconv"

	"github.com/gorilla/websocket"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// LiveService takes over a request as the person's WebSocket (realtime.Hub).
type LiveService interface {
	Serve(w http.ResponseWriter, r *http.Request, userID, sessionID int64, after *int64)
}

// live is GET /api/v1/ws: the signed-in person's events as they happen, after a replay of what
// came after ?after=<the last id the app saw>.
func (s *Server) live(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	if s.deps.Live == nil {
		writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EUNAVAILABLE, "Live updates are not available; the app asks for news now and then instead."))
		return
	}
	if !websocket.IsWebSocketUpgrade(r) {
		writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EINVALID, "This address only speaks WebSocket."))
		return
	}
	// Browsers always send Origin on a WebSocket; another site's page must not read our events
	// with the person's cookie (cross-site WebSocket hijacking).
	if r.Header.Get("Origin") == "" || !s.sameOrigin(r) {
		writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "This request comes from another site."))
		return
	}
	after, err := afterParam(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.deps.Live.Serve(w, r, p.User.ID, p.Session.ID, after)
}

// afterParam reads ?after=<the id of the last notification seen>: nil when it is not given.
func afterParam(r *http.Request) (*int64, error) {
	v := r.URL.Query().Get("after")
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"after": "Give the id of the last notification seen."}}
	}
	return &n, nil
}
