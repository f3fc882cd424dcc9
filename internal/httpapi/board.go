package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type boardJobJSON struct {
	ID            int64                 `json:"id"`
	Category      string                `json:"category"`
	Municipality  string                `json:"municipality"`
	Start         time.Time             `json:"start"`
	End           time.Time             `json:"end"`
	State         klusbuddy.JobState    `json:"state"`
	WorkersNeeded int                   `json:"workers_needed"`
	Booked        int                   `json:"booked"`
	AwaitingBuddy int                   `json:"awaiting_buddy"`
	OffersPending int                   `json:"offers_pending"`
	Declines      int                   `json:"declines"`
	Level         int                   `json:"level"`
	Buddy         klusbuddy.BuddyPolicy `json:"buddy"`

	Organisation *jobOrganisationJSON `json:"organisation"`

	NotArrived  int `json:"not_arrived"`
	FarCheckIns int `json:"far_check_ins"`
	SafetyOpen  int `json:"safety_open"`

	// On the board only (a job's review has its own lists).
	People []boardPersonJSON       `json:"people,omitempty"`
	Others []otherOrganisationJSON `json:"other_organisations,omitempty"`
}

type boardPersonJSON struct {
	Place       int                `json:"place"`
	Role        klusbuddy.Role     `json:"role"`
	Person      map[string]any     `json:"person"`
	Arrival     klusbuddy.Presence `json:"arrival"`
	CheckedInAt *time.Time         `json:"checked_in_at"`
}

type otherOrganisationJSON struct {
	ID           int64         `json:"id"`
	Name         string        `json:"name"`
	Coordinators []contactJSON `json:"coordinators"`
}

type jobOrganisationJSON struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	SharedPool bool   `json:"shared_pool"`
}

func toBoardJobJSON(j klusbuddy.BoardJob) boardJobJSON {
	out := boardJobJSON{ID: j.ID, Category: j.Category, Municipality: j.Municipality, Start: j.Start, End: j.End, State: j.State,
		WorkersNeeded: j.WorkersNeeded, Booked: j.Booked, AwaitingBuddy: j.AwaitingBuddy, OffersPending: j.OffersPending,
		Declines: j.Declines, Level: j.Level, Buddy: j.Buddy, NotArrived: j.NotArrived, FarCheckIns: j.FarCheckIns, SafetyOpen: j.SafetyOpen}
	if o := j.Organisation; o != nil {
		out.Organisation = &jobOrganisationJSON{ID: o.ID, Name: o.Name, SharedPool: o.SharedPool}
	}
	if j.People != nil {
		out.People = make([]boardPersonJSON, len(j.People))
		for i, p := range j.People {
			out.People[i] = boardPersonJSON{Place: p.Place, Role: p.Role, Person: personRefJSON(p.Person), Arrival: p.Arrival, CheckedInAt: p.CheckedInAt}
		}
	}
	if j.Others != nil {
		out.Others = make([]otherOrganisationJSON, len(j.Others))
		for i, o := range j.Others {
			out.Others[i] = otherOrganisationJSON{ID: o.ID, Name: o.Name, Coordinators: toContactsJSON(o.Coordinators)}
		}
	}
	return out
}

// personRefJSON shows a name and id only for the coordinator's own people.
func personRefJSON(p klusbuddy.PersonRef) map[string]any {
	if p.ID == 0 {
		return map[string]any{"organisation": p.Organisation}
	}
	return map[string]any{"id": p.ID, "name": p.Name, "organisation": p.Organisation}
}

func (s *Server) board(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var ids []int64
	if raw, ok := r.URL.Query()["ids"]; ok {
		// The jobs a live board loads again: "ids=4,8,15" (an empty list is none).
		ids = []int64{}
		for _, v := range strings.Split(strings.Join(raw, ","), ",") {
			if v == "" {
				continue
			}
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
					Fields: map[string]string{"ids": "Give job ids, separated by commas."}})
				return
			}
			ids = append(ids, id)
		}
	}
	jobs, err := s.deps.Board.Board(r.Context(), p, klusbuddy.BoardFilter(r.URL.Query().Get("filter")), ids)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]boardJobJSON, len(jobs))
	for i, j := range jobs {
		out[i] = toBoardJobJSON(j)
	}
	writeJSON(w, http.StatusOK, map[string]any{"jobs": out})
}

func (s *Server) reviewJob(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	rv, err := s.deps.Board.ReviewJob(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	offers := make([]map[string]any, len(rv.Offers))
	for i, o := range rv.Offers {
		m := map[string]any{"id": o.ID, "wave": o.Wave, "state": o.State, "score": o.Score, "breakdown": o.Breakdown,
			"travel_minutes": o.TravelMinutes, "needs_buddy": o.NeedsBuddy, "created_at": o.Created, "answered_at": o.Answered,
			"worker": personRefJSON(o.Worker), "decline_reason": nil}
		if o.DeclineReason != "" {
			m["decline_reason"] = o.DeclineReason
		}
		offers[i] = m
	}
	reqs := make([]map[string]any, len(rv.BuddyRequests))
	for i, q := range rv.BuddyRequests {
		m := map[string]any{"id": q.ID, "wave": q.Wave, "state": q.State, "travel_minutes": q.TravelMinutes, "created_at": q.Created,
			"answered_at": q.Answered, "buddy": personRefJSON(q.Buddy), "decline_reason": nil}
		if q.DeclineReason != "" {
			m["decline_reason"] = q.DeclineReason
		}
		reqs[i] = m
	}
	places := make([]map[string]any, len(rv.Assignments))
	for i, a := range rv.Assignments {
		buddy := map[string]any{"state": a.BuddyState}
		if a.Buddy != nil {
			buddy["person"] = personRefJSON(*a.Buddy)
		}
		places[i] = map[string]any{"place": a.Place, "worker": personRefJSON(a.Worker), "buddy": buddy}
	}
	moves := make([]map[string]any, len(rv.Transitions))
	for i, t := range rv.Transitions {
		moves[i] = map[string]any{"from": t.From, "to": t.To, "at": t.At, "by": t.By, "late": t.Late}
	}
	attendance := make([]map[string]any, len(rv.Attendance))
	for i, a := range rv.Attendance {
		attendance[i] = map[string]any{"place": a.Place, "role": a.Role, "person": personRefJSON(a.Person), "checked_in_at": a.CheckedInAt,
			"checked_out_at": a.CheckedOutAt, "distance_m": roundMetres(a.DistanceM), "far": a.Far}
	}
	outcomes := make([]map[string]any, len(rv.Outcomes))
	for i, o := range rv.Outcomes {
		outcomes[i] = map[string]any{"outcome": o.Outcome, "at": o.At, "by": o.By}
		if o.Place > 0 {
			outcomes[i]["place"] = o.Place
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"job": toBoardJobJSON(rv.Job), "description": rv.Description, "offers": offers,
		"buddy_requests": reqs, "assignments": places, "transitions": moves, "attendance": attendance, "outcomes": outcomes,
		"contacts": toContactsJSON(rv.Contacts)})
}

func (s *Server) reoffer(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	j, err := s.deps.Board.Reoffer(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, toBoardJobJSON(j))
}
