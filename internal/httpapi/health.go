package httpapi

import (
	"context"
	"net/http"
	"time"
)

// healthz says whether the process is alive (an orchestrator's liveness probe): up, and able to
// hand out a database connection within two seconds when the database is there. An outage of
// the database does not make it fail (restarting healthy instances would not help); a pool
// whose every connection is held and none comes back does, since a restart mends that.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if s.deps.Alive != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.deps.Alive(r.WithContext(ctx)); err != nil {
			writeError(w, r, s.log, err)
			return
		}
	}
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
