package postgres_test

import (
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
