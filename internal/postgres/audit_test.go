package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The audit log is append-only whoever asks: PostgreSQL itself refuses to change or remove a
// row, or to empty the table.
func TestAuditLogIsAppendOnly(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	e := klusbuddy.AuditEntry{ActorID: 7, ActorRole: klusbuddy.RoleCoordinator, OrganisationID: 3, Action: "person.update",
		SubjectType: "person", SubjectID: 9, Details: map[string]any{"changes": []any{}}}
	if err := db.WriteAudit(ctx, e); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE audit_log SET action = 'person.create'`,
		`UPDATE audit_log SET details = '{}'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
	} {
		var pqErr *pq.Error
		if _, err := sq.ExecContext(ctx, q); !errors.As(err, &pqErr) || pqErr.Code != "KB002" {
			t.Errorf("%s: %v, want the append-only refusal", q, err)
		}
	}
	got, err := db.AuditLog(ctx, klusbuddy.AuditFilter{OrganisationID: 3})
	if err != nil || len(got) != 1 || got[0].Action != "person.update" || got[0].SubjectID != 9 {
		t.Fatalf("after the refused changes: %+v, %v", got, err)
	}
}

// The entry a request carries is written with the change, and not when the change fails.
func TestAuditEntryGoesWithItsTransaction(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	e := klusbuddy.AuditEntry{ActorID: 1, ActorRole: klusbuddy.RoleAdmin, Action: "organisation.create", SubjectType: "organisation"}
	actx, pending := klusbuddy.WithAudit(ctx, e)
	o, err := db.CreateOrganisation(actx, klusbuddy.Organisation{Slug: "org-audit", Name: "Org Audit", Municipality: "Genk", MonthHourCap: 60, YearHourCap: 600})
	if err != nil || !pending.Written() {
		t.Fatalf("create: %v, written %v", err, pending.Written())
	}
	// The same slug again fails: no second row.
	actx2, pending2 := klusbuddy.WithAudit(ctx, e)
	if _, err := db.CreateOrganisation(actx2, klusbuddy.Organisation{Slug: "org-audit", Name: "Again", Municipality: "Genk", MonthHourCap: 60, YearHourCap: 600}); err == nil {
		t.Fatal("a taken slug was accepted")
	}
	if pending2.Written() {
		t.Fatal("a failed action was audited")
	}
	got, err := db.AuditLog(ctx, klusbuddy.AuditFilter{Action: "organisation.create"})
	if err != nil || len(got) != 1 || got[0].SubjectID != o.ID || got[0].OrganisationID != o.ID || got[0].ActorID != 1 {
		t.Fatalf("log: %+v, %v (org %d)", got, err, o.ID)
	}
}
