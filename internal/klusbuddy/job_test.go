package klusbuddy_test

import (
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func TestJobStates(t *testing.T) {
	all := []klusbuddy.JobState{klusbuddy.JobOpen, klusbuddy.JobOffering, klusbuddy.JobFilled, klusbuddy.JobInProgress,
		klusbuddy.JobDone, klusbuddy.JobHoursConfirmed, klusbuddy.JobCancelled, klusbuddy.JobExpired, klusbuddy.JobUnfilled}
	for _, s := range all {
		if !s.Valid() {
			t.Errorf("%s not valid", s)
		}
	}
	if klusbuddy.JobState("lost").Valid() {
		t.Error("an unknown state is valid")
	}
	// The happy path, step by step.
	path := []klusbuddy.JobState{klusbuddy.JobOpen, klusbuddy.JobOffering, klusbuddy.JobFilled, klusbuddy.JobInProgress,
		klusbuddy.JobDone, klusbuddy.JobHoursConfirmed}
	for i := 1; i < len(path); i++ {
		if err := path[i-1].MoveTo(path[i]); err != nil {
			t.Errorf("%s → %s: %v", path[i-1], path[i], err)
		}
	}
	for _, s := range []klusbuddy.JobState{klusbuddy.JobHoursConfirmed, klusbuddy.JobCancelled, klusbuddy.JobExpired} {
		if !s.Final() {
			t.Errorf("%s is not final", s)
		}
		for _, n := range all {
			if s.CanMoveTo(n) {
				t.Errorf("a final state moves on: %s → %s", s, n)
			}
		}
	}
	forbidden := [][2]klusbuddy.JobState{
		{klusbuddy.JobInProgress, klusbuddy.JobCancelled}, // someone is at work
		{klusbuddy.JobDone, klusbuddy.JobOffering},
		{klusbuddy.JobOpen, klusbuddy.JobFilled}, // nobody was offered anything
		{klusbuddy.JobOffering, klusbuddy.JobDone},
	}
	for _, f := range forbidden {
		if err := f[0].MoveTo(f[1]); klusbuddy.ErrorCode(err) != klusbuddy.ECONFLICT {
			t.Errorf("%s → %s allowed", f[0], f[1])
		}
	}
	// A worker dropping out of a filled job sets off a re-offer.
	if !klusbuddy.JobFilled.CanMoveTo(klusbuddy.JobOffering) {
		t.Error("a filled job cannot go back to offering after a drop-out")
	}
}
