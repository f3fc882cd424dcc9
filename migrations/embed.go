// Package migrations holds the Klusbuddy schema, embedded into the binary: the numbered SQL
// migrations (NNNNN_what.sql, applied in order by goose) and, in functions/, the live source of
// every stored function, one file named after each, applied after the migrations (see
// internal/postgres).
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed *.sql
var FS embed.FS

// Functions holds functions/<name>.sql, the current source of each stored function.
//
//go:embed functions/*.sql
var Functions embed.FS
