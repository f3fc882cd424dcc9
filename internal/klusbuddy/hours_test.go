package klusbuddy_test

import (
	"errors"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func TestRoundQuarter(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want int
	}{
		{-time.Hour, 0},
		{0, 0},
		{7*time.Minute + 29*time.Second, 0},
		{7*time.Minute + 30*time.Second, 15}, // half up
		{22*time.Minute + 29*time.Second, 15},
		{22*time.Minute + 30*time.Second, 30},
		{2 * time.Hour, 120},
		{2*time.Hour + 7*time.Minute, 120},
		{2*time.Hour + 8*time.Minute, 135},
	} {
		if got := klusbuddy.RoundQuarter(tc.d); got != tc.want {
			t.Errorf("RoundQuarter(%v) = %d, want %d", tc.d, got, tc.want)
		}
	}
}

func TestProposeMinutes(t *testing.T) {
	start := time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)
	end := start.Add(2 * time.Hour)
	for name, tc := range map[string]struct {
		in, out time.Time
		want    int
	}{
		"OnTime":          {start, end, 120},
		"EarlyArrival":    {start.Add(-25 * time.Minute), end, 120}, // counted from the start
		"LateArrival":     {start.Add(20 * time.Minute), end, 105},  // 100 min: rounded half up to 105
		"LongDay":         {start, end.Add(5 * time.Hour), 180},     // the window and the margin
		"OutBeforeStart":  {start.Add(-20 * time.Minute), start.Add(-10 * time.Minute), 0},
		"SevenAndAHalf":   {start, start.Add(7*time.Minute + 30*time.Second), 15},
		"SevenTwentyNine": {start, start.Add(7*time.Minute + 29*time.Second), 0},
	} {
		if got := klusbuddy.ProposeMinutes(tc.in, tc.out, start, end); got != tc.want {
			t.Errorf("%s: %d, want %d", name, got, tc.want)
		}
	}
	if got := klusbuddy.MaxMinutes(start, start.Add(100*time.Minute)); got != 150 {
		t.Errorf("MaxMinutes of 100 minutes: %d, want 150 (160 down to the quarter)", got)
	}
}

func ptr(v int) *int { return &v }

func code(err error) string {
	var e *klusbuddy.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func field(err error, f string) bool {
	var e *klusbuddy.Error
	return errors.As(err, &e) && e.Fields[f] != ""
}

func TestSheetValues(t *testing.T) {
	start := time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)
	s := klusbuddy.Sheet{Role: klusbuddy.RoleWorker, Unit: klusbuddy.SheetMinutes, Start: start, End: start.Add(2 * time.Hour), Proposed: ptr(120)}
	for name, tc := range map[string]struct {
		in    klusbuddy.SheetInput
		field string
	}{
		"Negative":    {klusbuddy.SheetInput{Minutes: ptr(-15)}, "minutes"},
		"OffQuarter":  {klusbuddy.SheetInput{Minutes: ptr(125)}, "minutes"},
		"TooLong":     {klusbuddy.SheetInput{Minutes: ptr(195)}, "minutes"},
		"Missing":     {klusbuddy.SheetInput{}, "minutes"},
		"ItemsOnTime": {klusbuddy.SheetInput{Minutes: ptr(120), Items: ptr(3)}, "items"},
	} {
		if _, err := s.CheckValue(tc.in); !field(err, tc.field) {
			t.Errorf("%s: %v, want a message on %s", name, err, tc.field)
		}
	}
	for _, ok := range []int{0, 15, 180} {
		if v, err := s.CheckValue(klusbuddy.SheetInput{Minutes: ptr(ok)}); err != nil || v != ok {
			t.Errorf("%d minutes: %d %v", ok, v, err)
		}
	}
	items := s
	items.Unit, items.Proposed = klusbuddy.SheetItems, nil
	for _, bad := range []int{0, 1000} {
		if _, err := items.CheckValue(klusbuddy.SheetInput{Items: ptr(bad)}); !field(err, "items") {
			t.Errorf("%d items: %v", bad, err)
		}
	}
	if v, err := items.CheckValue(klusbuddy.SheetInput{Items: ptr(999)}); err != nil || v != 999 {
		t.Errorf("999 items: %d %v", v, err)
	}
}

