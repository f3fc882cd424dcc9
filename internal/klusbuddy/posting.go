package klusbuddy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// BuddyPolicy says whether a buddy may or must come along on a job.
type BuddyPolicy string

const (
	BuddyAllowed    BuddyPolicy = "allowed"
	BuddyRequired   BuddyPolicy = "required"
	BuddyNotAllowed BuddyPolicy = "not_allowed"
)

// FreeCancellation is how long before the start a poster may cancel without it counting.
const FreeCancellation = 24 * time.Hour

// NewJob is what a poster fills in.
type NewJob struct {
	Category      string
	AddressID     int64
	Description   string
	Start         time.Time
	Minutes       int // expected duration
	WorkersNeeded int
	Level         int
	Buddy         BuddyPolicy
	LanguageHints []string
	WindowDays    int // > 1: any day from Start's to WindowDays-1 days later, at the same time
}

// MaxWindowDays is the widest window of days a job may have.
const MaxWindowDays = 14

// Job is a posted job as its poster sees it.
type Job struct {
	ID            int64
	PosterID      int64
	Category      string
	Address       Address
	Description   string
	Start, End    time.Time
	WorkersNeeded int
	Level         int
	Buddy         BuddyPolicy
	LanguageHints []string
	State         JobState
	WindowDays    int      // > 1 until the first accept settles the day
	SeriesID      int64    // the series it is an occurrence of; 0: none
	Assigned      []string // first names of the workers coming
	Places        []JobPlace
	Buddies       []string // first names of the buddies confirmed to come along
	AwaitingBuddy int      // places held by a worker still waiting for a buddy
	Unit          Unit     // the price the poster saw when posting
	UnitPrice     int      // euro cents, VAT included
	CreatedAt     time.Time
	Contacts      []Contact // for its poster, within ContactsOpen
}

// JobPlace is a booked place as the poster sees it: the worker's first name and their buddy.
type JobPlace struct {
	Place      int         `json:"place"`
	FirstName  string      `json:"first_name"`
	WorkerID   int64       `json:"worker_id"`
	Favourite  bool        `json:"favourite"` // the poster marked them "graag opnieuw"
	BuddyState BuddyState  `json:"buddy_state"`
	BuddyName  string      `json:"buddy_name"`
	Status     PlaceStatus `json:"status"`
}

// Editable reports whether the poster may still change the job: until it is filled.
func (j Job) Editable() bool {
	return j.State == JobOpen || j.State == JobOffering || j.State == JobUnfilled
}

// Draft returns the job as its poster would fill it in again, the base an edit applies to.
func (j Job) Draft() NewJob {
	hints := j.LanguageHints
	if hints == nil {
		hints = []string{}
	}
	return NewJob{Category: j.Category, AddressID: j.Address.ID, Description: j.Description, Start: j.Start,
		Minutes: int(j.End.Sub(j.Start).Minutes()), WorkersNeeded: j.WorkersNeeded, Level: j.Level, Buddy: j.Buddy,
		LanguageHints: hints, WindowDays: max(1, j.WindowDays)}
}

// Edit is a poster's change to a job, checked against the job as it stands.
type Edit struct {
	Next    NewJob
	Changed map[string]bool // by API field name
}

// Material reports whether the edit changes what matching looked at: the offers out are void,
// and the people who said no may be asked again.
func (e Edit) Material() bool {
	for _, f := range []string{"category", "address_id", "start", "minutes", "level", "buddy", "window_days"} {
		if e.Changed[f] {
			return true
		}
	}
	return false
}

// CheckEdit compares next with the job j and checks it: fields left as they were are not
// judged again (a job starting within the hour may still get a new description), and once
// anyone is booked only the description, the language hints and the number of workers may
// change, never below the number booked.
func CheckEdit(j Job, next NewJob, booked int, now time.Time) (Edit, error) {
	cur := j.Draft()
	// A field left empty (a null in the patch) takes its default, a change like any other (the
	// HTTP layer has made a null level 1 already).
	if next.Buddy == "" {
		next.Buddy = BuddyAllowed
	}
	if next.WindowDays == 0 {
		next.WindowDays = 1
	}
	ch := map[string]bool{
		"window_days":    next.WindowDays != cur.WindowDays,
		"category":       next.Category != cur.Category,
		"address_id":     next.AddressID != cur.AddressID,
		"description":    strings.TrimSpace(next.Description) != cur.Description,
		"start":          !next.Start.Equal(cur.Start),
		"minutes":        next.Minutes != cur.Minutes,
		"workers_needed": next.WorkersNeeded != cur.WorkersNeeded,
		"level":          next.Level != cur.Level,
		"buddy":          next.Buddy != cur.Buddy,
		"language_hints": !slices.Equal(next.LanguageHints, cur.LanguageHints),
	}
	e := Edit{Next: next, Changed: ch}
	if !j.Editable() || !j.Start.After(now) {
		return e, Conflict("closed", "This job can no longer be changed.")
	}
	err := e.Next.Validate(now)
	var fe *Error
	if errors.As(err, &fe) && !ch["start"] {
		delete(fe.Fields, "start")
		if len(fe.Fields) == 0 {
			err = nil
		}
	}
	if err != nil {
		return e, err
	}
	if booked > 0 {
		if e.Material() {
			return e, Conflict("booked", "Someone is booked on this job: only the description, the languages and the number of workers can change.")
		}
		if next.WorkersNeeded < booked {
			return e, &Error{Code: EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"workers_needed": fmt.Sprintf("%d workers are booked already; ask for at least that many.", booked)}}
		}
	}
	return e, nil
}

