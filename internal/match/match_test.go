package match_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/match"
)

var brussels = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		panic(err)
	}
	return loc
}()

var (
	genk    = klusbuddy.Point{Lat: 50.9650, Lon: 5.5008}
	hasselt = klusbuddy.Point{Lat: 50.9307, Lon: 5.3378}
	lommel  = klusbuddy.Point{Lat: 51.2300, Lon: 5.3130}
)

// weekdays 08:00–18:00, Monday to Friday.
func officeHours() match.Availability {
	var av match.Availability
	for d := 1; d <= 5; d++ {
		av.Weekly[d] = []match.Span{{8 * 60, 18 * 60}}
	}
	return av
}

// Tuesday 1 December 2026, 10:00–13:00 in Genk.
func cleaningJob() match.Job {
	start := time.Date(2026, 12, 1, 10, 0, 0, 0, brussels)
	return match.Job{ID: 1, PosterID: 77, Category: "cleaning", Level: 1, Where: genk,
		When: match.Interval{Start: start, End: start.Add(3 * time.Hour)}, Buddy: match.BuddyAllowed}
}

func worker(id int64, mod ...func(*match.Worker)) match.Worker {
	w := match.Worker{ID: id, OrganisationID: 1, Home: genk, Mode: klusbuddy.Bike, MaxMinutes: 30,
		Skills: map[string]match.Skill{"cleaning": {Level: 1}}, Availability: officeHours(), Reliability: 1,
		MonthCap: 60, YearCap: 630}
	for _, m := range mod {
		m(&w)
	}
	return w
}

func pool(workers []match.Worker, buddies ...match.Buddy) *match.Pool {
	return match.NewPool(workers, buddies, match.DefaultDistance(), match.DefaultWeights, brussels)
}

