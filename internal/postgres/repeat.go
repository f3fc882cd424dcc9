package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// CreateSeries stores a poster's job once for each start, in one transaction with the series
// that holds them (every everyWeeks weeks until the date until): each occurrence is its own
// job at the catalogue's price of now, and each after the first is offered from the start of
// the one before it. It returns the first job.
func (db *DB) CreateSeries(ctx context.Context, posterID int64, n klusbuddy.NewJob, everyWeeks int, until string, starts []time.Time) (klusbuddy.Job, error) {
	var first int64
	now := db.now()
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var series int64
		const q = `INSERT INTO job_series (poster_id, every_weeks, until, created_at) VALUES ($1, $2, $3, $4) RETURNING id`
		if err := tx.QueryRowContext(ctx, q, posterID, everyWeeks, until, now).Scan(&series); err != nil {
			return err
		}
		for i, s := range starts {
			occ := n
			occ.Start = s
			var from *time.Time
			if i > 0 {
				from = &starts[i-1]
			}
			id, err := insertJob(ctx, tx, posterID, occ, series, from, now)
			if err != nil {
				return err
			}
			if i == 0 {
				first = id
			}
		}
		return nil
	})
	if err != nil {
		return klusbuddy.Job{}, err
	}
	return db.Job(ctx, first)
}

// Series returns a series with every occurrence, and its poster; ENOTFOUND when there is none.
func (db *DB) Series(ctx context.Context, id int64) (int64, klusbuddy.Series, error) {
	var poster int64
	s := klusbuddy.Series{ID: id}
	const q = `SELECT poster_id, every_weeks, to_char(until, 'YYYY-MM-DD'), cancelled_at IS NOT NULL FROM job_series WHERE id = $1`
	err := db.x.QueryRowContext(ctx, q, id).Scan(&poster, &s.EveryWeeks, &s.Until, &s.Cancelled)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, s, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such series.")
	}
	if err != nil {
		return 0, s, mapError(err)
	}
	var rows []struct {
		ID    int64     `db:"id"`
		Start time.Time `db:"starts"`
		State string    `db:"state"`
	}
	if err := db.x.SelectContext(ctx, &rows, `SELECT id, lower(during) AS starts, state FROM jobs WHERE series_id = $1 ORDER BY lower(during), id`, id); err != nil {
		return 0, s, mapError(err)
	}
	for _, r := range rows {
		s.Jobs = append(s.Jobs, klusbuddy.SeriesJob{JobID: r.ID, Start: r.Start, State: klusbuddy.JobState(r.State)})
	}
	return poster, s, nil
}

