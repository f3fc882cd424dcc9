package match

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Cell size of the spatial index: about 5.5 × 5.3 km in Belgium, so that a job's search area
// is a handful of cells for walkers and a few dozen for drivers.
const (
	cellLat = 0.05
	cellLon = 0.075
)

type cell struct{ lat, lon int32 }

func cellOf(p klusbuddy.Point) cell {
	return cell{int32(math.Floor(p.Lat / cellLat)), int32(math.Floor(p.Lon / cellLon))}
}

// entry is a worker in a grid: the little the search needs to skip them without touching the
// full Worker (which is large and far away in memory): where they live, how far they can go,
// and their skill in the grid's category.
type entry struct {
	idx      int32 // into Pool.workers
	lat, lon float32
	reachKM  float32 // straight-line reach within their own travel limit
	level    int8
	verified bool
	needs    bool // needs a buddy for this category whatever the job says
	// Whether they have exceptions to their week, on days exFirst to exLast (day numbers):
	// on any other day the week is the whole truth.
	exception       bool
	exFirst, exLast int32
	// hours of the week (bit (weekday-1)*24+hour) in which they are available at some moment.
	week [3]uint64
	// What the rules check without the Worker (which is far away in memory): their
	// organisation and the hours left under their caps (+Inf without a cap).
	org                 int64
	monthRoom, yearRoom float32
	// The most their score can be but for travel (the poster's familiarity and a buddy's
	// travel at their best; rounded up, float32 keeps about 7 digits), and their travel limit:
	// with the distance, a bound on the score.
	others     float32
	maxMinutes float32
}

// weekHours marks the hours of the week (bit (weekday-1)*24+hour) an availability touches at
// some moment (some), and those it covers from start to end, touching spans joined up (full):
// a job whose hours are all full is covered on a day without exceptions. Spans must be sorted
// by From (normalize). One walk of the spans: pools are built for every wave.
func weekHours(av *Availability) (some, full [3]uint64) {
	mark := func(m *[3]uint64, wd, h int) {
		bit := (wd-1)*24 + h
		m[bit/64] |= 1 << (bit % 64)
	}
	for wd := 1; wd <= 7; wd++ {
		from, to := 0, -1 // the run of joined spans so far: [from, to)
		fill := func() {
			for h := (from + 59) / 60; (h+1)*60 <= to && h < 24; h++ {
				mark(&full, wd, h)
			}
		}
		for _, s := range av.Weekly[wd] {
			for h := s.From / 60; h*60 < s.To && h < 24; h++ {
				mark(&some, wd, h)
			}
			if s.From <= to {
				to = max(to, s.To)
				continue
			}
			fill()
			from, to = s.From, s.To
		}
		fill()
	}
	return some, full
}

// jobHours marks the hours of the week a job's days take.
func jobHours(days []jobDay) [3]uint64 {
	var m [3]uint64
	for _, d := range days {
		for h := d.from / 60; h*60 < d.to && h < 24; h++ {
			bit := (d.weekday-1)*24 + h
			m[bit/64] |= 1 << (bit % 64)
		}
	}
	return m
}

// grid holds the workers of one category and travel mode by cell, each cell's entries ordered
// by what they bring but travel (others), most first: a scan stops at the first entry who
// could not beat the k-th even next door.
type grid struct {
	cells      map[cell]cellEntries // while the pool is built
	maxMinutes float64              // the longest travel limit among them
	// Then the cells as a dense rectangle from lo (row by row, width columns): a job's
	// search box reads it without hashing.
	lo    cell
	width int32
	dense []cellEntries
}

var noEntries cellEntries // outside every grid; never written

// at is the cell c of a built grid (empty outside it).
func (g *grid) at(c cell) *cellEntries {
	la, lo := c.lat-g.lo.lat, c.lon-g.lo.lon
	if la < 0 || lo < 0 || lo >= g.width || int(la*g.width+lo) >= len(g.dense) {
		return &noEntries
	}
	return &g.dense[la*g.width+lo]
}

// cellEntries is one cell's workers with the most the best of them brings but travel, kept
// beside the slice so that bounding a cell does not touch its entries.
type cellEntries struct {
	best float32
	es   []entry
}

// buddyGrid holds the buddies of one category and travel mode by cell.
type buddyGrid struct {
	cells   map[cell][]buddyEntry
	reachKM float64 // the farthest any of them can go
}

// buddyEntry is a buddy in a buddyGrid: where they live and how far they can go.
type buddyEntry struct {
	idx      int32 // into Pool.buddies
	lat, lon float32
	reachKM  float32
}