func TestHardRules(t *testing.T) {
	job := cleaningJob()
	cases := []struct {
		name string
		mod  func(*match.Worker)
		job  func(*match.Job)
		want match.Reason
	}{
		{"Eligible", nil, nil, match.Eligible},
		{"OtherOrganisationWhenRestricted", nil, func(j *match.Job) { j.Organisations = []int64{2} }, match.NotInOrganisation},
		{"NoSkillInCategory", func(w *match.Worker) { w.Skills = map[string]match.Skill{"garden": {Level: 3, Verified: true}} }, nil, match.NoSkill},
		{"LevelTooLow", nil, func(j *match.Job) { j.Level = 2 }, match.NoSkill},
		{"LevelUnverified", func(w *match.Worker) { w.Skills["cleaning"] = match.Skill{Level: 3} }, func(j *match.Job) { j.Level = 2 }, match.NotVerified},
		{"BlockedByPoster", func(w *match.Worker) { w.Blocked = map[int64]bool{77: true} }, nil, match.Blocked},
		{"TooFarByBike", func(w *match.Worker) { w.Home = lommel }, nil, match.TooFar},
		{"HasselLtoGenkTooLongOnFoot", func(w *match.Worker) { w.Home, w.Mode, w.MaxMinutes = hasselt, klusbuddy.Walk, 60 }, nil, match.TooFar},
		{"NotAvailableThatDay", func(w *match.Worker) { w.Availability.Weekly[2] = nil }, nil, match.NotAvailable},
		{"AvailableOnlyPartOfTheJob", func(w *match.Worker) { w.Availability.Weekly[2] = []match.Span{{8 * 60, 12 * 60}} }, nil, match.NotAvailable},
		// Rank reads a week by the hour first: these are decided to the minute.
		{"AvailableFromAQuarterPast", func(w *match.Worker) { w.Availability.Weekly[2] = []match.Span{{10*60 + 15, 18 * 60}} }, nil, match.NotAvailable},
		{"AvailableUntilAQuarterTo", func(w *match.Worker) { w.Availability.Weekly[2] = []match.Span{{8 * 60, 12*60 + 45}} }, nil, match.NotAvailable},
		{"SpansJoinedAtHalfPast", func(w *match.Worker) {
			w.Availability.Weekly[2] = []match.Span{{10*60 + 30, 13 * 60}, {9 * 60, 10*60 + 30}}
		}, nil, match.Eligible},
		{"ExceptionOnAnotherDay", func(w *match.Worker) {
			w.Availability.Exceptions = map[string]match.Exception{"2026-12-02": {Available: false}, "2026-11-30": {Available: false}}
		}, nil, match.Eligible},
		{"ExceptionsAroundTheDayOff", func(w *match.Worker) {
			w.Availability.Exceptions = map[string]match.Exception{"2026-11-30": {Available: true}, "2026-12-01": {Available: false}, "2026-12-02": {Available: true}}
		}, nil, match.NotAvailable},
		{"ExceptionDayOff", func(w *match.Worker) {
			w.Availability.Exceptions = map[string]match.Exception{"2026-12-01": {Available: false}}
		}, nil, match.NotAvailable},
		{"BookedOnAnOverlappingJob", func(w *match.Worker) {
			s := time.Date(2026, 12, 1, 12, 30, 0, 0, brussels)
			w.Busy = []match.Interval{{Start: s, End: s.Add(time.Hour)}}
		}, nil, match.Booked},
		{"MonthCapWouldBeExceeded", func(w *match.Worker) { w.HoursThisMonth = 58 }, nil, match.MonthCapReached},
		{"YearCapWouldBeExceeded", func(w *match.Worker) { w.HoursThisYear = 628.5 }, nil, match.YearCapReached},
		{"NeedsABuddyWhereNoneMayCome", func(w *match.Worker) { w.BuddyNeed = klusbuddy.BuddyAlways }, func(j *match.Job) { j.Buddy = match.BuddyNotAllowed }, match.BuddyForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, j := worker(1, func(w *match.Worker) {
				if tc.mod != nil {
					tc.mod(w)
				}
			}), job
			if tc.job != nil {
				tc.job(&j)
			}
			p := pool([]match.Worker{w})
			got, _ := p.Check(j, &w)
			if got != tc.want {
				t.Fatalf("Check = %q, want %q", got, tc.want)
			}
			ranked := p.Rank(j, 5)
			if (tc.want == match.Eligible) != (len(ranked) == 1) {
				t.Fatalf("Rank returned %d candidates for a worker who is %q", len(ranked), tc.want)
			}
		})
	}
}

func TestAvailabilityJoinsTouchingSpansAndExceptions(t *testing.T) {
	job := cleaningJob()
	split := worker(1, func(w *match.Worker) {
		w.Availability.Weekly[2] = []match.Span{{11 * 60, 18 * 60}, {8 * 60, 11 * 60}} // unsorted on purpose
	})
	extra := worker(2, func(w *match.Worker) {
		w.Availability = match.Availability{Exceptions: map[string]match.Exception{"2026-12-01": {Available: true}}}
	})
	afternoonOnly := worker(3, func(w *match.Worker) {
		w.Availability.Exceptions = map[string]match.Exception{"2026-12-01": {Available: true, Spans: []match.Span{{13 * 60, 18 * 60}}}}
	})
	got := ids(pool([]match.Worker{split, extra, afternoonOnly}).Rank(job, 10))
	if !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("eligible %v, want [1 2]", got)
	}
}

func TestFairnessPutsWhoWorkedLessFirst(t *testing.T) {
	busy := worker(1, func(w *match.Worker) { w.HoursLast30Days = 45 })
	idle := worker(2, func(w *match.Worker) { w.HoursLast30Days = 0 })
	some := worker(3, func(w *match.Worker) { w.HoursLast30Days = 12 })
	got := pool([]match.Worker{busy, idle, some}).Rank(cleaningJob(), 3)
	if !slices.Equal(ids(got), []int64{2, 3, 1}) {
		t.Fatalf("order %v, want [2 3 1] (fewest recent hours first)", ids(got))
	}
	if got[0].Breakdown.Fairness <= got[2].Breakdown.Fairness || got[0].Breakdown.HoursLast30Days != 0 {
		t.Fatalf("breakdown does not show fairness: %+v", got)
	}
}

