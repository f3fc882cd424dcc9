package klusbuddy

import (
	"context"
	"strings"
)

// Stepping in: a coordinator picks a worker for a job by hand (an offer, or the place at
// once), answers an offer for a worker who phoned, posts a job for a household that phoned,
// or cancels a job. The hard rules of matching and the database's guarantees hold as for
// anyone; a soft rule overridden needs a written reason, which the audit log keeps.

// SoftRule is a preference of matching a coordinator may override with a reason.
type SoftRule string

const (
	// The job still goes to its poster's favourites alone (dispatch's favourites-first wave),
	// and this worker is not one of them.
	SoftFavouritesFirst SoftRule = "favourites_first"
	// Someone not asked yet ranks higher (travel, fairness, reliability, familiarity).
	SoftRanking SoftRule = "ranking"
	// The worker said no to this job already.
	SoftDeclined SoftRule = "declined"
)

// MaxStepInReason is the longest reason a coordinator may write.
const MaxStepInReason = 500

// HardRuleMessages say, per hard rule a worker fails (internal/match's Reason codes and the
// job's own), why a coordinator cannot choose them.
var HardRuleMessages = map[string]string{
	"organisation":      "This job does not go to your organisation's people.",
	"skill":             "This worker does not have the skill or level this job needs.",
	"not_verified":      "This job needs a skill verified by a coordinator.",
	"blocked":           "This worker and the poster do not work together again.",
	"too_far":           "This job is beyond the worker's travel limit.",
	"not_available":     "The worker is not available at that time.",
	"booked":            "The worker is already booked on another job at that time.",
	"month_cap":         "This job would take the worker past their hours for the month.",
	"year_cap":          "This job would take the worker past their hours for the year.",
	"buddy_not_allowed": "The worker needs a buddy and this job allows none.",
	"no_buddy":          "The worker needs a buddy and none is free.",
	"not_loaded":        "This worker cannot take jobs yet (not active).",
	"on_job":            "The worker is already on this job.",
	"offer_open":        "The worker has an open offer for this job already.",
	"full":              "All places of this job are taken.",
	"not_open":          "This job is not looking for workers.",
	"started":           "This job has started.",
}

// HardRuleError is the conflict a hard rule raises, with the rule as its reason.
func HardRuleError(rule string) error {
	msg, ok := HardRuleMessages[rule]
	if !ok {
		msg = "This worker cannot take this job."
	}
	return Conflict(rule, msg)
}

// StepInCandidate is a worker of the coordinator's organisation as the stepping-in screen
// shows them for a job: the hard rule they fail (Rule, "" when none) and the soft rules
// choosing them would override.
type StepInCandidate struct {
	WorkerID      int64
	Name          string // first name and initial
	Rule          string
	TravelMinutes float64
	Score         float64
	NeedsBuddy    bool
	Warnings      []SoftRule
	Offer         OfferState // their offer in the job's current round ("" none)
	OfferID       int64
}

// StepIn is a coordinator's choice: a worker, and the reason when a soft rule is overridden.
type StepIn struct {
	WorkerID int64
	Reason   string
}

// Check trims the reason and checks its length.
func (s *StepIn) Check() error {
	fe := FieldErrors{}
	s.Reason = strings.TrimSpace(s.Reason)
	if s.WorkerID <= 0 {
		fe.Add("worker", "Choose a worker.")
	}
	CheckLength(fe, "reason", s.Reason, MaxStepInReason)
	return fe.Err()
}

// ReasonNeeded is the error for a soft rule overridden without a reason.
func ReasonNeeded() error {
	return &Error{Code: EINVALID, Message: "Some fields are not valid.",
		Fields: map[string]string{"reason": "Write why you choose this worker over matching's preference."}}
}

// PhonedPoster is a household that phoned its coordinator: a poster without e-mail (who
// therefore cannot sign in), kept by the coordinator's organisation, with one address in its
// area.
type PhonedPoster struct {
	ID        int64
	FirstName string
	LastName  string
	Phone     string
	Language  Language
	Address   Address
}

// Normalize trims and checks a phoned household's details (the address's postcode and area
// are the store's to check).
func (p *PhonedPoster) Normalize() error {
	fe := FieldErrors{}
	p.FirstName, p.LastName = strings.TrimSpace(p.FirstName), strings.TrimSpace(p.LastName)
	checkName(fe, "first_name", p.FirstName, true)
	checkName(fe, "last_name", p.LastName, false)
	p.Phone = normalizePhone(fe, "phone", p.Phone, true)
	if p.Language == "" {
		p.Language = Dutch
	} else if !p.Language.Valid() {
		fe.Add("language", `Choose "nl", "fr", "en", "tr" or "ar".`)
	}
	a := &p.Address
	a.Label, a.Street, a.Municipality, a.Postcode = strings.TrimSpace(a.Label), strings.TrimSpace(a.Street), strings.TrimSpace(a.Municipality), strings.TrimSpace(a.Postcode)
	CheckLength(fe, "address.label", a.Label, MaxLabelLength)
	if a.Street == "" {
		fe.Add("address.street", "Give the street and number.")
	} else {
		CheckLength(fe, "address.street", a.Street, MaxStreetLength)
	}
	if len(a.Postcode) != 4 {
		fe.Add("address.postcode", "Give a Belgian postcode of 4 digits.")
	}
	if a.Municipality == "" {
		fe.Add("address.municipality", "Choose the municipality.")
	} else {
		CheckLength(fe, "address.municipality", a.Municipality, MaxMunicipalityLength)
	}
	return fe.Err()
}

// StepInService is a coordinator stepping in on a job (internal/dispatch).
type StepInService interface {
	StepInCandidates(ctx context.Context, actor Principal, jobID int64) ([]StepInCandidate, error)
	// AssignWorker books the worker on the job at once; OfferWorker sends them an offer.
	AssignWorker(ctx context.Context, actor Principal, jobID int64, s StepIn) (BoardJob, error)
	OfferWorker(ctx context.Context, actor Principal, jobID int64, s StepIn) (BoardJob, error)
	// AcceptFor and DeclineFor answer a worker's offer on their behalf; they return the worker.
	AcceptFor(ctx context.Context, actor Principal, offerID int64) (workerID int64, job BoardJob, err error)
	DeclineFor(ctx context.Context, actor Principal, offerID int64, reason DeclineReason) (workerID int64, err error)
	CancelJobFor(ctx context.Context, actor Principal, jobID int64, reason string) (BoardJob, error)
}

// PhonedService lets a coordinator post for a household that phoned (internal/jobs).
type PhonedService interface {
	CreatePhonedPoster(ctx context.Context, actor Principal, p PhonedPoster) (PhonedPoster, error)
	KeptPosters(ctx context.Context, actor Principal) ([]PhonedPoster, error)
	PostJobFor(ctx context.Context, actor Principal, posterID int64, n NewJob) (Job, error)
}

// StepInFacts are what the stepping-in screen needs of a job besides matching's facts: the
// offers of the job by worker (in its current round), who is booked on it, and the names of
// the organisation's workers.
type StepInFacts struct {
	Offers map[int64]JobOfferRef // by worker
	Booked map[int64]bool
	Names  map[int64]string
}

// JobOfferRef is one worker's offer for a job as stepping in looks at it.
type JobOfferRef struct {
	ID       int64
	State    OfferState
	Declined bool // said no since the job's terms last changed
}