// Every step from every state, by every role, as the table of moves and Take say.
func TestSheetSteps(t *testing.T) {
	start := time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)
	sheet := func(of klusbuddy.Role, st klusbuddy.SheetState) klusbuddy.Sheet {
		s := klusbuddy.Sheet{Role: of, Unit: klusbuddy.SheetMinutes, Start: start, End: start.Add(2 * time.Hour), Proposed: ptr(120), State: st}
		if st != klusbuddy.SheetProposed {
			s.Confirmed = ptr(120)
		}
		if st.Final() {
			s.Approved = ptr(120)
		}
		return s
	}
	w, b := klusbuddy.RoleWorker, klusbuddy.RoleBuddy
	same := klusbuddy.SheetInput{Minutes: ptr(120)}
	for _, tc := range []struct {
		name string
		s    klusbuddy.Sheet
		step klusbuddy.SheetStep
		by   klusbuddy.Role
		in   klusbuddy.SheetInput
		want string // "": moves; "same": answers as it stands; else the error code or field
	}{
		{"WorkerConfirms", sheet(w, klusbuddy.SheetProposed), klusbuddy.StepConfirm, w, same, ""},
		{"WorkerCorrectsWithoutReason", sheet(w, klusbuddy.SheetProposed), klusbuddy.StepConfirm, w, klusbuddy.SheetInput{Minutes: ptr(90)}, "reason"},
		{"WorkerCorrects", sheet(w, klusbuddy.SheetProposed), klusbuddy.StepConfirm, w, klusbuddy.SheetInput{Minutes: ptr(90), Text: "Vroeger klaar"}, ""},
		{"WorkerConfirmsTwice", sheet(w, klusbuddy.SheetConfirmed), klusbuddy.StepConfirm, w, same, "same"},
		{"WorkerChangesAfterConfirming", sheet(w, klusbuddy.SheetConfirmed), klusbuddy.StepConfirm, w, klusbuddy.SheetInput{Minutes: ptr(90), Text: "x"}, klusbuddy.ECONFLICT},
		{"SystemConfirms", sheet(b, klusbuddy.SheetProposed), klusbuddy.StepConfirm, klusbuddy.RoleSystem, same, ""},
		{"PosterConfirms", sheet(w, klusbuddy.SheetProposed), klusbuddy.StepConfirm, klusbuddy.RolePoster, same, klusbuddy.EFORBIDDEN},
		{"PosterApprovesTooSoon", sheet(w, klusbuddy.SheetProposed), klusbuddy.StepApprove, klusbuddy.RolePoster, klusbuddy.SheetInput{}, klusbuddy.ECONFLICT},
		{"PosterApproves", sheet(w, klusbuddy.SheetConfirmed), klusbuddy.StepApprove, klusbuddy.RolePoster, klusbuddy.SheetInput{}, ""},
		{"PosterApprovesTwice", sheet(w, klusbuddy.SheetApproved), klusbuddy.StepApprove, klusbuddy.RolePoster, klusbuddy.SheetInput{}, "same"},
		{"PosterApprovesDecided", sheet(w, klusbuddy.SheetDecided), klusbuddy.StepApprove, klusbuddy.RolePoster, klusbuddy.SheetInput{}, "same"},
		{"PosterApprovesDisputed", sheet(w, klusbuddy.SheetDisputed), klusbuddy.StepApprove, klusbuddy.RolePoster, klusbuddy.SheetInput{}, klusbuddy.ECONFLICT},
		{"PosterApprovesBuddy", sheet(b, klusbuddy.SheetConfirmed), klusbuddy.StepApprove, klusbuddy.RolePoster, klusbuddy.SheetInput{}, klusbuddy.EFORBIDDEN},
		{"CoachApprovesBuddy", sheet(b, klusbuddy.SheetConfirmed), klusbuddy.StepApprove, klusbuddy.RoleCoordinator, klusbuddy.SheetInput{}, ""},
		{"CoachApprovesWorker", sheet(w, klusbuddy.SheetConfirmed), klusbuddy.StepApprove, klusbuddy.RoleCoordinator, klusbuddy.SheetInput{}, klusbuddy.EFORBIDDEN},
		{"PosterDisputesWithoutReason", sheet(w, klusbuddy.SheetConfirmed), klusbuddy.StepDispute, klusbuddy.RolePoster, klusbuddy.SheetInput{}, "reason"},
		{"PosterDisputes", sheet(w, klusbuddy.SheetConfirmed), klusbuddy.StepDispute, klusbuddy.RolePoster, klusbuddy.SheetInput{Text: "Maar een uur"}, ""},
		{"PosterDisputesTwice", sheet(w, klusbuddy.SheetDisputed), klusbuddy.StepDispute, klusbuddy.RolePoster, klusbuddy.SheetInput{Text: "Maar een uur"}, "same"},
		{"PosterDisputesApproved", sheet(w, klusbuddy.SheetApproved), klusbuddy.StepDispute, klusbuddy.RolePoster, klusbuddy.SheetInput{Text: "Toch niet"}, klusbuddy.ECONFLICT},
		{"CoachDecides", sheet(w, klusbuddy.SheetDisputed), klusbuddy.StepDecide, klusbuddy.RoleCoordinator, klusbuddy.SheetInput{Minutes: ptr(90), Text: "Gebeld"}, ""},
		{"CoachDecidesWithoutNote", sheet(w, klusbuddy.SheetDisputed), klusbuddy.StepDecide, klusbuddy.RoleCoordinator, klusbuddy.SheetInput{Minutes: ptr(90)}, "note"},
		{"CoachDecidesUndisputed", sheet(w, klusbuddy.SheetConfirmed), klusbuddy.StepDecide, klusbuddy.RoleCoordinator, klusbuddy.SheetInput{Minutes: ptr(90), Text: "x"}, klusbuddy.ECONFLICT},
		{"SystemDisputes", sheet(w, klusbuddy.SheetConfirmed), klusbuddy.StepDispute, klusbuddy.RoleSystem, klusbuddy.SheetInput{Text: "x"}, klusbuddy.EFORBIDDEN},
	} {
		c, err := tc.s.Take(tc.step, tc.by, tc.in)
		switch tc.want {
		case "":
			if err != nil || c.Same {
				t.Errorf("%s: %v same=%v", tc.name, err, c.Same)
			}
		case "same":
			if err != nil || !c.Same {
				t.Errorf("%s: %v same=%v, want the same answer", tc.name, err, c.Same)
			}
		case klusbuddy.ECONFLICT, klusbuddy.EFORBIDDEN:
			if code(err) != tc.want {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
			}
		default:
			if !field(err, tc.want) {
				t.Errorf("%s: %v, want a message on %s", tc.name, err, tc.want)
			}
		}
	}
	// The table: nothing leaves a final state, and Klusbuddy never disputes nor decides.
	for _, m := range klusbuddy.SheetMoves {
		if m.From.Final() {
			t.Errorf("a move out of final %s", m.From)
		}
		for _, r := range m.By {
			if r == klusbuddy.RoleSystem && (m.Step == klusbuddy.StepDispute || m.Step == klusbuddy.StepDecide) {
				t.Errorf("Klusbuddy may %s", m.Step)
			}
		}
	}
}