func TestScoreExplainsItself(t *testing.T) {
	near := worker(1)
	far := worker(2, func(w *match.Worker) { w.Home = klusbuddy.Point{Lat: 50.975, Lon: 5.46} })
	got := pool([]match.Worker{far, near}).Rank(cleaningJob(), 2)
	if got[0].WorkerID != 1 || got[0].Breakdown.TravelMinutes >= got[1].Breakdown.TravelMinutes {
		t.Fatalf("nearer worker not first: %+v", got)
	}
	for _, c := range got {
		b := c.Breakdown
		sum := b.Travel + b.Skill + b.Fairness + b.Reliability + b.Familiarity + b.BuddyTravel
		if d := sum - c.Score; d > 1e-9 || d < -1e-9 {
			t.Fatalf("score %v is not the sum of its parts %v", c.Score, sum)
		}
	}
}

func TestBuddies(t *testing.T) {
	job := cleaningJob()
	needy := worker(1, func(w *match.Worker) { w.BuddyNeed = klusbuddy.BuddyFirstJobs; w.BuddyFirst = 3; w.JobsDone = 1 })
	newToCategory := worker(2, func(w *match.Worker) {
		w.BuddyNeed = klusbuddy.BuddyNewCategory
		w.CategoryDone = map[string]int{"cleaning": 4}
	})
	buddy := func(id int64, mod func(*match.Buddy)) match.Buddy {
		b := match.Buddy{ID: id, Home: genk, Mode: klusbuddy.Car, MaxMinutes: 20, Categories: map[string]bool{"cleaning": true}, Availability: officeHours()}
		if mod != nil {
			mod(&b)
		}
		return b
	}
	t.Run("WithoutAFreeBuddyTheWorkerIsNoCandidate", func(t *testing.T) {
		busy := buddy(10, func(b *match.Buddy) { b.Busy = []match.Interval{job.When} })
		far := buddy(11, func(b *match.Buddy) { b.Home, b.Mode = lommel, klusbuddy.Bike })
		otherCategory := buddy(12, func(b *match.Buddy) { b.Categories = map[string]bool{"garden": true} })
		blocked := buddy(13, func(b *match.Buddy) { b.Blocked = map[int64]bool{77: true} })
		got := pool([]match.Worker{needy, newToCategory}, busy, far, otherCategory, blocked).Rank(job, 5)
		if !slices.Equal(ids(got), []int64{2}) || got[0].NeedsBuddy {
			t.Fatalf("got %+v, want only the worker who needs no buddy", got)
		}
	})
	t.Run("AFreeBuddyMakesThemACandidate", func(t *testing.T) {
		got := pool([]match.Worker{needy}, buddy(10, nil), buddy(11, func(b *match.Buddy) { b.Home = hasselt; b.MaxMinutes = 40 })).Rank(job, 5)
		if len(got) != 1 || !got[0].NeedsBuddy || !slices.Equal(got[0].Buddies, []int64{10, 11}) || got[0].Breakdown.BuddyID != 10 {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("RequiredMeansEveryoneComesWithABuddy", func(t *testing.T) {
		j := job
		j.Buddy = match.BuddyRequired
		if got := pool([]match.Worker{newToCategory}).Rank(j, 5); len(got) != 0 {
			t.Fatalf("buddy required but none exists: %+v", got)
		}
		if got := pool([]match.Worker{newToCategory}, buddy(10, nil)).Rank(j, 5); len(got) != 1 || !got[0].NeedsBuddy {
			t.Fatalf("got %+v", got)
		}
	})
}

// The shared pool (issue 10): a job of an organisation that does not share its pool goes only
// to that organisation's people, workers and buddies alike; a job of an organisation that
// shares it, or a platform job, goes to anyone eligible.
func TestSharedPool(t *testing.T) {
	cases := []struct {
		name   string
		org    int64 // the job's organisation; 0: a platform job
		shared bool  // whether it shares its pool
		person int64 // the worker's or buddy's organisation
		want   bool
	}{
		{"PlatformJobToAnyone", 0, false, 2, true},
		{"SharedJobToItsOwnPeople", 1, true, 1, true},
		{"SharedJobToOthers", 1, true, 2, true},
		{"UnsharedJobToItsOwnPeople", 1, false, 1, true},
		{"UnsharedJobNotToOthers", 1, false, 2, false},
	}
	buddy := func(org int64) match.Buddy {
		return match.Buddy{ID: 10, OrganisationID: org, Home: genk, Mode: klusbuddy.Car, MaxMinutes: 20,
			Categories: map[string]bool{"cleaning": true}, Availability: officeHours()}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			job := cleaningJob()
			job.Organisation, job.SharedPool = tc.org, tc.shared
			t.Run("Worker", func(t *testing.T) {
				w := worker(1, func(w *match.Worker) { w.OrganisationID = tc.person })
				p := pool([]match.Worker{w})
				want := match.Eligible
				if !tc.want {
					want = match.NotInOrganisation
				}
				if got, _ := p.Check(job, &w); got != want {
					t.Fatalf("Check = %q, want %q", got, want)
				}
				if got := p.Rank(job, 5); (len(got) == 1) != tc.want {
					t.Fatalf("Rank returned %d candidates", len(got))
				}
			})
			t.Run("Buddy", func(t *testing.T) {
				if got := pool(nil, buddy(tc.person)).RankBuddies(job, 5, nil); (len(got) == 1) != tc.want {
					t.Fatalf("RankBuddies returned %d buddies", len(got))
				}
				// A worker of the job's own organisation who needs a buddy is a candidate only with
				// a buddy the job may go to.
				own := tc.org
				needy := worker(1, func(w *match.Worker) { w.OrganisationID, w.BuddyNeed = own, klusbuddy.BuddyAlways })
				got := pool([]match.Worker{needy}, buddy(tc.person)).Rank(job, 5)
				if (len(got) == 1) != tc.want {
					t.Fatalf("Rank returned %d candidates for a worker who needs the buddy", len(got))
				}
			})
		})
	}
}

func ids(cs []match.Candidate) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.WorkerID
	}
	return out
}

