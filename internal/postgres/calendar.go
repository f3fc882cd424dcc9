package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Calendar feeds (migration 00019): the token's hash per person, and the entries the triggers
// of functions/calendar_jobs.sql and functions/calendar_assignments.sql keep in step.

// CalendarFeed says whether a person has a feed and since when.
func (db *DB) CalendarFeed(ctx context.Context, userID int64) (klusbuddy.CalendarFeed, error) {
	var created time.Time
	err := db.x.GetContext(ctx, &created, `SELECT created_at FROM calendar_feeds WHERE user_id = $1`, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return klusbuddy.CalendarFeed{}, nil
	}
	if err != nil {
		return klusbuddy.CalendarFeed{}, mapError(err)
	}
	return klusbuddy.CalendarFeed{Exists: true, CreatedAt: &created}, nil
}

// SaveCalendarFeed gives a person a feed with the token of this hash, replacing the one they had.
func (db *DB) SaveCalendarFeed(ctx context.Context, userID int64, tokenHash []byte, at time.Time) error {
	const q = `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`
	_, err := db.x.ExecContext(ctx, q, userID, tokenHash, at)
	return mapError(err)
}

// DeleteCalendarFeed ends a person's feed.
func (db *DB) DeleteCalendarFeed(ctx context.Context, userID int64) error {
	_, err := db.x.ExecContext(ctx, `DELETE FROM calendar_feeds WHERE user_id = $1`, userID)
	return mapError(err)
}

// CalendarByToken reads the feed of a token: its owner and the jobs in their calendar that
// ended after since, soonest first.
func (db *DB) CalendarByToken(ctx context.Context, tokenHash []byte, since time.Time) (klusbuddy.Calendar, error) {
	var c klusbuddy.Calendar
	const qo = `SELECT u.id, u.role, u.language FROM calendar_feeds f JOIN users u ON u.id = f.user_id
WHERE f.token_hash = $1 AND u.deleted_at IS NULL`
	err := db.x.QueryRowContext(ctx, qo, tokenHash).Scan(&c.UserID, &c.Role, &c.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return c, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no calendar at this address; make a new link in the app.")
	}
	if err != nil {
		return c, mapError(err)
	}
	const q = `SELECT e.job_id, e.role, e.sequence, e.left_job, e.changed_at, lower(j.during), upper(j.during), j.state,
       coalesce(s.buddy_state, 'none'), c.name_nl, c.name_fr, c.name_en, c.name_tr, c.name_ar, a.street, a.postcode, a.municipality
FROM calendar_entries e
JOIN jobs j ON j.id = e.job_id
JOIN categories c ON c.id = j.category_id
JOIN poster_addresses a ON a.id = j.address_id
LEFT JOIN assignments s ON e.role = 'worker' AND s.job_id = e.job_id AND s.worker_id = e.user_id
WHERE e.user_id = $1 AND upper(j.during) > $2
ORDER BY lower(j.during), e.job_id`
	rows, err := db.x.QueryContext(ctx, q, c.UserID, since)
	if err != nil {
		return c, mapError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e klusbuddy.CalendarEntry
		if err := rows.Scan(&e.JobID, &e.Role, &e.Sequence, &e.Left, &e.Changed, &e.Start, &e.End, &e.State, &e.BuddyState,
			&e.Category.NL, &e.Category.FR, &e.Category.EN, &e.Category.TR, &e.Category.AR, &e.Street, &e.Postcode, &e.Municipality); err != nil {
			return c, mapError(err)
		}
		c.Entries = append(c.Entries, e)
	}
	return c, mapError(rows.Err())
}

// CalendarFeedRecord is whether a person has a calendar feed and since when, for their data
// export (the token itself is not kept).
func (db *DB) CalendarFeedRecord(ctx context.Context, userID int64) (map[string]any, error) {
	f, err := db.CalendarFeed(ctx, userID)
	if err != nil {
		return nil, err
	}
	return map[string]any{"exists": f.Exists, "created_at": f.CreatedAt}, nil
}