// Pool is the set of workers and buddies to match against, indexed by category, travel mode
// and place. It is built once and read by any number of Rank calls at once.
type Pool struct {
	loc     *time.Location
	travel  TravelEstimator
	weights Weights
	workers []Worker
	buddies []Buddy
	// Each worker's full hours (weekHours), beside rather than in the grids' entries, which the search
	// scans by the thousand: only the few it checks fully read it.
	fullWeek [][3]uint64
	// The workers who did jobs for a poster, and how many, by poster: a job's search reads
	// its poster's few rather than each worker's map.
	byPoster map[int64]map[int32]int
	index    map[string]map[klusbuddy.TravelMode]*grid
	buddyAt  map[string]map[klusbuddy.TravelMode]*buddyGrid
}

// NewPool indexes workers and buddies. loc is the time zone of availability (Europe/Brussels).
func NewPool(workers []Worker, buddies []Buddy, travel TravelEstimator, weights Weights, loc *time.Location) *Pool {
	p := &Pool{loc: loc, travel: travel, weights: weights, workers: workers, buddies: buddies,
		byPoster: map[int64]map[int32]int{}, index: map[string]map[klusbuddy.TravelMode]*grid{}, buddyAt: map[string]map[klusbuddy.TravelMode]*buddyGrid{}}
	p.fullWeek = make([][3]uint64, len(workers))
	for i := range p.workers {
		w := &p.workers[i]
		w.Availability.normalize()
		var week [3]uint64
		week, p.fullWeek[i] = weekHours(&w.Availability)
		for poster, n := range w.PosterJobs {
			if n == 0 {
				continue
			}
			if p.byPoster[poster] == nil {
				p.byPoster[poster] = map[int32]int{}
			}
			p.byPoster[poster][int32(i)] = n
		}
		for cat := range w.Skills {
			byMode := p.index[cat]
			if byMode == nil {
				byMode = map[klusbuddy.TravelMode]*grid{}
				p.index[cat] = byMode
			}
			g := byMode[w.Mode]
			if g == nil {
				g = &grid{cells: map[cell]cellEntries{}}
				byMode[w.Mode] = g
			}
			c := cellOf(w.Home)
			sk := w.Skills[cat]
			_, b := p.score(Job{Category: cat}, w, sk, 0, 0, 0, 0, false)
			others := b.Skill + b.Fairness + b.Reliability + weights.Familiarity + weights.BuddyTravel
			ce := g.cells[c]
			ce.es = append(ce.es, entry{idx: int32(i), lat: float32(w.Home.Lat), lon: float32(w.Home.Lon),
				reachKM: float32(travel.ReachKM(w.Mode, w.MaxMinutes)), level: int8(sk.Level), verified: sk.Verified,
				week: week, needs: w.needsBuddy(cat),
				org: w.OrganisationID, monthRoom: room(w.MonthCap, w.HoursThisMonth), yearRoom: room(w.YearCap, w.HoursThisYear),
				others: float32(others*(1+1e-6) + 1e-6), maxMinutes: float32(w.MaxMinutes)})
			if ex := w.Availability.exDays; len(ex) > 0 {
				e := &ce.es[len(ce.es)-1]
				e.exception, e.exFirst, e.exLast = true, ex[0], ex[len(ex)-1]
			}
			g.cells[c] = ce
			g.maxMinutes = math.Max(g.maxMinutes, w.MaxMinutes)
		}
	}
	for _, byMode := range p.index {
		for _, g := range byMode {
			lo, hi := cell{math.MaxInt32, math.MaxInt32}, cell{math.MinInt32, math.MinInt32}
			for c := range g.cells {
				lo = cell{min(lo.lat, c.lat), min(lo.lon, c.lon)}
				hi = cell{max(hi.lat, c.lat), max(hi.lon, c.lon)}
			}
			g.lo, g.width = lo, hi.lon-lo.lon+1
			g.dense = make([]cellEntries, int(hi.lat-lo.lat+1)*int(g.width))
			for c, ce := range g.cells {
				slices.SortFunc(ce.es, func(a, b entry) int { return cmp.Compare(b.others, a.others) })
				ce.best = ce.es[0].others
				*g.at(c) = ce
			}
			g.cells = nil
		}
	}
	for i := range p.buddies {
		b := &p.buddies[i]
		b.Availability.normalize()
		for cat, ok := range b.Categories {
			if !ok {
				continue
			}
			byMode := p.buddyAt[cat]
			if byMode == nil {
				byMode = map[klusbuddy.TravelMode]*buddyGrid{}
				p.buddyAt[cat] = byMode
			}
			g := byMode[b.Mode]
			if g == nil {
				g = &buddyGrid{cells: map[cell][]buddyEntry{}}
				byMode[b.Mode] = g
			}
			c := cellOf(b.Home)
			reach := travel.ReachKM(b.Mode, b.MaxMinutes)
			g.cells[c] = append(g.cells[c], buddyEntry{idx: int32(i), lat: float32(b.Home.Lat), lon: float32(b.Home.Lon), reachKM: float32(reach)})
			g.reachKM = math.Max(g.reachKM, reach)
		}
	}
	return p
}

