package calendar_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/apognu/gocal"
	ics "github.com/arran4/golang-ical"

	"github.com/klusbuddy/klusbuddy/internal/calendar"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

var brussels, _ = time.LoadLocation(calendar.Brussels)

func entry(job int64, role klusbuddy.Role, start time.Time) klusbuddy.CalendarEntry {
	return klusbuddy.CalendarEntry{JobID: job, Role: role, Sequence: 3, Changed: start.Add(-48 * time.Hour), Start: start,
		End: start.Add(2 * time.Hour), State: klusbuddy.JobFilled, BuddyState: klusbuddy.NoBuddy,
		Category: klusbuddy.Localized{NL: "Poetsen", FR: "Nettoyage", EN: "Cleaning"},
		Street:   "Stalenstraat 12; achterdeur, links", Postcode: "3600", Municipality: "Genk"}
}

// A feed in French with text that needs escaping, in summer and winter time, read back by both
// parsers.
func TestWriteReadsBackWithBothParsers(t *testing.T) {
	summer := time.Date(2027, 3, 29, 10, 0, 0, 0, brussels)
	winter := time.Date(2027, 3, 27, 10, 0, 0, 0, brussels)
	left := entry(8, klusbuddy.RoleBuddy, summer)
	left.Left = true
	c := klusbuddy.Calendar{UserID: 1, Role: klusbuddy.RoleBuddy, Language: klusbuddy.French,
		Entries: []klusbuddy.CalendarEntry{entry(7, klusbuddy.RoleBuddy, winter), left}}
	b, err := calendar.Write(c, calendar.Options{Base: "https://klusbuddy.be/"})
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, want := range []string{"DTSTART;TZID=Europe/Brussels:20270327T100000", "DTSTART;TZID=Europe/Brussels:20270329T100000",
		"UID:job-7-buddy@klusbuddy.be", "SEQUENCE:3", "STATUS:CANCELLED", "STATUS:CONFIRMED", "BEGIN:VTIMEZONE", "TZID:Europe/Brussels",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", `LOCATION:Stalenstraat 12\; achterdeur\, links\, 3600 Genk`, "SUMMARY:Buddy : Nettoyage à Genk",
		"URL:https://klusbuddy.be/", "\r\n"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the feed lacks %q:\n%s", want, doc)
		}
	}

	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	g := gocal.NewParser(bytes.NewReader(b))
	g.SkipBounds = true
	if err := g.Parse(); err != nil {
		t.Fatal(err)
	}
	if len(cal.Events()) != 2 || len(g.Events) != 2 {
		t.Fatalf("golang-ical reads %d events, gocal %d", len(cal.Events()), len(g.Events))
	}
	for i, ev := range cal.Events() {
		start, err := ev.GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		want := c.Entries[i].Start
		if !start.Equal(want) || !g.Events[i].Start.Equal(want) {
			t.Errorf("event %d starts at %v (golang-ical) and %v (gocal), want %v", i, start, g.Events[i].Start, want)
		}
		if loc := ev.GetProperty(ics.ComponentPropertyLocation).Value; loc != c.Entries[i].Location() || g.Events[i].Location != loc {
			t.Errorf("event %d location %q / %q, want %q", i, loc, g.Events[i].Location, c.Entries[i].Location())
		}
	}
	if g.Events[1].Location != "Genk" {
		t.Errorf("someone who left the job still sees the street: %q", g.Events[1].Location)
	}
}

// The statuses, one rule for every role.
func TestStatus(t *testing.T) {
	start := time.Date(2027, 1, 5, 10, 0, 0, 0, brussels)
	cases := []struct {
		role  klusbuddy.Role
		state klusbuddy.JobState
		buddy klusbuddy.BuddyState
		left  bool
		want  klusbuddy.CalendarStatus
	}{
		{klusbuddy.RolePoster, klusbuddy.JobOffering, klusbuddy.NoBuddy, false, klusbuddy.CalendarTentative},
		{klusbuddy.RolePoster, klusbuddy.JobUnfilled, klusbuddy.NoBuddy, false, klusbuddy.CalendarTentative},
		{klusbuddy.RolePoster, klusbuddy.JobFilled, klusbuddy.NoBuddy, false, klusbuddy.CalendarConfirmed},
		{klusbuddy.RolePoster, klusbuddy.JobExpired, klusbuddy.NoBuddy, false, klusbuddy.CalendarCancelled},
		{klusbuddy.RolePoster, klusbuddy.JobCancelled, klusbuddy.NoBuddy, false, klusbuddy.CalendarCancelled},
		{klusbuddy.RoleWorker, klusbuddy.JobOffering, klusbuddy.NoBuddy, false, klusbuddy.CalendarConfirmed},
		{klusbuddy.RoleWorker, klusbuddy.JobOffering, klusbuddy.BuddySearching, false, klusbuddy.CalendarTentative},
		{klusbuddy.RoleWorker, klusbuddy.JobFilled, klusbuddy.NoBuddy, true, klusbuddy.CalendarCancelled},
		{klusbuddy.RoleWorker, klusbuddy.JobDone, klusbuddy.BuddyConfirmed, false, klusbuddy.CalendarConfirmed},
		{klusbuddy.RoleBuddy, klusbuddy.JobFilled, klusbuddy.NoBuddy, true, klusbuddy.CalendarCancelled},
		{klusbuddy.RoleBuddy, klusbuddy.JobCancelled, klusbuddy.NoBuddy, false, klusbuddy.CalendarCancelled},
	}
	for _, c := range cases {
		e := entry(1, c.role, start)
		e.State, e.BuddyState, e.Left = c.state, c.buddy, c.left
		if got := e.Status(); got != c.want {
			t.Errorf("%s, job %s, buddy %s, left %v: %s, want %s", c.role, c.state, c.buddy, c.left, got, c.want)
		}
	}
}

