package postgres

import "testing"

// Which texts go prepared: any with parameters (lib/pq prepares those anyway), and without
// parameters only a single plain query or data change.
func TestCacheable(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT 1":                             true,
		"\n  select\n1":                        true,
		"WITH x AS (SELECT 1) SELECT * FROM x": true,
		"DELETE FROM t":                        true,
		"VACUUM (TRUNCATE false) t":            false,
		"CREATE TABLE t (id int)":              false,
		"SELECT 1; SELECT 2":                   false,
		"LISTEN klusbuddy_queue":               false,
		"":                                     false,
	} {
		if got := cacheable(q, 0); got != want {
			t.Errorf("%q without parameters: %v, want %v", q, got, want)
		}
	}
	if !cacheable("VACUUM $1", 1) {
		t.Error("a text with parameters is prepared by lib/pq anyway")
	}
}