// randomWorld makes n workers and some buddies scattered over Limburg with random profiles.
func randomWorld(r *rand.Rand, n, buddies int) ([]match.Worker, []match.Buddy) {
	cats := []string{"cleaning", "garden", "flatpack", "moving", "ironing", "painting", "windows", "errands"}
	modes := []klusbuddy.TravelMode{klusbuddy.Walk, klusbuddy.Bike, klusbuddy.EBike, klusbuddy.PublicTransport, klusbuddy.Car}
	point := func() klusbuddy.Point {
		return klusbuddy.Point{Lat: 50.85 + r.Float64()*0.25, Lon: 5.2 + r.Float64()*0.4}
	}
	av := func() match.Availability {
		var a match.Availability
		for d := 1; d <= 7; d++ {
			if r.IntN(4) > 0 {
				from := 6*60 + r.IntN(5)*60
				a.Weekly[d] = []match.Span{{from, min(from+6*60+r.IntN(8)*60, 24*60)}}
			}
		}
		if r.IntN(4) == 0 {
			a.Exceptions = map[string]match.Exception{"2026-12-01": {Available: r.IntN(2) == 0}}
		}
		return a
	}
	ws := make([]match.Worker, n)
	for i := range ws {
		skills := map[string]match.Skill{}
		for range 1 + r.IntN(3) {
			skills[cats[r.IntN(len(cats))]] = match.Skill{Level: 1 + r.IntN(3), Verified: r.IntN(2) == 0}
		}
		w := match.Worker{ID: int64(i + 1), OrganisationID: int64(1 + r.IntN(3)), Home: point(), Mode: modes[r.IntN(len(modes))],
			MaxMinutes: float64(15 + r.IntN(75)), Skills: skills, Availability: av(), HoursLast30Days: r.Float64() * 60,
			HoursThisMonth: r.Float64() * 60, HoursThisYear: r.Float64() * 630, MonthCap: 60, YearCap: 630, Reliability: r.Float64(),
			BuddyNeed:  []klusbuddy.BuddyNeed{klusbuddy.BuddyNever, klusbuddy.BuddyNever, klusbuddy.BuddyAlways, klusbuddy.BuddyNewCategory, klusbuddy.BuddyFirstJobs}[r.IntN(5)],
			BuddyFirst: 3, JobsDone: r.IntN(6), PosterJobs: map[int64]int{int64(r.IntN(20)): r.IntN(4)}}
		if r.IntN(10) == 0 {
			w.Blocked = map[int64]bool{int64(r.IntN(20)): true}
		}
		if r.IntN(5) == 0 {
			s := time.Date(2026, 12, 1, 8+r.IntN(10), 0, 0, 0, brussels)
			w.Busy = []match.Interval{{Start: s, End: s.Add(time.Duration(1+r.IntN(4)) * time.Hour)}}
		}
		ws[i] = w
	}
	bs := make([]match.Buddy, buddies)
	for i := range bs {
		c := map[string]bool{}
		for range 2 + r.IntN(4) {
			c[cats[r.IntN(len(cats))]] = true
		}
		// Buddies belong to an organisation, as workers do (by index: the draws stay as they were).
		bs[i] = match.Buddy{ID: int64(100000 + i), OrganisationID: int64(1 + i%3), Home: point(), Mode: modes[1+r.IntN(4)],
			MaxMinutes: float64(15 + r.IntN(40)), Categories: c, Availability: av()}
	}
	return ws, bs
}

