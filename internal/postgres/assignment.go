package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Assign books a worker on a job in the lowest free place and returns its number. The database
// decides, whatever happens at once: a job whose places are all taken, or a worker already
// booked at an overlapping time, is ECONFLICT. Assigning the same worker twice returns their
// place again (accept is idempotent).
func (db *DB) Assign(ctx context.Context, jobID, workerID int64) (int, error) {
	const q = `
INSERT INTO assignments (job_id, workers_needed, place, worker_id, during)
SELECT j.id, j.workers_needed, free.place, $2, j.during
FROM jobs j
CROSS JOIN LATERAL (
    SELECT g AS place FROM generate_series(1, j.workers_needed) AS g
    WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.job_id = j.id AND a.place = g)
    ORDER BY g LIMIT 1) AS free
WHERE j.id = $1 AND j.state IN ('open', 'offering')
RETURNING place`
	// Two accepts may pick the same free place at once; the unique key lets one win and the
	// other tries the next place. A handful of rounds covers any realistic burst.
	for attempt := 0; attempt < 20; attempt++ {
		var place int
		err := db.QueryRowContext(ctx, q, jobID, workerID).Scan(&place)
		if err == nil {
			return place, nil
		}
		var pqErr *pq.Error
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if p, ok := db.assignedPlace(ctx, jobID, workerID); ok {
				return p, nil
			}
			return 0, klusbuddy.Conflict("taken", "All places of this job are taken.")
		case errors.As(err, &pqErr) && pqErr.Constraint == "assignments_job_id_place_key":
			continue
		case errors.As(err, &pqErr) && pqErr.Constraint == "assignments_job_id_worker_id_key":
			if p, ok := db.assignedPlace(ctx, jobID, workerID); ok {
				return p, nil
			}
			return 0, mapError(err)
		case errors.As(err, &pqErr) && pqErr.Constraint == "assignments_no_double_booking":
			return 0, klusbuddy.Conflict("booked", "You are already booked on another job at that time.")
		default:
			return 0, mapError(err)
		}
	}
	return 0, klusbuddy.Conflict("taken", "All places of this job are taken.")
}

func (db *DB) assignedPlace(ctx context.Context, jobID, workerID int64) (int, bool) {
	var place int
	err := db.QueryRowContext(ctx, `SELECT place FROM assignments WHERE job_id = $1 AND worker_id = $2`, jobID, workerID).Scan(&place)
	return place, err == nil
}
