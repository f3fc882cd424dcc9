package dispatch

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/match"
)

// Stepping in: a coordinator chooses a worker of their organisation for a job. Matching's hard
// rules (match.Pool.Verdict, on the same facts a wave uses) decide who may be chosen; the
// rules that can change meanwhile (places, caps, bookings) are applied once more by
// accept_offer in the database. Overriding a soft rule (SoftRule) needs a reason.

var _ klusbuddy.StepInService = (*Dispatcher)(nil)

// judged is one worker's verdict for a job.
type judged struct {
	klusbuddy.StepInCandidate
	offer klusbuddy.NewOffer
}

// judge gives every worker of the actor's organisation a verdict for the job.
func (d *Dispatcher) judge(ctx context.Context, actor klusbuddy.Principal, jobID int64) (map[int64]*judged, klusbuddy.JobFacts, error) {
	var facts klusbuddy.StepInFacts
	var job klusbuddy.JobFacts
	if err := coordinatorOnly(actor); err != nil {
		return nil, job, err
	}
	if _, err := d.db.JobAccess(ctx, jobID, actor.OrganisationID); err != nil {
		return nil, job, err
	}
	job, err := d.db.JobForMatching(ctx, jobID)
	if err != nil {
		return nil, job, err
	}
	workers, err := d.db.OrgWorkersForMatching(ctx, job, actor.OrganisationID)
	if err != nil {
		return nil, job, err
	}
	var buddies []klusbuddy.BuddyFacts
	if job.Buddy != klusbuddy.BuddyNotAllowed {
		if buddies, err = d.db.BuddiesForMatching(ctx, job); err != nil {
			return nil, job, err
		}
	}
	if facts, err = d.db.StepInFacts(ctx, jobID, actor.OrganisationID); err != nil {
		return nil, job, err
	}
	offered, lastWave, err := d.db.OfferedWorkers(ctx, jobID)
	if err != nil {
		return nil, job, err
	}
	// The favourites-first wave: before any wave went out, within the favourites' window.
	var favs map[int64]bool
	if lastWave == 0 && klusbuddy.FavouritesWindow(d.settings.FavouritesFirst, d.Now(), job.Start) > 0 {
		if favs, err = d.db.FavouritesFor(ctx, job); err != nil {
			return nil, job, err
		}
	}
	// Matching's own best choice among everyone not asked yet: choosing someone who scores
	// lower overrides the ranking (travel, fairness, reliability).
	top, err := d.topScore(ctx, job, offered, buddies)
	if err != nil {
		return nil, job, err
	}
	mj := matchJob(job)
	mw := make([]match.Worker, len(workers))
	for i, w := range workers {
		mw[i] = toMatchWorker(w, job.PosterID)
	}
	pool := match.NewPool(mw, toMatchBuddies(buddies), d.travel, d.weights, d.loc)
	out := map[int64]*judged{}
	for id, name := range facts.Names {
		out[id] = &judged{StepInCandidate: klusbuddy.StepInCandidate{WorkerID: id, Name: name, Rule: string(match.NotLoaded)}}
	}
	for i := range mw {
		w := &mw[i]
		j := out[w.ID]
		if j == nil { // not a worker of the organisation: never
			continue
		}
		v := pool.Verdict(mj, w)
		j.Rule, j.TravelMinutes = string(v.Reason), v.TravelMinutes
		if v.Reason == match.Eligible {
			c := v.Candidate
			j.Score, j.NeedsBuddy = c.Score, c.NeedsBuddy
			j.offer = klusbuddy.NewOffer{WorkerID: w.ID, Score: c.Score, Breakdown: c.Breakdown, NeedsBuddy: c.NeedsBuddy,
				TravelMinutes: c.Breakdown.TravelMinutes}
		}
	}
	for id, j := range out {
		if o, ok := facts.Offers[id]; ok {
			j.Offer, j.OfferID = o.State, o.ID
			if o.Declined {
				j.Warnings = append(j.Warnings, klusbuddy.SoftDeclined)
			}
		}
		if facts.Booked[id] {
			j.Rule = "on_job"
		}
		if j.Rule != "" {
			continue
		}
		if len(favs) > 0 && !favs[id] {
			j.Warnings = append(j.Warnings, klusbuddy.SoftFavouritesFirst)
		}
		if top.id != 0 && top.id != id && j.Score < top.score-1e-9 {
			j.Warnings = append(j.Warnings, klusbuddy.SoftRanking)
		}
	}
	return out, job, nil
}

