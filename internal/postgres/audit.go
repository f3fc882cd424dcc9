package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// writeAudit appends e to the audit log inside tx, at the services' clock.
func (db *DB) writeAudit(ctx context.Context, tx *sqlx.Tx, e klusbuddy.AuditEntry) error {
	details, err := json.Marshal(e.Details)
	if err != nil {
		return err
	}
	const q = `INSERT INTO audit_log (at, actor_id, actor_role, organisation_id, action, subject_type, subject_id, details)
VALUES ($1, $2, $3, NULLIF($4, 0), $5, $6, NULLIF($7, 0), $8)`
	_, err = tx.ExecContext(ctx, q, db.now(), e.ActorID, e.ActorRole, e.OrganisationID, e.Action, e.SubjectType, e.SubjectID, details)
	return err
}

// WriteAudit appends e to the audit log on its own, for actions that change nothing in the
// database (an export).
func (db *DB) WriteAudit(ctx context.Context, e klusbuddy.AuditEntry) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error { return db.writeAudit(ctx, tx, e) })
}

// AuditLog returns the audit log's rows that f lets through, newest first.
func (db *DB) AuditLog(ctx context.Context, f klusbuddy.AuditFilter) ([]klusbuddy.AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > klusbuddy.MaxAuditPage {
		f.Limit = klusbuddy.MaxAuditPage
	}
	var from, to *time.Time
	if !f.From.IsZero() {
		from = &f.From
	}
	if !f.To.IsZero() {
		to = &f.To
	}
	const q = `
SELECT l.id, l.at, l.actor_id, l.actor_role, coalesce(l.organisation_id, 0) AS organisation_id, l.action, l.subject_type,
       coalesce(l.subject_id, 0) AS subject_id, l.details,
       CASE WHEN a.deleted_at IS NULL THEN trim(coalesce(a.first_name, '') || ' ' || coalesce(a.last_name, '')) ELSE '' END AS actor_name,
       CASE WHEN s.deleted_at IS NULL THEN trim(coalesce(s.first_name, '') || ' ' || coalesce(s.last_name, '')) ELSE '' END AS subject_name,
       coalesce(o.name, '') AS organisation_name
FROM audit_log l
LEFT JOIN users a ON a.id = l.actor_id
LEFT JOIN users s ON l.subject_type IN ('person', 'user') AND s.id = l.subject_id
LEFT JOIN organisations o ON o.id = l.organisation_id
WHERE ($1 = 0 OR l.organisation_id = $1)
  AND ($2::timestamptz IS NULL OR l.at >= $2) AND ($3::timestamptz IS NULL OR l.at < $3)
  AND ($4 = '' OR l.action = $4) AND ($5 = 0 OR l.actor_id = $5)
  AND ($6 = '' OR l.subject_type = $6) AND ($7 = 0 OR l.subject_id = $7)
  AND ($8 = 0 OR l.id < $8)
ORDER BY l.id DESC
LIMIT $9`
	var rows []struct {
		ID             int64          `db:"id"`
		At             time.Time      `db:"at"`
		ActorID        int64          `db:"actor_id"`
		ActorRole      klusbuddy.Role `db:"actor_role"`
		OrganisationID int64          `db:"organisation_id"`
		Action         string         `db:"action"`
		SubjectType    string         `db:"subject_type"`
		SubjectID      int64          `db:"subject_id"`
		Details        []byte         `db:"details"`
		ActorName      string         `db:"actor_name"`
		SubjectName    string         `db:"subject_name"`
		OrgName        string         `db:"organisation_name"`
	}
	if err := db.x.SelectContext(ctx, &rows, q, f.OrganisationID, from, to, f.Action, f.ActorID, f.SubjectType, f.SubjectID, f.Before, f.Limit); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.AuditEntry, len(rows))
	for i, r := range rows {
		e := klusbuddy.AuditEntry{ID: r.ID, At: r.At, ActorID: r.ActorID, ActorRole: r.ActorRole, OrganisationID: r.OrganisationID,
			Action: r.Action, SubjectType: r.SubjectType, SubjectID: r.SubjectID, ActorName: r.ActorName, SubjectName: r.SubjectName,
			OrganisationName: r.OrgName}
		if err := json.Unmarshal(r.Details, &e.Details); err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}
