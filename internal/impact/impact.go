// Package impact is the social value Klusbuddy makes visible (issue 13): the impact figures of
// a period for a coordinator (their organisation) or an admin (any or all), with a series for
// charts and the organisation's own social-return values applied; and the public figures of the
// platform and each municipality, small numbers hidden, kept in memory for a short while.
//
// Periods are Belgian (Europe/Brussels): a week starts on Monday, a quarter in January, April,
// July or October. A job counts in the period its start falls in. What each figure counts is
// written on klusbuddy.ImpactFigures and in docs/decisions.md; internal/postgres counts.
package impact

import (
	"context"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Store is what the figures need of storage (internal/postgres).
type Store interface {
	ImpactSeries(ctx context.Context, s klusbuddy.ImpactScope, steps []time.Time) (klusbuddy.ImpactFigures, []klusbuddy.ImpactFigures, error)
	ImpactByMunicipality(ctx context.Context, s klusbuddy.ImpactScope) (klusbuddy.ImpactFigures, []string, []klusbuddy.ImpactFigures, error)
	MainMunicipality(ctx context.Context, name string) (string, error)
	CategoryBySlug(ctx context.Context, slug string) (klusbuddy.Category, error)
	ImpactValues(ctx context.Context, organisationID int64) ([]klusbuddy.ImpactValue, error)
	SetImpactValues(ctx context.Context, organisationID int64, vs []klusbuddy.ImpactValue) error
}

// PublicTTL is how long the public figures are kept: long enough that a page linked from a
// city's site costs one query a minute, short enough that they follow the day.
const PublicTTL = time.Minute

// Service implements klusbuddy.ImpactService.
type Service struct {
	db  Store
	loc *time.Location
	Now func() time.Time

	mu     sync.Mutex
	public map[string]publicEntry
}

type publicEntry struct {
	at         time.Time
	val        klusbuddy.PublicImpact
	refreshing bool
}

var _ klusbuddy.ImpactService = (*Service)(nil)

// New returns the service; periods are counted in loc.
func New(db Store, loc *time.Location) *Service {
	return &Service{db: db, loc: loc, Now: time.Now, public: map[string]publicEntry{}}
}

// Period is a period read from a query: its kind, [From, To) and the series' steps.
type Period struct {
	Kind     klusbuddy.ImpactPeriodKind
	From, To time.Time
	Step     klusbuddy.ImpactPeriodKind // day, week or month
	Steps    []time.Time                // the first moment of each step, From first
}

// StepDay is a series' step of one day (a week's, or a short range's).
const StepDay klusbuddy.ImpactPeriodKind = "day"

// MaxRangeDays bounds chosen dates: three years.
const MaxRangeDays = 3 * 366

// ParsePeriod reads period (week, month, quarter, year, range; default year), date (a day in
// the period, YYYY-MM-DD; default today) and, for a range, from and to (days, both included).
// The errors name the field.
func ParsePeriod(q klusbuddy.ImpactQuery, now time.Time, loc *time.Location) (Period, error) {
	fe := klusbuddy.FieldErrors{}
	day := func(field, v string) time.Time {
		t, err := time.ParseInLocation("2006-01-02", v, loc)
		if err != nil || len(v) != 10 || t.Year() < 2000 || t.Year() > 2999 {
			fe.Add(field, "Give a date as YYYY-MM-DD.")
			return time.Time{}
		}
		return t
	}
	p := Period{Kind: klusbuddy.ImpactPeriodKind(q.Period)}
	if p.Kind == "" {
		p.Kind = klusbuddy.PeriodYear
	}
	d := now.In(loc)
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	if q.Date != "" {
		d = day("date", q.Date)
	}
	switch p.Kind {
	case klusbuddy.PeriodWeek:
		off := (int(d.Weekday()) + 6) % 7 // days since Monday
		p.From = d.AddDate(0, 0, -off)
		p.To = p.From.AddDate(0, 0, 7)
	case klusbuddy.PeriodMonth:
		p.From = time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, loc)
		p.To = p.From.AddDate(0, 1, 0)
	case klusbuddy.PeriodQuarter:
		p.From = time.Date(d.Year(), (d.Month()-1)/3*3+1, 1, 0, 0, 0, 0, loc)
		p.To = p.From.AddDate(0, 3, 0)
	case klusbuddy.PeriodYear:
		p.From = time.Date(d.Year(), 1, 1, 0, 0, 0, 0, loc)
		p.To = p.From.AddDate(1, 0, 0)
	case klusbuddy.PeriodRange:
		if q.From == "" {
			fe.Add("from", "Give the first day.")
		} else {
			p.From = day("from", q.From)
		}
		if q.To == "" {
			fe.Add("to", "Give the last day.")
		} else if to := day("to", q.To); !to.IsZero() {
			p.To = to.AddDate(0, 0, 1)
		}
		if !p.From.IsZero() && !p.To.IsZero() {
			if !p.From.Before(p.To) {
				fe.Add("to", "The end date cannot be before the start date.")
			} else if p.To.Sub(p.From) > MaxRangeDays*24*time.Hour+time.Hour {
				fe.Add("to", "Choose at most three years.")
			}
		}
	default:
		fe.Add("period", "Give week, month, quarter, year or range.")
	}
	if p.Kind != klusbuddy.PeriodRange && (q.From != "" || q.To != "") {
		fe.Add("from", "From and to go with period=range only.")
	}
	if err := fe.Err(); err != nil {
		return Period{}, err
	}
	p.Step, p.Steps = steps(p.Kind, p.From, p.To, loc)
	return p, nil
}

