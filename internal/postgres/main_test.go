package postgres_test

import (
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// newDB returns a fresh database, and a pool of the test's own for what it arranges or checks
// in SQL directly.
func newDB(t testing.TB) (*postgres.DB, *sqlx.DB) {
	db := pgtest.NewDB(t)
	return db, pgtest.SQL(t, db)
}
