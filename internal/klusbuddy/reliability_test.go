package klusbuddy_test

import (
	"math"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func TestReliabilityNewcomerStartsInTheMiddle(t *testing.T) {
	if got := (klusbuddy.ReliabilityRecord{}).Reliability(); got != 0.5 {
		t.Fatalf("newcomer: %v, want 0.5", got)
	}
}

func TestReliabilityValues(t *testing.T) {
	for _, tc := range []struct {
		r    klusbuddy.ReliabilityRecord
		want float64
	}{
		{klusbuddy.ReliabilityRecord{Done: 3}, 5.0 / 7},
		{klusbuddy.ReliabilityRecord{NoShows: 1}, 2.0 / 5},
		{klusbuddy.ReliabilityRecord{LateDropouts: 2}, 2.0 / 5}, // two late drop-outs weigh one no-show
		{klusbuddy.ReliabilityRecord{Done: 4, NoShows: 1, LateDropouts: 1}, 6.0 / 9.5},
		{klusbuddy.ReliabilityRecord{Done: -3, NoShows: -1}, 0.5}, // nonsense counts count as none
	} {
		if got := tc.r.Reliability(); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%+v: %v, want %v", tc.r, got, tc.want)
		}
	}
}

func TestReliabilityManyDoneNearOne(t *testing.T) {
	if got := (klusbuddy.ReliabilityRecord{Done: 200}).Reliability(); got < 0.98 || got >= 1 {
		t.Fatalf("200 done: %v, want within [0.98, 1)", got)
	}
	if got := (klusbuddy.ReliabilityRecord{NoShows: 200}).Reliability(); got > 0.02 || got <= 0 {
		t.Fatalf("200 no-shows: %v, want within (0, 0.02]", got)
	}
}

// Monotonic: one more job done never lowers it, one more no-show or late drop-out never raises
// it, and a no-show weighs more than a late drop-out.
func TestReliabilityMonotonic(t *testing.T) {
	for d := 0; d < 15; d++ {
		for n := 0; n < 15; n++ {
			for l := 0; l < 15; l++ {
				r := klusbuddy.ReliabilityRecord{Done: d, NoShows: n, LateDropouts: l}
				v := r.Reliability()
				if v <= 0 || v >= 1 {
					t.Fatalf("%+v: %v out of (0, 1)", r, v)
				}
				more := r
				more.Done++
				if more.Reliability() <= v {
					t.Fatalf("one more done lowered %+v", r)
				}
				ns := r
				ns.NoShows++
				ld := r
				ld.LateDropouts++
				if ns.Reliability() >= v || ld.Reliability() >= v || ns.Reliability() >= ld.Reliability() {
					t.Fatalf("%+v: no-show %v, late drop-out %v, before %v", r, ns.Reliability(), ld.Reliability(), v)
				}
			}
		}
	}
}