func randomJob(r *rand.Rand) match.Job {
	cats := []string{"cleaning", "garden", "flatpack", "moving", "ironing", "painting", "windows", "errands"}
	start := time.Date(2026, 11, 30+r.IntN(3), 7+r.IntN(10), 30*r.IntN(2), 0, 0, brussels)
	j := match.Job{ID: r.Int64N(1e6), PosterID: int64(r.IntN(20)), Category: cats[r.IntN(len(cats))], Level: []int{1, 1, 1, 2, 3}[r.IntN(5)],
		Where: klusbuddy.Point{Lat: 50.87 + r.Float64()*0.2, Lon: 5.25 + r.Float64()*0.3},
		When:  match.Interval{Start: start, End: start.Add(time.Duration(1+r.IntN(4)) * time.Hour)},
		Buddy: []match.BuddyPolicy{match.BuddyAllowed, match.BuddyAllowed, match.BuddyRequired, match.BuddyNotAllowed}[r.IntN(4)]}
	if r.IntN(4) == 0 {
		j.Organisations = []int64{int64(1 + r.IntN(3))}
	}
	return j
}

// Property: on random instances, Rank returns exactly the best k of the workers that a brute
// force over every worker finds eligible, and none of them breaks a hard rule.
func TestRankAgreesWithBruteForce(t *testing.T) {
	totalRanked := 0
	defer func() {
		// The property means little on instances where nobody is eligible.
		t.Logf("%d candidates ranked over 400 random jobs", totalRanked)
		if totalRanked < 2000 {
			t.Errorf("only %d candidates ranked over 400 random jobs: the instances are too sparse to test much", totalRanked)
		}
	}()
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 7))
		ws, bs := randomWorld(r, 1000, 25)
		p := pool(slices.Clone(ws), bs...)
		for range 10 {
			job := randomJob(r)
			k := 1 + r.IntN(12)
			got := p.Rank(job, k)
			all := p.Rank(job, len(ws)+1)
			totalRanked += len(all)
			var eligible []int64
			for i := range ws {
				if reason, _ := p.Check(job, &ws[i]); reason == match.Eligible {
					eligible = append(eligible, ws[i].ID)
				}
			}
			for _, c := range all {
				if !slices.Contains(eligible, c.WorkerID) {
					t.Fatalf("seed %d: worker %d ranked but fails a hard rule", seed, c.WorkerID)
				}
				if c.NeedsBuddy && len(c.Buddies) == 0 {
					t.Fatalf("seed %d: worker %d needs a buddy and has none", seed, c.WorkerID)
				}
				// Rank scores from its index what Verdict scores from the worker's record.
				if v := p.Verdict(job, &ws[c.WorkerID-1]); v.Candidate.Score != c.Score || v.Candidate.Breakdown.JobsForPoster != c.Breakdown.JobsForPoster {
					t.Fatalf("seed %d: worker %d ranked with score %v (%d jobs for the poster), judged alone %v (%d)", seed, c.WorkerID,
						c.Score, c.Breakdown.JobsForPoster, v.Candidate.Score, v.Candidate.Breakdown.JobsForPoster)
				}
				// Rank's buddies are the first three of the full search, found with pruning.
				if c.NeedsBuddy {
					var want []int64
					for _, b := range p.RankBuddies(job, 3, nil) {
						want = append(want, b.BuddyID)
					}
					if !slices.Equal(c.Buddies, want) {
						t.Fatalf("seed %d: worker %d's buddies %v, the nearest free are %v", seed, c.WorkerID, c.Buddies, want)
					}
				}
			}
			// Every eligible worker missing from the full ranking must lack a needed buddy.
			for _, id := range eligible {
				if !slices.Contains(ids(all), id) {
					w := ws[id-1]
					if job.Buddy != match.BuddyRequired && w.BuddyNeed == klusbuddy.BuddyNever {
						t.Fatalf("seed %d: eligible worker %d without buddy need left out", seed, id)
					}
				}
			}
			if len(got) != min(k, len(all)) || !slices.Equal(ids(got), ids(all[:len(got)])) {
				t.Fatalf("seed %d: top %d %v differs from the head of the full ranking %v", seed, k, ids(got), ids(all))
			}
			for i := 1; i < len(all); i++ {
				if all[i].Score > all[i-1].Score {
					t.Fatalf("seed %d: ranking not sorted by score", seed)
				}
			}
		}
	}
}

