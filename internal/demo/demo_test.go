package demo_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The demo data must pass the same checks as data people type in.
func TestDataIsValid(t *testing.T) {
	d := demo.Data()
	phones, emails := map[string]bool{}, map[string]bool{}
	for _, p := range d.People {
		if p.Phone != "" {
			if n, ok := klusbuddy.NormalizePhone(p.Phone); !ok || n != p.Phone {
				t.Errorf("%s %s: phone %q is not canonical E.164 (%q %v)", p.FirstName, p.LastName, p.Phone, n, ok)
			}
			if phones[p.Phone] {
				t.Errorf("phone %s used twice", p.Phone)
			}
			phones[p.Phone] = true
		}
		if p.Email != "" {
			if emails[p.Email] {
				t.Errorf("email %s used twice", p.Email)
			}
			emails[p.Email] = true
		}
		fe := klusbuddy.FieldErrors{}
		switch {
		case p.Worker != nil:
			p.Worker.Validate(fe, "worker.")
		case p.Buddy != nil:
			p.Buddy.Validate(fe, "buddy.")
		case p.Poster != nil && p.Poster.Kind == klusbuddy.Company:
			if _, ok := klusbuddy.NormalizeBelgianVAT(p.Poster.VATNumber); !ok {
				fe.Add("vat_number", "invalid")
			}
		}
		if err := fe.Err(); err != nil {
			t.Errorf("%s %s: %v", p.FirstName, p.LastName, err)
		}
	}
	if msg := klusbuddy.PINProblem(demo.PIN); msg != "" {
		t.Errorf("demo PIN: %s", msg)
	}
	if msg := klusbuddy.PasswordProblem(demo.Password); msg != "" {
		t.Errorf("demo password: %s", msg)
	}
	if len(demo.Logins(d)) < 8 {
		t.Errorf("too few demo logins: %v", demo.Logins(d))
	}
}

// The history names only demo people, in their roles, never one person on two jobs of a day,
// with sheets in the states a past job leaves and feedback tags the database takes.
func TestHistoryIsConsistent(t *testing.T) {
	d := demo.Data()
	h := demo.History(d)
	role := map[string]klusbuddy.Role{}
	for _, p := range d.People {
		if p.Role == klusbuddy.RoleWorker || p.Role == klusbuddy.RoleBuddy {
			role[p.Phone] = p.Role
		} else {
			role[p.Email] = p.Role
		}
	}
	if len(h.Jobs) < 30 || len(h.Jobs) > 60 {
		t.Errorf("%d jobs", len(h.Jobs))
	}
	posterTags := []string{"on_time", "friendly", "good_work"}
	workerTags := []string{"friendly", "safe", "clear_instructions"}
	busy := map[string]int{} // person and day → job
	pending, noShows, late := 0, 0, 0
	for i, j := range h.Jobs {
		if role[j.Poster] != klusbuddy.RolePoster || j.DaysAgo < 1 || j.DaysAgo > demo.HistoryDays || len(j.Places) == 0 {
			t.Errorf("job %d: %+v", i, j)
		}
		if j.LateDropout != "" {
			late++
		}
		for _, pl := range j.Places {
			if role[pl.Worker] != klusbuddy.RoleWorker || (pl.Buddy != "" && role[pl.Buddy] != klusbuddy.RoleBuddy) {
				t.Errorf("job %d: place %+v", i, pl)
			}
			for _, who := range []string{pl.Worker, pl.Buddy} {
				key := fmt.Sprintf("%s@%d", who, j.DaysAgo)
				if prev, ok := busy[key]; who != "" && ok && prev != i {
					t.Errorf("%s on jobs %d and %d on one day", who, prev, i)
				}
				busy[key] = i
			}
			switch {
			case pl.NoShow:
				noShows++
			case pl.Sheet == klusbuddy.SheetConfirmed:
				pending++
			case !pl.Sheet.Final():
				t.Errorf("job %d: sheet %s", i, pl.Sheet)
			}
			for _, tag := range pl.Tags {
				if !slices.Contains(posterTags, tag) {
					t.Errorf("poster's tag %q", tag)
				}
			}
			for _, tag := range pl.FaceTags {
				if !slices.Contains(workerTags, tag) {
					t.Errorf("worker's tag %q", tag)
				}
			}
		}
	}
	if pending != 1 || noShows != 1 || late != 1 || len(h.Favourites) != 1 || h.WorkerRates["kompas-genk"] != demo.GenkWorkerRateCents || len(h.WorkerRates) != 1 {
		t.Errorf("%d pending, %d no-shows, %d late drop-outs, favourites %v, rates %v", pending, noShows, late, h.Favourites, h.WorkerRates)
	}
}
