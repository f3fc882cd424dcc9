package klusbuddy

import (
	"testing"
	"time"
)

func TestLineAmount(t *testing.T) {
	cases := []struct {
		name                    string
		unit                    Unit
		qty, price, rate        int
		wantNet, wantVAT, total int
	}{
		{"two hours at 25 euro, 21%", PerHour, 120, 2500, 21, 4132, 868, 5000},
		// 3333 × 15 / 60 = 833.25 → 833; net 833 / 1.21 = 688.43 → 688
		{"a quarter rounds down below half a cent", PerHour, 15, 3333, 21, 688, 145, 833},
		// 3334 × 90 / 60 = 5001 exactly; 3335 × 30 / 60 = 1667.5 → 1668 (half up)
		{"half a cent rounds up", PerHour, 30, 3335, 6, 1574, 94, 1668},
		// 2999 × 45 / 60 = 2249.25 → 2249
		{"three quarters", PerHour, 45, 2999, 12, 2008, 241, 2249},
		{"items are exact", PerItem, 7, 1250, 21, 7231, 1519, 8750},
		{"no VAT", PerItem, 3, 1000, 0, 3000, 0, 3000},
		{"nothing worked", PerHour, 0, 2500, 21, 0, 0, 0},
		{"a negative quantity counts as none", PerHour, -60, 2500, 21, 0, 0, 0},
		// net half a cent: total 1060 at 6% = 1000.00 exact; total 53 at 6% = 50.0 ; total 121 at 21% = 100
		{"net exact", PerItem, 1, 121, 21, 100, 21, 121},
		// total 1 cent at 21%: net 0.826 → 1, VAT 0
		{"one cent", PerItem, 1, 1, 21, 1, 0, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := LineAmount(c.unit, c.qty, c.price, c.rate)
			want := Amount{Net: c.wantNet, VAT: c.wantVAT, Total: c.total}
			if got != want {
				t.Fatalf("LineAmount(%s, %d, %d, %d) = %+v, want %+v", c.unit, c.qty, c.price, c.rate, got, want)
			}
			if got.Net+got.VAT != got.Total {
				t.Fatalf("net + VAT = %d, total %d", got.Net+got.VAT, got.Total)
			}
		})
	}
}

// The half-up rule holds over every price and quarter: the total is within half a cent of the
// exact product, and a half rounds up.
func TestLineAmountRoundsHalfUp(t *testing.T) {
	for price := 1; price <= 4000; price += 7 {
		for m := 0; m <= 600; m += 15 {
			got := LineAmount(PerHour, m, price, 21).Total
			exact4 := price * m / 15 // the total in quarter cents
			want := (exact4 + 2) / 4
			if got != want {
				t.Fatalf("price %d, %d min: total %d, want %d", price, m, got, want)
			}
		}
	}
}

func TestStatementFor(t *testing.T) {
	v := func(n int) *int { return &n }
	j := StatementJob{ID: 1, Unit: PerHour, UnitPrice: 3000, VATRate: 21, Sheets: []StatementSheet{
		{ID: 1, FirstName: "An", Place: 1, State: SheetApproved, Approved: v(120)},
		{ID: 2, FirstName: "Bo", Place: 2, State: SheetDecided, Approved: v(90)},
		{ID: 3, FirstName: "Cas", Place: 3, State: SheetConfirmed},
		{ID: 4, FirstName: "Dirk", Place: 4, State: SheetDisputed},
	}}
	s := StatementFor(j)
	if len(s.Lines) != 4 || s.Pending != 2 {
		t.Fatalf("lines %d, pending %d; want 4 and 2", len(s.Lines), s.Pending)
	}
	if s.Total != 6000+4500 || s.Net+s.VAT != s.Total {
		t.Fatalf("amount %+v, want a total of 10500 = net + VAT", s.Amount)
	}
	for _, l := range s.Lines[2:] {
		if l.Billed || l.Total != 0 || l.Quantity != 0 {
			t.Fatalf("a pending line is billed: %+v", l)
		}
	}
	loc, _ := time.LoadLocation("Europe/Brussels")
	m := MonthStatementFor(Month{2026, time.November}, StatementPoster{}, []StatementJob{j, j})
	if m.Total != 2*s.Total || m.Pending != 4 || m.Net+m.VAT != m.Total {
		t.Fatalf("month %+v", m.Amount)
	}
	// 30 November 23:30 UTC is 1 December in Brussels
	j.Start = time.Date(2026, time.November, 30, 23, 30, 0, 0, time.UTC)
	k := j
	k.Start = time.Date(2026, time.October, 3, 10, 0, 0, 0, time.UTC)
	sum := Summarize([]StatementJob{k, j}, loc)
	if len(sum) != 2 || sum[0].Month.String() != "2026-12" || sum[1].Month.String() != "2026-10" || sum[0].Total != s.Total {
		t.Fatalf("summary %+v", sum)
	}
}

func TestParseMonth(t *testing.T) {
	for _, ok := range []string{"2026-11", "2027-01"} {
		if m, err := ParseMonth("month", ok); err != nil || m.String() != ok {
			t.Fatalf("%s: %v %v", ok, m, err)
		}
	}
	for _, bad := range []string{"", "2026-13", "2026-1", "26-11", "2026/11", "november", "1999-12", "2026-11-01"} {
		_, err := ParseMonth("month", bad)
		e, ok := err.(*Error)
		if !ok || e.Fields["month"] == "" {
			t.Fatalf("%q: %v, want a field error on month", bad, err)
		}
	}
	loc, _ := time.LoadLocation("Europe/Brussels")
	m := Month{2026, time.March}
	if s, e := m.Start(loc), m.End(loc); s.UTC().Hour() != 23 || e.Sub(s) != (31*24-1)*time.Hour {
		t.Fatalf("March 2026 in Brussels: %v – %v", s.UTC(), e.UTC())
	}
}
