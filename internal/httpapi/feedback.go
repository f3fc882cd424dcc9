package httpapi

import (
	"net/http"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Feedback both ways after the job (issue 12): the poster's answer per worker, the worker's and
// the buddy's answer about the job; the people who gave them read back their own, and
// coordinators read their own people's (internal/postgres/feedback.go).

type feedbackPersonJSON struct {
	ID   int64          `json:"id"`
	Role klusbuddy.Role `json:"role,omitempty"`
	Name string         `json:"name"`
}

type feedbackJSON struct {
	ID       int64              `json:"id"`
	JobID    int64              `json:"job_id"`
	Place    int                `json:"place"`
	Category string             `json:"category"`
	JobStart time.Time          `json:"job_start"`
	From     feedbackPersonJSON `json:"from"`
	About    feedbackPersonJSON `json:"about"`
	Again    *bool              `json:"again"`
	Face     *klusbuddy.Face    `json:"face"`
	Tags     []string           `json:"tags"`
	Comment  *string            `json:"comment"`
	At       time.Time          `json:"at"`
}

func toFeedbackJSON(f klusbuddy.Feedback) feedbackJSON {
	return feedbackJSON{ID: f.ID, JobID: f.JobID, Place: f.Place, Category: f.Category, JobStart: f.JobStart,
		From:  feedbackPersonJSON{ID: f.FromID, Role: f.FromRole, Name: f.FromName},
		About: feedbackPersonJSON{ID: f.AboutID, Name: f.AboutName},
		Again: f.Again, Face: f.Face, Tags: f.Tags, Comment: textOrNil(f.Comment), At: f.At}
}

func toFeedbacksJSON(fs []klusbuddy.Feedback) []feedbackJSON {
	out := make([]feedbackJSON, len(fs))
	for i, f := range fs {
		out[i] = toFeedbackJSON(f)
	}
	return out
}

type posterFeedbackIn struct {
	Place   *int     `json:"place"`
	Again   *bool    `json:"again"`
	Tags    []string `json:"tags"`
	Comment *string  `json:"comment"`
}

func (s *Server) givePosterFeedback(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var b posterFeedbackIn
		if err = decodeJSON(r, &b); err == nil {
			in := klusbuddy.PosterFeedbackInput{Again: b.Again, Tags: b.Tags}
			if b.Place != nil {
				in.Place = *b.Place
			}
			if b.Comment != nil {
				in.Comment = *b.Comment
			}
			var f klusbuddy.Feedback
			if f, err = s.deps.Feedback.GivePosterFeedback(r.Context(), p, id, in); err == nil {
				writeJSON(w, http.StatusOK, map[string]any{"feedback": toFeedbackJSON(f.ForPoster())})
				return
			}
		}
	}
	writeError(w, r, s.log, err)
}

func (s *Server) posterJobFeedback(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var fs []klusbuddy.Feedback
		if fs, err = s.deps.Feedback.PosterJobFeedback(r.Context(), p, id); err == nil {
			for i := range fs {
				fs[i] = fs[i].ForPoster()
			}
			writeJSON(w, http.StatusOK, map[string]any{"feedback": toFeedbacksJSON(fs)})
			return
		}
	}
	writeError(w, r, s.log, err)
}

type jobFeedbackIn struct {
	Face    *klusbuddy.Face `json:"face"`
	Tags    []string        `json:"tags"`
	Comment *string         `json:"comment"`
}

func (s *Server) giveJobFeedback(role klusbuddy.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := principal(r.Context())
		id, err := pathID(r, "id")
		if err == nil {
			var b jobFeedbackIn
			if err = decodeJSON(r, &b); err == nil {
				in := klusbuddy.JobFeedbackInput{Tags: b.Tags}
				if b.Face != nil {
					in.Face = *b.Face
				}
				if b.Comment != nil {
					in.Comment = *b.Comment
				}
				var f klusbuddy.Feedback
				if f, err = s.deps.Feedback.GiveJobFeedback(r.Context(), p, klusbuddy.Tap{Role: role, ID: id}, in); err == nil {
					writeJSON(w, http.StatusOK, map[string]any{"feedback": toFeedbackJSON(f)})
					return
				}
			}
		}
		writeError(w, r, s.log, err)
	}
}

func (s *Server) myJobFeedback(role klusbuddy.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := principal(r.Context())
		id, err := pathID(r, "id")
		if err == nil {
			var f *klusbuddy.Feedback
			if f, err = s.deps.Feedback.MyJobFeedback(r.Context(), p, klusbuddy.Tap{Role: role, ID: id}); err == nil {
				var out *feedbackJSON
				if f != nil {
					j := toFeedbackJSON(*f)
					out = &j
				}
				writeJSON(w, http.StatusOK, map[string]any{"feedback": out})
				return
			}
		}
		writeError(w, r, s.log, err)
	}
}

func (s *Server) personFeedback(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var received, given []klusbuddy.Feedback
		if received, given, err = s.deps.Feedback.PersonFeedback(r.Context(), p, id); err == nil {
			writeJSON(w, http.StatusOK, map[string]any{"received": toFeedbacksJSON(received), "given": toFeedbacksJSON(given)})
			return
		}
	}
	writeError(w, r, s.log, err)
}

func (s *Server) posterFeedback(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var received, given []klusbuddy.Feedback
		if received, given, err = s.deps.Feedback.PosterFeedback(r.Context(), p, id); err == nil {
			writeJSON(w, http.StatusOK, map[string]any{"received": toFeedbacksJSON(received), "given": toFeedbacksJSON(given)})
			return
		}
	}
	writeError(w, r, s.log, err)
}