type topChoice struct {
	id    int64
	score float64
}

// topScore is the best candidate matching would ask next (everyone eligible not asked yet).
func (d *Dispatcher) topScore(ctx context.Context, job klusbuddy.JobFacts, offered map[int64]bool, buddies []klusbuddy.BuddyFacts) (topChoice, error) {
	all, err := d.db.WorkersForMatching(ctx, job)
	if err != nil {
		return topChoice{}, err
	}
	var mw []match.Worker
	for _, w := range all {
		if !offered[w.ID] {
			mw = append(mw, toMatchWorker(w, job.PosterID))
		}
	}
	pool := match.NewPool(mw, toMatchBuddies(buddies), d.travel, d.weights, d.loc)
	if c := pool.Rank(matchJob(job), 1); len(c) > 0 {
		return topChoice{c[0].WorkerID, c[0].Score}, nil
	}
	return topChoice{}, nil
}

// StepInCandidates lists the organisation's workers for a job: who may be chosen (eligible
// first, best score first), who may not and why, and which soft rules choosing them overrides.
func (d *Dispatcher) StepInCandidates(ctx context.Context, actor klusbuddy.Principal, jobID int64) ([]klusbuddy.StepInCandidate, error) {
	all, _, err := d.judge(ctx, actor, jobID)
	if err != nil {
		return nil, err
	}
	out := make([]klusbuddy.StepInCandidate, 0, len(all))
	for _, j := range all {
		out = append(out, j.StepInCandidate)
	}
	slices.SortFunc(out, func(a, b klusbuddy.StepInCandidate) int {
		if (a.Rule == "") != (b.Rule == "") {
			if a.Rule == "" {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return cmp.Compare(a.WorkerID, b.WorkerID)
	})
	return out, nil
}

// chosen checks a coordinator's choice: the worker is theirs (ENOTFOUND otherwise), passes
// every hard rule, and a reason comes with any soft rule overridden. The audit entry gets the
// worker, the rules overridden and the reason.
func (d *Dispatcher) chosen(ctx context.Context, actor klusbuddy.Principal, jobID int64, s *klusbuddy.StepIn, assign bool) (*judged, error) {
	if err := coordinatorOnly(actor); err != nil {
		return nil, err
	}
	if err := s.Check(); err != nil {
		return nil, err
	}
	all, job, err := d.judge(ctx, actor, jobID)
	if err != nil {
		return nil, err
	}
	j := all[s.WorkerID]
	if j == nil {
		return nil, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person.")
	}
	// The job's own state first: no worker can be chosen for a job that is not looking.
	switch {
	case job.Taken >= job.Needed && job.State != klusbuddy.JobCancelled:
		return nil, klusbuddy.HardRuleError("full")
	case job.State != klusbuddy.JobOpen && job.State != klusbuddy.JobOffering && job.State != klusbuddy.JobUnfilled:
		return nil, klusbuddy.HardRuleError("not_open")
	case !job.Start.After(d.Now()):
		return nil, klusbuddy.HardRuleError("started")
	}
	if j.Rule != "" {
		return nil, klusbuddy.HardRuleError(j.Rule)
	}
	if !assign && j.Offer == klusbuddy.OfferPending {
		return nil, klusbuddy.HardRuleError("offer_open")
	}
	if len(j.Warnings) > 0 && s.Reason == "" {
		return nil, klusbuddy.ReasonNeeded()
	}
	a := klusbuddy.AuditFrom(ctx)
	a.Detail("worker", s.WorkerID)
	if len(j.Warnings) > 0 {
		a.Detail("overridden", j.Warnings)
	}
	if s.Reason != "" {
		a.Detail("reason", s.Reason)
	}
	return j, nil
}

// AssignWorker books a worker of the coordinator's organisation on a job at once: an offer
// accepted in the same transaction (accept_offer), so that the places, caps and bookings hold
// as for anyone. The worker is told as of any booking; one who needs a buddy gets the buddy
// search that follows any accept.
func (d *Dispatcher) AssignWorker(ctx context.Context, actor klusbuddy.Principal, jobID int64, s klusbuddy.StepIn) (klusbuddy.BoardJob, error) {
	j, err := d.chosen(ctx, actor, jobID, &s, true)
	if err != nil {
		return klusbuddy.BoardJob{}, err
	}
	if _, err := d.db.StepInOffer(ctx, jobID, actor.ID, j.offer, s.Reason, d.Now().Add(d.settings.OfferTTL), true); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	if _, err := d.booked(ctx, s.WorkerID, jobID); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	return d.db.BoardJob(ctx, jobID)
}

// OfferWorker sends a worker of the coordinator's organisation an offer of the job, open as
// long as a wave's (never past the start); the worker gets the usual offer notification.
func (d *Dispatcher) OfferWorker(ctx context.Context, actor klusbuddy.Principal, jobID int64, s klusbuddy.StepIn) (klusbuddy.BoardJob, error) {
	j, err := d.chosen(ctx, actor, jobID, &s, false)
	if err != nil {
		return klusbuddy.BoardJob{}, err
	}
	if _, err := d.db.StepInOffer(ctx, jobID, actor.ID, j.offer, s.Reason, d.Now().Add(d.settings.OfferTTL), false); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	return d.db.BoardJob(ctx, jobID)
}

// ownOffer returns the offer's worker and job when the worker is of the actor's organisation;
// anyone else's offer is not found. The audit entry names the worker as its subject: the
// action was on their behalf.
func (d *Dispatcher) ownOffer(ctx context.Context, actor klusbuddy.Principal, offerID int64) (worker, jobID int64, err error) {
	if err := coordinatorOnly(actor); err != nil {
		return 0, 0, err
	}
	worker, org, jobID, err := d.db.OfferOwner(ctx, offerID)
	if err != nil {
		return 0, 0, err
	}
	if org != actor.OrganisationID {
		return 0, 0, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such offer.")
	}
	a := klusbuddy.AuditFrom(ctx)
	a.SetSubject(worker)
	a.Detail("on_behalf_of", worker)
	a.Detail("offer_id", offerID)
	a.Detail("job_id", jobID)
	return worker, jobID, nil
}

// AcceptFor accepts a worker's offer for them (they phoned), through the same path as their
// own accept; the offer and the place record the coordinator.
func (d *Dispatcher) AcceptFor(ctx context.Context, actor klusbuddy.Principal, offerID int64) (int64, klusbuddy.BoardJob, error) {
	worker, jobID, err := d.ownOffer(ctx, actor, offerID)
	if err != nil {
		return 0, klusbuddy.BoardJob{}, err
	}
	if _, err := d.accept(ctx, worker, offerID, actor.ID); err != nil {
		return worker, klusbuddy.BoardJob{}, err
	}
	j, err := d.db.BoardJob(ctx, jobID)
	return worker, j, err
}

// DeclineFor declines a worker's offer for them, with their reason if they gave one.
func (d *Dispatcher) DeclineFor(ctx context.Context, actor klusbuddy.Principal, offerID int64, reason klusbuddy.DeclineReason) (int64, error) {
	if err := reason.Check(); err != nil {
		return 0, err
	}
	worker, _, err := d.ownOffer(ctx, actor, offerID)
	if err != nil {
		return 0, err
	}
	if reason != "" {
		klusbuddy.AuditFrom(ctx).Detail("decline_reason", reason)
	}
	return worker, d.db.DeclineOfferBy(ctx, worker, offerID, reason, actor.ID)
}

// CancelJobFor cancels a job of the coordinator's organisation, with a reason: the poster and
// everyone booked or asked are told, as when a poster cancels.
func (d *Dispatcher) CancelJobFor(ctx context.Context, actor klusbuddy.Principal, jobID int64, reason string) (klusbuddy.BoardJob, error) {
	if err := coordinatorOnly(actor); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	reason = strings.TrimSpace(reason)
	fe := klusbuddy.FieldErrors{}
	if reason == "" {
		fe.Add("reason", "Write why the job is cancelled.")
	} else {
		klusbuddy.CheckLength(fe, "reason", reason, klusbuddy.MaxStepInReason)
	}
	if err := fe.Err(); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	klusbuddy.AuditFrom(ctx).Detail("reason", reason)
	if err := d.db.CancelJobFor(ctx, jobID, actor.OrganisationID, actor.ID, reason); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	return d.db.BoardJob(ctx, jobID)
}
