package klusbuddy

import (
	"context"
	"fmt"
	"time"
)

// What the poster pays (issue 12): the unit price a job was posted at (VAT included, as the
// catalogue shows it) times the hours or items approved for each of its workers. Buddies
// volunteer: their hours are never billed. Only final sheets (approved or decided) carry an
// amount; the others show as not approved yet. Payment itself stays outside Klusbuddy: the
// poster pays the organisation on its own invoice; Klusbuddy provides the statement.
//
// The money rule, in integer euro cents, per line (one worker's sheet on one job):
//
//	total = unit price × quantity, rounded half up to the cent (an hour's price × minutes / 60:
//	        quarters of an hour can give a quarter, half or three quarters of a cent)
//	net   = total × 100 / (100 + VAT rate), rounded half up to the cent
//	VAT   = total − net
//
// A job's and a month's amounts are the sums of their lines, never rounded again: the total
// the poster pays is exactly what the catalogue's price (VAT included) promised, and net + VAT
// = total on every line and every sum.

// VATRates are the Belgian VAT rates a category may state, in percent.
var VATRates = []int{0, 6, 12, 21}

// DefaultVATRate is the standard Belgian rate, the catalogue's unless an admin states another.
const DefaultVATRate = 21

// divHalfUp is a / b rounded half up, for a ≥ 0 and b > 0.
func divHalfUp(a, b int64) int64 { return (2*a + b) / (2 * b) }

// Amount is an amount in euro cents: net, VAT and total (VAT included).
type Amount struct {
	Net, VAT, Total int
}

// Add returns a + b.
func (a Amount) Add(b Amount) Amount {
	return Amount{Net: a.Net + b.Net, VAT: a.VAT + b.VAT, Total: a.Total + b.Total}
}

// LineAmount is the amount of quantity (minutes for a job priced per hour, items for one
// priced per item) at unitPrice cents (VAT included) with vatRate percent VAT, by the rule
// above. A negative quantity counts as none.
func LineAmount(unit Unit, quantity, unitPrice, vatRate int) Amount {
	q := int64(max(quantity, 0))
	var total int64
	if unit == PerHour {
		total = divHalfUp(int64(unitPrice)*q, 60)
	} else {
		total = int64(unitPrice) * q
	}
	net := divHalfUp(total*100, int64(100+vatRate))
	return Amount{Net: int(net), VAT: int(total - net), Total: int(total)}
}

// StatementSheet is a worker's sheet as a statement reads it.
type StatementSheet struct {
	ID        int64
	FirstName string
	Place     int
	State     SheetState
	Approved  *int // minutes or items, once final
}

// StatementJob is a job as a statement reads it: the price it was posted at and its workers'
// sheets (buddies' are never read).
type StatementJob struct {
	ID             int64
	PosterID       int64
	OrganisationID *int64
	Category       string // slug
	CategoryNames  Localized
	Start, End     time.Time
	State          JobState
	Unit           Unit
	UnitPrice      int // cents, VAT included
	VATRate        int // percent
	Street         string
	Postcode       string
	Municipality   string
	Sheets         []StatementSheet
}

// StatementLine is one worker's hours or items on a job and what they cost. A line that is
// not final (Billed false) has no quantity or amount yet.
type StatementLine struct {
	SheetID   int64
	FirstName string
	Place     int
	State     SheetState
	Billed    bool
	Quantity  int // minutes (per hour) or items (per item); 0 unless Billed
	Amount
}

// JobStatement is what a job costs its poster: one line per worker.
type JobStatement struct {
	Job     StatementJob
	Lines   []StatementLine
	Amount      // the sum of the billed lines
	Pending int // lines not approved yet
}

