package demo

import (
	"math/rand/v2"
	"slices"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// GenkWorkerRateCents is the hourly pay the demo gives Kompas Maatwerk Genk's workers: the
// wijk-werken allowance of € 4,10 an hour. De Schakel Hasselt sets none, so the demo shows both
// a worker's hours with an amount and without.
const GenkWorkerRateCents = 410

// HistoryDays is how far back the demo's history goes.
const HistoryDays = 60

// History is a past for the demo data d (Data()): about eight weeks of jobs posted by the demo
// posters and done by its workers (some with a buddy), with attendance, hours in their final
// states (mostly approved by the poster, some by Klusbuddy after the deadline, one disputed and
// decided by a coordinator, and one from yesterday still waiting for the household's
// approval), a no-show and a late drop-out, feedback both ways and a favourite. The demo logins
// (Logins) all find something: the company's last month holds several jobs whatever the day,
// the household has the hours to approve, both workers have hours (Genk's with pay). Every job
// lies in the past, so the workers' future stays free for new offers, and no worker comes near
// the hour caps.
func History(d klusbuddy.SeedData) *klusbuddy.SeedHistory {
	r := rand.New(rand.NewPCG(2026, 12))
	type person struct {
		login string
		org   string
		p     klusbuddy.Person
	}
	var posters []person
	workers, buddies := map[string][]person{}, map[string][]person{}
	for _, p := range d.People {
		switch {
		case p.Poster != nil:
			posters = append(posters, person{p.Email, Organisations[len(posters)%len(Organisations)].Slug, p})
		case p.Worker != nil:
			workers[p.OrganisationSlug] = append(workers[p.OrganisationSlug], person{p.Phone, p.OrganisationSlug, p})
		case p.Buddy != nil:
			buddies[p.OrganisationSlug] = append(buddies[p.OrganisationSlug], person{p.Phone, p.OrganisationSlug, p})
		}
	}
	h := &klusbuddy.SeedHistory{WorkerRates: map[string]int{"kompas-genk": GenkWorkerRateCents}}

	// Who works when: never two jobs of one person on one day.
	busy := map[string]bool{}
	free := func(login string, day int) bool { return !busy[login+"@"+string(rune('A'+day))] }
	book := func(login string, day int) { busy[login+"@"+string(rune('A'+day))] = true }
	// pick a worker of the organisation free that day, preferring one skilled in the category
	// and leaving the demo logins (the first of each organisation) and the no-show worker to
	// the jobs that name them.
	pick := func(org, cat string, day int) string {
		ws := workers[org][2:]
		for _, i := range r.Perm(len(ws)) {
			w := ws[i]
			if free(w.login, day) && slices.ContainsFunc(w.p.Worker.Skills, func(s klusbuddy.Skill) bool { return s.Category == cat }) {
				return w.login
			}
		}
		for _, i := range r.Perm(len(ws)) {
			if free(ws[i].login, day) {
				return ws[i].login
			}
		}
		return ""
	}
	yes, no := true, false
	good, ok := 1, 0
	minutes := func(booked int) int { // most work the booked time, some a quarter less or more
		return booked + 15*(r.IntN(3)-1)
	}
	add := func(j klusbuddy.SeedJob, org string) {
		for i := range j.Places {
			pl := &j.Places[i]
			if pl.Worker == "" {
				pl.Worker = pick(org, j.Category, j.DaysAgo)
			}
			book(pl.Worker, j.DaysAgo)
			if pl.Buddy != "" {
				book(pl.Buddy, j.DaysAgo)
			}
			if pl.Sheet == "" {
				pl.Sheet, pl.ApprovedBy = klusbuddy.SheetApproved, klusbuddy.RolePoster
			}
			if pl.Worked == 0 && !pl.NoShow {
				if j.Category == "flatpack" {
					pl.Worked = 2 + r.IntN(4)
				} else {
					pl.Worked = minutes(j.Minutes)
				}
			}
			// Feedback: most posters answer yes with a tag or two, most workers a face.
			if pl.Again == nil && !pl.NoShow && pl.Sheet.Final() && r.IntN(10) < 7 {
				pl.Again = &yes
				pl.Tags = [][]string{{"on_time", "friendly"}, {"good_work"}, {"friendly", "good_work"}, {"on_time"}}[r.IntN(4)]
			}
			if pl.Face == nil && !pl.NoShow && r.IntN(10) < 6 {
				if r.IntN(4) == 0 {
					pl.Face = &ok
				} else {
					pl.Face, pl.FaceTags = &good, [][]string{{"friendly"}, {"clear_instructions"}, {"friendly", "safe"}}[r.IntN(3)]
				}
			}
		}
		h.Jobs = append(h.Jobs, j)
	}

	company, household := posters[0], posters[Companies] // the demo logins (Logins)
	genkLogin, hasseltLogin := workers["kompas-genk"][0].login, workers["de-schakel-hasselt"][0].login
	noShowWorker := workers["kompas-genk"][1].login

	// The company: a job every five days, so that any last month holds several.
	companyWork := []struct{ cat, what string }{
		{"cleaning", "Bakkerij en winkel poetsen na sluiting"}, {"windows", "Etalageramen wassen"},
		{"cleaning", "Atelier en kleedkamers poetsen"}, {"flatpack", "Nieuwe rekken in de winkel monteren"},
	}
	for i, day := 0, 3; day <= 58; i, day = i+1, day+5 {
		w := companyWork[i%len(companyWork)]
		j := klusbuddy.SeedJob{Poster: company.login, Category: w.cat, Description: w.what, DaysAgo: day,
			StartMinute: []int{8 * 60, 13*60 + 30}[i%2], Minutes: []int{120, 180}[i%2]}
		pl := klusbuddy.SeedPlace{}
		if i%2 == 0 && free(genkLogin, day) {
			pl.Worker = genkLogin
		}
		if i%4 == 3 {
			pl.ApprovedBy = "" // Klusbuddy approved after the deadline
			pl.Sheet = klusbuddy.SheetApproved
		}
		j.Places = []klusbuddy.SeedPlace{pl}
		if i == 4 { // two workers on a bigger job
			j.Places = append(j.Places, klusbuddy.SeedPlace{})
		}
		add(j, company.org)
	}

	// The household: nearly every week the same worker, who became its favourite; yesterday
	// the Hasselt demo worker came, whose hours still wait for the household's approval. The
	// favourite goes alone and never works on Tuesdays: the household's new jobs on a Tuesday
	// (the browser tests') go to everyone at once, not to the favourite first.
	regular := ""
	for _, w := range workers["de-schakel-hasselt"][2:] {
		if w.p.Worker.BuddyNeed == klusbuddy.BuddyNever && !slices.ContainsFunc(w.p.Worker.Availability, func(s klusbuddy.WeeklySlot) bool { return s.Weekday == 2 }) {
			regular = w.login
			break
		}
	}
	for i, day := range []int{1, 8, 15, 22, 29, 36, 43} {
		cat := []string{"cleaning", "ironing", "cleaning", "garden"}[i%4]
		pl := klusbuddy.SeedPlace{Worker: regular}
		if day == 1 || day == 22 {
			pl.Worker = hasseltLogin
		}
		if day == 1 {
			pl.Sheet, pl.Worked = klusbuddy.SheetConfirmed, 120
		}
		add(klusbuddy.SeedJob{Poster: household.login, Category: cat, DaysAgo: day, StartMinute: 9*60 + 30, Minutes: 120,
			Description: map[string]string{"cleaning": "Keuken en badkamer poetsen", "ironing": "Strijkmand van de week", "garden": "Haag snoeien en bladeren ruimen"}[cat],
			Places:      []klusbuddy.SeedPlace{pl}}, household.org)
	}
	h.Favourites = append(h.Favourites, klusbuddy.SeedFavourite{Poster: household.login, Worker: regular, DaysAgo: 21})

	// The other posters, a job or two each; one with a dispute, one answered "no", one with a
	// no-show and one after a late drop-out (the same worker: their record shows it), a few
	// with a buddy.
	others := append(slices.Clone(posters[1:Companies]), posters[Companies+1:]...)
	descriptions := map[string]string{
		"cleaning": "Grote poetsbeurt", "flatpack": "Kast en bed monteren", "garden": "Gras maaien en onkruid wieden",
		"moving": "Dozen dragen bij de verhuis", "ironing": "Strijkwerk", "painting": "Slaapkamer schilderen",
		"windows": "Ramen binnen en buiten", "errands": "Wekelijkse boodschappen",
	}
	n := 0
	for round := 0; round < 2; round++ {
		for i, p := range others {
			if round == 1 && i%2 == 1 {
				continue
			}
			cat := Categories[r.IntN(len(Categories))].Slug
			day := 2 + r.IntN(HistoryDays-4)
			j := klusbuddy.SeedJob{Poster: p.login, Category: cat, Description: descriptions[cat], DaysAgo: day,
				StartMinute: []int{9 * 60, 10 * 60, 13 * 60, 14*60 + 30}[r.IntN(4)], Minutes: []int{90, 120, 150, 180}[r.IntN(4)]}
			pl := klusbuddy.SeedPlace{}
			switch n {
			case 0: // decided two days after the job: well before today
				day = max(day, 5)
				j.Category, j.Description, j.Minutes = "garden", descriptions["garden"], 180
				pl.Worked, pl.Sheet = 180, klusbuddy.SheetDecided
				pl.Dispute = "Ik was thuis: om 11 uur was het werk gedaan, geen 3 uur."
				pl.Decision = "Met beiden gebeld: 2,5 uur afgesproken."
			case 1:
				pl.Again, pl.Comment = &no, "Kwam een half uur te laat en liet de keuken vuil achter."
			case 2: // a no-show beside a worker who came
				pl.Worker = pick(p.org, cat, day)
				j.Places = append(j.Places, klusbuddy.SeedPlace{Worker: noShowWorker, NoShow: true})
			case 3:
				j.LateDropout = noShowWorker
			}
			// The demo workers do some of these too.
			if login := map[string]string{"kompas-genk": genkLogin, "de-schakel-hasselt": hasseltLogin}[p.org]; n > 3 && n%3 == 0 && free(login, day) {
				pl.Worker = login
			}
			if n%5 == 4 && day > klusbuddy.DefaultApprovalDays+2 { // Klusbuddy approved it after the deadline
				pl.ApprovedBy = ""
				pl.Sheet = klusbuddy.SheetApproved
			}
			if n%4 == 1 && len(buddies[p.org]) > 0 { // with a buddy
				for _, b := range buddies[p.org] {
					if free(b.login, day) {
						pl.Buddy = b.login
						break
					}
				}
			}
			if n == 3 || n == 2 {
				book(noShowWorker, day)
			}
			j.Places = append([]klusbuddy.SeedPlace{pl}, j.Places...)
			add(j, p.org)
			n++
		}
	}
	return h
}
