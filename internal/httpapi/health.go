package httpapi

import (
	"context"
	"net/http"
	"time"
)

// healthz says the process is up; it never touches the database, so that a database outage
// does not get healthy instances restarted.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.deps.Version})
}

// readyz says the instance can serve traffic: the database answers within two seconds.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if s.deps.Ready != nil {
		if err := s.deps.Ready(r.WithContext(ctx)); err != nil {
			writeError(w, r, s.log, err)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}