// Validate checks a new job against now: it starts at least an hour ahead and within a year,
// lasts from 30 minutes to 12 hours, and needs 1 to 20 workers.
func (n *NewJob) Validate(now time.Time) error {
	fe := FieldErrors{}
	n.Description = strings.TrimSpace(n.Description)
	if !slugPattern.MatchString(n.Category) {
		fe.Add("category", "Choose a category.")
	}
	if n.AddressID <= 0 {
		fe.Add("address_id", "Choose the address.")
	}
	if len([]rune(n.Description)) > 2000 {
		fe.Add("description", "Use at most 2000 characters.")
	}
	switch {
	case n.Start.IsZero():
		fe.Add("start", "Give the date and time.")
	case n.Start.Before(now.Add(time.Hour)):
		fe.Add("start", "Choose a start at least an hour from now.")
	case n.Start.After(now.AddDate(1, 0, 0)):
		fe.Add("start", "Choose a start within a year.")
	}
	if n.Minutes < 30 || n.Minutes > 12*60 {
		fe.Add("minutes", "Give a duration from 30 minutes to 12 hours.")
	}
	if n.WorkersNeeded < 1 || n.WorkersNeeded > 20 {
		fe.Add("workers_needed", "Give a number of workers from 1 to 20.")
	}
	if n.Level < 1 || n.Level > 3 {
		fe.Add("level", "Choose level 1, 2 or 3.")
	}
	switch n.Buddy {
	case "":
		n.Buddy = BuddyAllowed
	case BuddyAllowed, BuddyRequired, BuddyNotAllowed:
	default:
		fe.Add("buddy", "Choose whether a buddy may come.")
	}
	if n.WindowDays == 0 {
		n.WindowDays = 1
	}
	if n.WindowDays < 1 || n.WindowDays > MaxWindowDays {
		fe.Add("window_days", fmt.Sprintf("Give a window of 1 to %d days.", MaxWindowDays))
	}
	if n.LanguageHints == nil {
		n.LanguageHints = []string{}
	}
	if len(n.LanguageHints) > 10 {
		fe.Add("language_hints", fmt.Sprintf("List at most %d items.", 10))
	}
	for i, l := range n.LanguageHints {
		if !langPattern.MatchString(l) {
			fe.Add(fmt.Sprintf("language_hints.%d", i), "Use a language code of two or three letters, such as tr or ber.")
		}
	}
	return fe.Err()
}

// End is when the job is expected to end.
func (n NewJob) End() time.Time { return n.Start.Add(time.Duration(n.Minutes) * time.Minute) }

// BlockService records "never again" between a job's poster and a person on it, either way:
// the poster names the worker by their place on the job, a worker or buddy means themselves,
// a coordinator names one of their own people. Matching never puts the two together again.
type BlockService interface {
	NeverAgain(ctx context.Context, actor Principal, jobID int64, place int, personID int64) error
	// PersonBlocks lists a worker's or buddy's blocks, and Unblock lifts one, for their coach
	// (the caller checks that the person is in the coach's organisation).
	PersonBlocks(ctx context.Context, actor Principal, personID int64) ([]Block, error)
	Unblock(ctx context.Context, actor Principal, personID, posterID int64) error
}

// Block is "never again" between a person and a poster, as their coach sees it.
type Block struct {
	PosterID     int64
	PosterName   string // the company, or the household's first name and initial
	Municipality string
	By           Role // who asked
	JobID        *int64
	Created      time.Time
}

// JobService posts and follows jobs.
type JobService interface {
	PostJob(ctx context.Context, actor Principal, n NewJob) (Job, error)
	PosterJobs(ctx context.Context, actor Principal) ([]Job, error)
	GetJob(ctx context.Context, actor Principal, id int64) (Job, error)
	// CancelJob cancels a job; late is whether it fell within the free-cancellation window.
	CancelJob(ctx context.Context, actor Principal, id int64) (late bool, err error)
	// EditJob changes a job that is not filled yet: patch makes the new job from the one that
	// stands (with the job locked, so that two edits never undo each other); see CheckEdit.
	EditJob(ctx context.Context, actor Principal, id int64, patch func(cur NewJob) (NewJob, error)) (Job, error)
}
