// Package dispatch sends offers in waves: it ranks the candidates of a job with internal/match,
// offers the best few, expires what is not answered in time and sends the next wave, until
// the places are filled or no candidate is left, when the job goes to the coordinators. It is
// safe with several instances: the database hands each expiring offer to one of them.
package dispatch

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/match"
)

// Store is what dispatch needs of storage (internal/postgres): the facts matching works from,
// offers and buddy requests with their answers, expiry, and the coordinators' board. Every
// write that must hold under concurrency (a place, a buddy, a job's state) is the store's to
// guard in one transaction.
type Store interface {
	JobForMatching(ctx context.Context, jobID int64) (klusbuddy.JobFacts, error)
	WorkersForMatching(ctx context.Context, job klusbuddy.JobFacts) ([]klusbuddy.WorkerFacts, error)
	BuddiesForMatching(ctx context.Context, job klusbuddy.JobFacts) ([]klusbuddy.BuddyFacts, error)
	OfferedWorkers(ctx context.Context, jobID int64) (map[int64]bool, int, error)
	// FavouritesFor is whom a job goes to first, alone: the poster's favourites and whoever
	// did the occurrence of its series before it.
	FavouritesFor(ctx context.Context, job klusbuddy.JobFacts) (map[int64]bool, error)
	CreateWave(ctx context.Context, jobID int64, round, wave int, offers []klusbuddy.NewOffer, expires time.Time) (int, error)
	MarkUnfilled(ctx context.Context, jobID int64) error
	JobsNeedingAWave(ctx context.Context, limit int) ([]int64, error)
	ExpireOffers(ctx context.Context) ([]int64, error)
	ExpireJobs(ctx context.Context) (int, error)

	WorkerOffers(ctx context.Context, workerID int64) ([]klusbuddy.Offer, error)
	AcceptOffer(ctx context.Context, workerID, offerID int64) (jobID int64, place int, err error)
	DeclineOffer(ctx context.Context, workerID, offerID int64, reason klusbuddy.DeclineReason) error
	// AcceptOfferBy and DeclineOfferBy answer for the worker; by is the coordinator (0: the worker).
	AcceptOfferBy(ctx context.Context, workerID, offerID, by int64) (jobID int64, place int, err error)
	DeclineOfferBy(ctx context.Context, workerID, offerID int64, reason klusbuddy.DeclineReason, by int64) error
	WorkerAssignments(ctx context.Context, workerID, jobID int64) ([]klusbuddy.Assignment, error)
	DropOut(ctx context.Context, workerID, jobID int64, window time.Duration) (late bool, err error)

	BuddySearchFor(ctx context.Context, assignmentID int64) (klusbuddy.BuddySearch, error)
	CreateBuddyWave(ctx context.Context, assignmentID int64, wave int, reqs []klusbuddy.NewBuddyRequest, expires time.Time) (int, error)
	BuddySearchFailed(ctx context.Context, assignmentID int64) error
	AssignmentsNeedingABuddyWave(ctx context.Context, limit int) ([]int64, error)
	ExpireBuddyRequests(ctx context.Context) (int, error)
	BuddyRequests(ctx context.Context, buddyID int64) ([]klusbuddy.BuddyRequest, error)
	ConfirmBuddyRequest(ctx context.Context, buddyID, requestID int64) (assignmentID int64, err error)
	DeclineBuddyRequest(ctx context.Context, buddyID, requestID int64, reason klusbuddy.DeclineReason) error
	Accompaniments(ctx context.Context, buddyID, assignmentID int64) ([]klusbuddy.Accompaniment, error)
	BuddyDropOut(ctx context.Context, buddyID, assignmentID int64, window time.Duration) (jobID int64, late bool, err error)

	Board(ctx context.Context, f klusbuddy.BoardFilter, org int64, ids []int64) ([]klusbuddy.BoardJob, error)
	BoardJob(ctx context.Context, jobID int64) (klusbuddy.BoardJob, error)
	ReviewJob(ctx context.Context, jobID, org int64) (klusbuddy.JobReview, error)
	Reoffer(ctx context.Context, jobID, actor int64) error

	// Stepping in (stepin.go).
	JobAccess(ctx context.Context, jobID, org int64) (ours bool, err error)
	OrgWorkersForMatching(ctx context.Context, job klusbuddy.JobFacts, org int64) ([]klusbuddy.WorkerFacts, error)
	StepInFacts(ctx context.Context, jobID, org int64) (klusbuddy.StepInFacts, error)
	StepInOffer(ctx context.Context, jobID, by int64, o klusbuddy.NewOffer, reason string, expires time.Time, assign bool) (int64, error)
	OfferOwner(ctx context.Context, offerID int64) (workerID, org, jobID int64, err error)
	CancelJobFor(ctx context.Context, jobID, org, by int64, reason string) error
}

