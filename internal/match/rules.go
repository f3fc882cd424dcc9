package match

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Reason names the hard rule a worker fails, for tests and for a coordinator asking "why not?".
type Reason string

const (
	Eligible          Reason = ""
	NotInOrganisation Reason = "organisation"
	NoSkill           Reason = "skill"
	NotVerified       Reason = "not_verified"
	Blocked           Reason = "blocked"
	TooFar            Reason = "too_far"
	NotAvailable      Reason = "not_available"
	Booked            Reason = "booked"
	MonthCapReached   Reason = "month_cap"
	YearCapReached    Reason = "year_cap"
	BuddyForbidden    Reason = "buddy_not_allowed"
	NoBuddyFree       Reason = "no_buddy"
	// NotLoaded: storage left the worker out before matching (no active account, or the
	// skill, level, verification or a block rules them out in the query itself).
	NotLoaded Reason = "not_loaded"
)

// jobDay is one local day of a job: its day number, ISO weekday and the minutes it takes of it.
type jobDay struct {
	num      int32
	weekday  int
	from, to int
}

// dayNumber numbers a date: the days since 1970-01-01.
func dayNumber(y int, m time.Month, d int) int32 {
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// localDays splits iv into the local days it touches, once per job rather than once per worker.
func localDays(iv Interval, loc *time.Location) []jobDay {
	start, end := iv.Start.In(loc), iv.End.In(loc)
	if !end.After(start) {
		return nil
	}
	var out []jobDay
	first := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
	for day := first; day.Before(end); day = day.AddDate(0, 0, 1) {
		d := jobDay{num: dayNumber(day.Date()), weekday: int(day.Weekday()), from: 0, to: 24 * 60}
		if d.weekday == 0 {
			d.weekday = 7
		}
		if day.Equal(first) {
			d.from = start.Hour()*60 + start.Minute()
		}
		if next := day.AddDate(0, 0, 1); end.Before(next) {
			d.to = end.Hour()*60 + end.Minute()
			if end.Second() > 0 || end.Nanosecond() > 0 {
				d.to++
			}
		}
		out = append(out, d)
	}
	return out
}

// covers reports whether av has someone available through the whole of the job's days. Spans
// must be sorted by From; touching spans join up (08:00–12:00 and 12:00–17:00 cover 10:00–14:00).
func (av *Availability) covers(days []jobDay) bool {
	if len(days) == 0 {
		return false
	}
	for _, d := range days {
		if !coversDay(av.spans(d), d.from, d.to) {
			return false
		}
	}
	return true
}

func (av *Availability) spans(d jobDay) []Span {
	if i, ok := slices.BinarySearch(av.exDays, d.num); ok {
		switch ex := av.exList[i]; {
		case !ex.Available:
			return nil
		case ex.Spans == nil:
			return []Span{{0, 24 * 60}}
		default:
			return ex.Spans
		}
	}
	return av.Weekly[d.weekday]
}

func coversDay(spans []Span, from, to int) bool {
	cursor := from
	for _, s := range spans {
		if s.From <= cursor && s.To > cursor {
			cursor = s.To
			if cursor >= to {
				return true
			}
		}
	}
	return cursor >= to && from < to
}

// normalize sorts spans so that covers can walk them once, and lists the exceptions by day
// number, which covers reads (it must run before covers).
func (av *Availability) normalize() {
	byFrom := func(a, b Span) int { return a.From - b.From }
	for i := range av.Weekly {
		slices.SortFunc(av.Weekly[i], byFrom)
	}
	av.exDays, av.exList = nil, nil // new lists: a copy of av may share the old ones
	for d, ex := range av.Exceptions {
		slices.SortFunc(ex.Spans, byFrom)
		av.Exceptions[d] = ex
		if t, err := time.Parse(time.DateOnly, d); err == nil { // any other key names no day
			av.exDays = append(av.exDays, dayNumber(t.Date()))
			av.exList = append(av.exList, ex)
		}
	}
	sort.Sort(byDay{av})
}

// byDay sorts an availability's exceptions by day number, keeping the two lists in step.
type byDay struct{ av *Availability }

func (b byDay) Len() int           { return len(b.av.exDays) }
func (b byDay) Less(i, j int) bool { return b.av.exDays[i] < b.av.exDays[j] }
func (b byDay) Swap(i, j int) {
	b.av.exDays[i], b.av.exDays[j] = b.av.exDays[j], b.av.exDays[i]
	b.av.exList[i], b.av.exList[j] = b.av.exList[j], b.av.exList[i]
}

func free(busy []Interval, iv Interval) bool {
	for _, b := range busy {
		if b.Overlaps(iv) {
			return false
		}
	}
	return true
}

// needsBuddy tells whether w needs a buddy for a job in category.
func (w *Worker) needsBuddy(category string) bool {
	switch w.BuddyNeed {
	case klusbuddy.BuddyAlways:
		return true
	case klusbuddy.BuddyNewCategory:
		return w.CategoryDone[category] == 0
	case klusbuddy.BuddyFirstJobs:
		return w.JobsDone < w.BuddyFirst
	}
	return false
}

// Check applies every hard rule but the buddy's to w for job and returns the first failed rule,
// with the travel minutes when it got that far.
func (p *Pool) Check(job Job, w *Worker) (Reason, float64) {
	w.Availability.normalize()
	return p.check(job, localDays(job.When, p.loc), w)
}

// admits reports whether a job may go to the people of organisation org: not when its poster
// restricted it to other organisations, nor when it belongs to an organisation that does not
// share its pool and org is another one. Any other job (of an organisation that shares its
// pool, or of the platform) goes to anyone eligible. Workers and buddies alike.
func (j *Job) admits(org int64) bool {
	if len(j.Organisations) > 0 && !slices.Contains(j.Organisations, org) {
		return false
	}
	return j.Organisation == 0 || j.SharedPool || org == j.Organisation
}

func (p *Pool) check(job Job, days []jobDay, w *Worker) (Reason, float64) {
	if !job.admits(w.OrganisationID) {
		return NotInOrganisation, 0
	}
	sk, ok := w.Skills[job.Category]
	switch {
	case !ok || sk.Level < job.Level:
		return NoSkill, 0
	case job.Level >= 2 && !sk.Verified:
		return NotVerified, 0
	}
	return p.checkPlace(job, days, w, false)
}

// checkPlace applies the rules but organisation and skill (which Rank's index has checked),
// and availability unless covered says the week surely covers the job's days.
func (p *Pool) checkPlace(job Job, days []jobDay, w *Worker, covered bool) (Reason, float64) {
	if w.Blocked[job.PosterID] {
		return Blocked, 0
	}
	minutes := p.travel.Minutes(w.Home, job.Where, w.Mode)
	if minutes > w.MaxMinutes {
		return TooFar, minutes
	}
	if !covered && !w.Availability.covers(days) {
		return NotAvailable, minutes
	}
	if !free(w.Busy, job.When) {
		return Booked, minutes
	}
	h := job.Hours()
	if w.MonthCap > 0 && w.HoursThisMonth+h > w.MonthCap+1e-9 {
		return MonthCapReached, minutes
	}
	if w.YearCap > 0 && w.HoursThisYear+h > w.YearCap+1e-9 {
		return YearCapReached, minutes
	}
	if job.Buddy == BuddyNotAllowed && w.needsBuddy(job.Category) {
		return BuddyForbidden, minutes
	}
	return Eligible, minutes
}

// freeBuddy is a buddy who can accompany a job, with their travel to it and their limit.
type freeBuddy struct {
	id             int64
	minutes, limit float64
	order          float64 // minutes weighed by reliability: what buddies are ordered by
}

// buddyOrder weighs a buddy's travel time by their reliability: a newcomer (½) keeps their
// minutes, a reliable buddy (→1) counts as up to a third nearer, an unreliable one (→0) up to
// twice as far. Unset (0) counts as a newcomer.
func buddyOrder(minutes, reliability float64) float64 {
	if reliability <= 0 {
		reliability = 0.5
	}
	return minutes / (0.5 + clamp01(reliability))
}

// freeBuddies returns the buddies who can accompany a job: free for the whole of it, able to
// accompany its category, within their own travel limit, not blocked by the poster, in an
// organisation the job may go to; nearest first, weighed by reliability (buddyOrder). With
// limit > 0, only the first limit of them: cells are visited nearest first and the search
// stops where no buddy could come before the limit-th found.
func (p *Pool) freeBuddies(job Job, days []jobDay, limit int) []freeBuddy {
	kmPerLat, kmPerLon := 111.2, 111.2*math.Cos(job.Where.Lat*math.Pi/180)
	bound, _ := p.travel.(TravelBound)
	s := scratches.Get().(*scratch)
	defer func() {
		clear(s.buddy) // they point into this pool's grids: keep no pool alive once done with
		scratches.Put(s)
	}()
	visits := s.buddy[:0]
	for mode, g := range p.buddyAt[job.Category] {
		lo, hi := cellBox(job.Where, g.reachKM*1.01+0.05)
		for la := lo.lat; la <= hi.lat; la++ {
			for lo2 := lo.lon; lo2 <= hi.lon; lo2++ {
				c := cell{la, lo2}
				if es := g.cells[c]; len(es) > 0 {
					v := buddyVisit{mode: mode, es: es}
					if bound != nil && limit > 0 {
						// The most reliable buddy counts as a third nearer (buddyOrder).
						v.bound = bound.MinMinutes(cellKM(job.Where, c, kmPerLat, kmPerLon)*0.99-0.05, mode)/1.5 - 1e-9
					}
					visits = append(visits, v)
				}
			}
		}
	}
	s.buddy = visits
	if limit > 0 {
		slices.SortFunc(visits, func(a, b buddyVisit) int { return cmp.Compare(a.bound, b.bound) })
	}
	before := func(a, b freeBuddy) int {
		if a.order != b.order {
			return cmp.Compare(a.order, b.order)
		}
		return cmp.Compare(a.id, b.id)
	}
	var found []freeBuddy
	for _, v := range visits {
		if limit > 0 && len(found) == limit && v.bound > found[limit-1].order {
			break
		}
		for _, e := range v.es {
			// Far beyond their reach on the flat map (with a margin): skip the exact distance.
			dy, dx := (float64(e.lat)-job.Where.Lat)*kmPerLat, (float64(e.lon)-job.Where.Lon)*kmPerLon
			if r := float64(e.reachKM)*1.01 + 0.05; dx*dx+dy*dy > r*r {
				continue
			}
			b := &p.buddies[e.idx]
			if b.Blocked[job.PosterID] || !job.admits(b.OrganisationID) {
				continue
			}
			m := p.travel.Minutes(b.Home, job.Where, v.mode)
			if m > b.MaxMinutes || !b.Availability.covers(days) || !free(b.Busy, job.When) {
				continue
			}
			f := freeBuddy{b.ID, m, b.MaxMinutes, buddyOrder(m, b.Reliability)}
			if limit <= 0 {
				found = append(found, f)
				continue
			}
			// Keep the best limit, in order.
			i, _ := slices.BinarySearchFunc(found, f, before)
			if i < limit {
				found = slices.Insert(found, i, f)
				found = found[:min(len(found), limit)]
			}
		}
	}
	if limit <= 0 {
		slices.SortFunc(found, before)
	}
	return found
}

// score computes the explainable score of an eligible worker.
// sk is w's skill in the job's category and forPoster the jobs they did for its poster (Rank
// has both at hand, without w's maps).
func (p *Pool) score(job Job, w *Worker, sk Skill, forPoster int, minutes float64, buddyMinutes, buddyMax float64, needsBuddy bool) (float64, Breakdown) {
	b := Breakdown{TravelMinutes: math.Round(minutes*10) / 10, Level: sk.Level, Verified: sk.Verified,
		HoursLast30Days: w.HoursLast30Days, JobsForPoster: forPoster}
	wt := p.weights
	b.Travel = wt.Travel * clamp01(1-minutes/math.Max(w.MaxMinutes, 1))
	skill := float64(sk.Level) / 3 * 0.7
	if sk.Verified {
		skill += 0.3
	}
	b.Skill = wt.Skill * skill
	// Fairness: someone who worked nothing in 30 days gets it all; 60 hours or more, nothing.
	b.Fairness = wt.Fairness * clamp01(1-w.HoursLast30Days/60)
	b.Reliability = wt.Reliability * clamp01(w.Reliability)
	b.ReliabilityShare = math.Round(clamp01(w.Reliability)*1000) / 1000
	b.DoneJobs, b.NoShows, b.LateDropouts = w.Record.Done, w.Record.NoShows, w.Record.LateDropouts
	b.Familiarity = wt.Familiarity * clamp01(float64(b.JobsForPoster)/3)
	if needsBuddy {
		b.BuddyTravel = wt.BuddyTravel * clamp01(1-buddyMinutes/math.Max(buddyMax, 1))
		b.BuddyTravelMinutes = math.Round(buddyMinutes*10) / 10
	} else {
		b.BuddyTravel = wt.BuddyTravel
	}
	total := b.Travel + b.Skill + b.Fairness + b.Reliability + b.Familiarity + b.BuddyTravel
	return total, b
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }
