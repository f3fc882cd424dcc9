package postgres

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Under the radar (issue 13, part 5): the rules of the follow-up list, computed from what
// happened with each organisation's thresholds, and the list's rows and actions.

// TouchActivity records that the person used the app at now, unless it was recorded less than
// window ago (the guard in SQL holds across instances). It reports whether it wrote.
func (db *DB) TouchActivity(ctx context.Context, userID int64, window time.Duration) (bool, error) {
	const q = `UPDATE users SET last_active_at = $2 WHERE id = $1 AND role IN ('worker', 'buddy')
AND (last_active_at IS NULL OR last_active_at <= $2::timestamptz - $3 * interval '1 second')`
	res, err := db.x.ExecContext(ctx, q, userID, db.now(), window.Seconds())
	if err != nil {
		return false, mapError(err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// followUpReasonsQuery computes every reason of the workers and buddies of organisation $1 (0:
// all), or of person $2 only (0: all), at time $3, counting no-shows and late drop-outs since
// $4. The latest 100 answers (offers and buddy requests the person accepted, declined or let
// expire; never those taken by others or withdrawn) give the run: the answers, newest first,
// alike to the newest.
const followUpReasonsQuery = `
WITH p AS (
    SELECT u.id, u.organisation_id AS org, u.activated_at, coalesce(u.last_active_at, u.activated_at) AS seen,
           g.follow_inactive_days AS inactive_days, g.follow_expired_in_row AS expired_n,
           g.follow_declines_in_row AS declines_n, g.follow_invite_days AS invite_days, g.follow_unseen_days AS unseen_days
    FROM users u JOIN organisations g ON g.id = u.organisation_id
    WHERE u.role IN ('worker', 'buddy') AND u.deleted_at IS NULL
      AND ($1::bigint = 0 OR u.organisation_id = $1) AND ($2::bigint = 0 OR u.id = $2)),
runs AS (
    SELECT p.id, r.state, r.n, r.last
    FROM p CROSS JOIN LATERAL (
        SELECT min(c.state) AS state, count(*) AS n, max(c.answered_at) AS last
        FROM (
            SELECT b.state, b.answered_at,
                   bool_and(b.state = b.head) OVER (ORDER BY b.answered_at DESC, b.k DESC ROWS UNBOUNDED PRECEDING) AS in_run
            FROM (
                SELECT a.state, a.answered_at, a.k, first_value(a.state) OVER (ORDER BY a.answered_at DESC, a.k DESC) AS head
                FROM (
                    (SELECT o.state, o.answered_at, o.id AS k FROM offers o
                     WHERE o.worker_id = p.id AND o.answered_at IS NOT NULL AND o.answered_at <= $3
                       AND o.state IN ('accepted', 'declined', 'expired')
                     UNION ALL
                     SELECT q.state, q.answered_at, -q.id FROM buddy_requests q
                     WHERE q.buddy_id = p.id AND q.answered_at IS NOT NULL AND q.answered_at <= $3
                       AND q.state IN ('accepted', 'declined', 'expired'))
                    ORDER BY 2 DESC LIMIT 100) a) b) c
        WHERE c.in_run) r
    WHERE r.n > 0)
SELECT p.id, p.org, 'offers_expired' AS code, r.last AS since, r.n::int AS n, 0::bigint AS job, 0 AS days
FROM p JOIN runs r ON r.id = p.id WHERE r.state = 'expired' AND r.n >= p.expired_n
UNION ALL
SELECT p.id, p.org, 'declines', r.last, r.n::int, 0, 0
FROM p JOIN runs r ON r.id = p.id WHERE r.state = 'declined' AND r.n >= p.declines_n
UNION ALL
SELECT p.id, p.org, 'inactive', p.seen + p.inactive_days * interval '1 day', 0, 0, p.inactive_days
FROM p WHERE p.activated_at IS NOT NULL AND p.seen + p.inactive_days * interval '1 day' <= $3
UNION ALL
SELECT p.id, p.org, 'notifications_off', p.seen + p.unseen_days * interval '1 day', 0, 0, p.unseen_days
FROM p WHERE p.activated_at IS NOT NULL AND p.seen + p.unseen_days * interval '1 day' <= $3
  AND NOT EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = p.id)
UNION ALL
SELECT p.id, p.org, 'invite_unused', i.created_at + p.invite_days * interval '1 day', 0, 0, p.invite_days
FROM p CROSS JOIN LATERAL (SELECT created_at, used_at FROM invites WHERE user_id = p.id AND revoked_at IS NULL AND created_at <= $3
                           ORDER BY created_at DESC, id DESC LIMIT 1) i
WHERE p.activated_at IS NULL AND i.used_at IS NULL AND i.created_at + p.invite_days * interval '1 day' <= $3
UNION ALL
SELECT p.id, p.org, 'no_show', max(o.at), count(*)::int, (array_agg(o.job_id ORDER BY o.at DESC, o.id DESC))[1], 0
FROM outcomes o JOIN assignments s ON s.job_id = o.job_id AND s.place = o.place
JOIN p ON p.id = CASE o.outcome WHEN 'worker_no_show' THEN s.worker_id ELSE s.buddy_id END
WHERE o.outcome IN ('worker_no_show', 'buddy_no_show') AND o.at > $4 AND o.at <= $3
  AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.job_id = o.job_id AND n.place = o.place AND n.id > o.id)
GROUP BY p.id, p.org
UNION ALL
SELECT p.id, p.org, 'late_dropout', max(d.at), count(*)::int, (array_agg(d.job_id ORDER BY d.at DESC, d.id DESC))[1], 0
FROM dropouts d JOIN p ON p.id = d.worker_id
WHERE d.late AND d.at > $4 AND d.at <= $3
GROUP BY p.id, p.org`

type personReasons struct {
	org     int64
	reasons []klusbuddy.FollowUpReason
}

// followUpReasons computes the reasons of an organisation's people (org 0: everyone's; person
// non-zero: theirs only), in the order klusbuddy.FollowUpReasonCodes gives.
func (db *DB) followUpReasons(ctx context.Context, q dbtx, org, person int64, now time.Time) (map[int64]*personReasons, error) {
	var rows []struct {
		ID    int64     `db:"id"`
		Org   int64     `db:"org"`
		Code  string    `db:"code"`
		Since time.Time `db:"since"`
		N     int       `db:"n"`
		Job   int64     `db:"job"`
		Days  int       `db:"days"`
	}
	if err := q.SelectContext(ctx, &rows, followUpReasonsQuery, org, person, now, now.Add(-klusbuddy.FollowUpLookback)); err != nil {
		return nil, mapError(err)
	}
	rank := map[klusbuddy.FollowUpReasonCode]int{}
	for i, c := range klusbuddy.FollowUpReasonCodes() {
		rank[c] = i
	}
	out := map[int64]*personReasons{}
	for _, r := range rows {
		pr := out[r.ID]
		if pr == nil {
			pr = &personReasons{org: r.Org}
			out[r.ID] = pr
		}
		pr.reasons = append(pr.reasons, klusbuddy.FollowUpReason{Code: klusbuddy.FollowUpReasonCode(r.Code), Since: r.Since,
			Count: r.N, JobID: r.Job, Days: r.Days})
	}
	for _, pr := range out {
		sort.Slice(pr.reasons, func(i, j int) bool { return rank[pr.reasons[i].Code] < rank[pr.reasons[j].Code] })
	}
	return out, nil
}

type followUpPlaceRow struct {
	PersonID   int64          `db:"person_id"`
	State      string         `db:"state"`
	EnteredAt  time.Time      `db:"entered_at"`
	Until      sql.NullString `db:"until"`
	ResolvedAt sql.NullTime   `db:"resolved_at"`
}

func (r followUpPlaceRow) place() klusbuddy.FollowUpPlace {
	return klusbuddy.FollowUpPlace{State: klusbuddy.FollowUpState(r.State), SnoozedUntil: r.Until.String, ResolvedAt: r.ResolvedAt.Time}
}

const followUpPlaceColumns = `person_id, state, entered_at, to_char(snoozed_until, 'YYYY-MM-DD') AS until, resolved_at`

// FollowUpList is the organisation's follow-up list on the Belgian day today: the people who
// show on it, the latest entered first.
func (db *DB) FollowUpList(ctx context.Context, org int64, today string) ([]klusbuddy.FollowUpPerson, error) {
	now := db.now()
	reasons, err := db.followUpReasons(ctx, db.x, org, 0, now)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(reasons))
	for id := range reasons {
		ids = append(ids, id)
	}
	var places []followUpPlaceRow
	if err := db.x.SelectContext(ctx, &places, `SELECT `+followUpPlaceColumns+` FROM follow_ups WHERE person_id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, mapError(err)
	}
	byID := map[int64]followUpPlaceRow{}
	for _, pl := range places {
		byID[pl.PersonID] = pl
	}
	var shown []int64
	for _, id := range ids {
		if byID[id].place().Shows(reasons[id].reasons, today) {
			shown = append(shown, id)
		}
	}
	var people []struct {
		ID        int64        `db:"id"`
		Role      string       `db:"role"`
		FirstName string       `db:"first_name"`
		LastName  string       `db:"last_name"`
		Phone     string       `db:"phone"`
		Active    sql.NullTime `db:"last_active_at"`
	}
	const q = `SELECT id, role, first_name, last_name, coalesce(phone, '') AS phone, last_active_at FROM users WHERE id = ANY($1)`
	if err := db.x.SelectContext(ctx, &people, q, pq.Array(shown)); err != nil {
		return nil, mapError(err)
	}
	latest, err := db.latestFollowUpActions(ctx, shown)
	if err != nil {
		return nil, err
	}
	out := make([]klusbuddy.FollowUpPerson, 0, len(people))
	for _, u := range people {
		pr, pl := reasons[u.ID], byID[u.ID]
		p := klusbuddy.FollowUpPerson{PersonID: u.ID, Role: klusbuddy.Role(u.Role), FirstName: u.FirstName, LastName: u.LastName,
			Phone: u.Phone, Reasons: pr.reasons, State: klusbuddy.FollowUpOpen, EnteredAt: klusbuddy.LatestSince(pr.reasons)}
		if u.Active.Valid {
			t := u.Active.Time
			p.LastActiveAt = &t
		}
		if pl.State == string(klusbuddy.FollowUpOpen) {
			p.EnteredAt = pl.EnteredAt
		}
		if a, ok := latest[u.ID]; ok {
			p.LatestAction = &a
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].EnteredAt.Equal(out[j].EnteredAt) {
			return out[i].EnteredAt.After(out[j].EnteredAt)
		}
		return out[i].PersonID < out[j].PersonID
	})
	return out, nil
}

const followUpActionSelect = `
SELECT a.id, a.person_id, a.kind, a.note, coalesce(to_char(a.snoozed_until, 'YYYY-MM-DD'), '') AS until,
       coalesce(a.by_user, 0) AS by_user, coalesce(b.first_name || ' ' || b.last_name, '') AS by_name, a.at
FROM follow_up_actions a LEFT JOIN users b ON b.id = a.by_user AND b.deleted_at IS NULL`

type followUpActionRow struct {
	ID       int64     `db:"id"`
	PersonID int64     `db:"person_id"`
	Kind     string    `db:"kind"`
	Note     string    `db:"note"`
	Until    string    `db:"until"`
	ByUser   int64     `db:"by_user"`
	ByName   string    `db:"by_name"`
	At       time.Time `db:"at"`
}

func (r followUpActionRow) action() klusbuddy.FollowUpAction {
	return klusbuddy.FollowUpAction{ID: r.ID, PersonID: r.PersonID, Kind: klusbuddy.FollowUpKind(r.Kind), Note: r.Note,
		SnoozedUntil: r.Until, ByID: r.ByUser, ByName: r.ByName, At: r.At}
}

func (db *DB) latestFollowUpActions(ctx context.Context, ids []int64) (map[int64]klusbuddy.FollowUpAction, error) {
	var rows []followUpActionRow
	q := followUpActionSelect + ` WHERE a.id IN (SELECT max(id) FROM follow_up_actions WHERE person_id = ANY($1) GROUP BY person_id)`
	if err := db.x.SelectContext(ctx, &rows, q, pq.Array(ids)); err != nil {
		return nil, mapError(err)
	}
	out := map[int64]klusbuddy.FollowUpAction{}
	for _, r := range rows {
		out[r.PersonID] = r.action()
	}
	return out, nil
}

// followUpPerson checks that person is a worker or buddy of org (ENOTFOUND otherwise).
func followUpPerson(ctx context.Context, q dbtx, org, person int64) error {
	var n int
	err := q.GetContext(ctx, &n, `SELECT count(*) FROM users WHERE id = $1 AND organisation_id = $2 AND role IN ('worker', 'buddy') AND deleted_at IS NULL`,
		person, org)
	if err == nil && n == 0 {
		return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person in your organisation.")
	}
	return err
}

// FollowUpAct records what a coordinator of org did about a person: a snooze puts them off the
// list until the day, a resolution until a new reason arises.
func (db *DB) FollowUpAct(ctx context.Context, org, by, person int64, in klusbuddy.FollowUpInput) (klusbuddy.FollowUpAction, error) {
	var out klusbuddy.FollowUpAction
	now := db.now()
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := followUpPerson(ctx, tx, org, person); err != nil {
			return err
		}
		var id int64
		if err := tx.GetContext(ctx, &id, `INSERT INTO follow_up_actions (person_id, organisation_id, kind, note, snoozed_until, by_user, at)
VALUES ($1, $2, $3, $4, NULLIF($5, '')::date, $6, $7) RETURNING id`, person, org, in.Kind, in.Note, in.Until, by, now); err != nil {
			return err
		}
		switch in.Kind {
		case klusbuddy.FollowUpSnooze:
			if _, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (person_id, organisation_id, state, entered_at, snoozed_until)
VALUES ($1, $2, 'snoozed', $3, $4::date)
ON CONFLICT (person_id) DO UPDATE SET state = 'snoozed', snoozed_until = excluded.snoozed_until, resolved_at = NULL`,
				person, org, now, in.Until); err != nil {
				return err
			}
		case klusbuddy.FollowUpResolve:
			if _, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (person_id, organisation_id, state, entered_at, resolved_at)
VALUES ($1, $2, 'resolved', $3, $3)
ON CONFLICT (person_id) DO UPDATE SET state = 'resolved', resolved_at = excluded.resolved_at, snoozed_until = NULL`,
				person, org, now); err != nil {
				return err
			}
		}
		var r followUpActionRow
		if err := tx.GetContext(ctx, &r, followUpActionSelect+` WHERE a.id = $1`, id); err != nil {
			return err
		}
		out = r.action()
		// The note is the coordinator's words about someone: it stays out of the log.
		a := klusbuddy.AuditFrom(ctx)
		a.SetSubject(person)
		a.Detail("kind", string(in.Kind))
		a.Detail("action_id", id)
		if in.Until != "" {
			a.Detail("until", in.Until)
		}
		return nil
	})
	return out, err
}

// FollowUpHistory is a person's place on the list, their reasons now and the actions taken
// about them, the latest first (at most 100).
func (db *DB) FollowUpHistory(ctx context.Context, org, person int64) (klusbuddy.FollowUpHistory, error) {
	var h klusbuddy.FollowUpHistory
	if err := followUpPerson(ctx, db.x, org, person); err != nil {
		return h, mapError(err)
	}
	reasons, err := db.followUpReasons(ctx, db.x, org, person, db.now())
	if err != nil {
		return h, err
	}
	if pr := reasons[person]; pr != nil {
		h.Reasons = pr.reasons
	}
	var pl followUpPlaceRow
	err = db.x.GetContext(ctx, &pl, `SELECT `+followUpPlaceColumns+` FROM follow_ups WHERE person_id = $1`, person)
	switch {
	case err == nil:
		h.State, h.SnoozedUntil = klusbuddy.FollowUpState(pl.State), pl.Until.String
		if pl.ResolvedAt.Valid {
			t := pl.ResolvedAt.Time
			h.ResolvedAt = &t
		}
	case !errors.Is(err, sql.ErrNoRows):
		return h, mapError(err)
	}
	var active sql.NullTime
	if err := db.x.GetContext(ctx, &active, `SELECT last_active_at FROM users WHERE id = $1`, person); err != nil {
		return h, mapError(err)
	}
	if active.Valid {
		t := active.Time
		h.LastActiveAt = &t
	}
	var rows []followUpActionRow
	if err := db.x.SelectContext(ctx, &rows, followUpActionSelect+` WHERE a.person_id = $1 ORDER BY a.id DESC LIMIT 100`, person); err != nil {
		return h, mapError(err)
	}
	h.Actions = make([]klusbuddy.FollowUpAction, len(rows))
	for i, r := range rows {
		h.Actions[i] = r.action()
	}
	return h, nil
}

// SweepFollowUps opens the row of everyone who enters the list on the Belgian day today (see
// klusbuddy.FollowUpPlace.Enters) and tells their organisation's coordinators, in one
// transaction; it forgets the open (and ended snoozed) rows of people without a reason, so
// that they enter again when one arises. Instances may sweep at once: the insert opens a row
// only when it is not open yet, under the row's lock, so one of them announces each entry. It
// returns the people who entered.
func (db *DB) SweepFollowUps(ctx context.Context, today string) ([]int64, error) {
	now := db.now()
	reasons, err := db.followUpReasons(ctx, db.x, 0, 0, now)
	if err != nil {
		return nil, err
	}
	var places []followUpPlaceRow
	if err := db.x.SelectContext(ctx, &places, `SELECT `+followUpPlaceColumns+` FROM follow_ups WHERE state <> 'open'`); err != nil {
		return nil, mapError(err)
	}
	byID := map[int64]followUpPlaceRow{}
	for _, pl := range places {
		byID[pl.PersonID] = pl
	}
	with := make([]int64, 0, len(reasons))
	var candidates []int64
	for id, pr := range reasons {
		with = append(with, id)
		pl, ok := byID[id]
		if !ok {
			pl.State = "" // no row, or an open one: the insert tells which
		}
		if pl.place().Enters(pr.reasons, today) {
			candidates = append(candidates, id)
		}
	}
	sort.Slice(candidates, func(i, j int) bool { return candidates[i] < candidates[j] }) // one lock order for every instance
	var entered []int64
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, id := range candidates {
			pr := reasons[id]
			codes := make([]string, len(pr.reasons))
			for i, r := range pr.reasons {
				codes[i] = string(r.Code)
			}
			var got int64
			err := tx.GetContext(ctx, &got, `
INSERT INTO follow_ups AS f (person_id, organisation_id, state, entered_at, reasons) VALUES ($1, $2, 'open', $3, $4)
ON CONFLICT (person_id) DO UPDATE SET state = 'open', entered_at = excluded.entered_at, reasons = excluded.reasons,
    snoozed_until = NULL, resolved_at = NULL
WHERE (f.state = 'snoozed' AND f.snoozed_until <= $5::date) OR (f.state = 'resolved' AND f.resolved_at < $6)
RETURNING person_id`, id, pr.org, now, pq.Array(codes), today, klusbuddy.LatestSince(pr.reasons))
			if errors.Is(err, sql.ErrNoRows) {
				continue // open already (another instance), or snoozed or resolved since
			}
			if err != nil {
				return err
			}
			var first string
			if err := tx.GetContext(ctx, &first, `SELECT first_name FROM users WHERE id = $1`, id); err != nil {
				return err
			}
			var coaches []int64
			if err := tx.SelectContext(ctx, &coaches, `SELECT id FROM users WHERE organisation_id = $1 AND role = 'coordinator' AND deleted_at IS NULL`,
				pr.org); err != nil {
				return err
			}
			for _, c := range coaches {
				if err := notify(ctx, tx, c, klusbuddy.EventFollowUp, map[string]any{"person_id": id, "first_name": first, "reasons": codes}); err != nil {
					return err
				}
			}
			entered = append(entered, id)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM follow_ups WHERE person_id <> ALL($1) AND entered_at < $2
AND (state = 'open' OR (state = 'snoozed' AND snoozed_until <= $3::date))`, pq.Array(with), now, today)
		return err
	})
	return entered, err
}
