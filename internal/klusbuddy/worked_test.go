package klusbuddy

import (
	"testing"
	"time"
)

func TestMonthOrNow(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 30 November is already December in Belgium.
	now := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
	if m, err := MonthOrNow("", now, brussels); err != nil || m.Format("2006-01") != "2026-12" || m.Location() != brussels {
		t.Fatalf("the default month: %v %v", m, err)
	}
	if m, err := MonthOrNow("2026-05", now, brussels); err != nil || !m.Equal(time.Date(2026, 5, 1, 0, 0, 0, 0, brussels)) {
		t.Fatalf("May: %v %v", m, err)
	}
	for _, bad := range []string{"2026-13", "2026-00", "2026-5", "mei", "2026-05-01", " 2026-05", "1999-12", "3000-01"} {
		_, err := MonthOrNow(bad, now, brussels)
		if e, ok := err.(*Error); !ok || e.Code != EINVALID || e.Fields["month"] == "" {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestPayCents(t *testing.T) {
	rate := 1250
	if PayCents(nil, 2) != nil {
		t.Error("pay without a rate")
	}
	for _, c := range []struct {
		hours float64
		want  int
	}{{2, 2500}, {1.5, 1875}, {0.25, 313}, {0, 0}} {
		if got := PayCents(&rate, c.hours); got == nil || *got != c.want {
			t.Errorf("%v hours: %v, want %d", c.hours, got, c.want)
		}
	}
	bad := []int{0, -1, MaxWorkerRateCents + 1}
	for _, r := range bad {
		if err := (OrgSettingsPatch{SetRate: true, Rate: &r}).Check(); err == nil {
			t.Errorf("a rate of %d is accepted", r)
		}
	}
	if err := (OrgSettingsPatch{SetRate: true}).Check(); err != nil {
		t.Errorf("clearing the rate: %v", err)
	}
}
