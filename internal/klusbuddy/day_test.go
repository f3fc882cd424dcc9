package klusbuddy_test

import (
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

var brussels, _ = time.LoadLocation("Europe/Brussels")

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, brussels)
}

// The evening reminder's bound moves by calendar days in Belgium: before 18:00 the jobs of today,
// from 18:00 those of tomorrow too, whatever the length of the day when the clocks change.
func TestEveningReminderBound(t *testing.T) {
	s := klusbuddy.DefaultReminders
	for _, tc := range []struct{ now, want time.Time }{
		{at(2027, 3, 27, 17, 59), at(2027, 3, 28, 0, 0)}, // Saturday before the spring change
		{at(2027, 3, 27, 18, 0), at(2027, 3, 29, 0, 0)},
		{at(2027, 3, 28, 18, 0), at(2027, 3, 30, 0, 0)}, // the 23-hour Sunday
		{at(2027, 10, 30, 18, 0), at(2027, 11, 1, 0, 0)},
		{at(2027, 10, 31, 17, 59), at(2027, 11, 1, 0, 0)}, // the 25-hour Sunday
		{at(2026, 12, 31, 18, 30), at(2027, 1, 2, 0, 0)},  // across a year
	} {
		if got := s.DueBefore(klusbuddy.ReminderEvening, tc.now, brussels); !got.Equal(tc.want) {
			t.Errorf("at %s: %s, want %s", tc.now, got, tc.want)
		}
	}
	s.EveningHour, s.EveningMinute = 19, 30
	if got := s.DueBefore(klusbuddy.ReminderEvening, at(2027, 3, 27, 19, 0), brussels); !got.Equal(at(2027, 3, 28, 0, 0)) {
		t.Errorf("an evening at 19:30 moved at 19:00: %s", got)
	}
	// Two hours before the start, and the nudge 15 minutes after it, count their own moment in.
	now := at(2027, 3, 28, 1, 30) // half an hour before the clocks jump from 2:00 to 3:00
	if got := s.DueBefore(klusbuddy.ReminderSoon, now, brussels); got.Sub(now) != 2*time.Hour+time.Microsecond {
		t.Errorf("soon: %s", got)
	}
	if got := s.DueBefore(klusbuddy.ReminderNudge, now, brussels); now.Sub(got) != 15*time.Minute-time.Microsecond {
		t.Errorf("nudge: %s", got)
	}
}

func TestParseEvening(t *testing.T) {
	var s klusbuddy.ReminderSettings
	if err := s.ParseEvening("18:05"); err != nil || s.EveningHour != 18 || s.EveningMinute != 5 {
		t.Fatalf("18:05: %v %+v", err, s)
	}
	for _, bad := range []string{"", "18", "24:00", "18:60", "6:00", "18:00:00", "ab:cd"} {
		if err := s.ParseEvening(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Check-in opens 30 minutes before the start and closes six hours after the end, by the phone's
// time; a phone's time may run two minutes ahead of the server's, not more.
func TestCheckInWindow(t *testing.T) {
	start := at(2027, 3, 28, 10, 0)
	end := start.Add(2 * time.Hour)
	for _, tc := range []struct {
		at time.Time
		ok bool
	}{
		{start.Add(-31 * time.Minute), false}, {start.Add(-30 * time.Minute), true}, {end.Add(6 * time.Hour), true},
		{end.Add(6*time.Hour + time.Second), false},
	} {
		if err := klusbuddy.CheckInOpen(tc.at, start, end); (err == nil) != tc.ok {
			t.Errorf("checking in at %s: %v", tc.at, err)
		}
	}
	now := start
	for _, tc := range []struct {
		a  klusbuddy.Arrival
		ok bool
	}{
		{klusbuddy.Arrival{At: now.Add(2 * time.Minute)}, true},
		{klusbuddy.Arrival{At: now.Add(2*time.Minute + time.Second)}, false},
		{klusbuddy.Arrival{}, false},
		{klusbuddy.Arrival{At: now, Position: &klusbuddy.Position{Lat: 50.9, Lon: 5.5, Accuracy: 0}}, true},
		{klusbuddy.Arrival{At: now, Position: &klusbuddy.Position{Lat: 50.9, Lon: 5.5, Accuracy: -1}}, false},
		{klusbuddy.Arrival{At: now, Position: &klusbuddy.Position{Lat: 90.1, Lon: 5.5}}, false},
		{klusbuddy.Arrival{At: now, Position: &klusbuddy.Position{Lat: 50, Lon: -180.5}}, false},
	} {
		if err := tc.a.Check(now); (err == nil) != tc.ok {
			t.Errorf("%+v: %v", tc.a, err)
		}
	}
	if err := klusbuddy.CheckOutOpen(start, start.Add(time.Minute), end); err == nil {
		t.Error("a check-out before the check-in is accepted")
	}
}

// Phones show from a day before the start until a day after the end, and each sees whom they
// need: the poster everyone, a worker the poster and their own buddy, a buddy the poster and
// their worker.
func TestContactsFor(t *testing.T) {
	start := at(2027, 3, 28, 10, 0)
	end := start.Add(2 * time.Hour)
	c := func(role klusbuddy.Role, name string) klusbuddy.Contact {
		return klusbuddy.Contact{Role: role, FirstName: name, Phone: "+3247" + name}
	}
	people := []klusbuddy.JobPerson{
		{ID: 1, Place: 0, Contact: c(klusbuddy.RolePoster, "Paula")},
		{ID: 2, Place: 1, Contact: c(klusbuddy.RoleWorker, "Wim")},
		{ID: 3, Place: 1, Contact: c(klusbuddy.RoleBuddy, "Bert")},
		{ID: 4, Place: 2, Contact: c(klusbuddy.RoleWorker, "Wendy")},
		{ID: 5, Place: 2, Contact: klusbuddy.Contact{Role: klusbuddy.RoleBuddy, FirstName: "Geen gsm"}},
	}
	names := func(cs []klusbuddy.Contact) (out []string) {
		for _, c := range cs {
			out = append(out, c.FirstName)
		}
		return
	}
	now := start.Add(-time.Hour)
	for _, tc := range []struct {
		viewer klusbuddy.Role
		place  int
		want   []string
	}{
		{klusbuddy.RolePoster, 0, []string{"Wim", "Bert", "Wendy"}},
		{klusbuddy.RoleWorker, 1, []string{"Paula", "Bert"}},
		{klusbuddy.RoleWorker, 2, []string{"Paula"}},
		{klusbuddy.RoleBuddy, 1, []string{"Paula", "Wim"}},
	} {
		if got := names(klusbuddy.ContactsFor(tc.viewer, tc.place, people, start, end, now)); !equal(got, tc.want) {
			t.Errorf("%s at place %d sees %v, want %v", tc.viewer, tc.place, got, tc.want)
		}
	}
	for _, now := range []time.Time{start.Add(-24*time.Hour - time.Second), end.Add(24*time.Hour + time.Second)} {
		if got := klusbuddy.ContactsFor(klusbuddy.RolePoster, 0, people, start, end, now); len(got) != 0 {
			t.Errorf("at %s the poster sees %v", now, names(got))
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
