package postgres_test

import (
	"context"
	"errors"
	"maps"
	"regexp"
	"slices"
	"testing"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The schema itself refuses what must never be stored, whatever the Go code does.
func TestSchemaConstraints(t *testing.T) {
	_, sq := newDB(t)
	ctx := context.Background()
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := sq.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	mustExec(`INSERT INTO organisations (slug, name, municipality) VALUES ('org-a', 'Org A', 'Genk')`)
	mustExec(`INSERT INTO users (role, organisation_id, first_name, email) VALUES ('poster', NULL, 'Pia', 'pia@example.be')`)
	mustExec(`INSERT INTO users (role, organisation_id, first_name) VALUES ('worker', 1, 'Wim')`)

	rejected := []struct{ name, q string }{
		{"WorkerWithoutOrganisation", `INSERT INTO users (role, first_name) VALUES ('worker', 'X')`},
		{"PosterInOrganisation", `INSERT INTO users (role, organisation_id, first_name, email) VALUES ('poster', 1, 'X', 'x@example.be')`},
		{"PosterWithoutEmail", `INSERT INTO users (role, first_name) VALUES ('poster', 'X')`},
		{"DuplicateEmailAnyCase", `INSERT INTO users (role, first_name, email) VALUES ('admin', 'X', 'PIA@example.be')`},
		{"PhoneNotE164", `INSERT INTO users (role, organisation_id, first_name, phone) VALUES ('worker', 1, 'X', '0470 12 34 56')`},
		{"UnknownRole", `INSERT INTO users (role, first_name, email) VALUES ('boss', 'X', 'b@example.be')`},
		{"WorkerProfileForPoster", `INSERT INTO worker_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes) VALUES (1, '3600', 'Genk', 'bike', 20)`},
		{"UnknownPostcode", `INSERT INTO worker_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes) VALUES (2, '3601', 'Genk', 'bike', 20)`},
		{"TravelTooLong", `INSERT INTO worker_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes) VALUES (2, '3600', 'Genk', 'bike', 600)`},
		{"HalfAHomePoint", `INSERT INTO worker_profiles (user_id, postcode, municipality, home_lat, travel_mode, max_travel_minutes) VALUES (2, '3600', 'Genk', 50.9, 'bike', 20)`},
		{"CompanyWithoutVAT", `INSERT INTO poster_profiles (user_id, kind, company_name) VALUES (1, 'company', 'Firma')`},
		{"HouseholdWithVAT", `INSERT INTO poster_profiles (user_id, kind, vat_number) VALUES (1, 'household', 'BE0412345676')`},
		{"CategoryFreeOfCharge", `INSERT INTO categories (slug, icon, name_nl, name_fr, name_en, unit, unit_price_cents) VALUES ('x', 'broom', 'x', 'x', 'x', 'hour', 0)`},
		{"CategoryUnknownUnit", `INSERT INTO categories (slug, icon, name_nl, name_fr, name_en, unit, unit_price_cents) VALUES ('xy', 'broom', 'x', 'x', 'x', 'day', 100)`},
	}
	for _, tc := range rejected {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := sq.ExecContext(ctx, tc.q); err == nil {
				t.Fatalf("accepted: %s", tc.q)
			}
		})
	}
	t.Run("ValidWorkerProfile", func(t *testing.T) {
		mustExec(`INSERT INTO worker_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes) VALUES (2, '3600', 'Genk', 'bike', 20)`)
	})
}

