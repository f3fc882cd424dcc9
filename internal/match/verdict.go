package match

// Verdict is what a coordinator who picks a worker by hand is told: the first hard rule they
// fail (Eligible when none), with the score they would have when they pass.
type Verdict struct {
	Reason        Reason
	TravelMinutes float64
	Candidate     Candidate // for an eligible worker: score, breakdown, buddies
}

// Verdict applies every hard rule to w for job, the buddy's too: a worker who needs one on a
// job a buddy may come along to fails NoBuddyFree when no buddy from the pool is free. Unlike
// Rank, it judges one worker, however they rank; the job's own day only (a job with a window
// of days is judged on its first).
func (p *Pool) Verdict(job Job, w *Worker) Verdict {
	w.Availability.normalize()
	days := localDays(job.When, p.loc)
	reason, minutes := p.check(job, days, w)
	v := Verdict{Reason: reason, TravelMinutes: minutes}
	if reason != Eligible {
		return v
	}
	needs := job.Buddy == BuddyRequired || w.needsBuddy(job.Category) // as Rank: BuddyNotAllowed failed check already
	var buddyMinutes, buddyMax float64
	var ids []int64
	if needs {
		free := p.freeBuddies(job, days, 0)
		if len(free) == 0 {
			v.Reason = NoBuddyFree
			return v
		}
		buddyMinutes, buddyMax = free[0].minutes, free[0].limit
		for _, b := range free {
			ids = append(ids, b.id)
		}
	}
	score, b := p.score(job, w, w.Skills[job.Category], w.PosterJobs[job.PosterID], minutes, buddyMinutes, buddyMax, needs)
	v.Candidate = Candidate{WorkerID: w.ID, When: job.When, Score: score, NeedsBuddy: needs, Buddies: ids, Breakdown: b}
	return v
}