// steps splits [from, to): a year by month, a quarter or a month by week (Monday to Sunday,
// the first and last cut by the period), a week by day; chosen dates by day up to 31 days, by
// week up to 26 weeks, else by month.
func steps(kind klusbuddy.ImpactPeriodKind, from, to time.Time, loc *time.Location) (klusbuddy.ImpactPeriodKind, []time.Time) {
	step := StepDay
	switch kind {
	case klusbuddy.PeriodYear:
		step = klusbuddy.PeriodMonth
	case klusbuddy.PeriodQuarter, klusbuddy.PeriodMonth:
		step = klusbuddy.PeriodWeek
	case klusbuddy.PeriodRange:
		days := int(to.Sub(from).Hours()/24 + 0.5)
		switch {
		case days > 26*7:
			step = klusbuddy.PeriodMonth
		case days > 31:
			step = klusbuddy.PeriodWeek
		}
	}
	out := []time.Time{from}
	for t := from; ; {
		switch step {
		case StepDay:
			t = t.AddDate(0, 0, 1)
		case klusbuddy.PeriodWeek:
			t = t.AddDate(0, 0, 7-(int(t.Weekday())+6)%7) // the next Monday
		default:
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, loc)
		}
		if !t.Before(to) {
			return step, out
		}
		out = append(out, t)
	}
}

// scope reads the filters: the category by slug and the municipality by name (422 naming the
// field when there is none).
func (s *Service) scope(ctx context.Context, q klusbuddy.ImpactQuery, p Period) (klusbuddy.ImpactScope, error) {
	sc := klusbuddy.ImpactScope{From: p.From, To: p.To, OrganisationID: q.OrganisationID}
	fe := klusbuddy.FieldErrors{}
	if q.Category != "" {
		c, err := s.db.CategoryBySlug(ctx, q.Category)
		if klusbuddy.ErrorCode(err) == klusbuddy.ENOTFOUND {
			fe.Add("category", "There is no such category.")
		} else if err != nil {
			return sc, err
		}
		sc.CategoryID = c.ID
	}
	if m := strings.TrimSpace(q.Municipality); m != "" {
		if utf8.RuneCountInString(m) > 80 {
			fe.Add("municipality", "There is no such municipality.")
		} else {
			name, err := s.db.MainMunicipality(ctx, m)
			if klusbuddy.ErrorCode(err) == klusbuddy.ENOTFOUND {
				fe.Add("municipality", "There is no such municipality.")
			} else if err != nil {
				return sc, err
			}
			sc.Municipality = name
		}
	}
	return sc, fe.Err()
}

