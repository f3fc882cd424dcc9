package klusbuddy

// Reliability from what happened (issue 12): what a worker or buddy did on the jobs they took
// gives a share between 0 and 1 that matching weighs, with a prior so that a newcomer starts in
// the middle and is not punished for having no history.

// The Beta(ReliabilityPriorGood, ReliabilityPriorBad) prior: two imagined jobs done and two
// imagined failures. With a = b the prior mean is ½ (a newcomer is neither trusted nor
// distrusted); a + b = 4 is weak enough that a few real jobs move it quickly (3 done: 0.71) and
// strong enough that one unlucky first job does not sink someone (1 no-show: 0.4, not 0).
const (
	ReliabilityPriorGood = 2.0
	ReliabilityPriorBad  = 2.0
	// A late drop-out (within the free-cancellation window before the start, as recorded in
	// dropouts.late) weighs half a no-show: the place could still be offered again. Earlier
	// drop-outs count for nothing: people may change their plans.
	LateDropoutWeight = 0.5
)

// ReliabilityRecord counts what someone did on the jobs they took.
type ReliabilityRecord struct {
	Done         int `json:"done"`          // places they checked out of, or that ended done
	NoShows      int `json:"no_shows"`      // places where they did not come
	LateDropouts int `json:"late_dropouts"` // drop-outs within the free-cancellation window
}

// Reliability is the posterior mean (good + a) / (good + bad + a + b), where a no-show counts
// as one failure and a late drop-out as LateDropoutWeight of one. Always within (0, 1).
func (r ReliabilityRecord) Reliability() float64 {
	good := float64(max(r.Done, 0))
	bad := float64(max(r.NoShows, 0)) + LateDropoutWeight*float64(max(r.LateDropouts, 0))
	return (good + ReliabilityPriorGood) / (good + bad + ReliabilityPriorGood + ReliabilityPriorBad)
}
