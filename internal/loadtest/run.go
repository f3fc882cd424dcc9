package loadtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // Europe/Brussels wherever the tool runs
)

// Load is one step of load: households post jobs at Rate a second for Duration (open loop:
// each post goes out on time, whatever the earlier ones take), spread over the posters and the
// instances in turn; every worker who gets an offer on their socket accepts it after a pause of
// up to Think, as a person reading it would.
type Load struct {
	Rate          float64
	Duration      time.Duration
	WorkersNeeded int           // places per job
	Think         time.Duration // most a worker waits before tapping accept
	Drain         time.Duration // after the last post: the most to wait for the last offers and accepts
	NoAck         bool          // the app acknowledges nothing, so every offer also goes out as a Web Push
	NoAccept      bool          // nobody answers (phones in pockets): the offers wait, and are pushed
}

// Result is what one step measured.
type Result struct {
	Rate        float64 // posts a second asked for
	Elapsed     time.Duration
	Posts       int
	Post        Summary // POST /jobs, its own round trip (ranking and the first wave)
	PostToOffer Summary // from sending the POST to the first offer for it on any socket
	NoOffer     int     // jobs posted whose offer reached no socket before the end
	Accept      Summary // POST /offers/{id}/accept
	Accepted    int
	Refused     map[string]int // answers a real app shows ("taken": someone was quicker), by code/reason
	Errors      map[string]int // anything else: 5xx, unexpected 4xx, transport errors
	Delivery    Summary        // an event's created_at (the database's clock) to its arrival on a socket
	Events      int            // events that reached sockets
	Offers      int            // offers that reached sockets
	LostSockets int64
}

// AcceptsPerSecond is the accepts answered (taken or refused) per second of the step.
func (r Result) AcceptsPerSecond() float64 {
	return float64(r.Accept.N) / r.Elapsed.Seconds()
}

// EventsPerSecond is the events delivered to sockets per second of the step.
func (r Result) EventsPerSecond() float64 { return float64(r.Events) / r.Elapsed.Seconds() }

// ErrorCount is the number of errors of any kind.
func (r Result) ErrorCount() int { return total(r.Errors) }

func (r Result) String() string {
	return fmt.Sprintf(`rate %.1f posts/s for %s: %d posts
  post              %s
  post → offer      %s (jobs with no offer on a socket: %d)
  accept            %s, %.1f/s; accepted %d; refused: %s
  events delivered  %d (%.1f/s, offers %d), created → socket %s
  errors            %s; sockets lost %d`,
		r.Rate, r.Elapsed.Round(time.Millisecond), r.Posts, r.Post, r.PostToOffer, r.NoOffer,
		r.Accept, r.AcceptsPerSecond(), r.Accepted, formatCounts(r.Refused),
		r.Events, r.EventsPerSecond(), r.Offers, r.Delivery, formatCounts(r.Errors), r.LostSockets)
}

// step is the state of one running step; sockets hand it their events.
type step struct {
	ctx     context.Context
	load    Load
	r       *rand.Rand
	rmu     sync.Mutex
	mu      sync.Mutex
	sent    map[int64]time.Time // job → when its POST went out
	first   map[int64]time.Time // job → first offer on a socket
	post    latencies
	accept  latencies
	deliver latencies
	refused counts
	errors  counts
	events  atomic.Int64
	offers  atomic.Int64
	acc     atomic.Int64
	busy    atomic.Int64 // accepts waiting or in flight
	pending sync.WaitGroup
}

func (st *step) event(so *socket, f frame, at time.Time) {
	st.events.Add(1)
	if !f.CreatedAt.IsZero() {
		st.deliver.add(at.Sub(f.CreatedAt))
	}
	if f.Kind != "offer_new" {
		return
	}
	st.offers.Add(1)
	job, _ := f.Data["job_id"].(float64)
	offer, _ := f.Data["offer_id"].(float64)
	st.mu.Lock()
	if _, ok := st.first[int64(job)]; !ok {
		st.first[int64(job)] = at
	}
	st.mu.Unlock()
	if st.ctx.Err() != nil || st.load.NoAccept {
		return
	}
	var think time.Duration
	if st.load.Think > 0 {
		st.rmu.Lock()
		think = time.Duration(st.r.Int64N(int64(st.load.Think)))
		st.rmu.Unlock()
	}
	st.pending.Add(1)
	st.busy.Add(1)
	go func() {
		defer st.pending.Done()
		defer st.busy.Add(-1)
		if think > 0 {
			select {
			case <-time.After(think):
			case <-st.ctx.Done():
				return
			}
		}
		if !st.load.NoAck {
			so.ack(f.ID)
		}
		took, err := so.w.c.do(st.ctx, "POST", fmt.Sprintf("/api/v1/offers/%d/accept", int64(offer)), nil, nil)
		st.outcome(took, err, &st.accept, "accept")
		if err == nil {
			st.acc.Add(1)
		}
	}()
}

