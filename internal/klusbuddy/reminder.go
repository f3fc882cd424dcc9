package klusbuddy

import (
	"fmt"
	"time"
)

// ReminderKind is one of the moments a booked job is brought to mind.
type ReminderKind string

const (
	ReminderEvening ReminderKind = "evening" // the evening before (18:00 in Belgium): worker, buddy, poster
	ReminderSoon    ReminderKind = "soon"    // hours before the start: worker, buddy, poster
	ReminderNudge   ReminderKind = "nudge"   // after the start without a check-in: the worker, and their coach
)

// ReminderKinds lists the kinds, in the order a sweep sends them.
func ReminderKinds() []ReminderKind {
	return []ReminderKind{ReminderEvening, ReminderSoon, ReminderNudge}
}

// DueReminders are the reminders of a kind due for the jobs that start before a bound.
type DueReminders struct {
	Kind   ReminderKind
	Before time.Time
}

// Due lists the bound of each kind at now (DueBefore), in the order a sweep takes them.
func (s ReminderSettings) Due(now time.Time, loc *time.Location) []DueReminders {
	out := make([]DueReminders, 0, 3)
	for _, k := range ReminderKinds() {
		out = append(out, DueReminders{Kind: k, Before: s.DueBefore(k, now, loc)})
	}
	return out
}

// ReminderSettings say when reminders go out.
type ReminderSettings struct {
	EveningHour, EveningMinute int           // the evening before, in Belgian time (18:00)
	Before                     time.Duration // the second reminder, before the start (2 h)
}

// DefaultReminders are the evening before at 18:00 and two hours before; the nudge goes
// NotArrivedAfter the start.
var DefaultReminders = ReminderSettings{EveningHour: 18, Before: 2 * time.Hour}

// ParseEvening reads "18:00" into the settings' evening hour and minute.
func (s *ReminderSettings) ParseEvening(v string) error {
	var h, m int
	if n, err := fmt.Sscanf(v, "%d:%d", &h, &m); err != nil || n != 2 || h < 0 || h > 23 || m < 0 || m > 59 || len(v) != 5 {
		return fmt.Errorf("give a time of day such as 18:00")
	}
	s.EveningHour, s.EveningMinute = h, m
	return nil
}

// DueBefore is the bound of a sweep at now: a reminder of kind k is due for every job that
// starts before it (a microsecond, the database's resolution, after the moment itself for the
// kinds due at a distance from the start, so that a job starting exactly two hours from now is
// reminded now). The evening reminder is due from the evening before the job's day in loc,
// so at now it is due for the jobs of every day up to tomorrow once today's evening has come,
// up to today before; the day is a calendar day in loc, 23 or 25 hours long when the clocks
// change.
func (s ReminderSettings) DueBefore(k ReminderKind, now time.Time, loc *time.Location) time.Time {
	switch k {
	case ReminderEvening:
		l := now.In(loc)
		y, m, d := l.Date()
		last := d // the last day whose evening-before has come
		if !l.Before(time.Date(y, m, d, s.EveningHour, s.EveningMinute, 0, 0, loc)) {
			last++
		}
		return time.Date(y, m, last+1, 0, 0, 0, 0, loc)
	case ReminderSoon:
		return now.Add(s.Before + time.Microsecond)
	default:
		return now.Add(-NotArrivedAfter + time.Microsecond)
	}
}