// CancelSeries cancels, in one transaction, every occurrence of actor's series that has not started
// and can still be cancelled, each as CancelJob would (late within window of its start, booked
// workers and buddies told, offers withdrawn), and marks the series cancelled. It returns the
// jobs cancelled, the first first.
func (db *DB) CancelSeries(ctx context.Context, seriesID, actor int64, window time.Duration) ([]int64, error) {
	var cancelled []int64
	now := db.now()
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		cancelled = nil
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE job_series SET cancelled_at = coalesce(cancelled_at, $2) WHERE id = $1 AND poster_id = $3 RETURNING id`,
			seriesID, now, actor).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such series.")
		}
		if err != nil {
			return err
		}
		var jobs []int64
		const q = `SELECT id FROM jobs WHERE series_id = $1 AND lower(during) > $2 AND state IN ('open', 'offering', 'filled', 'unfilled')
ORDER BY lower(during), id`
		if err := tx.SelectContext(ctx, &jobs, q, seriesID, now); err != nil {
			return err
		}
		for _, j := range jobs {
			var late bool
			err := cancelJob(ctx, j, actor, klusbuddy.RolePoster, window, now, &late)(tx)
			if klusbuddy.ErrorCode(err) == klusbuddy.ECONFLICT {
				continue // moved on meanwhile (started): it stays
			}
			if err != nil {
				return err
			}
			cancelled = append(cancelled, j)
		}
		return nil
	})
	return cancelled, err
}

// FavouritesFor returns whom a job goes to first, alone: its poster's favourites, and for an
// occurrence of a series whoever is booked on (or did) the latest occurrence before it that
// anyone is booked on. Blocked people are left out here as everywhere in matching.
func (db *DB) FavouritesFor(ctx context.Context, job klusbuddy.JobFacts) (map[int64]bool, error) {
	const q = `
SELECT f.worker_id FROM favourites f WHERE f.poster_id = $1
UNION
SELECT s.worker_id FROM assignments s
WHERE s.job_id = (SELECT p.id FROM jobs p WHERE $2 > 0 AND p.series_id = $2 AND lower(p.during) < $3 AND p.state <> 'cancelled'
                    AND EXISTS (SELECT 1 FROM assignments x WHERE x.job_id = p.id)
                  ORDER BY lower(p.during) DESC LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.poster_id = $1 AND b.person_id = s.worker_id)`
	var ids []int64
	if err := db.x.SelectContext(ctx, &ids, q, job.PosterID, job.SeriesID, job.Start); err != nil {
		return nil, mapError(err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// FavouriteRecords returns the workers a poster marked, for their data export.
func (db *DB) FavouriteRecords(ctx context.Context, posterID int64) ([]klusbuddy.FavouriteRecord, error) {
	fs, err := db.Favourites(ctx, posterID)
	out := make([]klusbuddy.FavouriteRecord, len(fs))
	for i, f := range fs {
		out[i] = klusbuddy.FavouriteRecord{WorkerID: f.WorkerID, Since: f.Since}
	}
	return out, err
}

// Favourites returns a poster's favourites by first name, the first marked first.
func (db *DB) Favourites(ctx context.Context, posterID int64) ([]klusbuddy.Favourite, error) {
	var rows []struct {
		ID    int64     `db:"worker_id"`
		Name  string    `db:"first_name"`
		Since time.Time `db:"created_at"`
	}
	const q = `SELECT f.worker_id, u.first_name, f.created_at FROM favourites f JOIN users u ON u.id = f.worker_id
WHERE f.poster_id = $1 AND u.deleted_at IS NULL ORDER BY f.created_at, f.worker_id`
	if err := db.x.SelectContext(ctx, &rows, q, posterID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Favourite, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.Favourite{WorkerID: r.ID, FirstName: r.Name, Since: r.Since}
	}
	return out, nil
}

// AddFavourite marks a worker who did a job for the poster (one that is done) as a favourite;
// marking again changes nothing. Anyone else is refused naming worker_id, and a worker
// blocked from the poster (either way) is a conflict.
func (db *DB) AddFavourite(ctx context.Context, posterID, workerID int64) (klusbuddy.Favourite, error) {
	const q = `
WITH ok AS (
    SELECT u.id, u.first_name FROM users u
    WHERE u.id = $2 AND u.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM assignments s JOIN jobs j ON j.id = s.job_id
                  WHERE s.worker_id = u.id AND j.poster_id = $1 AND j.state IN ('done', 'hours_confirmed'))),
blocked AS (SELECT EXISTS (SELECT 1 FROM blocks b WHERE b.poster_id = $1 AND b.person_id = $2) AS yes),
added AS (
    INSERT INTO favourites (poster_id, worker_id, created_at)
    SELECT $1, ok.id, $3 FROM ok, blocked WHERE NOT blocked.yes
    ON CONFLICT DO NOTHING RETURNING created_at)
SELECT ok.first_name, blocked.yes,
       coalesce((SELECT created_at FROM added), (SELECT created_at FROM favourites WHERE poster_id = $1 AND worker_id = $2), $3)
FROM ok, blocked`
	f := klusbuddy.Favourite{WorkerID: workerID}
	var blocked bool
	err := db.x.QueryRowContext(ctx, q, posterID, workerID, db.now()).Scan(&f.FirstName, &blocked, &f.Since)
	if errors.Is(err, sql.ErrNoRows) {
		return f, klusbuddy.FieldErrors{"worker_id": "Only someone who did a job for you can be a favourite."}.Err()
	}
	if err != nil {
		return f, mapError(err)
	}
	if blocked {
		return f, klusbuddy.Conflict("blocked", "You or this person asked never to work together again.")
	}
	return f, nil
}

// RemoveFavourite unmarks a worker; unmarking someone who is not a favourite changes nothing.
func (db *DB) RemoveFavourite(ctx context.Context, posterID, workerID int64) error {
	_, err := db.x.ExecContext(ctx, `DELETE FROM favourites WHERE poster_id = $1 AND worker_id = $2`, posterID, workerID)
	return mapError(err)
}