// A job that runs to midnight or past it is covered by an evening to 24:00 and the next morning.
func TestJobsAcrossMidnight(t *testing.T) {
	w := worker(1, func(w *match.Worker) {
		w.Availability.Weekly[2] = []match.Span{{18 * 60, 24 * 60}}
		w.Availability.Weekly[3] = []match.Span{{0, 6 * 60}}
	})
	p := pool([]match.Worker{w})
	for _, c := range []struct{ start, hours int }{{20, 4}, {22, 3}, {20, 2}} {
		j := cleaningJob()
		s := time.Date(2026, 12, 1, c.start, 0, 0, 0, brussels)
		j.When = match.Interval{Start: s, End: s.Add(time.Duration(c.hours) * time.Hour)}
		if got, _ := p.Check(j, &w); got != match.Eligible {
			t.Errorf("%d:00 for %d hours: %q", c.start, c.hours, got)
		}
	}
}

// With large weights (a setting allows up to 100 each), the pruning bound must still never
// fall below a worker's true score: a tie goes to the lower id.
func TestPruningBoundHoldsForLargeWeights(t *testing.T) {
	wt := match.Weights{Travel: 100, Skill: 100, Fairness: 100, Reliability: 100, Familiarity: 100, BuddyTravel: 100}
	for h := 0.0; h < 60; h += 0.01 {
		w2 := worker(2, func(w *match.Worker) { w.HoursLast30Days = h; w.PosterJobs = map[int64]int{77: 3} })
		w1 := worker(1, func(w *match.Worker) { w.HoursLast30Days = h; w.PosterJobs = map[int64]int{77: 3} })
		got := match.NewPool([]match.Worker{w2, w1}, nil, match.DefaultDistance(), wt, brussels).Rank(cleaningJob(), 1)
		if len(got) == 1 && got[0].WorkerID != 1 {
			t.Fatalf("hours %.2f: worker %d ranked first over an equal worker 1", h, got[0].WorkerID)
		}
	}
}

