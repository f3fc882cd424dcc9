package httpapi

import (
	"net/http"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// repeatIn is how a job recurs: every 1 or 2 weeks, up to and including a date.
type repeatIn struct {
	EveryWeeks int    `json:"every_weeks"`
	Until      string `json:"until"`
}

func (in *repeatIn) repeat() *klusbuddy.Repeat {
	if in == nil {
		return nil
	}
	return &klusbuddy.Repeat{EveryWeeks: in.EveryWeeks, Until: in.Until}
}

// repost posts a copy of one of the poster's jobs at a new start.
func (s *Server) repost(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		Start  time.Time  `json:"start"`
		End    *time.Time `json:"end"`
		Repeat *repeatIn  `json:"repeat"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	j, err := s.deps.Repeat.Repost(r.Context(), p, id, klusbuddy.Repost{Start: in.Start, End: in.End, Repeat: in.Repeat.repeat()})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, toJobJSON(j, s.deps.Now()))
}

type seriesJSON struct {
	ID         int64           `json:"id"`
	EveryWeeks int             `json:"every_weeks"`
	Until      string          `json:"until"`
	Cancelled  bool            `json:"cancelled"`
	Jobs       []seriesJobJSON `json:"jobs"`
}

type seriesJobJSON struct {
	ID    int64              `json:"id"`
	Start time.Time          `json:"start"`
	State klusbuddy.JobState `json:"state"`
}

func toSeriesJSON(sr klusbuddy.Series) seriesJSON {
	out := seriesJSON{ID: sr.ID, EveryWeeks: sr.EveryWeeks, Until: sr.Until, Cancelled: sr.Cancelled, Jobs: []seriesJobJSON{}}
	for _, j := range sr.Jobs {
		out.Jobs = append(out.Jobs, seriesJobJSON{ID: j.JobID, Start: j.Start, State: j.State})
	}
	return out
}

func (s *Server) getSeries(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var sr klusbuddy.Series
		if sr, err = s.deps.Repeat.Series(r.Context(), p, id); err == nil {
			writeJSON(w, http.StatusOK, toSeriesJSON(sr))
			return
		}
	}
	writeError(w, r, s.log, err)
}

// cancelSeries cancels every occurrence of the series not yet started.
func (s *Server) cancelSeries(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	cancelled, err := s.deps.Repeat.CancelSeries(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	sr, err := s.deps.Repeat.Series(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if cancelled == nil {
		cancelled = []int64{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"series": toSeriesJSON(sr), "cancelled": cancelled})
}

type favouriteJSON struct {
	WorkerID  int64     `json:"worker_id"`
	FirstName string    `json:"first_name"`
	Since     time.Time `json:"since"`
}

func (s *Server) listFavourites(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	favs, err := s.deps.Repeat.Favourites(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]favouriteJSON, len(favs))
	for i, f := range favs {
		out[i] = favouriteJSON{WorkerID: f.WorkerID, FirstName: f.FirstName, Since: f.Since}
	}
	writeJSON(w, http.StatusOK, map[string]any{"favourites": out})
}

func (s *Server) addFavourite(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "worker")
	if err == nil {
		var f klusbuddy.Favourite
		if f, err = s.deps.Repeat.AddFavourite(r.Context(), p, id); err == nil {
			writeJSON(w, http.StatusOK, favouriteJSON{WorkerID: f.WorkerID, FirstName: f.FirstName, Since: f.Since})
			return
		}
	}
	writeError(w, r, s.log, err)
}

func (s *Server) removeFavourite(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "worker")
	if err == nil {
		if err = s.deps.Repeat.RemoveFavourite(r.Context(), p, id); err == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	writeError(w, r, s.log, err)
}
