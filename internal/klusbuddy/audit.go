package klusbuddy

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"sync"
	"time"
)

// AuditEntry is one coordinator's or admin's action in the audit log: who (ActorID, ActorRole),
// when (At, the services' clock), in which organisation (OrganisationID, 0 for none: a category),
// what (Action, a short code such as "person.update") and on what (SubjectType, SubjectID), with
// Details (the changed fields before and after, the step taken, …). Details never hold secrets
// (PIN or password hashes, tokens) nor personal text (names, contact details, addresses), only
// ids, codes and numbers, so that erasing someone leaves the log as it is.
type AuditEntry struct {
	ID             int64          `json:"id"`
	At             time.Time      `json:"at"`
	ActorID        int64          `json:"actor_id"`
	ActorRole      Role           `json:"actor_role"`
	OrganisationID int64          `json:"organisation_id,omitempty"`
	Action         string         `json:"action"`
	SubjectType    string         `json:"subject_type"`
	SubjectID      int64          `json:"subject_id,omitempty"`
	Details        map[string]any `json:"details"`

	// For reading only, looked up when the log is read (never stored in it): the actor's and a
	// person subject's name as they are now (empty once erased), the organisation's name.
	ActorName        string `json:"-"`
	SubjectName      string `json:"-"`
	OrganisationName string `json:"-"`
}

// AuditFilter narrows the audit log. Zero values do not filter. Before pages backwards: only
// rows with a smaller id.
type AuditFilter struct {
	OrganisationID int64
	From, To       time.Time // [From, To)
	Action         string
	ActorID        int64
	SubjectType    string
	SubjectID      int64
	Before         int64
	Limit          int
}

// MaxAuditPage is the most rows one page of the audit log holds.
const MaxAuditPage = 200

// AuditService reads the audit log (it is written by the actions themselves).
type AuditService interface {
	AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// WriteAudit appends an entry for an action that changes nothing else (an export).
	WriteAudit(ctx context.Context, e AuditEntry) error
}

// PendingAudit is the audit entry of the action a request is doing. The HTTP layer starts it
// for every staff write; the store writes it in the transaction that makes the change (the
// first one that commits), and code on the way fills in what only it knows (the new subject's
// id, what changed).
type PendingAudit struct {
	mu      sync.Mutex
	entry   AuditEntry
	written bool
}

type auditKey struct{}

// WithAudit returns ctx carrying e, to be written by the action's transaction.
func WithAudit(ctx context.Context, e AuditEntry) (context.Context, *PendingAudit) {
	if e.Details == nil {
		e.Details = map[string]any{}
	}
	p := &PendingAudit{entry: e}
	return context.WithValue(ctx, auditKey{}, p), p
}

// AuditFrom returns the pending entry ctx carries; nil when there is none (every method on a
// nil *PendingAudit does nothing).
func AuditFrom(ctx context.Context) *PendingAudit {
	p, _ := ctx.Value(auditKey{}).(*PendingAudit)
	return p
}

// SetSubject names the subject (the id of what was just created) unless one is set.
func (p *PendingAudit) SetSubject(id int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.entry.SubjectID == 0 {
		p.entry.SubjectID = id
	}
}

// SetOrganisation names the organisation concerned unless one is set.
func (p *PendingAudit) SetOrganisation(id int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.entry.OrganisationID == 0 {
		p.entry.OrganisationID = id
	}
}

// Detail adds a detail (ids, codes, numbers: never personal text or secrets).
func (p *PendingAudit) Detail(key string, v any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.entry.Details[key] = v
}

// Take returns the entry to write, and false when there is none or it is written already.
// Done(true) marks it written once the transaction committed.
func (p *PendingAudit) Take() (AuditEntry, bool) {
	if p == nil {
		return AuditEntry{}, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.entry, !p.written
}

// Done records whether the entry Take gave is now in the log.
func (p *PendingAudit) Done(written bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.written = written
}

// Written reports whether the entry is in the log.
func (p *PendingAudit) Written() bool {
	if p == nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.written
}

// AuditChange is one changed field in an audit entry. Personal fields say only that they
// changed (Before and After left out).
type AuditChange struct {
	Field  string `json:"field"`
	Before any    `json:"before,omitempty"`
	After  any    `json:"after,omitempty"`
}

// personalFields are the profile fields whose values never enter the audit log.
var personalFields = map[string]bool{
	"first_name": true, "last_name": true, "email": true, "phone": true,
	"worker.home_point": true, "poster.company_name": true, "poster.vat_number": true, "poster.addresses": true,
	"pin_hash": true, "password_hash": true, "token": true,
}

// AuditDiff lists the fields whose JSON values differ between before and after (both structs
// or maps that marshal to JSON objects); nested objects one level deep are compared field by
// field ("worker.skills"). Personal fields are named without their values.
func AuditDiff(before, after any) []AuditChange {
	b, a := flatJSON(before), flatJSON(after)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	var out []AuditChange
	for _, k := range sortedKeys(keys) {
		if reflect.DeepEqual(b[k], a[k]) {
			continue
		}
		c := AuditChange{Field: k}
		if !personalFields[k] {
			c.Before, c.After = b[k], a[k]
		}
		out = append(out, c)
	}
	return out
}

func flatJSON(v any) map[string]any {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var top map[string]any
	if json.Unmarshal(raw, &top) != nil {
		return nil
	}
	out := map[string]any{}
	for k, v := range top {
		if m, ok := v.(map[string]any); ok {
			for k2, v2 := range m {
				out[k+"."+k2] = v2
			}
			continue
		}
		out[k] = v
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
