package loadtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// The run's people live in the north of Limburg (Lommel, Pelt, Hamont, Hechtel, Leopoldsburg),
// out of reach of the demo's workers around Genk and Hasselt, so that every offer of the run's
// jobs goes to one of the run's workers, who have a socket open.
var places = []struct{ Postcode, Municipality string }{
	{"3920", "Lommel"}, {"3920", "Lommel"}, {"3900", "Overpelt"}, {"3910", "Neerpelt"},
	{"3930", "Hamont"}, {"3940", "Hechtel"}, {"3970", "Leopoldsburg"},
}

var (
	firstNames = []string{"Ayşe", "Mehmet", "Fatma", "Giuseppe", "Maria", "Youssef", "Samira", "Jan", "Els",
		"Katarzyna", "Piotr", "Yonas", "Olena", "Hassan", "Nadia", "Bram", "Sofie", "Ahmed", "Leila", "Zeynep"}
	lastNames = []string{"Yılmaz", "Demir", "Rossi", "El Amrani", "Peeters", "Janssens", "Nowak", "Tesfaye",
		"Kovalenko", "Hermans", "Smeets", "Öztürk", "Moens", "Gielen"}
)

// PIN and Password are the secrets of the run's workers and of its posters and coordinator.
const (
	PIN      = "358024"
	Password = "klusload-wachtwoord-2026"
)

// Setup says whom to create.
type Setup struct {
	URLs          []string // the instances; people are spread over them in turn
	AdminLogin    string   // an admin, who creates the run's organisation and invites its coordinator
	AdminPassword string
	Workers       int // workers, each with a socket (and a phone of their own)
	Posters       int // households posting the jobs
	Parallel      int // requests at once while creating people
	Run           int // a number that keeps this run's phones, e-mails and addresses apart (0–599)
}

type worker struct {
	c        *client
	instance int
}

type poster struct {
	at        []*client // the same session on each instance
	addressID int64
}

// Population is what Setup made: signed-in workers and posters, and the categories the workers
// have skills in.
type Population struct {
	workers    []*worker
	posters    []*poster
	categories []string
	tr         http.RoundTripper
	urls       []string
	coach      *client
	rng        *rand.Rand
	setup      Setup
}

// Transport is shared by every simulated phone: keep-alive connections to both instances, many
// at once.
func newTransport() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 2048
	tr.MaxIdleConnsPerHost = 1024
	return tr
}

// ip is the simulated client address of person i of a kind (1 coordinator, 2 workers, 3
// posters) in run `run`.
func ip(kind, run, i int) string {
	return fmt.Sprintf("10.%d.%d.%d", kind*40+run%40, (i>>8)&255, i&255)
}