func (s *Service) period(q klusbuddy.ImpactQuery) (Period, error) {
	return ParsePeriod(q, s.Now(), s.loc)
}

// Impact is a coordinator's figures (their organisation only: q.OrganisationID is replaced) or
// an admin's (q.OrganisationID, 0 for all), with the series and the organisation's estimates.
func (s *Service) Impact(ctx context.Context, actor klusbuddy.Principal, q klusbuddy.ImpactQuery) (klusbuddy.ImpactReport, error) {
	switch actor.Role {
	case klusbuddy.RoleCoordinator:
		q.OrganisationID = actor.OrganisationID
	case klusbuddy.RoleAdmin:
	default:
		return klusbuddy.ImpactReport{}, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators and admins see the impact figures.")
	}
	p, perr := s.period(q)
	sc, serr := s.scope(ctx, q, p)
	if err := mergeFieldErrors(perr, serr); err != nil {
		return klusbuddy.ImpactReport{}, err
	}
	total, series, err := s.db.ImpactSeries(ctx, sc, p.Steps)
	if err != nil {
		return klusbuddy.ImpactReport{}, err
	}
	r := klusbuddy.ImpactReport{Period: p.Kind, Step: p.Step, Scope: sc, Category: q.Category, Total: total, OrganisationID: q.OrganisationID}
	for i, f := range series {
		to := p.To
		if i+1 < len(p.Steps) {
			to = p.Steps[i+1]
		}
		r.Series = append(r.Series, klusbuddy.ImpactBucket{From: p.Steps[i], To: to, Figures: f})
	}
	if q.OrganisationID != 0 {
		if r.Values, err = s.db.ImpactValues(ctx, q.OrganisationID); err != nil {
			return klusbuddy.ImpactReport{}, err
		}
		for _, v := range r.Values {
			r.Estimates = append(r.Estimates, klusbuddy.EstimateOf(v, total))
		}
	}
	return r, nil
}

// mergeFieldErrors joins the per-field messages of two checks, so that one answer names every
// wrong field; any other error wins.
func mergeFieldErrors(errs ...error) error {
	fe := klusbuddy.FieldErrors{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		e, ok := err.(*klusbuddy.Error)
		if !ok || e.Code != klusbuddy.EINVALID || len(e.Fields) == 0 {
			return err
		}
		for k, v := range e.Fields {
			fe.Add(k, v)
		}
	}
	return fe.Err()
}

// ImpactValues are the coordinator's organisation's values.
func (s *Service) ImpactValues(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.ImpactValue, error) {
	if actor.Role != klusbuddy.RoleCoordinator {
		return nil, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators keep their organisation's values.")
	}
	return s.db.ImpactValues(ctx, actor.OrganisationID)
}

// CheckValues validates values as typed; the errors name the field (values.2.label).
func CheckValues(vs []klusbuddy.ImpactValue) error {
	fe := klusbuddy.FieldErrors{}
	if len(vs) > klusbuddy.MaxImpactValues {
		fe.Add("values", "Give at most 10 values.")
	}
	for i, v := range vs {
		at := "values." + itoa(i) + "."
		if n := utf8.RuneCountInString(strings.TrimSpace(v.Label)); n < 1 || n > klusbuddy.MaxImpactLabel {
			fe.Add(at+"label", "Give a label of 1 to 120 characters.")
		}
		if !v.Basis.Valid() {
			fe.Add(at+"basis", "Give hour or person.")
		}
		if v.Cents < 1 || v.Cents > klusbuddy.MaxImpactValueCents {
			fe.Add(at+"cents", "Give an amount in cents from 1 to 100000000.")
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(v.Source)); n < 1 || n > klusbuddy.MaxImpactSource {
			fe.Add(at+"source", "Say where the value comes from, in 1 to 1000 characters.")
		}
	}
	return fe.Err()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}