// A job with a window of days offers each worker the earliest day they can do: someone free
// only on Thursday gets Thursday; someone booked on Tuesday gets Wednesday; without the window
// neither is a candidate.
func TestWindowOfDays(t *testing.T) {
	thursdays := func(w *match.Worker) {
		w.Availability = match.Availability{}
		w.Availability.Weekly[4] = []match.Span{{8 * 60, 18 * 60}}
	}
	tuesday := cleaningJob().When
	bookedTuesday := func(w *match.Worker) { w.Busy = []match.Interval{tuesday} }
	p := pool([]match.Worker{worker(1, thursdays), worker(2, bookedTuesday), worker(3)})
	job := cleaningJob()
	if got := ids(p.Rank(job, 10)); !slices.Equal(got, []int64{3}) {
		t.Fatalf("one day: %v, want only the free worker", got)
	}
	job.WindowDays = 4 // Tuesday to Friday
	got := p.Rank(job, 10)
	day := map[int64]int{}
	for _, c := range got {
		day[c.WorkerID] = c.When.Start.In(brussels).Day()
		if c.When.End.Sub(c.When.Start) != 3*time.Hour || c.When.Start.In(brussels).Hour() != 10 {
			t.Fatalf("worker %d offered %v: not the job's time of day and length", c.WorkerID, c.When)
		}
	}
	if day[1] != 3 || day[2] != 2 || day[3] != 1 || len(got) != 3 {
		t.Fatalf("days offered %v, want worker 1 on the 3rd, 2 on the 2nd, 3 on the 1st", day)
	}
}

// Reliability orders buddies as well (issue 12): newcomers nearest first, as before; a reliable
// buddy a little further away comes before an unreliable one nearer; far beyond that, distance wins.
func TestBuddiesByReliability(t *testing.T) {
	job := cleaningJob()
	buddy := func(id int64, home klusbuddy.Point, reliability float64) match.Buddy {
		return match.Buddy{ID: id, Home: home, Mode: klusbuddy.Car, MaxMinutes: 60, Categories: map[string]bool{"cleaning": true},
			Availability: officeHours(), Reliability: reliability}
	}
	near, further := klusbuddy.Point{Lat: 50.975, Lon: 5.46}, klusbuddy.Point{Lat: 50.985, Lon: 5.42}
	order := func(bs ...match.Buddy) ([]int64, []float64) {
		var ids []int64
		var minutes []float64
		for _, c := range pool(nil, bs...).RankBuddies(job, 5, nil) {
			ids = append(ids, c.BuddyID)
			minutes = append(minutes, c.TravelMinutes)
		}
		return ids, minutes
	}
	ids, minutes := order(buddy(1, near, 0), buddy(2, further, 0))
	if !slices.Equal(ids, []int64{1, 2}) || !(minutes[0] < minutes[1] && minutes[1] < 2*minutes[0]) {
		t.Fatalf("newcomers: %v %v; the test needs the second within twice the first's minutes", ids, minutes)
	}
	if ids, _ = order(buddy(1, near, 0.5), buddy(2, further, 0.5)); !slices.Equal(ids, []int64{1, 2}) {
		t.Fatalf("equal reliability: %v, want nearest first", ids)
	}
	if ids, _ = order(buddy(1, near, 0.2), buddy(2, further, 0.9)); !slices.Equal(ids, []int64{2, 1}) {
		t.Fatalf("a reliable buddy a little further: %v, want them first", ids)
	}
	if ids, _ = order(buddy(1, genk, 0.2), buddy(2, hasselt, 0.9)); !slices.Equal(ids, []int64{1, 2}) {
		t.Fatalf("far beyond: %v, want the near one first", ids)
	}
}