// Settings tune the waves and the score.
type Settings struct {
	OfferTTL   time.Duration // how long a worker has to answer
	WaveFactor int           // offers per place left in each wave
	Weights    match.Weights // zero: match.DefaultWeights
	// How long a new job goes to its poster's favourites alone, at most (see
	// klusbuddy.FavouritesWindow); zero: the default, negative: never.
	FavouritesFirst time.Duration
}

// DefaultSettings: fifteen minutes to answer, three offers per place, two hours for the
// favourites.
var DefaultSettings = Settings{OfferTTL: 15 * time.Minute, WaveFactor: 3, Weights: match.DefaultWeights,
	FavouritesFirst: klusbuddy.DefaultFavouritesFirst}

// Dispatcher sends waves of offers and expires them.
type Dispatcher struct {
	db       Store
	log      *slog.Logger
	loc      *time.Location
	travel   match.TravelEstimator
	weights  match.Weights
	settings Settings

	// Now is the clock (time.Now unless a test moves it); the store has one of its own, which
	// the program sets to the same.
	Now func() time.Time
	// Accepted hears each accept's outcome: "accepted", or the refusal's reason (taken,
	// expired, closed, …) or code; OffersSent hears each wave's size. Both are for metrics
	// (nil: not heard).
	Accepted   func(outcome string)
	OffersSent func(n int)
	Ran        func() // after each tick without error (nil: not heard)
}

// New returns a dispatcher; loc is Belgium's time zone.
func New(db Store, log *slog.Logger, loc *time.Location, s Settings) *Dispatcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// Zero settings take the defaults: a zero wave would never offer anything.
	if s.OfferTTL <= 0 {
		s.OfferTTL = DefaultSettings.OfferTTL
	}
	if s.WaveFactor <= 0 {
		s.WaveFactor = DefaultSettings.WaveFactor
	}
	if s.FavouritesFirst == 0 {
		s.FavouritesFirst = DefaultSettings.FavouritesFirst
	}
	w := s.Weights
	if w == (match.Weights{}) {
		w = match.DefaultWeights
	}
	return &Dispatcher{db: db, log: log, loc: loc, travel: match.DefaultDistance(), weights: w, settings: s, Now: time.Now}
}

