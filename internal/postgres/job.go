package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

const jobColumns = `j.id, j.poster_id, c.slug AS category, j.description, lower(j.during) AS starts, upper(j.during) AS ends,
	j.workers_needed, j.level, j.buddy, j.language_hints, j.state, j.created_at,
	a.id AS address_id, a.label, a.street, a.postcode, a.municipality, a.lat, a.lon,
	coalesce((SELECT array_agg(u.first_name ORDER BY s.place) FROM assignments s JOIN users u ON u.id = s.worker_id
	          WHERE s.job_id = j.id), '{}') AS assigned,
	coalesce((SELECT array_agg(DISTINCT u.first_name) FROM assignments s JOIN users u ON u.id = s.buddy_id
	          WHERE s.job_id = j.id), '{}') AS buddies,
	(SELECT count(*) FROM assignments s WHERE s.job_id = j.id AND s.buddy_state = 'searching') AS awaiting_buddy,
	coalesce((SELECT jsonb_agg(jsonb_build_object('place', s.place, 'first_name', u.first_name, 'buddy_state', s.buddy_state,
	              'buddy_name', coalesce(b.first_name, ''), 'worker_id', s.worker_id,
	              'favourite', EXISTS (SELECT 1 FROM favourites f WHERE f.poster_id = j.poster_id AND f.worker_id = s.worker_id),
	              'status', CASE WHEN EXISTS (SELECT 1 FROM safety_reports r WHERE r.job_id = j.id AND r.person_id = s.worker_id) THEN 'left'
	                             WHEN t.out_at IS NOT NULL THEN 'done' WHEN t.in_at IS NOT NULL THEN 'arrived' ELSE 'booked' END) ORDER BY s.place)
	          FROM assignments s JOIN users u ON u.id = s.worker_id LEFT JOIN users b ON b.id = s.buddy_id
	          LEFT JOIN attendance t ON t.job_id = j.id AND t.person_id = s.worker_id WHERE s.job_id = j.id), '[]') AS places,
	j.unit, j.unit_price_cents, j.window_days, j.series_id`

type jobRow struct {
	ID            int64          `db:"id"`
	PosterID      int64          `db:"poster_id"`
	Category      string         `db:"category"`
	Description   string         `db:"description"`
	Starts        time.Time      `db:"starts"`
	Ends          time.Time      `db:"ends"`
	WorkersNeeded int            `db:"workers_needed"`
	Level         int            `db:"level"`
	Buddy         string         `db:"buddy"`
	LanguageHints pq.StringArray `db:"language_hints"`
	State         string         `db:"state"`
	CreatedAt     time.Time      `db:"created_at"`
	AddressID     int64          `db:"address_id"`
	Label         string         `db:"label"`
	Street        string         `db:"street"`
	Postcode      string         `db:"postcode"`
	Municipality  string         `db:"municipality"`
	Lat           float64        `db:"lat"`
	Lon           float64        `db:"lon"`
	Assigned      pq.StringArray `db:"assigned"`
	Buddies       pq.StringArray `db:"buddies"`
	AwaitingBuddy int            `db:"awaiting_buddy"`
	Places        []byte         `db:"places"`
	Unit          string         `db:"unit"`
	UnitPrice     int            `db:"unit_price_cents"`
	WindowDays    int            `db:"window_days"`
	SeriesID      sql.NullInt64  `db:"series_id"`
}

func (r jobRow) job() klusbuddy.Job {
	var places []klusbuddy.JobPlace
	json.Unmarshal(r.Places, &places) // built by the query itself
	return klusbuddy.Job{Places: places, WindowDays: r.WindowDays, SeriesID: r.SeriesID.Int64, ID: r.ID, PosterID: r.PosterID, Category: r.Category, Description: r.Description,
		Start: r.Starts, End: r.Ends, WorkersNeeded: r.WorkersNeeded, Level: r.Level, Buddy: klusbuddy.BuddyPolicy(r.Buddy),
		LanguageHints: []string(r.LanguageHints), State: klusbuddy.JobState(r.State), Assigned: []string(r.Assigned), CreatedAt: r.CreatedAt,
		Buddies: []string(r.Buddies), AwaitingBuddy: r.AwaitingBuddy, Unit: klusbuddy.Unit(r.Unit), UnitPrice: r.UnitPrice,
		Address: klusbuddy.Address{ID: r.AddressID, Label: r.Label, Street: r.Street, Postcode: r.Postcode, Municipality: r.Municipality, Lat: r.Lat, Lon: r.Lon}}
}