// StatementFor computes a job's statement by the money rule.
func StatementFor(j StatementJob) JobStatement {
	s := JobStatement{Job: j, Lines: make([]StatementLine, 0, len(j.Sheets))}
	for _, sh := range j.Sheets {
		l := StatementLine{SheetID: sh.ID, FirstName: sh.FirstName, Place: sh.Place, State: sh.State}
		if sh.State.Final() && sh.Approved != nil {
			l.Billed, l.Quantity = true, *sh.Approved
			l.Amount = LineAmount(j.Unit, l.Quantity, j.UnitPrice, j.VATRate)
			s.Amount = s.Amount.Add(l.Amount)
		} else {
			s.Pending++
		}
		s.Lines = append(s.Lines, l)
	}
	return s
}

// StatementPoster is who a statement is addressed to: their name and address and, for a
// company, its name and VAT number.
type StatementPoster struct {
	FirstName, LastName string
	Kind                PosterKind
	CompanyName         string
	VATNumber           string
	Street              string
	Postcode            string
	Municipality        string
}

// MonthStatement is what a poster pays for the jobs that started in a month (Europe/Brussels).
type MonthStatement struct {
	Month   Month
	Poster  StatementPoster
	Jobs    []JobStatement
	Amount      // the sum of the jobs'
	Pending int // lines not approved yet
}

// MonthStatementFor sums the jobs' statements of a month.
func MonthStatementFor(m Month, p StatementPoster, jobs []StatementJob) MonthStatement {
	s := MonthStatement{Month: m, Poster: p, Jobs: make([]JobStatement, len(jobs))}
	for i, j := range jobs {
		s.Jobs[i] = StatementFor(j)
		s.Amount = s.Amount.Add(s.Jobs[i].Amount)
		s.Pending += s.Jobs[i].Pending
	}
	return s
}

// MonthSummary is one month of a poster's history: its amounts and the jobs in it.
type MonthSummary struct {
	Month Month
	Jobs  []JobStatement
	Amount
	Pending int
}

// Summarize groups a poster's jobs by the month of their start in loc, newest month first,
// each with its jobs in order of start.
func Summarize(jobs []StatementJob, loc *time.Location) []MonthSummary {
	var out []MonthSummary
	at := map[Month]int{}
	for _, j := range jobs {
		m := MonthOf(j.Start, loc)
		i, ok := at[m]
		if !ok {
			i = len(out)
			at[m] = i
			out = append(out, MonthSummary{Month: m})
		}
		js := StatementFor(j)
		out[i].Jobs = append(out[i].Jobs, js)
		out[i].Amount = out[i].Amount.Add(js.Amount)
		out[i].Pending += js.Pending
	}
	for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
		out[a], out[b] = out[b], out[a]
	}
	return out
}

// Month is a calendar month.
type Month struct {
	Year  int
	Month time.Month
}

// String is the month as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Start is the month's first moment in loc.
func (m Month) Start(loc *time.Location) time.Time {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, loc)
}

// End is the next month's first moment in loc.
func (m Month) End(loc *time.Location) time.Time { return m.Start(loc).AddDate(0, 1, 0) }

// MonthOf is the month t falls in, in loc.
func MonthOf(t time.Time, loc *time.Location) Month {
	t = t.In(loc)
	return Month{Year: t.Year(), Month: t.Month()}
}

// ParseMonth reads YYYY-MM (years 2000–2999); the field error names field.
func ParseMonth(field, s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 || t.Year() < 2000 || t.Year() > 2999 {
		fe := FieldErrors{}
		fe.Add(field, "Give a month as YYYY-MM, for example 2026-11.")
		return Month{}, fe.Err()
	}
	return Month{Year: t.Year(), Month: t.Month()}, nil
}

// StatementService answers what posters pay.
type StatementService interface {
	// JobStatement is a job's statement, for its poster and the coordinators of its organisation.
	JobStatement(ctx context.Context, actor Principal, jobID int64) (JobStatement, error)
	// MonthStatement is the poster's statement of a month.
	MonthStatement(ctx context.Context, actor Principal, month Month) (MonthStatement, error)
	// StatementMonths is the poster's history: every month with a worked job, newest first.
	StatementMonths(ctx context.Context, actor Principal) ([]MonthSummary, error)
}
