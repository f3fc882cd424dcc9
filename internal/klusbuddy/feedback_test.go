package klusbuddy_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	var e *klusbuddy.Error
	if !errors.As(err, &e) || e.Code != klusbuddy.EINVALID {
		t.Fatalf("want an invalid error, got %v", err)
	}
	return e.Fields
}

func TestPosterFeedbackCheck(t *testing.T) {
	yes := true
	in := klusbuddy.PosterFeedbackInput{Place: 1, Again: &yes, Tags: []string{"on_time", "friendly"}, Comment: "  Top!  "}
	if err := in.Check(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.Tags, []string{"friendly", "on_time"}) || in.Comment != "Top!" {
		t.Fatalf("normalised %+v", in)
	}
	bad := klusbuddy.PosterFeedbackInput{Place: 0, Tags: []string{"safe", "on_time", "on_time"}, Comment: strings.Repeat("x", 501)}
	f := fields(t, bad.Check())
	for _, k := range []string{"place", "again", "tags", "comment"} {
		if f[k] == "" {
			t.Errorf("no error for %s: %v", k, f)
		}
	}
	// A worker's tag is not a poster's.
	if f["tags"] != "Use only the tags on_time, friendly and good_work." {
		t.Errorf("tags: %q", f["tags"])
	}
}

func TestJobFeedbackCheck(t *testing.T) {
	for _, face := range []klusbuddy.Face{klusbuddy.FaceBad, klusbuddy.FaceOK, klusbuddy.FaceGood} {
		in := klusbuddy.JobFeedbackInput{Face: face, Tags: []string{"clear_instructions", "safe"}}
		if err := in.Check(); err != nil {
			t.Fatalf("%s: %v", face, err)
		}
		if klusbuddy.FaceOf(face.Value()) != face {
			t.Fatalf("%s does not survive storing as %d", face, face.Value())
		}
	}
	f := fields(t, (&klusbuddy.JobFeedbackInput{Face: "great", Tags: []string{"good_work"}}).Check())
	if f["face"] == "" || f["tags"] == "" {
		t.Fatalf("errors %v", f)
	}
}

func TestFeedbackSameAs(t *testing.T) {
	no, yes := false, true
	stored := klusbuddy.Feedback{Again: &no, Tags: []string{"on_time"}, Comment: "Te laat"}
	if !stored.SameAs(&no, nil, []string{"on_time"}, "Te laat") {
		t.Fatal("the same answer is not the same")
	}
	if stored.SameAs(&yes, nil, []string{"on_time"}, "Te laat") || stored.SameAs(&no, nil, []string{}, "Te laat") || stored.SameAs(&no, nil, []string{"on_time"}, "") {
		t.Fatal("another answer counts as the same")
	}
	good := klusbuddy.FaceGood
	if stored.SameAs(nil, &good, []string{"on_time"}, "Te laat") {
		t.Fatal("a face is not a yes/no")
	}
}
