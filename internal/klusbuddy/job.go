package klusbuddy

import (
	"cmp"
	"slices"
)

// JobState is where a job stands. The allowed moves between states are in one table,
// jobTransitions, which the database enforces too (internal/postgres writes it into
// job_state_transitions); every move is recorded with who made it and when.
type JobState string

const (
	JobOpen           JobState = "open"            // posted, not yet offered
	JobOffering       JobState = "offering"        // offers are out
	JobFilled         JobState = "filled"          // every place taken (and every needed buddy confirmed)
	JobInProgress     JobState = "in_progress"     // someone checked in
	JobDone           JobState = "done"            // everyone checked out; hours to confirm
	JobHoursConfirmed JobState = "hours_confirmed" // the poster (or the deadline) confirmed the hours
	JobCancelled      JobState = "cancelled"       // by the poster or a coordinator
	JobExpired        JobState = "expired"         // its time passed before it was filled
	JobUnfilled       JobState = "unfilled"        // no candidates left: the coordinator steps in
)

// jobTransitions lists, per state, the states a job may move to.
var jobTransitions = map[JobState][]JobState{
	JobOpen:       {JobOffering, JobCancelled, JobExpired, JobUnfilled},
	JobOffering:   {JobFilled, JobUnfilled, JobCancelled, JobExpired},
	JobFilled:     {JobInProgress, JobOffering, JobCancelled}, // back to offering when someone drops out
	JobInProgress: {JobDone},
	JobDone:       {JobHoursConfirmed},
	// A coordinator re-offers or closes it; at the start, whoever is booked goes (filled).
	JobUnfilled: {JobOffering, JobCancelled, JobExpired, JobFilled},
}

// JobMove is one allowed move between two states.
type JobMove struct{ From, To JobState }

// JobTransitions lists every allowed move, in a stable order. A job starts open (its posting is
// recorded as a move from no state).
func JobTransitions() []JobMove {
	var out []JobMove
	for from, tos := range jobTransitions {
		for _, to := range tos {
			out = append(out, JobMove{from, to})
		}
	}
	slices.SortFunc(out, func(a, b JobMove) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return out
}

// Valid reports whether s is a known state.
func (s JobState) Valid() bool {
	_, ok := jobTransitions[s]
	return ok || s == JobHoursConfirmed || s == JobCancelled || s == JobExpired
}

// Final reports whether no move leads out of s.
func (s JobState) Final() bool { return len(jobTransitions[s]) == 0 }

// CanMoveTo reports whether a job in state s may move to next.
func (s JobState) CanMoveTo(next JobState) bool {
	for _, t := range jobTransitions[s] {
		if t == next {
			return true
		}
	}
	return false
}

// MoveTo checks a move and returns ECONFLICT when it is not allowed.
func (s JobState) MoveTo(next JobState) error {
	if !s.CanMoveTo(next) {
		return &Error{Code: ECONFLICT, Message: "This job cannot take that step now."}
	}
	return nil
}
