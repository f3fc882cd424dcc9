package httpapi

import (
	"net/http"
	"strings"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The coordinator's follow-up list (issue 13, part 5): who needs a call and why, and what was
// done about them.

type followUpReasonJSON struct {
	Code  klusbuddy.FollowUpReasonCode `json:"code"`
	Since time.Time                    `json:"since"`
	Count *int                         `json:"count"`
	JobID *int64                       `json:"job_id"`
	Days  *int                         `json:"days"`
}

func toFollowUpReasons(rs []klusbuddy.FollowUpReason) []followUpReasonJSON {
	out := make([]followUpReasonJSON, len(rs))
	for i, r := range rs {
		o := followUpReasonJSON{Code: r.Code, Since: r.Since}
		if r.Count > 0 {
			n := r.Count
			o.Count = &n
		}
		if r.JobID > 0 {
			id := r.JobID
			o.JobID = &id
		}
		if r.Days > 0 {
			d := r.Days
			o.Days = &d
		}
		out[i] = o
	}
	return out
}

type followUpActionJSON struct {
	ID           int64                  `json:"id"`
	Kind         klusbuddy.FollowUpKind `json:"kind"`
	Note         string                 `json:"note"`
	SnoozedUntil *string                `json:"snoozed_until"`
	By           *string                `json:"by"`
	At           time.Time              `json:"at"`
}

func toFollowUpAction(a klusbuddy.FollowUpAction) followUpActionJSON {
	o := followUpActionJSON{ID: a.ID, Kind: a.Kind, Note: a.Note, At: a.At}
	if a.SnoozedUntil != "" {
		u := a.SnoozedUntil
		o.SnoozedUntil = &u
	}
	if name := strings.TrimSpace(a.ByName); name != "" {
		o.By = &name
	}
	return o
}

// followUpList answers GET /org/follow-up.
func (s *Server) followUpList(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	list, err := s.deps.FollowUp.FollowUpList(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	people := make([]map[string]any, len(list))
	for i, f := range list {
		var latest *followUpActionJSON
		if f.LatestAction != nil {
			a := toFollowUpAction(*f.LatestAction)
			latest = &a
		}
		people[i] = map[string]any{"person_id": f.PersonID, "role": f.Role, "first_name": f.FirstName, "last_name": f.LastName,
			"phone": nullable(f.Phone), "reasons": toFollowUpReasons(f.Reasons), "last_active_at": f.LastActiveAt,
			"entered_at": f.EnteredAt, "latest_action": latest}
	}
	writeJSON(w, http.StatusOK, map[string]any{"people": people})
}

// followUpAct answers POST /org/follow-up/{person}/actions.
func (s *Server) followUpAct(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	person, err := pathID(r, "person")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		Kind  klusbuddy.FollowUpKind `json:"kind"`
		Note  string                 `json:"note"`
		Until string                 `json:"until"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	a, err := s.deps.FollowUp.FollowUpAct(r.Context(), p, person,
		klusbuddy.FollowUpInput{Kind: in.Kind, Note: strings.TrimSpace(in.Note), Until: in.Until})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"action": toFollowUpAction(a)})
}

// followUpHistory answers GET /org/people/{id}/follow-up.
func (s *Server) followUpHistory(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	h, err := s.deps.FollowUp.FollowUpHistory(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	actions := make([]followUpActionJSON, len(h.Actions))
	for i, a := range h.Actions {
		actions[i] = toFollowUpAction(a)
	}
	var state *klusbuddy.FollowUpState
	if h.State != "" {
		st := h.State
		state = &st
	}
	writeJSON(w, http.StatusOK, map[string]any{"state": state, "snoozed_until": nullable(h.SnoozedUntil), "resolved_at": h.ResolvedAt,
		"reasons": toFollowUpReasons(h.Reasons), "last_active_at": h.LastActiveAt, "actions": actions})
}

// pokeFollowUp asks for a sweep of the follow-up list now.
func (s *Server) pokeFollowUp() {
	if s.deps.PokeFollowUp != nil {
		s.deps.PokeFollowUp()
	}
}
