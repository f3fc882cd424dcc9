package klusbuddy

import (
	"context"
	"time"
)

// A calendar feed (issue 11): each worker, buddy and poster may have one private address of an
// iCalendar feed with their booked jobs, which their calendar app (Google, Apple, Outlook)
// subscribes to. The address holds a random token that is shown once, when it is made; only its
// hash is kept. Renewing makes a new token (the old address stops working), revoking ends it.

// CalendarHistory is how long after its end a job stays in the feed: calendar apps keep what
// they saw, and a cancelled job must reach them as cancelled rather than vanish.
const CalendarHistory = 90 * 24 * time.Hour

// HasCalendar reports whether people of role r may have a calendar feed: those with booked
// jobs of their own (coordinators follow jobs on the match board).
func HasCalendar(r Role) bool { return r == RoleWorker || r == RoleBuddy || r == RolePoster }

// CalendarFeed is whether a person has a feed and since when. Token is set only in the answer
// that made it: it is not kept and cannot be shown again.
type CalendarFeed struct {
	Exists    bool
	CreatedAt *time.Time
	Token     string
}

// CalendarStatus is an event's STATUS (RFC 5545).
type CalendarStatus string

const (
	CalendarTentative CalendarStatus = "TENTATIVE" // a poster's job not yet filled; a worker still waiting for a buddy
	CalendarConfirmed CalendarStatus = "CONFIRMED"
	CalendarCancelled CalendarStatus = "CANCELLED" // the job was cancelled or expired, or the person left it
)

// CalendarEntry is one job in one person's calendar, as far as they may see it.
type CalendarEntry struct {
	JobID        int64
	Role         Role // the person's part in the job: worker, buddy or poster
	Sequence     int  // raised with every change they see
	Left         bool // they left the job: dropped out, or their place was released
	Changed      time.Time
	Start, End   time.Time
	State        JobState
	BuddyState   BuddyState // a worker's place: waiting for a buddy or not
	Category     Localized
	Street       string // the job's address: the poster's own, a booked worker's or buddy's
	Postcode     string
	Municipality string
}

// Status is the event's status for the person: cancelled when the job was cancelled or
// expired or they left it; tentative while a poster's job is not filled or a worker waits for
// a buddy; confirmed otherwise.
func (e CalendarEntry) Status() CalendarStatus {
	switch {
	case e.Left || e.State == JobCancelled || e.State == JobExpired:
		return CalendarCancelled
	case e.Role == RolePoster && (e.State == JobOpen || e.State == JobOffering || e.State == JobUnfilled):
		return CalendarTentative
	case e.Role == RoleWorker && e.BuddyState == BuddySearching:
		return CalendarTentative
	}
	return CalendarConfirmed
}

// Location is where the event takes place as the person may see it: the full address while the
// job is theirs, only the municipality once they left it (the exact address is for the people
// on the job).
func (e CalendarEntry) Location() string {
	if e.Left || e.Street == "" {
		return e.Municipality
	}
	return e.Street + ", " + e.Postcode + " " + e.Municipality
}

// Calendar is a person's feed: who they are and the jobs in it, soonest first.
type Calendar struct {
	UserID   int64
	Role     Role
	Language Language
	Entries  []CalendarEntry
}

// CalendarService makes, renews and revokes a person's feed, and reads a feed by its token.
type CalendarService interface {
	CalendarFeed(ctx context.Context, actor Principal) (CalendarFeed, error)
	// CreateCalendarFeed makes a new token, replacing any earlier one.
	CreateCalendarFeed(ctx context.Context, actor Principal) (CalendarFeed, error)
	RevokeCalendarFeed(ctx context.Context, actor Principal) error
	// CalendarICS is the feed of the token as an iCalendar document, with links to base (the
	// public URL); ENOTFOUND for a token that is not (or no longer) a feed's.
	CalendarICS(ctx context.Context, token, base string) ([]byte, error)
}