// CreateJob stores a poster's new job at one of their own addresses, and its first transition,
// and returns its id.
func (db *DB) CreateJob(ctx context.Context, posterID int64, n klusbuddy.NewJob) (int64, error) {
	// Without waking the sequencer: the job's only event, its note for the match board, goes
	// out with its first wave's, which the post sends at once (one pass of the sequencer
	// instead of two, each of which costs every instance an outbox read). Should the wave
	// fail, the sequencer's tick takes it.
	var id int64
	err := db.alone(ctx, false, func(q dbtx) error {
		var err error
		id, err = insertJob(ctx, q, posterID, n, 0, nil, db.now())
		return err
	})
	return id, err
}

// insertJob is CreateJob's insert, alone or within the caller's transaction: the job at the
// catalogue's price of now, in a series (seriesID > 0) and offered from offerFrom (nil: at once).
func insertJob(ctx context.Context, tx dbtx, posterID int64, n klusbuddy.NewJob, seriesID int64, offerFrom *time.Time, now time.Time) (int64, error) {
	// The job and its first move, in one statement.
	const q = `
WITH job AS (
    INSERT INTO jobs (poster_id, address_id, category_id, description, during, workers_needed, level, buddy, language_hints,
        unit, unit_price_cents, window_days, series_id, offer_from)
    SELECT $1, a.id, c.id, $4, tstzrange($5, $6), $7, $8, $9, $10, c.unit, c.unit_price_cents, $11, NULLIF($12, 0::bigint), $13
    FROM poster_addresses a, categories c
    WHERE a.id = $2 AND a.poster_id = $1 AND c.slug = $3 AND c.active
    RETURNING id),
moved AS (
    INSERT INTO job_transitions (job_id, to_state, actor_id, at) SELECT id, 'open', $1, $14 FROM job)
SELECT id FROM job`
	var id int64
	err := tx.QueryRowContext(ctx, q, posterID, n.AddressID, n.Category, n.Description, n.Start, n.End(), n.WorkersNeeded,
		n.Level, n.Buddy, textArray(n.LanguageHints), max(1, n.WindowDays), seriesID, offerFrom, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		fe := klusbuddy.FieldErrors{}
		var ok bool
		tx.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM poster_addresses WHERE id = $1 AND poster_id = $2)`, n.AddressID, posterID)
		if !ok {
			fe.Add("address_id", "Choose one of your addresses.")
		} else {
			fe.Add("category", "There is no such category.")
		}
		return 0, fe.Err()
	}
	return id, err
}

// Job returns one job; ENOTFOUND when there is none.
func (db *DB) Job(ctx context.Context, id int64) (klusbuddy.Job, error) {
	return getJob(ctx, db.x, id)
}

// getJob reads a job with db or within a transaction.
func getJob(ctx context.Context, q sqlx.QueryerContext, id int64) (klusbuddy.Job, error) {
	var r jobRow
	const sel = `SELECT ` + jobColumns + ` FROM jobs j JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id WHERE j.id = $1`
	if err := sqlx.GetContext(ctx, q, &r, sel, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Job{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
		}
		return klusbuddy.Job{}, mapError(err)
	}
	return r.job(), nil
}

// PosterJobs returns a poster's jobs, the next to start first.
func (db *DB) PosterJobs(ctx context.Context, posterID int64) ([]klusbuddy.Job, error) {
	var rows []jobRow
	q := `SELECT ` + jobColumns + ` FROM jobs j JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
WHERE j.poster_id = $1 ORDER BY lower(j.during), j.id LIMIT 500`
	if err := db.x.SelectContext(ctx, &rows, q, posterID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Job, len(rows))
	for i, r := range rows {
		out[i] = r.job()
	}
	return out, nil
}

// CancelJob moves a job to cancelled if its state allows, frees its workers and records who
// cancelled and whether it was late (within window of the start).
func (db *DB) CancelJob(ctx context.Context, id, actor int64, window time.Duration) (bool, error) {
	var late bool
	err := db.inTx(ctx, cancelJob(ctx, id, actor, klusbuddy.RolePoster, window, db.now(), &late))
	return late, err
}

// cancelJob is CancelJob's transaction, to run by itself or within a larger one (an erasure, a
// coordinator's outcome). A poster's late cancellation and a coordinator's are recorded as the
// job's outcome.
func cancelJob(ctx context.Context, id, actor int64, role klusbuddy.Role, window time.Duration, now time.Time, late *bool) func(tx *sqlx.Tx) error {
	return func(tx *sqlx.Tx) error {
		var state klusbuddy.JobState
		var start time.Time
		err := tx.QueryRowContext(ctx, `SELECT state, lower(during) FROM jobs WHERE id = $1 FOR UPDATE`, id).Scan(&state, &start)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
		}
		if err != nil {
			return err
		}
		if err := state.MoveTo(klusbuddy.JobCancelled); err != nil {
			return err // cancelled already, or past cancelling
		}
		*late = start.Sub(now) < window
		if err := moveJob(ctx, tx, id, klusbuddy.JobCancelled, actor, now, *late); err != nil {
			return err
		}
		switch {
		case role == klusbuddy.RoleCoordinator:
			err = recordOutcome(ctx, tx, id, 0, klusbuddy.OutcomeCancelledByCoordinator, actor, role, now)
		case *late:
			err = recordOutcome(ctx, tx, id, 0, klusbuddy.OutcomeCancelledLateByPoster, actor, role, now)
		}
		if err != nil {
			return err
		}
		if err := releaseBuddies(ctx, tx, id, 0, now); err != nil {
			return err
		}
		var told []int64
		if err := tx.SelectContext(ctx, &told, `DELETE FROM assignments WHERE job_id = $1 RETURNING worker_id`, id); err != nil {
			return err
		}
		for _, w := range told {
			if err := notify(ctx, tx, w, klusbuddy.EventJobStatus, map[string]any{"job_id": id, "state": "cancelled"}); err != nil {
				return err
			}
		}
		return closeOpenOffers(ctx, tx, id, klusbuddy.OfferWithdrawn, klusbuddy.EventOfferWithdrawn, now)
	}
}

// EditJob applies a poster's edit to a job, with the job locked so that accepts (and other
// edits) wait for it: check makes and judges the edit against the job as it stands and the
// number booked. A material change (time, place, work) withdraws the offers out and starts a
// new round in which everyone may be asked again; an unfilled job goes back to offering when
// it changes or gets more places, and is filled when its places come down to those booked. It
// reports whether a wave should go out now.
func (db *DB) EditJob(ctx context.Context, id, actor int64, check func(j klusbuddy.Job, booked int) (klusbuddy.Edit, error)) (bool, error) {
	var wave bool
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		state, _, taken, _, err := lockJob(ctx, tx, id)
		if err != nil {
			return err
		}
		cur, err := getJob(ctx, tx, id)
		if err != nil {
			return err
		}
		e, err := check(cur, taken)
		if err != nil {
			return err
		}
		n := e.Next
		const q = `
UPDATE jobs j SET category_id = c.id, address_id = a.id, description = $4, during = tstzrange($5, $6), workers_needed = $7,
    level = $8, buddy = $9, language_hints = $10, window_days = $11,
    unit = CASE WHEN c.id = j.category_id THEN j.unit ELSE c.unit END,
    unit_price_cents = CASE WHEN c.id = j.category_id THEN j.unit_price_cents ELSE c.unit_price_cents END
FROM poster_addresses a, categories c
WHERE j.id = $1 AND a.id = $2 AND a.poster_id = j.poster_id AND c.slug = $3 AND (c.active OR c.id = j.category_id)
RETURNING j.id`
		var got int64
		err = tx.QueryRowContext(ctx, q, id, n.AddressID, n.Category, n.Description, n.Start, n.End(), n.WorkersNeeded, n.Level, n.Buddy,
			textArray(n.LanguageHints), max(1, n.WindowDays)).Scan(&got)
		if errors.Is(err, sql.ErrNoRows) {
			if e.Changed["address_id"] {
				return klusbuddy.FieldErrors{"address_id": "Choose one of your addresses."}.Err()
			}
			return klusbuddy.FieldErrors{"category": "There is no such category."}.Err()
		}
		var pqErr *pq.Error
		if errors.As(err, &pqErr) && pqErr.Code == "23514" && e.Changed["workers_needed"] {
			// Places are numbered; after a drop-out a booked place can lie above the new number.
			return klusbuddy.FieldErrors{"workers_needed": "A booked place lies above this number; ask for more workers."}.Err()
		}
		if err != nil {
			return err
		}
		now := db.now()
		if e.Material() {
			wave = true
			if _, err := tx.ExecContext(ctx, `UPDATE jobs SET round = round + 1, terms_round = round + 1 WHERE id = $1`, id); err != nil {
				return err
			}
			if err := closeOpenOffers(ctx, tx, id, klusbuddy.OfferWithdrawn, klusbuddy.EventOfferWithdrawn, now); err != nil {
				return err
			}
			if state == klusbuddy.JobUnfilled {
				return moveJob(ctx, tx, id, klusbuddy.JobOffering, actor, now, false)
			}
			return nil
		}
		if state == klusbuddy.JobUnfilled && taken < n.WorkersNeeded && n.WorkersNeeded > cur.WorkersNeeded {
			wave = true // more places: ask again
			return moveJob(ctx, tx, id, klusbuddy.JobOffering, actor, now, false)
		}
		if state == klusbuddy.JobUnfilled && taken >= n.WorkersNeeded {
			var searching bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assignments WHERE job_id = $1 AND buddy_state = 'searching')`, id).Scan(&searching); err != nil || searching {
				return err
			}
			return moveJob(ctx, tx, id, klusbuddy.JobFilled, actor, now, false)
		}
		// Fewer places, down to those taken: the job may be filled now.
		return fillIfComplete(ctx, tx, id, state, n.WorkersNeeded, taken, now)
	})
	return wave, err
}