// room is the hours left under a cap (0: none), rounded up for the float32 (the rule decides).
func room(limit, used float64) float32 {
	if limit <= 0 {
		return float32(math.Inf(1))
	}
	return float32((limit-used)*(1+1e-6) + 1e-6)
}

// Len is the number of workers in the pool.
func (p *Pool) Len() int { return len(p.workers) }

// Rank returns the best k workers for job who pass every hard rule, best first (ties by id).
// For workers who need a buddy, it lists the free buddies; without one, they are left out.
func (p *Pool) Rank(job Job, k int) []Candidate {
	if k <= 0 {
		return nil
	}
	top := &candidateHeap{}
	// The days the job may be done on (one unless it has a window), with what each needs.
	window := make([]day, max(1, min(job.WindowDays, 14)))
	for i := range window {
		j := job.Day(i, p.loc)
		window[i] = day{job: j, days: localDays(j.When, p.loc)}
		window[i].need = jobHours(window[i].days)
		if days := window[i].days; len(days) > 0 {
			window[i].first, window[i].last = days[0].num, days[len(days)-1].num
		}
	}

	hours := job.Hours()

	// Flat-earth distances are exact to a fraction of a percent at Belgium's size: good enough
	// to skip, with a margin; the rules then use the great-circle distance.
	kmPerLat := 111.2
	kmPerLon := 111.2 * math.Cos(job.Where.Lat*math.Pi/180)

	// With a travel bound, a worker's score is bounded by their distance: every other part at
	// its most, travel at what the straight line allows. Cells are visited best bound first,
	// and once k candidates are found, whoever cannot beat the k-th is skipped unchecked.
	bound, _ := p.travel.(TravelBound)
	wt := p.weights
	others := wt.Skill + wt.Fairness + wt.Reliability + wt.Familiarity + wt.BuddyTravel
	worst := func() float64 {
		if len(*top) < k {
			return math.Inf(-1)
		}
		return (*top)[0].Score
	}
	// The grids of the job's category, one per travel mode, and each cell of their search
	// boxes that holds anyone, with its bound. A visit is small and holds no pointer: a job
	// lists hundreds of cells, and the scan usually stops after a few.
	type modeGrid struct {
		mode klusbuddy.TravelMode
		g    *grid
		// The mode's travel bound as fixed minutes plus minutes per km, when the estimator
		// is linear: the per-worker bound then needs no call.
		linear       bool
		fixed, perKM float64
	}
	var grids []modeGrid
	lin, _ := p.travel.(LinearTravel)
	for mode, g := range p.index[job.Category] {
		mg := modeGrid{mode: mode, g: g}
		if lin != nil {
			mg.fixed, mg.perKM, mg.linear = lin.Linear(mode)
		}
		grids = append(grids, mg)
	}
	s := scratches.Get().(*scratch)
	defer scratches.Put(s)
	visits := s.visits[:0]
	for i, mg := range grids {
		g := mg.g
		lo, hi := cellBox(job.Where, p.travel.ReachKM(mg.mode, g.maxMinutes))
		for la := lo.lat; la <= hi.lat; la++ {
			for lo2 := lo.lon; lo2 <= hi.lon; lo2++ {
				c := cell{la, lo2}
				ce := g.at(c)
				if len(ce.es) == 0 {
					continue
				}
				if bound == nil {
					visits = append(visits, cellVisit{int32(i), c, math.Inf(1), math.Inf(1)})
					continue
				}
				// No one in the cell travels less than to its nearest point, nor brings more than
				// its best; travel is worth most to whoever has the grid's longest limit.
				m := bound.MinMinutes(cellKM(job.Where, c, kmPerLat, kmPerLon)*0.99-0.05, mg.mode)
				best := math.Min(others, float64(ce.best))
				travel := wt.Travel*clamp01(1-m/math.Max(g.maxMinutes, 1)) + 1e-9
				visits = append(visits, cellVisit{int32(i), c, best + travel, travel})
			}
		}
	}
	s.visits = visits
	slices.SortFunc(visits, func(a, b cellVisit) int { return cmp.Compare(b.bound, a.bound) })
	forPoster := p.byPoster[job.PosterID]
	// check applies the rules that need the worker's record and, if they pass, scores them.
	check := func(e *entry) {
		w := &p.workers[e.idx]
		needs := job.Buddy == BuddyRequired || e.needs
		// The earliest day of the window the worker can do (with a buddy if needed).
		var d *day
		var minutes float64
		for i := range window {
			dd := &window[i]
			if !dd.weekAdmits(e) {
				continue
			}
			reason, m := p.checkPlace(dd.job, dd.days, w, dd.weekCovers(e, p.fullWeek[e.idx]))
			if reason != Eligible {
				continue
			}
			if needs && !dd.found {
				dd.buddies, dd.found = p.freeBuddies(dd.job, dd.days, 3), true
			}
			if needs && len(dd.buddies) == 0 {
				continue
			}
			d, minutes = dd, m
			break
		}
		if d == nil {
			return
		}
		var bMin, bMax float64
		if needs {
			bMin, bMax = d.buddies[0].minutes, d.buddies[0].limit
		}
		score, br := p.score(d.job, w, Skill{int(e.level), e.verified}, forPoster[e.idx], minutes, bMin, bMax, needs)
		cand := Candidate{WorkerID: w.ID, When: d.job.When, Score: score, NeedsBuddy: needs, Breakdown: br}
		if len(*top) == k && !better(cand, (*top)[0]) {
			return
		}
		if needs {
			for _, b := range d.buddies[:min(3, len(d.buddies))] {
				cand.Buddies = append(cand.Buddies, b.id)
			}
			cand.Breakdown.BuddyID = cand.Buddies[0]
		}
		if len(*top) < k {
			top.push(cand)
		} else {
			top.replaceRoot(cand)
		}
	}
	for _, v := range visits {
		if v.bound < worst() {
			break // neither this cell nor any after it holds a worker who could make the top k
		}
		mg := &grids[v.grid]
		es := mg.g.at(v.c).es
		for i := range es {
			e := &es[i]
			// Ordered by others: once the cell's best travel cannot lift one to the k-th, no
			// one after can.
			if float64(e.others)+v.travel < worst() {
				break
			}
			if int(e.level) < job.Level || (job.Level >= 2 && !e.verified) || !job.admits(e.org) ||
				(e.needs && job.Buddy == BuddyNotAllowed) || hours > float64(e.monthRoom) || hours > float64(e.yearRoom) {
				continue
			}
			dy := (float64(e.lat) - job.Where.Lat) * kmPerLat
			dx := (float64(e.lon) - job.Where.Lon) * kmPerLon
			d2 := dx*dx + dy*dy
			if r := float64(e.reachKM)*1.01 + 0.05; d2 > r*r {
				continue
			}
			// Someone not available in every hour a day touches cannot do it.
			can := false
			for i := range window {
				if can = window[i].weekAdmits(e); can {
					break
				}
			}
			if !can {
				continue
			}
			b := math.Inf(1)
			if bound != nil {
				var m float64
				if mg.linear {
					m = mg.fixed + math.Max(0, math.Sqrt(d2)*0.99-0.05)*mg.perKM
				} else {
					m = bound.MinMinutes(math.Sqrt(d2)*0.99-0.05, mg.mode)
				}
				b = float64(e.others) + wt.Travel*clamp01(1-m/math.Max(float64(e.maxMinutes), 1)) + 1e-9
			}
			w := worst()
			if b >= w && w > math.Inf(-1) {
				// others counts the poster's familiarity at its most; most workers never worked
				// for this poster, and with theirs the bound skips most of the full checks.
				b -= wt.Familiarity * (1 - clamp01(float64(forPoster[e.idx])/3))
			}
			if b >= w {
				check(e)
			}
		}
	}
	out := []Candidate(*top)
	slices.SortFunc(out, func(a, b Candidate) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	return out
}

// BuddyCandidate is a buddy free to accompany a job, with their travel time to it.
type BuddyCandidate struct {
	BuddyID       int64   `json:"buddy_id"`
	TravelMinutes float64 `json:"travel_minutes"`
}

// RankBuddies returns up to k buddies who pass the buddy's hard rules for job (the category,
// free for the whole of it, within their own travel limit, not blocked, an organisation the job
// may go to), nearest first, leaving out those in skip (asked before).
func (p *Pool) RankBuddies(job Job, k int, skip map[int64]bool) []BuddyCandidate {
	var out []BuddyCandidate
	for _, b := range p.freeBuddies(job, localDays(job.When, p.loc), 0) {
		if len(out) == k {
			break
		}
		if !skip[b.id] {
			out = append(out, BuddyCandidate{BuddyID: b.id, TravelMinutes: math.Round(b.minutes*10) / 10})
		}
	}
	return out
}

// better orders candidates: higher score first, then lower id, so that ranking is repeatable.
func better(a, b Candidate) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.WorkerID < b.WorkerID
}

