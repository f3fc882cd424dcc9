// Package migrations holds the numbered SQL migrations of the Klusbuddy schema, embedded into the
// binary. Files are named NNNNN_what.sql and applied in order by goose (see internal/postgres).
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed *.sql
var FS embed.FS
