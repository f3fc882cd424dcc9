package klusbuddy

import (
	"context"
	"fmt"
	"time"
)

// Repeat work (issue 12, items 7 and 9): favourites, reposting a job and series of jobs.

// DefaultFavouritesFirst is how long a new job goes to the poster's favourites alone, at most
// (KLUSBUDDY_FAVOURITES_FIRST).
const DefaultFavouritesFirst = 2 * time.Hour

// FavouritesWindow is how long a job starting at start, offered at now, goes to its poster's
// favourites alone: the setting, but never more than a quarter of the time left until the
// start, so that a job tomorrow morning still has most of its time for everyone. Zero (no
// favourites-first wave) when the setting is zero or negative or the job has started.
func FavouritesWindow(setting time.Duration, now, start time.Time) time.Duration {
	left := start.Sub(now)
	if setting <= 0 || left <= 0 {
		return 0
	}
	return min(setting, left/4)
}

// Favourite is a worker a poster marked "graag opnieuw", as the poster sees them: by first
// name only.
type Favourite struct {
	WorkerID  int64
	FirstName string
	Since     time.Time
}

// MaxOccurrences is the most jobs one series may hold.
const MaxOccurrences = 26

// Repeat is how a job recurs: every EveryWeeks weeks (1 or 2) on the same weekday and local
// time, up to and including the date Until ("2006-01-02", in Belgium).
type Repeat struct {
	EveryWeeks int
	Until      string
}

// Occurrences returns the starts of a series whose first job starts at first: the same
// weekday and local time (in loc, across a change of clocks) every r.EveryWeeks weeks, up to
// and including r.Until. It fails naming "repeat.every_weeks" or "repeat.until" for a
// frequency other than 1 or 2, an end before the first job's day, more than MaxOccurrences
// jobs, or a last job more than a year after now (every job must be postable on its own).
func (r Repeat) Occurrences(first, now time.Time, loc *time.Location) ([]time.Time, error) {
	fe := FieldErrors{}
	if r.EveryWeeks != 1 && r.EveryWeeks != 2 {
		fe.Add("repeat.every_weeks", "Choose every week or every two weeks.")
	}
	until, err := time.ParseInLocation(time.DateOnly, r.Until, loc)
	if err != nil {
		fe.Add("repeat.until", "Give the last date as YYYY-MM-DD.")
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	local := first.In(loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	if until.Before(day) {
		return nil, FieldErrors{"repeat.until": "Choose a last date on or after the first job's date."}.Err()
	}
	end := until.AddDate(0, 0, 1) // the whole of the last day
	var out []time.Time
	for k := 0; ; k++ {
		s := local.AddDate(0, 0, 7*r.EveryWeeks*k)
		if !s.Before(end) {
			break
		}
		if len(out) == MaxOccurrences {
			return nil, FieldErrors{"repeat.until": fmt.Sprintf("A series holds at most %d jobs; choose an earlier last date.", MaxOccurrences)}.Err()
		}
		if s.After(now.AddDate(1, 0, 0)) {
			return nil, FieldErrors{"repeat.until": "Every job of a series must start within a year; choose an earlier last date."}.Err()
		}
		out = append(out, s)
	}
	return out, nil
}

// Series is a job that recurs, as its poster sees it.
type Series struct {
	ID         int64
	EveryWeeks int
	Until      string // "2006-01-02"
	Cancelled  bool
	Jobs       []SeriesJob // every occurrence, the first first
}

// SeriesJob is one occurrence of a series.
type SeriesJob struct {
	JobID int64
	Start time.Time
	State JobState
}

// Repost is a poster's "Opnieuw plaatsen": a new job like a past one, at a new start.
type Repost struct {
	Start  time.Time
	End    *time.Time // nil: as long as the job reposted
	Repeat *Repeat    // nil: once
}

// RepeatService is favourites, reposts and series, for posters.
type RepeatService interface {
	// PostSeries posts a job, and with r the whole series of it (see Repeat.Occurrences); it
	// returns the first job.
	PostSeries(ctx context.Context, actor Principal, n NewJob, r *Repeat) (Job, error)
	// Repost posts a copy of one of the poster's jobs (category, description, address, level,
	// workers, buddy, languages, window) at a new start, at today's catalogue price.
	Repost(ctx context.Context, actor Principal, jobID int64, rp Repost) (Job, error)
	Series(ctx context.Context, actor Principal, seriesID int64) (Series, error)
	// CancelSeries cancels every occurrence not yet started, in one transaction, as a cancel of
	// each would (late ones recorded as late, booked workers told); it returns the jobs
	// cancelled.
	CancelSeries(ctx context.Context, actor Principal, seriesID int64) ([]int64, error)

	Favourites(ctx context.Context, actor Principal) ([]Favourite, error)
	// AddFavourite marks a worker who did a job for the poster; a blocked one cannot be.
	AddFavourite(ctx context.Context, actor Principal, workerID int64) (Favourite, error)
	RemoveFavourite(ctx context.Context, actor Principal, workerID int64) error
}
