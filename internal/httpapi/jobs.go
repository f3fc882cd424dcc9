package httpapi

import (
	"net/http"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type jobJSON struct {
	ID            int64                 `json:"id"`
	Category      string                `json:"category"`
	Description   string                `json:"description"`
	Start         time.Time             `json:"start"`
	End           time.Time             `json:"end"`
	WorkersNeeded int                   `json:"workers_needed"`
	Level         int                   `json:"level"`
	Buddy         klusbuddy.BuddyPolicy `json:"buddy"`
	LanguageHints []string              `json:"language_hints"`
	State         klusbuddy.JobState    `json:"state"`
	WindowDays    int                   `json:"window_days"`
	Address       klusbuddy.Address     `json:"address"`
	Coming        []string              `json:"coming"` // first names of the workers booked
	Buddies       []string              `json:"buddies"`
	AwaitingBuddy int                   `json:"awaiting_buddy"`
	Booked        int                   `json:"booked"`
	Editable      bool                  `json:"editable"`
	Price         priceJSON             `json:"price"`
	Places        []placeJSON           `json:"places"`
	Contacts      []contactJSON         `json:"contacts"`
	SeriesID      *int64                `json:"series_id"` // the series it is an occurrence of; null: none
}

// placeJSON is a booked place: the poster names a worker by it (for "never again").
type placeJSON struct {
	Place     int                   `json:"place"`
	FirstName string                `json:"first_name"`
	WorkerID  int64                 `json:"worker_id"`
	Favourite bool                  `json:"favourite"` // marked "graag opnieuw"
	Buddy     map[string]any        `json:"buddy"`
	Status    klusbuddy.PlaceStatus `json:"status"`
}

type priceJSON struct {
	Unit           klusbuddy.Unit `json:"unit"`
	UnitPriceCents int            `json:"unit_price_cents"`
	Currency       string         `json:"currency"`
}

// toJobJSON is a job as the API shows it at time now (whether it can still be changed).
func toJobJSON(j klusbuddy.Job, now time.Time) jobJSON {
	coming, buddies := j.Assigned, j.Buddies
	if coming == nil {
		coming = []string{}
	}
	if buddies == nil {
		buddies = []string{}
	}
	places := make([]placeJSON, len(j.Places))
	for i, p := range j.Places {
		b := map[string]any{"state": p.BuddyState}
		if p.BuddyName != "" {
			b["first_name"] = p.BuddyName
		}
		places[i] = placeJSON{Place: p.Place, FirstName: p.FirstName, WorkerID: p.WorkerID, Favourite: p.Favourite, Buddy: b, Status: p.Status}
	}
	var series *int64
	if j.SeriesID > 0 {
		series = &j.SeriesID
	}
	return jobJSON{SeriesID: series, Places: places, Contacts: toContactsJSON(j.Contacts), WindowDays: max(1, j.WindowDays), ID: j.ID, Category: j.Category, Description: j.Description, Start: j.Start, End: j.End,
		WorkersNeeded: j.WorkersNeeded, Level: j.Level, Buddy: j.Buddy, LanguageHints: j.LanguageHints, State: j.State,
		Address: j.Address, Coming: coming, Buddies: buddies, AwaitingBuddy: j.AwaitingBuddy, Booked: len(coming),
		Editable: j.Editable() && j.Start.After(now), Price: priceJSON{Unit: j.Unit, UnitPriceCents: j.UnitPrice, Currency: "EUR"}}
}

// jobIn is a job as a poster fills it in, to post it or (as a merge patch) to change it.
type jobIn struct {
	Category      string                `json:"category"`
	AddressID     int64                 `json:"address_id"`
	Description   string                `json:"description"`
	Start         time.Time             `json:"start"`
	Minutes       int                   `json:"minutes"`
	WorkersNeeded int                   `json:"workers_needed"`
	Level         *int                  `json:"level"` // left out (or null): 1; 0 is not a level
	Buddy         klusbuddy.BuddyPolicy `json:"buddy"`
	LanguageHints []string              `json:"language_hints"`
	WindowDays    int                   `json:"window_days"`
}

// newJob is the job the poster filled in, a level left out being the first.
func (in jobIn) newJob() klusbuddy.NewJob {
	level := 1
	if in.Level != nil {
		level = *in.Level
	}
	return klusbuddy.NewJob{Category: in.Category, AddressID: in.AddressID, Description: in.Description, Start: in.Start,
		Minutes: in.Minutes, WorkersNeeded: in.WorkersNeeded, Level: level, Buddy: in.Buddy, LanguageHints: in.LanguageHints,
		WindowDays: in.WindowDays}
}

// jobInOf is a job as its poster would send it again: what an edit's merge patch applies to.
func jobInOf(n klusbuddy.NewJob) jobIn {
	return jobIn{Category: n.Category, AddressID: n.AddressID, Description: n.Description, Start: n.Start, Minutes: n.Minutes,
		WorkersNeeded: n.WorkersNeeded, Level: &n.Level, Buddy: n.Buddy, LanguageHints: n.LanguageHints, WindowDays: n.WindowDays}
}

func (s *Server) postJob(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in struct {
		jobIn
		Repeat *repeatIn `json:"repeat"` // null: once
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	j, err := s.deps.Repeat.PostSeries(r.Context(), p, in.newJob(), in.Repeat.repeat())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, toJobJSON(j, s.deps.Now()))
}

func (s *Server) listJobs(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	jobs, err := s.deps.Jobs.PosterJobs(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]jobJSON, len(jobs))
	for i, j := range jobs {
		out[i] = toJobJSON(j, s.deps.Now())
	}
	writeJSON(w, http.StatusOK, map[string]any{"jobs": out})
}

func (s *Server) getJob(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var j klusbuddy.Job
		if j, err = s.deps.Jobs.GetJob(r.Context(), p, id); err == nil {
			writeJSON(w, http.StatusOK, toJobJSON(j, s.deps.Now()))
			return
		}
	}
	writeError(w, r, s.log, err)
}

func (s *Server) cancelJob(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	late, err := s.deps.Jobs.CancelJob(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	j, err := s.deps.Jobs.GetJob(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"job": toJobJSON(j, s.deps.Now()), "late": late})
}

// editJob applies a JSON merge patch to one of the poster's jobs.
func (s *Server) editJob(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	body, err := readJSONBody(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	// The patch is applied to the job as it stands once locked, not as it was read before.
	j, err := s.deps.Jobs.EditJob(r.Context(), p, id, func(cur klusbuddy.NewJob) (klusbuddy.NewJob, error) {
		var next jobIn
		err := mergeJSON(body, jobInOf(cur), &next)
		return next.newJob(), err
	})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, toJobJSON(j, s.deps.Now()))
}

// neverAgain blocks the job's poster and a person on it from each other, asked by either side
// (or the person's coach).
func (s *Server) neverAgain(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		Place    int   `json:"place"`
		PersonID int64 `json:"person_id"`
	}
	if err := decodeOptionalJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if err := s.deps.Blocks.NeverAgain(r.Context(), p, id, in.Place, in.PersonID); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