// Reoffer puts an unfilled job back to offering in a new round, for a coordinator stepping in:
// anyone may be asked again but those who said no to it as it stands.
func (db *DB) Reoffer(ctx context.Context, id, actor int64) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		state, needed, taken, _, err := lockJob(ctx, tx, id)
		if err != nil {
			return err
		}
		var started bool
		now := db.now()
		if err := tx.QueryRowContext(ctx, `SELECT lower(during) <= $2 FROM jobs WHERE id = $1`, id, now).Scan(&started); err != nil {
			return err
		}
		if state != klusbuddy.JobUnfilled || started || taken >= needed {
			return klusbuddy.Conflict("closed", "Only an unfilled job that has not started can be offered again.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE jobs SET round = round + 1 WHERE id = $1`, id); err != nil {
			return err
		}
		return moveJob(ctx, tx, id, klusbuddy.JobOffering, actor, now, false)
	})
}

// PosterJobRecords returns every job a poster posted, for their data export.
func (db *DB) PosterJobRecords(ctx context.Context, posterID int64) ([]klusbuddy.JobRecord, error) {
	var rows []struct {
		ID            int64          `db:"id"`
		Category      string         `db:"category"`
		Description   string         `db:"description"`
		AddressID     int64          `db:"address_id"`
		Starts        time.Time      `db:"starts"`
		Ends          time.Time      `db:"ends"`
		WindowDays    int            `db:"window_days"`
		WorkersNeeded int            `db:"workers_needed"`
		Level         int            `db:"level"`
		Buddy         string         `db:"buddy"`
		LanguageHints pq.StringArray `db:"language_hints"`
		State         string         `db:"state"`
		Unit          string         `db:"unit"`
		UnitPrice     int            `db:"unit_price_cents"`
		CreatedAt     time.Time      `db:"created_at"`
	}
	const q = `SELECT j.id, c.slug AS category, j.description, j.address_id, lower(j.during) AS starts, upper(j.during) AS ends,
       j.window_days, j.workers_needed, j.level, j.buddy, j.language_hints, j.state, j.unit, j.unit_price_cents, j.created_at
FROM jobs j JOIN categories c ON c.id = j.category_id WHERE j.poster_id = $1 ORDER BY j.id`
	if err := db.x.SelectContext(ctx, &rows, q, posterID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.JobRecord, len(rows))
	for i, r := range rows {
		hints := []string(r.LanguageHints)
		if hints == nil {
			hints = []string{}
		}
		out[i] = klusbuddy.JobRecord{ID: r.ID, Category: r.Category, Description: r.Description, AddressID: r.AddressID, Start: r.Starts,
			End: r.Ends, WindowDays: r.WindowDays, WorkersNeeded: r.WorkersNeeded, Level: r.Level, Buddy: klusbuddy.BuddyPolicy(r.Buddy),
			LanguageHints: hints, State: klusbuddy.JobState(r.State), Unit: klusbuddy.Unit(r.Unit), UnitPriceCents: r.UnitPrice, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// TransitionRecords returns every move of a job that a person made, for their data export.
func (db *DB) TransitionRecords(ctx context.Context, actorID int64) ([]klusbuddy.TransitionRecord, error) {
	var rows []struct {
		JobID int64     `db:"job_id"`
		From  *string   `db:"from_state"`
		To    string    `db:"to_state"`
		At    time.Time `db:"at"`
		Late  bool      `db:"late"`
	}
	const q = `SELECT job_id, from_state, to_state, at, late FROM job_transitions WHERE actor_id = $1 ORDER BY at, id`
	if err := db.x.SelectContext(ctx, &rows, q, actorID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.TransitionRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.TransitionRecord{JobID: r.JobID, To: klusbuddy.JobState(r.To), At: r.At, Late: r.Late}
		if r.From != nil {
			from := klusbuddy.JobState(*r.From)
			out[i].From = &from
		}
	}
	return out, nil
}
