package klusbuddy

import (
	"context"
	"fmt"
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
}

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
	Assigned      []string // first names of the workers coming
	CreatedAt     time.Time
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
	if n.Level == 0 {
		n.Level = 1
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

// JobService posts and follows jobs.
type JobService interface {
	PostJob(ctx context.Context, actor Principal, n NewJob) (Job, error)
	PosterJobs(ctx context.Context, actor Principal) ([]Job, error)
	GetJob(ctx context.Context, actor Principal, id int64) (Job, error)
	// CancelJob cancels a job; late is whether it fell within the free-cancellation window.
	CancelJob(ctx context.Context, actor Principal, id int64) (late bool, err error)
}
