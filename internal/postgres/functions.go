package postgres

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/migrations"
)

// A stored function's live source is migrations/functions/<name>.sql: applied after the
// migrations, under their lock, so that a reader finds each function in one place, and a
// change to it is a change to that file (like a repeatable migration). The same step writes
// the Go list of job moves into job_state_transitions, which the database enforces.

// storedFunction is one file of migrations/functions.
type storedFunction struct {
	Name   string // the function's name, which is also the file's
	Body   string // the source between the $fn$ quotes, as pg_proc.prosrc keeps it
	Source string // the whole file, run to apply it
}

var functionHeader = regexp.MustCompile(`(?m)^CREATE OR REPLACE FUNCTION (\w+)\(`)

// storedFunctions reads migrations/functions.
func storedFunctions() ([]storedFunction, error) {
	files, err := fs.Glob(migrations.Functions, "functions/*.sql")
	if err != nil {
		return nil, err
	}
	var out []storedFunction
	for _, f := range files {
		b, err := fs.ReadFile(migrations.Functions, f)
		if err != nil {
			return nil, err
		}
		src := string(b)
		name := strings.TrimSuffix(strings.TrimPrefix(f, "functions/"), ".sql")
		m := functionHeader.FindStringSubmatch(src)
		if m == nil || m[1] != name {
			return nil, fmt.Errorf("%s must define the function %s (CREATE OR REPLACE FUNCTION %s(…))", f, name, name)
		}
		parts := strings.Split(src, "$fn$")
		if len(parts) < 3 {
			return nil, fmt.Errorf("%s: quote the function's body with $fn$", f)
		}
		out = append(out, storedFunction{Name: name, Body: parts[1], Source: src})
	}
	return out, nil
}

// applyFunctions creates or replaces every stored function and writes the list of job moves,
// in one transaction.
func applyFunctions(ctx context.Context, x *sqlx.DB) error {
	fns, err := storedFunctions()
	if err != nil {
		return err
	}
	tx, err := x.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, f := range fns {
		if _, err := tx.ExecContext(ctx, f.Source); err != nil {
			return fmt.Errorf("stored function %s: %w", f.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM job_state_transitions`); err != nil {
		return err
	}
	from, to := jobMoves()
	if _, err := tx.ExecContext(ctx, `INSERT INTO job_state_transitions (from_state, to_state) SELECT * FROM unnest($1::text[], $2::text[])`,
		textArray(from), textArray(to)); err != nil {
		return err
	}
	return tx.Commit()
}

// jobMoves is klusbuddy.JobTransitions as two columns.
func jobMoves() (from, to []string) {
	for _, m := range klusbuddy.JobTransitions() {
		from, to = append(from, string(m.From)), append(to, string(m.To))
	}
	return from, to
}

// StaleSchemaParts lists what in the database differs from this binary beyond the migrations:
// a stored function missing, different from its file or without a file (one a migration made
// that functions/ does not hold), and the list of job moves. Empty means current.
func (db *DB) StaleSchemaParts(ctx context.Context) ([]string, error) {
	fns, err := storedFunctions()
	if err != nil {
		return nil, err
	}
	var live []struct {
		Name string `db:"proname"`
		Src  string `db:"prosrc"`
	}
	const q = `SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname = current_schema() AND l.lanname IN ('plpgsql', 'sql')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`
	if err := db.x.SelectContext(ctx, &live, q); err != nil {
		return nil, mapError(err)
	}
	var stale []string
	want := map[string]string{}
	for _, f := range fns {
		want[f.Name] = f.Body
	}
	seen := map[string]bool{}
	for _, l := range live {
		body, ok := want[l.Name]
		switch {
		case !ok:
			stale = append(stale, "function "+l.Name+" has no file in migrations/functions")
		case l.Src != body:
			stale = append(stale, "function "+l.Name+" differs from migrations/functions/"+l.Name+".sql")
		}
		seen[l.Name] = true
	}
	for _, f := range fns {
		if !seen[f.Name] {
			stale = append(stale, "function "+f.Name+" is missing")
		}
	}
	var moves []string
	if err := db.x.SelectContext(ctx, &moves, `SELECT from_state || '>' || to_state FROM job_state_transitions ORDER BY 1`); err != nil {
		return nil, mapError(err)
	}
	from, to := jobMoves()
	var wantMoves []string
	for i := range from {
		wantMoves = append(wantMoves, from[i]+">"+to[i])
	}
	slices.Sort(wantMoves)
	if !slices.Equal(moves, wantMoves) {
		stale = append(stale, "job_state_transitions differs from klusbuddy.JobTransitions")
	}
	slices.Sort(stale)
	return stale, nil
}
