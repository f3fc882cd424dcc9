package postgres_test

import (
	"context"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/demo"
)

func TestSeed(t *testing.T) {
	t.Run("DemoDataLoads", func(t *testing.T) {
		db, sq := newDB(t)
		ctx := context.Background()
		if empty, err := db.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("new database: empty=%v err=%v", empty, err)
		}
		if err := db.Seed(ctx, demo.Data()); err != nil {
			t.Fatal(err)
		}
		counts, err := db.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{
			"organisations": 2, "categories": len(demo.Categories), "admin": 1, "coordinator": 4,
			"worker": 2 * demo.WorkersPerOrganisation, "buddy": demo.Buddies, "poster": demo.Posters,
		}
		for k, n := range want {
			if counts[k] != n {
				t.Errorf("%s: %d, want %d", k, counts[k], n)
			}
		}
		if empty, _ := db.IsEmpty(ctx); empty {
			t.Fatal("seeded database reports empty")
		}
		cats, err := db.ListCategories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(cats) != len(demo.Categories) || cats[0].Slug != demo.Categories[0].Slug || cats[0].Names.FR == "" {
			t.Fatalf("categories = %+v", cats)
		}
		// Every poster address lies on the map, taken from the postcode table.
		var off int
		if err := sq.GetContext(ctx, &off, `SELECT count(*) FROM poster_addresses a LEFT JOIN postcodes p USING (postcode, municipality) WHERE p.lat IS NULL`); err != nil || off != 0 {
			t.Fatalf("addresses off the map: %d (%v)", off, err)
		}
	})

	t.Run("AllOrNothing", func(t *testing.T) {
		db, _ := newDB(t)
		ctx := context.Background()
		data := demo.Data()
		// The last poster lives at a postcode that does not exist: nothing may be left behind.
		last := &data.People[len(data.People)-1]
		last.Poster.Addresses[0].Postcode, last.Poster.Addresses[0].Municipality = "9999", "Nergens"
		if err := db.Seed(ctx, data); err == nil {
			t.Fatal("seed with an unknown postcode succeeded")
		}
		if empty, err := db.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("after a failed seed: empty=%v err=%v", empty, err)
		}
	})
}
