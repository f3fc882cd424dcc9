package httpapi

import (
	"net/http"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type buddyRequestJSON struct {
	ID            int64     `json:"id"`
	JobID         int64     `json:"job_id"`
	Category      string    `json:"category"`
	Description   string    `json:"description"`
	Municipality  string    `json:"municipality"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	TravelMinutes float64   `json:"travel_minutes"`
	WorkerName    string    `json:"worker_first_name"`
	ExpiresAt     time.Time `json:"expires_at"`
}

func accompanimentJSON(a klusbuddy.Accompaniment, now time.Time) map[string]any {
	out := map[string]any{"id": a.ID, "job_id": a.JobID, "worker_first_name": a.WorkerName, "job": withoutPrice(toJobJSON(a.Job, now))}
	onTheDayJSON(out, a.OnTheDay)
	return out
}

func (s *Server) listBuddyRequests(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	reqs, err := s.deps.Buddies.MyBuddyRequests(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]buddyRequestJSON, len(reqs))
	for i, q := range reqs {
		out[i] = buddyRequestJSON{ID: q.ID, JobID: q.JobID, Category: q.Category, Description: q.Description, Municipality: q.Municipality,
			Start: q.Start, End: q.End, TravelMinutes: q.TravelMinutes, WorkerName: q.WorkerName, ExpiresAt: q.ExpiresAt}
	}
	writeJSON(w, http.StatusOK, map[string]any{"requests": out})
}

// confirmBuddyRequest, like accepting an offer, gives the same answer to a repeated request.
func (s *Server) confirmBuddyRequest(w http.ResponseWriter, r *http.Request) {
	s.idempotent(w, r, func(w http.ResponseWriter) {
		p, _ := principal(r.Context())
		id, err := pathID(r, "id")
		if err == nil {
			var a klusbuddy.Accompaniment
			if a, err = s.deps.Buddies.ConfirmBuddyRequest(r.Context(), p, id); err == nil {
				writeJSON(w, http.StatusOK, map[string]any{"accompaniment": accompanimentJSON(a, s.deps.Now())})
				return
			}
		}
		writeError(w, r, s.log, err)
	})
}

func (s *Server) declineBuddyRequest(w http.ResponseWriter, r *http.Request) {
	s.decline(w, r, s.deps.Buddies.DeclineBuddyRequest)
}

func (s *Server) listAccompaniments(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	as, err := s.deps.Buddies.MyAccompaniments(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]map[string]any, len(as))
	for i, a := range as {
		out[i] = accompanimentJSON(a, s.deps.Now())
	}
	writeJSON(w, http.StatusOK, map[string]any{"accompaniments": out})
}

func (s *Server) buddyDropOut(w http.ResponseWriter, r *http.Request) {
	s.leave(w, r, s.deps.Buddies.BuddyDropOut)
}
