package klusbuddy

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// What changed in a profile edit: the changed fields only, one level deep; a skill's
// verification shows before and after; personal fields are named without their values.
func TestAuditDiff(t *testing.T) {
	type person struct {
		FirstName string         `json:"first_name"`
		Phone     string         `json:"phone"`
		Language  Language       `json:"language"`
		Worker    *WorkerProfile `json:"worker"`
	}
	before := person{FirstName: "Ayşe", Phone: "+32470000001", Language: Dutch,
		Worker: &WorkerProfile{Postcode: "3600", MaxTravelMinutes: 20, Skills: []Skill{{Category: "cleaning", Level: 1}}, HomePoint: &Point{Lat: 50.9, Lon: 5.5}}}
	after := before
	w := *before.Worker
	w.Skills = []Skill{{Category: "cleaning", Level: 1, Verified: true}}
	w.HomePoint = &Point{Lat: 50.95, Lon: 5.51}
	after.Worker, after.Phone, after.FirstName = &w, "+32470000002", "Ayse"
	got := AuditDiff(before, after)
	var fields []string
	for _, c := range got {
		fields = append(fields, c.Field)
	}
	if strings.Join(fields, ",") != "first_name,phone,worker.home_point,worker.skills" {
		t.Fatalf("changed fields %v", fields)
	}
	b, _ := json.Marshal(got)
	for _, personal := range []string{"Ay", "+3247", "50.9"} {
		if strings.Contains(string(b), personal) {
			t.Errorf("the diff holds %q: %s", personal, b)
		}
	}
	if !strings.Contains(string(b), `"verified":false`) || !strings.Contains(string(b), `"verified":true`) {
		t.Errorf("the skill's verification: %s", b)
	}
}

// The pending entry: written once, nothing on a nil one.
func TestPendingAudit(t *testing.T) {
	var none *PendingAudit
	none.SetSubject(1)
	none.Detail("x", 1)
	if _, ok := none.Take(); ok || none.Written() {
		t.Fatal("a nil pending entry wants writing")
	}
	ctx, p := WithAudit(context.Background(), AuditEntry{Action: "person.create", SubjectType: "person"})
	if AuditFrom(ctx) != p {
		t.Fatal("the context does not carry the entry")
	}
	p.SetSubject(5)
	p.SetSubject(6) // the first subject stays
	e, ok := p.Take()
	if !ok || e.SubjectID != 5 {
		t.Fatalf("take: %+v %v", e, ok)
	}
	p.Done(true)
	if _, ok := p.Take(); ok || !p.Written() {
		t.Fatal("a written entry wants writing again")
	}
}