// outcome sorts an answer: its latency counts whenever the server answered; a refusal a real
// app expects (409 taken/closed, 410) is not an error.
func (st *step) outcome(took time.Duration, err error, lat *latencies, what string) {
	if err == nil {
		lat.add(took)
		return
	}
	if ae, ok := err.(*apiError); ok {
		lat.add(took)
		if what == "accept" && (ae.Status == 409 || ae.Status == 410) {
			k := ae.Code
			if ae.Reason != "" {
				k += "/" + ae.Reason
			}
			st.refused.add(k)
			return
		}
		st.errors.add(fmt.Sprintf("%s %d %s", what, ae.Status, ae.Code))
		return
	}
	if st.ctx.Err() != nil {
		return // the run ended under it
	}
	st.errors.add(fmt.Sprintf("%s: %v", what, err))
}

var brussels, _ = time.LoadLocation("Europe/Brussels")

// Run runs one step of load against the population with its sockets open.
func (p *Population) Run(ctx context.Context, s *Sockets, l Load, seed uint64) Result {
	if l.WorkersNeeded < 1 {
		l.WorkersNeeded = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	st := &step{ctx: ctx, load: l, r: rand.New(rand.NewPCG(seed, 1)), sent: map[int64]time.Time{}, first: map[int64]time.Time{}}
	s.sink.Store(&sinkBox{st})
	defer s.sink.Store(nil)
	lost0 := s.lost.Load()

	r := rand.New(rand.NewPCG(seed, 2))
	n := int(l.Rate * l.Duration.Seconds())
	interval := time.Duration(float64(time.Second) / l.Rate)
	start := time.Now()
	var posts sync.WaitGroup
	var jobs []int64
	var jmu sync.Mutex
	for i := range n {
		due := start.Add(time.Duration(i) * interval)
		if d := time.Until(due); d > 0 {
			select {
			case <-time.After(d):
			case <-ctx.Done():
			}
		}
		if ctx.Err() != nil {
			break
		}
		po := p.posters[r.IntN(len(p.posters))]
		c := po.at[i%len(po.at)]
		body := map[string]any{"category": p.categories[r.IntN(len(p.categories))], "address_id": po.addressID,
			"start": jobStart(r).Format(time.RFC3339), "minutes": []int{60, 90, 120}[r.IntN(3)], "workers_needed": l.WorkersNeeded,
			"description": "Load test job"}
		posts.Go(func() {
			var job struct{ ID int64 }
			sentAt := time.Now()
			took, err := c.do(ctx, "POST", "/api/v1/jobs", body, &job)
			st.outcome(took, err, &st.post, "post")
			if err == nil {
				st.mu.Lock()
				st.sent[job.ID] = sentAt
				st.mu.Unlock()
				jmu.Lock()
				jobs = append(jobs, job.ID)
				jmu.Unlock()
			}
		})
	}
	posts.Wait()
	// Let the last offers arrive and their accepts be answered: until every job has had its
	// offers and its places are taken, with no accept in flight, or Drain has passed.
	settled := func() bool {
		st.mu.Lock()
		defer st.mu.Unlock()
		for j := range st.sent {
			if _, ok := st.first[j]; !ok {
				return false
			}
		}
		return st.busy.Load() == 0 && (l.NoAccept || st.acc.Load() >= int64(len(st.sent)*l.WorkersNeeded))
	}
	drainEnd := time.Now().Add(l.Drain)
	for !settled() && time.Now().Before(drainEnd) && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond) // polls what the sockets record; moves no clock
	}
	elapsed := time.Since(start)
	cancel()
	st.pending.Wait()

	res := Result{Rate: l.Rate, Elapsed: elapsed, Post: st.post.summary(), Accept: st.accept.summary(), Delivery: st.deliver.summary(),
		Accepted: int(st.acc.Load()), Refused: st.refused.snapshot(), Errors: st.errors.snapshot(),
		Events: int(st.events.Load()), Offers: int(st.offers.Load()), LostSockets: s.lost.Load() - lost0}
	var toOffer latencies
	st.mu.Lock()
	for _, j := range jobs {
		res.Posts++
		if at, ok := st.first[j]; ok {
			toOffer.add(at.Sub(st.sent[j]))
		} else {
			res.NoOffer++
		}
	}
	st.mu.Unlock()
	res.PostToOffer = toOffer.summary()
	return res
}

// jobStart is a time a household might choose: a weekday from two days to ten months ahead,
// between 8:00 and 17:30, on the hour or the half hour. Spread this wide, one worker's jobs
// seldom overlap, so the offers go on finding free workers.
func jobStart(r *rand.Rand) time.Time {
	for {
		d := time.Now().In(brussels).AddDate(0, 0, 2+r.IntN(300))
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		return time.Date(d.Year(), d.Month(), d.Day(), 8+r.IntN(10), 30*r.IntN(2), 0, 0, brussels)
	}
}
