package klusbuddy

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Feedback both ways after the job (issue 12): the poster answers per worker "Would you ask
// this person again?" with tags and a comment; the worker and the buddy answer about the job
// and its poster with three faces, tags and a comment. Target-group workers are never rated in
// public: comments and "no" answers are for the coordinator only; a worker never sees what a
// poster said about them, a poster never sees what workers said. A "no" is a signal to the
// coordinator, not a block ("never again" is separate).

// MaxFeedbackComment is the most characters a feedback comment may have.
const MaxFeedbackComment = 500

// Face is a worker's or buddy's answer about a job: bad, ok or good (stored -1, 0, 1).
type Face string

const (
	FaceBad  Face = "bad"
	FaceOK   Face = "ok"
	FaceGood Face = "good"
)

// Value is the face as stored: -1, 0 or 1.
func (f Face) Value() int {
	switch f {
	case FaceBad:
		return -1
	case FaceGood:
		return 1
	}
	return 0
}

// FaceOf is the face of a stored value.
func FaceOf(v int) Face {
	switch {
	case v < 0:
		return FaceBad
	case v > 0:
		return FaceGood
	}
	return FaceOK
}

// PosterFeedbackTags are the tags a poster may give a worker; JobFeedbackTags those a worker
// or buddy may give a job.
func PosterFeedbackTags() []string { return []string{"on_time", "friendly", "good_work"} }
func JobFeedbackTags() []string    { return []string{"friendly", "safe", "clear_instructions"} }

// PosterFeedbackInput is a poster's answer about one worker of their job, named by their
// place (posters do not see workers' ids).
type PosterFeedbackInput struct {
	Place   int
	Again   *bool
	Tags    []string
	Comment string
}

// JobFeedbackInput is a worker's or buddy's answer about a job.
type JobFeedbackInput struct {
	Face    Face
	Tags    []string
	Comment string
}

// checkTags records an error under "tags" for an unknown or repeated tag and returns the tags
// sorted, so that the same answer given twice compares equal.
func checkTags(fe FieldErrors, tags, allowed []string, unknown string) []string {
	out := []string{}
	for _, t := range tags {
		if !slices.Contains(allowed, t) {
			fe.Add("tags", unknown)
			continue
		}
		if slices.Contains(out, t) {
			fe.Add("tags", "Give each tag once.")
			continue
		}
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Check validates a poster's answer (before any query) and normalises its tags and comment.
func (in *PosterFeedbackInput) Check() error {
	fe := FieldErrors{}
	if in.Place < 1 || in.Place > 20 {
		fe.Add("place", "Say which place this is about.")
	}
	if in.Again == nil {
		fe.Add("again", "Answer yes or no.")
	}
	in.Tags = checkTags(fe, in.Tags, PosterFeedbackTags(), "Use only the tags on_time, friendly and good_work.")
	in.Comment = strings.TrimSpace(in.Comment)
	tooLong(fe, "comment", in.Comment, MaxFeedbackComment)
	return fe.Err()
}

// Check validates a worker's or buddy's answer (before any query) and normalises it.
func (in *JobFeedbackInput) Check() error {
	fe := FieldErrors{}
	switch in.Face {
	case FaceBad, FaceOK, FaceGood:
	default:
		fe.Add("face", "Choose bad, ok or good.")
	}
	in.Tags = checkTags(fe, in.Tags, JobFeedbackTags(), "Use only the tags friendly, safe and clear_instructions.")
	in.Comment = strings.TrimSpace(in.Comment)
	tooLong(fe, "comment", in.Comment, MaxFeedbackComment)
	return fe.Err()
}

// Feedback is one answer as stored: from a poster about a worker (Again set), or from a worker
// or buddy about a job and its poster (Face set).
type Feedback struct {
	ID        int64
	JobID     int64
	Place     int // the place of the worker it is from or about (0: none)
	Category  string
	JobStart  time.Time
	FromID    int64
	FromRole  Role
	FromName  string
	AboutID   int64 // the worker (a poster's answer) or the poster
	AboutName string
	// AboutFirstName is the worker's first name alone: what a poster may see of them.
	AboutFirstName string
	Again          *bool
	Face           *Face
	Tags           []string
	Comment        string
	At             time.Time
}

// ForPoster is the answer as its poster sees it: the worker by first name and place, never by
// id nor their last name's initial (AboutName is the coordinator's).
func (f Feedback) ForPoster() Feedback {
	f.AboutID, f.AboutName = 0, f.AboutFirstName
	return f
}

// SameAs reports whether an answer given again is the one stored: then it answers the stored
// one; a different one is a conflict (one answer per person per job per direction).
func (f Feedback) SameAs(again *bool, face *Face, tags []string, comment string) bool {
	eqBool := (f.Again == nil) == (again == nil) && (f.Again == nil || *f.Again == *again)
	eqFace := (f.Face == nil) == (face == nil) && (f.Face == nil || *f.Face == *face)
	return eqBool && eqFace && slices.Equal(f.Tags, tags) && f.Comment == comment
}

// FeedbackService is feedback after the job. Posters, workers and buddies give answers (and
// read back their own); coordinators read them for their own organisation's people.
type FeedbackService interface {
	GivePosterFeedback(ctx context.Context, actor Principal, jobID int64, in PosterFeedbackInput) (Feedback, error)
	PosterJobFeedback(ctx context.Context, actor Principal, jobID int64) ([]Feedback, error)
	GiveJobFeedback(ctx context.Context, actor Principal, ref Tap, in JobFeedbackInput) (Feedback, error)
	MyJobFeedback(ctx context.Context, actor Principal, ref Tap) (*Feedback, error)
	PersonFeedback(ctx context.Context, actor Principal, personID int64) (received, given []Feedback, err error)
	PosterFeedback(ctx context.Context, actor Principal, posterID int64) (received, given []Feedback, err error)
}
