package dispatch_test

import (
	"context"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/dispatch"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The shared pool (issue 10): a job belongs to the organisation based in its municipality. A
// job of an organisation that does not share its pool is offered only to that organisation's
// workers and buddies; its people are offered no job of another such organisation, and the
// jobs of organisations that share their pool, and platform jobs, as before.
func TestSharedPool(t *testing.T) {
	db, _, poster, genkAddress := setup(t)
	ctx := context.Background()
	// Everyone can clean on Tuesdays and reach the whole demo area by car, buddies too, so that
	// only the pool decides who is asked; a wave asks everyone left (twenty per place).
	for _, q := range []string{
		`INSERT INTO worker_skills (worker_id, category_id, level) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning'), 1
		 FROM worker_profiles ON CONFLICT DO NOTHING`,
		`INSERT INTO buddy_categories (buddy_id, category_id) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning')
		 FROM buddy_profiles ON CONFLICT DO NOTHING`,
		`DELETE FROM availability WHERE weekday = 2`,
		`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, 2, time '08:00', time '17:00' FROM worker_profiles
		 UNION ALL SELECT user_id, 2, time '08:00', time '17:00' FROM buddy_profiles`,
		`UPDATE worker_profiles SET travel_mode = 'car', max_travel_minutes = 60`,
		`UPDATE buddy_profiles SET travel_mode = 'car', max_travel_minutes = 60`,
	} {
		db.MustExec(q)
	}
	d := dispatch.New(db, nil, brussels, dispatch.Settings{OfferTTL: 10 * time.Minute, WaveFactor: 20})
	var genk, hasselt int64
	if err := db.QueryRow(`SELECT (SELECT id FROM organisations WHERE slug = 'kompas-genk'), (SELECT id FROM organisations WHERE slug = 'de-schakel-hasselt')`).
		Scan(&genk, &hasselt); err != nil {
		t.Fatal(err)
	}
	address := func(postcode, municipality string) int64 {
		a, err := db.AddAddress(ctx, poster, klusbuddy.Address{Street: "Kerkstraat 1", Postcode: postcode, Municipality: municipality})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	kuringen, zonhoven := address("3511", "Kuringen"), address("3520", "Zonhoven") // part of Hasselt; no organisation
	shared := func(org int64, yes bool) {
		db.MustExec(`UPDATE organisations SET shared_pool = $2 WHERE id = $1`, org, yes)
	}
	// offered posts a job at an address, sends its first wave and counts the people asked by
	// their organisation.
	offered := func(address int64) map[int64]int {
		t.Helper()
		job := post(t, db, poster, address, "cleaning", 2)
		if n, err := d.Wave(ctx, job); err != nil || n == 0 {
			t.Fatalf("wave: %d offers, %v", n, err)
		}
		return byOrganisation(t, db, `SELECT u.organisation_id, count(*) FROM offers o JOIN users u ON u.id = o.worker_id
WHERE o.job_id = $1 GROUP BY 1`, job)
	}
	// buddiesAsked posts a job on which a buddy must come, lets the best worker accept it and
	// counts the buddies asked by their organisation.
	buddiesAsked := func(address int64) (workers, buddies map[int64]int) {
		t.Helper()
		job := postWith(t, db, poster, address, "cleaning", 1, klusbuddy.BuddyRequired)
		if n, err := d.Wave(ctx, job); err != nil || n == 0 {
			t.Fatalf("wave: %d offers, %v", n, err)
		}
		var o struct {
			ID     int64 `db:"id"`
			Worker int64 `db:"worker_id"`
		}
		if err := db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC LIMIT 1`, job); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Accept(ctx, worker(o.Worker), o.ID); err != nil {
			t.Fatal(err)
		}
		workers = byOrganisation(t, db, `SELECT u.organisation_id, count(*) FROM offers o JOIN users u ON u.id = o.worker_id
WHERE o.job_id = $1 GROUP BY 1`, job)
		buddies = byOrganisation(t, db, `SELECT u.organisation_id, count(*) FROM buddy_requests r JOIN users u ON u.id = r.buddy_id
WHERE r.job_id = $1 GROUP BY 1`, job)
		return workers, buddies
	}

	t.Run("AJobBelongsToTheOrganisationOfItsMunicipality", func(t *testing.T) {
		// A newer organisation in Genk too: Genk's jobs stay with the older one.
		db.MustExec(`INSERT INTO organisations (slug, name, municipality) VALUES ('genk-twee', 'Genk Twee', 'Genk')`)
		for _, tc := range []struct {
			address int64
			want    int64 // 0: a platform job
		}{{genkAddress, genk}, {kuringen, hasselt}, {zonhoven, 0}} {
			job := post(t, db, poster, tc.address, "cleaning", 1)
			var got int64
			if err := db.Get(&got, `SELECT coalesce(organisation_id, 0) FROM jobs WHERE id = $1`, job); err != nil || got != tc.want {
				t.Errorf("job at address %d belongs to organisation %d, want %d (%v)", tc.address, got, tc.want, err)
			}
		}
		// A job its poster moves to another address follows it.
		job := post(t, db, poster, genkAddress, "cleaning", 1)
		if _, err := db.EditJob(ctx, job, poster, func(j klusbuddy.Job, booked int) (klusbuddy.Edit, error) {
			next := j.Draft()
			next.AddressID = kuringen
			return klusbuddy.CheckEdit(j, next, booked, time.Now())
		}); err != nil {
			t.Fatal(err)
		}
		var got int64
		if err := db.Get(&got, `SELECT coalesce(organisation_id, 0) FROM jobs WHERE id = $1`, job); err != nil || got != hasselt {
			t.Errorf("job moved to Kuringen belongs to organisation %d, want %d (%v)", got, hasselt, err)
		}
	})
	t.Run("SharedJobsGoToEveryone", func(t *testing.T) {
		if orgs := offered(genkAddress); orgs[genk] == 0 || orgs[hasselt] == 0 {
			t.Fatalf("offers by organisation %v: both organisations' workers can do it", orgs)
		}
		if _, buddies := buddiesAsked(genkAddress); buddies[genk] == 0 || buddies[hasselt] == 0 {
			t.Fatalf("buddy requests by organisation %v: both organisations' buddies can go along", buddies)
		}
	})
	t.Run("AnUnsharedOrganisationsJobsGoOnlyToItsOwnPeople", func(t *testing.T) {
		shared(genk, false)
		defer shared(genk, true)
		if orgs := offered(genkAddress); orgs[genk] == 0 || len(orgs) != 1 {
			t.Fatalf("offers by organisation %v, want only %d's", orgs, genk)
		}
		workers, buddies := buddiesAsked(genkAddress)
		if workers[genk] == 0 || len(workers) != 1 || buddies[genk] == 0 || len(buddies) != 1 {
			t.Fatalf("offers %v and buddy requests %v by organisation, want only %d's", workers, buddies, genk)
		}
	})
	t.Run("ItsPeopleGetNoOtherUnsharedOrganisationsJobsButSharedOnes", func(t *testing.T) {
		shared(genk, false)
		shared(hasselt, false)
		defer shared(genk, true)
		defer shared(hasselt, true)
		if orgs := offered(kuringen); orgs[genk] != 0 || orgs[hasselt] == 0 {
			t.Fatalf("offers by organisation %v for a job of %d, which keeps its pool", orgs, hasselt)
		}
		if orgs := offered(zonhoven); orgs[genk] == 0 || orgs[hasselt] == 0 {
			t.Fatalf("offers by organisation %v for a platform job: everyone", orgs)
		}
		shared(hasselt, true)
		if orgs := offered(kuringen); orgs[genk] == 0 || orgs[hasselt] == 0 {
			t.Fatalf("offers by organisation %v for a job of %d, which shares its pool", orgs, hasselt)
		}
	})
}

// byOrganisation runs a query of (organisation, count) rows into a map.
func byOrganisation(t *testing.T, db interface {
	Select(dest any, query string, args ...any) error
}, q string, args ...any) map[int64]int {
	t.Helper()
	var rows []struct {
		Org int64 `db:"organisation_id"`
		N   int   `db:"count"`
	}
	if err := db.Select(&rows, q, args...); err != nil {
		t.Fatal(err)
	}
	out := map[int64]int{}
	for _, r := range rows {
		out[r.Org] = r.N
	}
	return out
}