// The VTIMEZONE in every feed says summer time runs from the last Sunday of March, 01:00 UTC,
// to the last Sunday of October, 01:00 UTC; Go's time zone data must agree for the years to
// come, or the feed's rule is out of date.
func TestBrusselsZoneMatchesGo(t *testing.T) {
	lastSunday := func(y int, m time.Month) time.Time {
		d := time.Date(y, m+1, 0, 1, 0, 0, 0, time.UTC)
		for d.Weekday() != time.Sunday {
			d = d.AddDate(0, 0, -1)
		}
		return d
	}
	offset := func(t time.Time) int { _, o := t.In(brussels).Zone(); return o / 3600 }
	for y := time.Now().Year(); y < time.Now().Year()+10; y++ {
		for _, c := range []struct {
			month         time.Month
			before, after int
		}{{time.March, 1, 2}, {time.October, 2, 1}} {
			at := lastSunday(y, c.month)
			if offset(at.Add(-time.Second)) != c.before || offset(at) != c.after {
				t.Errorf("%d-%02d: Go's Europe/Brussels changes at another moment than %v", y, c.month, at)
			}
		}
	}
}

// BenchmarkWrite writes a feed of 500 jobs, without the database.
//
//	go test -run '^$' -bench BenchmarkWrite ./internal/calendar
func BenchmarkWrite(b *testing.B) {
	start := time.Date(2027, 1, 5, 10, 0, 0, 0, brussels)
	c := klusbuddy.Calendar{UserID: 1, Role: klusbuddy.RoleWorker, Language: klusbuddy.Dutch}
	for i := range 500 {
		c.Entries = append(c.Entries, entry(int64(i+1), klusbuddy.RoleWorker, start.Add(time.Duration(i)*18*time.Hour)))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := calendar.Write(c, calendar.Options{Base: "https://klusbuddy.be", Location: brussels}); err != nil {
			b.Fatal(err)
		}
	}
}

// A feed in Turkish and in Arabic: the words and the category's name in the person's
// language, the Dutch name where the category has none in it, and the text survives the
// folding of long lines (RFC 5545 folds by octets; a letter of Arabic is two).
func TestWriteInTurkishAndArabic(t *testing.T) {
	start := time.Date(2027, 3, 29, 10, 0, 0, 0, brussels)
	for _, c := range []struct {
		lang           klusbuddy.Language
		names          klusbuddy.Localized
		summary, descr string
	}{
		{klusbuddy.Turkish, klusbuddy.Localized{NL: "Poetsen", TR: "Temizlik"}, "Buddy: Temizlik (Genk)", "Klusbuddy'de açın: https://klusbuddy.be/"},
		{klusbuddy.Arabic, klusbuddy.Localized{NL: "Poetsen", AR: "التنظيف"}, "المرافق: التنظيف في Genk", "افتح في Klusbuddy: https://klusbuddy.be/"},
		{klusbuddy.Arabic, klusbuddy.Localized{NL: "Poetsen"}, "المرافق: Poetsen في Genk", "افتح في Klusbuddy: https://klusbuddy.be/"},
	} {
		e := entry(7, klusbuddy.RoleBuddy, start)
		e.Category = c.names
		b, err := calendar.Write(klusbuddy.Calendar{UserID: 1, Role: klusbuddy.RoleBuddy, Language: c.lang, Entries: []klusbuddy.CalendarEntry{e}},
			calendar.Options{Base: "https://klusbuddy.be/"})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		g := gocal.NewParser(bytes.NewReader(b))
		g.SkipBounds = true
		if err := g.Parse(); err != nil {
			t.Fatal(err)
		}
		if len(cal.Events()) != 1 || len(g.Events) != 1 {
			t.Fatalf("%s: %d and %d events", c.lang, len(cal.Events()), len(g.Events))
		}
		ev := cal.Events()[0]
		if s := ev.GetProperty(ics.ComponentPropertySummary).Value; s != c.summary || g.Events[0].Summary != c.summary {
			t.Errorf("%s: summary %q / %q, want %q", c.lang, s, g.Events[0].Summary, c.summary)
		}
		if d := ev.GetProperty(ics.ComponentPropertyDescription).Value; d != c.descr {
			t.Errorf("%s: description %q, want %q", c.lang, d, c.descr)
		}
	}
}