// Create makes the run's organisation, its coordinator, workers and posters through the API,
// the way an admin, a coordinator, workers opening their invites and households signing up do.
// Each worker chooses a PIN (one argon2id hash on the server each), so creating thousands takes
// a while: about 30 ms of server CPU per person.
func Create(ctx context.Context, s Setup, logf func(string, ...any)) (*Population, error) {
	if len(s.URLs) == 0 {
		return nil, fmt.Errorf("no instance URLs")
	}
	if s.Parallel < 1 {
		s.Parallel = 8
	}
	tr := newTransport()
	pop := &Population{tr: tr, urls: s.URLs}
	r := rand.New(rand.NewPCG(uint64(s.Run), 15))

	admin := newClient(s.URLs[0], ip(1, s.Run, 1), tr)
	if err := admin.startSession(ctx, "/api/v1/login", map[string]string{"login": s.AdminLogin, "secret": s.AdminPassword}); err != nil {
		return nil, fmt.Errorf("admin sign-in: %w", err)
	}
	var cats struct {
		Categories []struct{ Slug string } `json:"categories"`
	}
	if _, err := admin.do(ctx, "GET", "/api/v1/categories", nil, &cats); err != nil {
		return nil, err
	}
	for _, c := range cats.Categories {
		pop.categories = append(pop.categories, c.Slug)
	}
	if len(pop.categories) == 0 {
		return nil, fmt.Errorf("the instance has no categories")
	}
	var org struct{ ID int64 }
	stamp := time.Now().UTC().Format("0102-1504")
	if _, err := admin.do(ctx, "POST", "/api/v1/admin/organisations", map[string]any{
		"slug": fmt.Sprintf("load-%d-%s", s.Run, stamp), "name": fmt.Sprintf("Load test %d %s", s.Run, stamp), "municipality": "Lommel",
		// The test books workers on many jobs in minutes; the wijk-werken caps are not what it measures.
		"month_hour_cap": 744, "year_hour_cap": 8784, "shared_pool": true,
	}, &org); err != nil {
		return nil, fmt.Errorf("creating the organisation: %w", err)
	}
	var inv struct {
		Invite struct{ URL string }
	}
	if _, err := admin.do(ctx, "POST", "/api/v1/admin/invites", map[string]any{"role": "coordinator", "organisation_id": org.ID,
		"first_name": "Lotte", "last_name": "Coach", "email": fmt.Sprintf("coach-%d-%s@load.klusbuddy.be", s.Run, stamp), "language": "nl"}, &inv); err != nil {
		return nil, fmt.Errorf("inviting the coordinator: %w", err)
	}
	coach := newClient(s.URLs[0], ip(1, s.Run, 2), tr)
	if err := coach.startSession(ctx, "/api/v1/invites/accept", map[string]string{"token": inviteToken(inv.Invite.URL), "password": Password}); err != nil {
		return nil, fmt.Errorf("the coordinator's invite: %w", err)
	}

	pop.coach, pop.rng, pop.setup = coach, r, s
	if err := pop.AddWorkers(ctx, s.Workers, logf); err != nil {
		return nil, err
	}

	// Posters: households that sign up and give their address.
	pop.posters = make([]*poster, s.Posters)
	err := parallel(ctx, s.Posters, s.Parallel, func(gctx context.Context, i int) error {
		pl := places[i%len(places)]
		first, last := firstNames[i%len(firstNames)], lastNames[i%len(lastNames)]
		street := fmt.Sprintf("Kerkstraat %d", 1+i%180)
		c := newClient(s.URLs[0], ip(3, s.Run, i), tr)
		if err := c.startSession(gctx, "/api/v1/signup", map[string]any{"kind": "household", "first_name": first, "last_name": last,
			"email": fmt.Sprintf("poster-%d-%d-%s@load.klusbuddy.be", s.Run, i, stamp), "password": Password,
			"phone": fmt.Sprintf("+324%08d", s.Run*100_000+50_000+i), "language": "nl"}); err != nil {
			return fmt.Errorf("poster %d's sign-up: %w", i, err)
		}
		var a struct{ ID int64 }
		if _, err := c.do(gctx, "POST", "/api/v1/me/addresses", map[string]any{"label": "Thuis", "street": street,
			"postcode": pl.Postcode, "municipality": pl.Municipality}, &a); err != nil {
			return fmt.Errorf("poster %d's address: %w", i, err)
		}
		p := &poster{addressID: a.ID}
		for _, u := range s.URLs {
			p.at = append(p.at, c.at(u))
		}
		pop.posters[i] = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pop, nil
}

// at is the same session on another instance (one database: a session is valid on each).
func (c *client) at(base string) *client {
	c2 := *c
	c2.base = base
	return &c2
}

// parallel runs fn for 0…n-1, at most limit at once, and returns the first error (the context
// handed to fn is cancelled by it).
func parallel(ctx context.Context, n, limit int, fn func(context.Context, int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := range n {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := fn(ctx, i); err != nil {
				cancel(err)
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil && err != context.Canceled {
		return err
	}
	return ctx.Err()
}

// AddWorkers has the coordinator create n more workers (with skills, home area, travel and a
// wide week), each of whom opens the invite on their phone, on the instances in turn, and
// chooses a PIN.
func (p *Population) AddWorkers(ctx context.Context, n int, logf func(string, ...any)) error {
	r, s, first := p.rng, p.setup, len(p.workers)
	if first+n > 50_000 {
		return fmt.Errorf("at most 50,000 workers")
	}
	bodies := make([]map[string]any, n)
	for i := range bodies {
		pl := places[r.IntN(len(places))]
		var skills []map[string]any
		for _, k := range r.Perm(len(p.categories))[:min(len(p.categories), 2+r.IntN(3))] {
			skills = append(skills, map[string]any{"category": p.categories[k], "level": 1 + r.IntN(3), "verified": true})
		}
		var week []map[string]any
		for d := 1; d <= 6; d++ {
			week = append(week, map[string]any{"weekday": d, "start": "07:00", "end": "21:00"})
		}
		travel := []struct {
			mode    string
			minutes int
		}{{"bike", 30}, {"ebike", 40}, {"public_transport", 45}, {"car", 30}, {"walk", 25}}[r.IntN(5)]
		bodies[i] = map[string]any{"role": "worker", "first_name": firstNames[r.IntN(len(firstNames))], "last_name": lastNames[r.IntN(len(lastNames))],
			"phone": fmt.Sprintf("+324%08d", s.Run*100_000+first+i), "language": "nl",
			"worker": map[string]any{"postcode": pl.Postcode, "municipality": pl.Municipality, "travel_mode": travel.mode, "max_travel_minutes": travel.minutes,
				"buddy_need": "never", "skills": skills, "availability": week}}
	}
	made := make([]*worker, n)
	var done atomic.Int64
	start := time.Now()
	err := parallel(ctx, n, s.Parallel, func(ctx context.Context, i int) error {
		var out struct {
			Invite struct{ URL string }
		}
		if _, err := p.coach.do(ctx, "POST", "/api/v1/org/people", bodies[i], &out); err != nil {
			return fmt.Errorf("creating worker %d: %w", first+i, err)
		}
		inst := (first + i) % len(s.URLs)
		c := newClient(s.URLs[inst], ip(2, s.Run, first+i), p.tr)
		if err := c.startSession(ctx, "/api/v1/invites/accept", map[string]string{"token": inviteToken(out.Invite.URL), "pin": PIN}); err != nil {
			return fmt.Errorf("worker %d's invite: %w", first+i, err)
		}
		made[i] = &worker{c: c, instance: inst}
		if d := done.Add(1); d%500 == 0 {
			logf("  %d workers signed in (%.0f/s)", d, float64(d)/time.Since(start).Seconds())
		}
		return nil
	})
	if err != nil {
		return err
	}
	p.workers = append(p.workers, made...)
	return nil
}
