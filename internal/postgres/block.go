package postgres

import (
	"github.com/jmoiron/sqlx"

	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// BlockFromJob records "never again" between a job's poster and a person who worked (or went
// along) on it or, for a coordinator, was offered it; by says who asked. The person is found
// by how the caller knows them: their place on the job (poster), themselves (worker or buddy),
// or their id within the coordinator's organisation. A repeated block changes nothing.
func (db *DB) BlockFromJob(ctx context.Context, jobID int64, by klusbuddy.Principal, place int, personID int64) error {
	var q string
	var args []any
	switch by.Role {
	case klusbuddy.RolePoster: // the worker at a place on one of their own jobs
		q = `SELECT j.poster_id, s.worker_id FROM jobs j JOIN assignments s ON s.job_id = j.id WHERE j.id = $1 AND j.poster_id = $2 AND s.place = $3`
		args = []any{jobID, by.ID, place}
	case klusbuddy.RoleWorker: // themselves, booked on the job
		q = `SELECT j.poster_id, s.worker_id FROM jobs j JOIN assignments s ON s.job_id = j.id WHERE j.id = $1 AND s.worker_id = $2`
		args = []any{jobID, by.ID}
	case klusbuddy.RoleBuddy: // themselves, going along on the job
		q = `SELECT j.poster_id, s.buddy_id FROM jobs j JOIN assignments s ON s.job_id = j.id WHERE j.id = $1 AND s.buddy_id = $2 LIMIT 1`
		args = []any{jobID, by.ID}
	case klusbuddy.RoleCoordinator: // one of their own people who was offered or booked on the job
		q = `SELECT j.poster_id, u.id FROM jobs j, users u WHERE j.id = $1 AND u.id = $2 AND u.organisation_id = $3
  AND (EXISTS (SELECT 1 FROM offers o WHERE o.job_id = j.id AND o.worker_id = u.id)
       OR EXISTS (SELECT 1 FROM assignments s WHERE s.job_id = j.id AND (s.worker_id = u.id OR s.buddy_id = u.id))
       OR EXISTS (SELECT 1 FROM buddy_requests r WHERE r.job_id = j.id AND r.buddy_id = u.id))`
		args = []any{jobID, personID, by.OrganisationID}
	default:
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Admins do not block people from posters.")
	}
	var poster, person int64
	if err := db.x.QueryRowContext(ctx, q, args...).Scan(&poster, &person); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person on this job.")
		}
		return mapError(err)
	}
	// "Never again" ends "graag opnieuw": the block and the favourite go together.
	_, err := db.x.ExecContext(ctx, `WITH unfavoured AS (DELETE FROM favourites WHERE poster_id = $1 AND worker_id = $2)
INSERT INTO blocks (poster_id, person_id, by_role, by_user, job_id) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING`, poster, person, by.Role, by.ID, jobID)
	return mapError(err)
}

// PersonBlocks returns a person's blocks, the newest first.
func (db *DB) PersonBlocks(ctx context.Context, personID int64) ([]klusbuddy.Block, error) {
	var rows []struct {
		PosterID     int64     `db:"poster_id"`
		Name         string    `db:"name"`
		Municipality string    `db:"municipality"`
		By           string    `db:"by_role"`
		JobID        *int64    `db:"job_id"`
		Created      time.Time `db:"created_at"`
	}
	const q = `SELECT b.poster_id, coalesce(p.company_name, u.first_name || coalesce(' ' || left(nullif(u.last_name, ''), 1) || '.', '')) AS name,
       coalesce((SELECT a.municipality FROM poster_addresses a WHERE a.poster_id = b.poster_id ORDER BY a.id LIMIT 1), '') AS municipality,
       b.by_role, b.job_id, b.created_at
FROM blocks b JOIN poster_profiles p ON p.user_id = b.poster_id JOIN users u ON u.id = b.poster_id
WHERE b.person_id = $1 ORDER BY b.created_at DESC`
	if err := db.x.SelectContext(ctx, &rows, q, personID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Block, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.Block{PosterID: r.PosterID, PosterName: r.Name, Municipality: r.Municipality, By: klusbuddy.Role(r.By),
			JobID: r.JobID, Created: r.Created}
	}
	return out, nil
}

// Unblock lifts a block between a person and a poster.
func (db *DB) Unblock(ctx context.Context, personID, posterID int64) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM blocks WHERE person_id = $1 AND poster_id = $2`, personID, posterID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such block.")
		}
		return nil
	})
}

// BlockRecords returns the blocks a poster, worker or buddy is part of, whoever asked, for their
// data export.
func (db *DB) BlockRecords(ctx context.Context, userID int64) ([]klusbuddy.BlockRecord, error) {
	var rows []struct {
		PosterID  int64     `db:"poster_id"`
		PersonID  int64     `db:"person_id"`
		By        string    `db:"by_role"`
		ByYou     bool      `db:"by_you"`
		JobID     *int64    `db:"job_id"`
		CreatedAt time.Time `db:"created_at"`
	}
	const q = `SELECT poster_id, person_id, by_role, coalesce(by_user = $1, false) AS by_you, job_id, created_at
FROM blocks WHERE poster_id = $1 OR person_id = $1 ORDER BY created_at, poster_id, person_id`
	if err := db.x.SelectContext(ctx, &rows, q, userID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.BlockRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.BlockRecord{PosterID: r.PosterID, PersonID: r.PersonID, By: klusbuddy.Role(r.By), ByYou: r.ByYou, JobID: r.JobID,
			CreatedAt: r.CreatedAt}
	}
	return out, nil
}