// The kinds of event the schema accepts are klusbuddy.EventKinds, no more and no fewer: a kind
// added in Go without a migration, or the other way round, fails here rather than in a
// writer's transaction. Outcomes likewise.
func TestEventKindsAreTheSchemas(t *testing.T) {
	_, sq := newDB(t)
	check := func(list []string, constraints ...string) {
		want := map[string]bool{}
		for _, k := range list {
			want[k] = true
		}
		for _, constraint := range constraints {
			var def string
			if err := sq.Get(&def, `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = $1`, constraint); err != nil {
				t.Fatalf("%s: %v", constraint, err)
			}
			got := map[string]bool{}
			for _, m := range regexp.MustCompile(`'([a-z_]+)'`).FindAllStringSubmatch(def, -1) {
				got[m[1]] = true
			}
			if !maps.Equal(got, want) {
				t.Errorf("%s allows %v; Go has %v", constraint, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
		}
	}
	var kinds, outcomes []string
	for _, k := range klusbuddy.EventKinds() {
		kinds = append(kinds, string(k))
	}
	for _, o := range klusbuddy.Outcomes() {
		outcomes = append(outcomes, string(o))
	}
	check(kinds, "notifications_kind_check", "notification_queue_kind_check")
	check(outcomes, "outcomes_outcome_check")
}

// An erased profile or address keeps nothing personal, and only an erased one may lack what a
// live one needs (issue 10: erasure keeps these rows for the history they anchor).
func TestErasedRowsHoldNothingPersonal(t *testing.T) {
	_, db := newDB(t)
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO organisations (slug, name, municipality) VALUES ('org-a', 'Org A', 'Genk')`,
		`INSERT INTO users (id, role, first_name, email) OVERRIDING SYSTEM VALUE VALUES (1, 'poster', 'Pia', 'pia@example.be')`,
		`INSERT INTO users (id, role, organisation_id, first_name) OVERRIDING SYSTEM VALUE VALUES (2, 'worker', 1, 'Wim'), (3, 'buddy', 1, 'Bo')`,
		`INSERT INTO poster_profiles (user_id, kind, company_name, vat_number) VALUES (1, 'company', 'Firma', 'BE0412345676')`,
		`INSERT INTO poster_addresses (poster_id, label, street, postcode, municipality, lat, lon) VALUES (1, 'Thuis', 'Kerkstraat 1', '3600', 'Genk', 50.96, 5.50)`,
		`INSERT INTO worker_profiles (user_id, postcode, municipality, home_lat, home_lon, travel_mode, max_travel_minutes, spoken_languages)
		 VALUES (2, '3600', 'Genk', 50.96, 5.50, 'bike', 20, '{tr}')`,
		`INSERT INTO buddy_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes, spoken_languages) VALUES (3, '3600', 'Genk', 'car', 30, '{it}')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, tc := range []struct{ name, q string }{
		{"ErasedWorkerKeepsHomePoint", `UPDATE worker_profiles SET erased_at = now(), spoken_languages = '{}'`},
		{"ErasedWorkerKeepsLanguages", `UPDATE worker_profiles SET erased_at = now(), home_lat = NULL, home_lon = NULL`},
		{"ErasedBuddyKeepsLanguages", `UPDATE buddy_profiles SET erased_at = now()`},
		{"ErasedCompanyKeepsName", `UPDATE poster_profiles SET erased_at = now(), vat_number = NULL`},
		{"ErasedAddressKeepsStreet", `UPDATE poster_addresses SET erased_at = now(), label = ''`},
		{"LiveCompanyWithoutName", `UPDATE poster_profiles SET company_name = NULL, vat_number = NULL`},
		{"LiveAddressWithoutStreet", `UPDATE poster_addresses SET street = ''`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var pqErr *pq.Error
			if _, err := db.ExecContext(ctx, tc.q); !errors.As(err, &pqErr) || pqErr.Code != "23514" {
				t.Fatalf("%s: %v, want a check violation", tc.q, err)
			}
		})
	}
	t.Run("Erased", func(t *testing.T) {
		for _, q := range []string{
			`UPDATE worker_profiles SET erased_at = now(), home_lat = NULL, home_lon = NULL, spoken_languages = '{}'`,
			`UPDATE buddy_profiles SET erased_at = now(), spoken_languages = '{}'`,
			`UPDATE poster_profiles SET erased_at = now(), company_name = NULL, vat_number = NULL`,
			`UPDATE poster_addresses SET erased_at = now(), label = '', street = ''`,
		} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	})
}

// Every text column has a bound in the schema: a length CHECK, a pattern, or a fixed list of
// values; a new column without one fails here.
func TestEveryTextColumnIsBounded(t *testing.T) {
	_, sq := newDB(t)
	var unbounded []string
	const q = `
SELECT c.table_name || '.' || c.column_name
FROM information_schema.columns c
WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying') AND c.table_name NOT LIKE 'goose%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = (quote_ident(c.table_name))::regclass AND k.contype = 'c'
      AND pg_get_constraintdef(k.oid) ~ ('(char_length|length|octet_length)\(\(?' || c.column_name || '\M'
          || '|\m' || c.column_name || '\M\)? ~'
          || '|\(\(?' || c.column_name || '\M\)? = (ANY|''[^'']*''::text\))'))
ORDER BY 1`
	if err := sq.Select(&unbounded, q); err != nil {
		t.Fatal(err)
	}
	if len(unbounded) > 0 {
		t.Fatalf("text columns without a bound in the schema: %v", unbounded)
	}
}