// SetImpactValues replaces the coordinator's organisation's values (audited by the store's
// transaction).
func (s *Service) SetImpactValues(ctx context.Context, actor klusbuddy.Principal, vs []klusbuddy.ImpactValue) ([]klusbuddy.ImpactValue, error) {
	if actor.Role != klusbuddy.RoleCoordinator {
		return nil, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators keep their organisation's values.")
	}
	if err := CheckValues(vs); err != nil {
		return nil, err
	}
	clean := make([]klusbuddy.ImpactValue, len(vs))
	for i, v := range vs {
		clean[i] = klusbuddy.ImpactValue{Label: strings.TrimSpace(v.Label), Basis: v.Basis, Cents: v.Cents, Source: strings.TrimSpace(v.Source)}
	}
	if err := s.db.SetImpactValues(ctx, actor.OrganisationID, clean); err != nil {
		return nil, err
	}
	return s.db.ImpactValues(ctx, actor.OrganisationID)
}

// maxPublicEntries bounds the cache: periods × municipalities people actually open.
const maxPublicEntries = 2000

// PublicImpact is the public figures of a period (default this year) for the platform and every
// municipality with a job in it, small numbers hidden. Answers are kept PublicTTL.
func (s *Service) PublicImpact(ctx context.Context, q klusbuddy.ImpactQuery) (klusbuddy.PublicImpact, error) {
	q.OrganisationID, q.Category = 0, ""
	p, perr := s.period(q)
	var muni string
	var merr error
	if m := strings.TrimSpace(q.Municipality); m != "" {
		sc, err := s.scope(ctx, klusbuddy.ImpactQuery{Municipality: m}, p)
		muni, merr = sc.Municipality, err
	}
	if err := mergeFieldErrors(perr, merr); err != nil {
		return klusbuddy.PublicImpact{}, err
	}
	key := string(p.Kind) + "|" + p.From.Format(time.DateOnly) + "|" + p.To.Format(time.DateOnly)
	now := s.Now()
	s.mu.Lock()
	e, ok := s.public[key]
	stale := ok && (now.Sub(e.at) >= PublicTTL || now.Before(e.at))
	if stale && !e.refreshing {
		// Stale figures are served while one refresh counts anew: a year of the whole platform
		// takes seconds, and no visitor should wait for it, nor many count it at once.
		e.refreshing = true
		s.public[key] = e
		go s.refresh(key, p)
	}
	s.mu.Unlock()
	if !ok {
		v, err := s.countPublic(ctx, p)
		if err != nil {
			return klusbuddy.PublicImpact{}, err
		}
		e = publicEntry{at: now, val: v}
		s.store(key, e)
	}
	out := e.val
	out.Municipality = muni
	return out, nil
}

// countPublic counts a period's public figures.
func (s *Service) countPublic(ctx context.Context, p Period) (klusbuddy.PublicImpact, error) {
	total, names, figs, err := s.db.ImpactByMunicipality(ctx, klusbuddy.ImpactScope{From: p.From, To: p.To})
	if err != nil {
		return klusbuddy.PublicImpact{}, err
	}
	v := klusbuddy.PublicImpact{Period: p.Kind, From: p.From, To: p.To, Platform: klusbuddy.PublicFiguresOf("", total)}
	for i, n := range names {
		v.Municipalities = append(v.Municipalities, klusbuddy.PublicFiguresOf(n, figs[i]))
	}
	return v, nil
}

func (s *Service) store(key string, e publicEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.public) >= maxPublicEntries {
		clear(s.public)
	}
	s.public[key] = e
}

// refresh counts a stale entry anew in the background; on failure the stale figures stay and
// the next visitor after the TTL tries again.
func (s *Service) refresh(key string, p Period) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	v, err := s.countPublic(ctx, p)
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.public[key]
	e.refreshing = false
	if err == nil {
		e = publicEntry{at: s.Now(), val: v}
	}
	s.public[key] = e
}