// Wave sends the next wave of offers for a job and returns how many went out. A job with
// places left, no open offers and no candidate left becomes unfilled.
func (d *Dispatcher) Wave(ctx context.Context, jobID int64) (int, error) {
	// The first wave goes out inside the poster's request, so what it reads is read side by
	// side: who was asked before (which needs only the job's id) beside the job's facts, then
	// the workers, the buddies and, for a first wave, the poster's favourites.
	var (
		workers  []klusbuddy.WorkerFacts
		buddies  []klusbuddy.BuddyFacts
		offered  map[int64]bool
		favs     map[int64]bool
		lastWave int
	)
	asked, actx := errgroup.WithContext(ctx)
	asked.Go(func() (err error) { offered, lastWave, err = d.db.OfferedWorkers(actx, jobID); return err })
	job, err := d.db.JobForMatching(ctx, jobID)
	if askedErr := asked.Wait(); err == nil {
		err = askedErr
	}
	if err != nil {
		return 0, err
	}
	if job.Taken >= job.Needed || (job.State != klusbuddy.JobOpen && job.State != klusbuddy.JobOffering) || !job.Start.After(d.Now()) ||
		job.OfferFrom.After(d.Now()) { // (a later occurrence of a series: not yet)
		return 0, nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { workers, err = d.db.WorkersForMatching(gctx, job); return err })
	if job.Buddy != klusbuddy.BuddyNotAllowed { // buddies matter only where one may come along
		g.Go(func() (err error) { buddies, err = d.db.BuddiesForMatching(gctx, job); return err })
	}
	window := klusbuddy.FavouritesWindow(d.settings.FavouritesFirst, d.Now(), job.Start)
	if lastWave == 0 && window > 0 { // only a job's first wave goes to the favourites
		g.Go(func() (err error) { favs, err = d.db.FavouritesFor(gctx, job); return err })
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	var mw []match.Worker
	for _, w := range workers {
		if !offered[w.ID] {
			mw = append(mw, toMatchWorker(w, job.PosterID))
		}
	}
	k := (job.Needed - job.Taken) * d.settings.WaveFactor
	// The job's very first wave goes to the poster's favourites alone (and, in a series, to
	// whoever did the occurrence before), those of them who pass every hard rule, for the
	// favourites' window: their offers last that long. When they have all answered or the
	// window ends, the next wave goes to everyone. With no favourite eligible, everyone at once.
	if lastWave == 0 && window > 0 {
		var fw []match.Worker
		for _, w := range mw {
			if favs[w.ID] {
				fw = append(fw, w)
			}
		}
		if len(fw) > 0 {
			pool := match.NewPool(fw, toMatchBuddies(buddies), d.travel, d.weights, d.loc)
			if cands := pool.Rank(matchJob(job), max(k, len(fw))); len(cands) > 0 {
				return d.send(ctx, job, cands, lastWave, window, true)
			}
		}
	}
	pool := match.NewPool(mw, toMatchBuddies(buddies), d.travel, d.weights, d.loc)
	cands := pool.Rank(matchJob(job), k)
	if len(cands) == 0 {
		// Nobody left to ask: unfilled, unless offers are still out (MarkUnfilled checks).
		d.log.InfoContext(ctx, "no candidates left", "job_id", jobID)
		return 0, d.db.MarkUnfilled(ctx, jobID)
	}
	return d.send(ctx, job, cands, lastWave, d.settings.OfferTTL, false)
}

// send stores a wave of offers to cands, open for ttl (but never past the job's last day's
// start).
func (d *Dispatcher) send(ctx context.Context, job klusbuddy.JobFacts, cands []match.Candidate, lastWave int, ttl time.Duration, favourites bool) (int, error) {
	jobID := job.ID
	offers := make([]klusbuddy.NewOffer, len(cands))
	for i, c := range cands {
		b := c.Breakdown
		b.FirstAsked = favourites
		offers[i] = klusbuddy.NewOffer{WorkerID: c.WorkerID, Score: c.Score, Breakdown: b, NeedsBuddy: c.NeedsBuddy,
			TravelMinutes: c.Breakdown.TravelMinutes}
		if job.WindowDays > 1 { // the day offered to this worker
			offers[i].Slot = &[2]time.Time{c.When.Start, c.When.End}
		}
	}
	// Nobody can answer after the job (or its window's last day) has started; an offer for a
	// day that passed is refused on accept all the same.
	expires := d.Now().Add(ttl)
	if last := job.Start.AddDate(0, 0, max(1, job.WindowDays)-1); last.Before(expires) {
		expires = last
	}
	n, err := d.db.CreateWave(ctx, jobID, job.Round, lastWave+1, offers, expires)
	if err == nil {
		d.log.InfoContext(ctx, "wave sent", "job_id", jobID, "wave", lastWave+1, "offers", n, "favourites", favourites)
		if d.OffersSent != nil {
			d.OffersSent(n)
		}
	}
	return n, err
}

// Eligibility says whether a worker passes matching's hard rules for a job and, if not, the
// first rule that stops them (a coach's "why not?"), on the facts a wave uses. Accepting an
// offer applies the rules that can change meanwhile (hour caps, bookings) once more in the
// database (migrations/functions/accept_offer.sql); one table of cases tests both sides.
func (d *Dispatcher) Eligibility(ctx context.Context, jobID, workerID int64) (match.Reason, error) {
	job, err := d.db.JobForMatching(ctx, jobID)
	if err != nil {
		return "", err
	}
	workers, err := d.db.WorkersForMatching(ctx, job)
	if err != nil {
		return "", err
	}
	for _, w := range workers {
		if w.ID == workerID {
			mw := toMatchWorker(w, job.PosterID)
			pool := match.NewPool([]match.Worker{mw}, nil, d.travel, d.weights, d.loc)
			reason, _ := pool.Check(matchJob(job), &mw)
			return reason, nil
		}
	}
	return match.NotLoaded, nil
}

func matchJob(job klusbuddy.JobFacts) match.Job {
	return match.Job{ID: job.ID, PosterID: job.PosterID, Category: job.Category, Level: job.Level, Where: job.Where,
		When: match.Interval{Start: job.Start, End: job.End}, Buddy: job.Buddy, WindowDays: job.WindowDays,
		Organisation: job.OrganisationID, SharedPool: job.SharedPool}
}

func toMatchBuddies(buddies []klusbuddy.BuddyFacts) []match.Buddy {
	mb := make([]match.Buddy, len(buddies))
	for i, b := range buddies {
		busy := make([]match.Interval, len(b.Busy))
		for j, iv := range b.Busy {
			busy[j] = match.Interval{Start: iv[0], End: iv[1]}
		}
		mb[i] = match.Buddy{ID: b.ID, OrganisationID: b.OrganisationID, Home: b.Home, Mode: b.Mode, MaxMinutes: b.MaxMinutes, Categories: b.Categories,
			Availability: toAvailability(b.Availability, b.Exceptions), Busy: busy,
			Reliability: b.Record.Reliability()}
	}
	return mb
}

// BuddyWave sends the next wave of requests to buddies for a worker who holds a place and
// needs one; with no buddy left to ask, the place is released and the coaches alerted.
func (d *Dispatcher) BuddyWave(ctx context.Context, assignmentID int64) (int, error) {
	search, err := d.db.BuddySearchFor(ctx, assignmentID)
	if err != nil || !search.Searching {
		if klusbuddy.ErrorCode(err) == klusbuddy.ENOTFOUND {
			err = nil
		}
		return 0, err
	}
	buddies, err := d.db.BuddiesForMatching(ctx, search.Job)
	if err != nil {
		return 0, err
	}
	var cands []match.BuddyCandidate
	if search.Job.Start.After(d.Now()) {
		pool := match.NewPool(nil, toMatchBuddies(buddies), d.travel, d.weights, d.loc)
		cands = pool.RankBuddies(matchJob(search.Job), d.settings.WaveFactor, search.Asked)
	}
	if len(cands) == 0 {
		d.log.InfoContext(ctx, "no buddy left", "job_id", search.Job.ID, "assignment_id", assignmentID)
		return 0, d.db.BuddySearchFailed(ctx, assignmentID)
	}
	reqs := make([]klusbuddy.NewBuddyRequest, len(cands))
	for i, c := range cands {
		reqs[i] = klusbuddy.NewBuddyRequest{BuddyID: c.BuddyID, TravelMinutes: c.TravelMinutes}
	}
	expires := d.Now().Add(d.settings.OfferTTL)
	if search.Job.Start.Before(expires) {
		expires = search.Job.Start
	}
	n, err := d.db.CreateBuddyWave(ctx, assignmentID, search.LastWave+1, reqs, expires)
	if err == nil {
		d.log.InfoContext(ctx, "buddy wave sent", "job_id", search.Job.ID, "assignment_id", assignmentID, "wave", search.LastWave+1, "requests", n)
	}
	return n, err
}

// OfferNow sends a job's next wave at once: after it is posted or changed, after a drop-out,
// when a coach offers it again. A failure is logged and the ticker tries again, so that what
// the person did never fails for it.
func (d *Dispatcher) OfferNow(ctx context.Context, jobID int64) {
	if _, err := d.Wave(ctx, jobID); err != nil {
		d.log.WarnContext(ctx, "sending a wave", "job_id", jobID, "error", err)
	}
}

// Released sends at once the waves that an erasure calls for (see postgres.DB.Erase), as a
// drop-out does: the next wave for each job with a place to offer again, the next buddy wave
// for each worker's place that needs a buddy again. A failure is logged, and the ticker tries
// again.
func (d *Dispatcher) Released(ctx context.Context, r klusbuddy.Released) {
	for _, id := range r.Jobs {
		d.OfferNow(ctx, id)
	}
	for _, id := range r.Assignments {
		if _, err := d.BuddyWave(ctx, id); err != nil {
			d.log.WarnContext(ctx, "buddy wave after an erasure", "assignment_id", id, "error", err)
		}
	}
}

// Tick expires offers past their time and jobs past their start, and sends the next wave for
// every job that needs one.
func (d *Dispatcher) Tick(ctx context.Context) error {
	if _, err := d.db.ExpireOffers(ctx); err != nil {
		return err
	}
	if _, err := d.db.ExpireJobs(ctx); err != nil {
		return err
	}
	if _, err := d.db.ExpireBuddyRequests(ctx); err != nil {
		return err
	}
	jobs, err := d.db.JobsNeedingAWave(ctx, 100)
	if err != nil {
		return err
	}
	for _, id := range jobs {
		if _, err := d.Wave(ctx, id); err != nil {
			d.log.WarnContext(ctx, "sending a wave", "job_id", id, "error", err)
		}
	}
	searches, err := d.db.AssignmentsNeedingABuddyWave(ctx, 100)
	if err != nil {
		return err
	}
	for _, id := range searches {
		if _, err := d.BuddyWave(ctx, id); err != nil {
			d.log.WarnContext(ctx, "sending a buddy wave", "assignment_id", id, "error", err)
		}
	}
	return nil
}

// Run ticks every interval until ctx ends.
func (d *Dispatcher) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := d.Tick(ctx); err != nil && ctx.Err() == nil {
			d.log.Warn("dispatch tick", "error", err)
		} else if err == nil && d.Ran != nil {
			d.Ran()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func toMatchWorker(w klusbuddy.WorkerFacts, posterID int64) match.Worker {
	skills := make(map[string]match.Skill, len(w.Skills))
	for cat, s := range w.Skills {
		skills[cat] = match.Skill{Level: s.Level, Verified: s.Verified}
	}
	busy := make([]match.Interval, len(w.Busy))
	for i, b := range w.Busy {
		busy[i] = match.Interval{Start: b[0], End: b[1]}
	}
	return match.Worker{ID: w.ID, OrganisationID: w.OrganisationID, Home: w.Home, Mode: w.Mode, MaxMinutes: w.MaxMinutes,
		Skills: skills, Availability: toAvailability(w.Availability, w.Exceptions), Busy: busy,
		HoursLast30Days: w.HoursLast30Days, HoursThisMonth: w.HoursThisMonth, HoursThisYear: w.HoursThisYear,
		MonthCap: w.MonthCap, YearCap: w.YearCap, Reliability: w.Record.Reliability(), Record: w.Record, BuddyNeed: w.BuddyNeed, BuddyFirst: w.BuddyFirst,
		JobsDone: w.JobsDone, CategoryDone: w.CategoryDone, PosterJobs: map[int64]int{posterID: w.PosterJobs},
		Blocked: map[int64]bool{posterID: w.Blocked}}
}

func toAvailability(slots []klusbuddy.WeeklySlot, ex []klusbuddy.AvailabilityException) match.Availability {
	var av match.Availability
	for _, s := range slots {
		if s.Weekday >= 1 && s.Weekday <= 7 {
			av.Weekly[s.Weekday] = append(av.Weekly[s.Weekday], match.Span{From: minutes(s.Start), To: minutes(s.End)})
		}
	}
	if len(ex) > 0 {
		av.Exceptions = map[string]match.Exception{}
		for _, e := range ex {
			m := match.Exception{Available: e.Available}
			if e.Start != "" {
				m.Spans = []match.Span{{From: minutes(e.Start), To: minutes(e.End)}}
			}
			av.Exceptions[e.Date] = m
		}
	}
	return av
}

// minutes turns "09:30" into minutes since midnight.
func minutes(clock string) int {
	h, m, _ := strings.Cut(clock, ":")
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	return hh*60 + mm
}
