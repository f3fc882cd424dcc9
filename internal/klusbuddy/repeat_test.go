package klusbuddy

import (
	"errors"
	"testing"
	"time"
)

func TestFavouritesWindow(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		setting time.Duration
		start   time.Time
		want    time.Duration
	}{
		{"far ahead: the setting", 2 * time.Hour, now.AddDate(0, 0, 7), 2 * time.Hour},
		{"exactly eight hours: the setting", 2 * time.Hour, now.Add(8 * time.Hour), 2 * time.Hour},
		{"soon: a quarter of the time left", 2 * time.Hour, now.Add(4 * time.Hour), time.Hour},
		{"within the hour: a quarter", 2 * time.Hour, now.Add(40 * time.Minute), 10 * time.Minute},
		{"started", 2 * time.Hour, now.Add(-time.Minute), 0},
		{"at the start", 2 * time.Hour, now, 0},
		{"switched off", 0, now.AddDate(0, 0, 7), 0},
		{"negative setting", -time.Hour, now.AddDate(0, 0, 7), 0},
	} {
		if got := FavouritesWindow(c.setting, now, c.start); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestOccurrences(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, loc)
	// Tuesday 13 October 2026, 10:00 in Belgium; clocks go back on 25 October.
	first := time.Date(2026, 10, 13, 10, 0, 0, 0, loc)
	field := func(err error) string {
		var e *Error
		if !errors.As(err, &e) || e.Code != EINVALID {
			t.Fatalf("want a field error, got %v", err)
		}
		for f := range e.Fields {
			return f
		}
		return ""
	}

	t.Run("WeeklySameLocalTimeAcrossTheChangeOfClocks", func(t *testing.T) {
		got, err := Repeat{EveryWeeks: 1, Until: "2026-11-03"}.Occurrences(first, now, loc)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Fatalf("%d occurrences, want 4 (13, 20, 27 Oct, 3 Nov): %v", len(got), got)
		}
		for i, s := range got {
			l := s.In(loc)
			if l.Weekday() != time.Tuesday || l.Hour() != 10 || l.Minute() != 0 {
				t.Errorf("occurrence %d at %v", i, l)
			}
		}
		if got[3].Sub(got[0]) != 21*24*time.Hour+time.Hour {
			t.Errorf("the change of clocks was not kept to local time: %v", got[3].Sub(got[0]))
		}
	})
	t.Run("EveryTwoWeeksUntilIsInclusive", func(t *testing.T) {
		got, err := Repeat{EveryWeeks: 2, Until: "2026-11-10"}.Occurrences(first, now, loc)
		if err != nil || len(got) != 3 {
			t.Fatalf("%v %v, want 13 and 27 Oct and 10 Nov", got, err)
		}
	})
	t.Run("UntilTheFirstDayIsOneJob", func(t *testing.T) {
		got, err := Repeat{EveryWeeks: 1, Until: "2026-10-13"}.Occurrences(first, now, loc)
		if err != nil || len(got) != 1 {
			t.Fatalf("%v %v", got, err)
		}
	})
	t.Run("UntilBeforeTheFirst", func(t *testing.T) {
		_, err := Repeat{EveryWeeks: 1, Until: "2026-10-12"}.Occurrences(first, now, loc)
		if f := field(err); f != "repeat.until" {
			t.Fatalf("field %q", f)
		}
	})
	t.Run("AtMostTwentySix", func(t *testing.T) {
		ok, err := Repeat{EveryWeeks: 1, Until: first.AddDate(0, 0, 7*25).Format(time.DateOnly)}.Occurrences(first, now, loc)
		if err != nil || len(ok) != MaxOccurrences {
			t.Fatalf("26 weeks: %d %v", len(ok), err)
		}
		_, err = Repeat{EveryWeeks: 1, Until: first.AddDate(0, 0, 7*26).Format(time.DateOnly)}.Occurrences(first, now, loc)
		if f := field(err); f != "repeat.until" {
			t.Fatalf("field %q", f)
		}
	})
	t.Run("WithinAYear", func(t *testing.T) {
		late := now.AddDate(0, 11, 0)
		_, err := Repeat{EveryWeeks: 2, Until: late.AddDate(0, 3, 0).Format(time.DateOnly)}.Occurrences(late, now, loc)
		if f := field(err); f != "repeat.until" {
			t.Fatalf("field %q", f)
		}
	})
	t.Run("BadInput", func(t *testing.T) {
		if f := field(Repeat{EveryWeeks: 3, Until: "2026-11-03"}.occurrencesErr(first, now, loc)); f != "repeat.every_weeks" {
			t.Fatalf("field %q", f)
		}
		if f := field(Repeat{EveryWeeks: 1, Until: "3 november"}.occurrencesErr(first, now, loc)); f != "repeat.until" {
			t.Fatalf("field %q", f)
		}
	})
}

func (r Repeat) occurrencesErr(first, now time.Time, loc *time.Location) error {
	_, err := r.Occurrences(first, now, loc)
	return err
}
