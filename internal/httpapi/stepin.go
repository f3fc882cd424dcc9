package httpapi

import (
	"net/http"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Stepping in: a coordinator chooses a worker for a job, answers an offer for a worker who
// phoned, cancels a job, and posts for a household that phoned.

type stepInCandidateJSON struct {
	WorkerID      int64                `json:"worker_id"`
	Name          string               `json:"name"`
	Eligible      bool                 `json:"eligible"`
	Rule          *string              `json:"rule"`    // the hard rule they fail; null: none
	Message       *string              `json:"message"` // why not, in the caller's language
	TravelMinutes float64              `json:"travel_minutes"`
	Score         float64              `json:"score"`
	NeedsBuddy    bool                 `json:"needs_buddy"`
	Warnings      []klusbuddy.SoftRule `json:"warnings"`
	Offer         *stepInOfferJSON     `json:"offer"`
}

type stepInOfferJSON struct {
	ID    int64                `json:"id"`
	State klusbuddy.OfferState `json:"state"`
}

func (s *Server) stepInCandidates(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	cands, err := s.deps.StepIn.StepInCandidates(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	l := language(r)
	out := make([]stepInCandidateJSON, len(cands))
	for i, c := range cands {
		j := stepInCandidateJSON{WorkerID: c.WorkerID, Name: c.Name, Eligible: c.Rule == "", TravelMinutes: c.TravelMinutes,
			Score: c.Score, NeedsBuddy: c.NeedsBuddy, Warnings: c.Warnings}
		if j.Warnings == nil {
			j.Warnings = []klusbuddy.SoftRule{}
		}
		if c.Rule != "" {
			rule, msg := c.Rule, translate(l, klusbuddy.HardRuleMessages[c.Rule])
			j.Rule, j.Message = &rule, &msg
		}
		if c.OfferID != 0 {
			j.Offer = &stepInOfferJSON{ID: c.OfferID, State: c.Offer}
		}
		out[i] = j
	}
	writeJSON(w, http.StatusOK, map[string]any{"candidates": out})
}

// stepInChoice answers POST /org/jobs/{id}/assign (assign) and /offers.
func (s *Server) stepInChoice(assign bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := principal(r.Context())
		id, err := pathID(r, "id")
		if err != nil {
			writeError(w, r, s.log, err)
			return
		}
		var in struct {
			Worker int64  `json:"worker"`
			Reason string `json:"reason"`
		}
		if err := decodeJSON(r, &in); err != nil {
			writeError(w, r, s.log, err)
			return
		}
		choice := klusbuddy.StepIn{WorkerID: in.Worker, Reason: in.Reason}
		var j klusbuddy.BoardJob
		if assign {
			j, err = s.deps.StepIn.AssignWorker(r.Context(), p, id, choice)
		} else {
			j, err = s.deps.StepIn.OfferWorker(r.Context(), p, id, choice)
		}
		if err != nil {
			writeError(w, r, s.log, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"job": toBoardJobJSON(j)})
	}
}

func (s *Server) acceptOfferFor(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	worker, j, err := s.deps.StepIn.AcceptFor(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"worker_id": worker, "job": toBoardJobJSON(j)})
}

func (s *Server) declineOfferFor(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		Reason klusbuddy.DeclineReason `json:"reason"`
	}
	if err := decodeOptionalJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	worker, err := s.deps.StepIn.DeclineFor(r.Context(), p, id, in.Reason)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"worker_id": worker, "offer_id": id, "state": klusbuddy.OfferDeclined})
}

func (s *Server) cancelJobFor(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	j, err := s.deps.StepIn.CancelJobFor(r.Context(), p, id, in.Reason)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"job": toBoardJobJSON(j)})
}

type phonedPosterJSON struct {
	ID        int64             `json:"id"`
	FirstName string            `json:"first_name"`
	LastName  string            `json:"last_name"`
	Phone     string            `json:"phone"`
	Language  string            `json:"language"`
	Address   klusbuddy.Address `json:"address"`
}

func toPhonedPosterJSON(p klusbuddy.PhonedPoster) phonedPosterJSON {
	return phonedPosterJSON{ID: p.ID, FirstName: p.FirstName, LastName: p.LastName, Phone: p.Phone, Language: string(p.Language), Address: p.Address}
}

func (s *Server) listKeptPosters(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	list, err := s.deps.Phoned.KeptPosters(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]phonedPosterJSON, len(list))
	for i, x := range list {
		out[i] = toPhonedPosterJSON(x)
	}
	writeJSON(w, http.StatusOK, map[string]any{"posters": out})
}

func (s *Server) createPhonedPoster(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in struct {
		FirstName string             `json:"first_name"`
		LastName  string             `json:"last_name"`
		Phone     string             `json:"phone"`
		Language  klusbuddy.Language `json:"language"`
		Address   struct {
			Label        string `json:"label"`
			Street       string `json:"street"`
			Postcode     string `json:"postcode"`
			Municipality string `json:"municipality"`
		} `json:"address"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out, err := s.deps.Phoned.CreatePhonedPoster(r.Context(), p, klusbuddy.PhonedPoster{FirstName: in.FirstName, LastName: in.LastName,
		Phone: in.Phone, Language: in.Language, Address: klusbuddy.Address{Label: in.Address.Label, Street: in.Address.Street,
			Postcode: in.Address.Postcode, Municipality: in.Address.Municipality}})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, toPhonedPosterJSON(out))
}

func (s *Server) postJobFor(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in jobIn
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	j, err := s.deps.Phoned.PostJobFor(r.Context(), p, id, in.newJob())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, toJobJSON(j, s.deps.Now()))
}