// candidateHeap is a min-heap by rank: its root is the worst of the best k. Typed rather than
// through container/heap, whose interface would copy each large Candidate into an allocation.
type candidateHeap []Candidate

// push adds c.
func (h *candidateHeap) push(c Candidate) {
	*h = append(*h, c)
	s := *h
	for i := len(s) - 1; i > 0; {
		parent := (i - 1) / 2
		if !better(s[parent], s[i]) {
			break
		}
		s[parent], s[i] = s[i], s[parent]
		i = parent
	}
}

// replaceRoot puts c in the place of the worst.
func (h candidateHeap) replaceRoot(c Candidate) {
	h[0] = c
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && better(h[worst], h[l]) {
			worst = l
		}
		if r < len(h) && better(h[worst], h[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

// cellKM is the flat-earth distance from p to the nearest point of cell c (0 inside it).
func cellKM(p klusbuddy.Point, c cell, kmPerLat, kmPerLon float64) float64 {
	lat0, lon0 := float64(c.lat)*cellLat, float64(c.lon)*cellLon
	dLat := math.Max(0, math.Max(lat0-p.Lat, p.Lat-(lat0+cellLat)))
	dLon := math.Max(0, math.Max(lon0-p.Lon, p.Lon-(lon0+cellLon)))
	return math.Hypot(dLat*kmPerLat, dLon*kmPerLon)
}

// cellBox is the first and last cell of the box of radius km around p.
func cellBox(p klusbuddy.Point, km float64) (lo, hi cell) {
	dLat := km / 111.2
	dLon := km / (111.2 * math.Max(0.1, math.Cos(p.Lat*math.Pi/180)))
	return cellOf(klusbuddy.Point{Lat: p.Lat - dLat, Lon: p.Lon - dLon}), cellOf(klusbuddy.Point{Lat: p.Lat + dLat, Lon: p.Lon + dLon})
}

// day is one of the days a job may be done on (one unless it has a window), with what it
// needs of a worker's week and the buddies free on it.
type day struct {
	job         Job
	days        []jobDay
	first, last int32 // day numbers of days
	need        [3]uint64
	buddies     []freeBuddy
	found       bool // buddies looked up
}

// weekAdmits reports whether e's week may cover the day: false for someone not available in
// every hour the day touches, unless an exception of theirs may change it.
func (d *day) weekAdmits(e *entry) bool {
	return d.exceptional(e) || d.within(e.week)
}

// weekCovers reports whether e's week, full hours fullWeek, surely covers the day.
func (d *day) weekCovers(e *entry, fullWeek [3]uint64) bool {
	return !d.exceptional(e) && d.within(fullWeek)
}

// exceptional reports whether an exception of e's may fall on the day.
func (d *day) exceptional(e *entry) bool {
	return e.exception && d.first <= e.exLast && e.exFirst <= d.last
}

// within reports whether the day's hours are all marked in hours.
func (d *day) within(hours [3]uint64) bool {
	return hours[0]&d.need[0] == d.need[0] && hours[1]&d.need[1] == d.need[1] && hours[2]&d.need[2] == d.need[2]
}

// cellVisit is a cell of a job's search, in one of its grids, with the most anyone in it could
// score (bound) and the most travel can add for anyone in it (at its nearest point, with the
// grid's longest limit): bound but for what its best worker brings.
type cellVisit struct {
	grid          int32 // into the job's grids
	c             cell
	bound, travel float64
}

// buddyVisit is a cell of a buddy search: its buddies in one travel mode, none of whom comes
// before bound.
type buddyVisit struct {
	mode  klusbuddy.TravelMode
	es    []buddyEntry
	bound float64
}

// scratch is what a search lists and sorts, kept between searches: a job's search box holds
// hundreds of cells, and allocating their list each time cost more than sorting it.
type scratch struct {
	visits []cellVisit
	buddy  []buddyVisit
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}
