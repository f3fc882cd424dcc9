package klusbuddy

import (
	"context"
	"time"
)

// OfferState is where an offer stands.
type OfferState string

const (
	OfferPending   OfferState = "pending"
	OfferAccepted  OfferState = "accepted"
	OfferDeclined  OfferState = "declined"
	OfferExpired   OfferState = "expired"
	OfferTaken     OfferState = "taken"     // the places went to others first
	OfferWithdrawn OfferState = "withdrawn" // the job was cancelled
)

// DeclineReason is why a worker said no; coordinators see it.
type DeclineReason string

const (
	DeclineTooFar       DeclineReason = "too_far"
	DeclineNotAvailable DeclineReason = "not_available"
	DeclineNotThisWork  DeclineReason = "not_this_work"
	DeclineOther        DeclineReason = "other"
)

// Check returns a field error unless r is a known reason.
func (r DeclineReason) Check() error {
	if r.Valid() {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Some fields are not valid.",
		Fields: map[string]string{"reason": "Choose too_far, not_available, not_this_work or other."}}
}

// Valid reports whether r is a known reason ("" is allowed: the reason is optional).
func (r DeclineReason) Valid() bool {
	switch r {
	case "", DeclineTooFar, DeclineNotAvailable, DeclineNotThisWork, DeclineOther:
		return true
	}
	return false
}

// Offer is a job proposed to one worker, as the worker sees it: no exact address until they
// have the place, the municipality and their travel time instead.
type Offer struct {
	ID            int64
	JobID         int64
	Category      string
	Description   string
	Municipality  string
	Start, End    time.Time
	TravelMinutes float64
	NeedsBuddy    bool
	State         OfferState
	ExpiresAt     time.Time
	// PayCents is the worker's pay estimate: their organisation's hourly rate × the hours
	// offered (per-item jobs too: the hours of the window); nil when the organisation sets no
	// rate. Never the poster's price.
	PayCents *int
}

// BuddyState is where a worker's place stands with respect to a buddy.
type BuddyState string

const (
	NoBuddy        BuddyState = "none"      // the worker goes alone
	BuddySearching BuddyState = "searching" // the place is held while buddies are asked
	BuddyConfirmed BuddyState = "confirmed" // a buddy comes along
)

// Assignment is a worker's place on a job; they see the exact address.
type Assignment struct {
	ID         int64
	JobID      int64
	Place      int
	Job        Job
	Worker     int64
	BuddyState BuddyState
	BuddyName  string // the buddy's first name, once confirmed
	Created    time.Time
	OnTheDay
}

// BuddyRequest asks a buddy to accompany a worker on a job, as the buddy sees it: the
// municipality until they have said yes, the worker's first name.
type BuddyRequest struct {
	ID            int64
	JobID         int64
	AssignmentID  int64
	Category      string
	Description   string
	Municipality  string
	Start, End    time.Time
	TravelMinutes float64
	WorkerName    string
	State         OfferState
	ExpiresAt     time.Time
}

// Accompaniment is a job a buddy goes along on, with its exact address.
type Accompaniment struct {
	ID         int64 // the assignment's
	JobID      int64
	WorkerName string
	Job        Job
	OnTheDay
}

// BuddyService is the buddy's side: requests to accompany, and the jobs they go along on.
type BuddyService interface {
	MyBuddyRequests(ctx context.Context, actor Principal) ([]BuddyRequest, error)
	ConfirmBuddyRequest(ctx context.Context, actor Principal, requestID int64) (Accompaniment, error)
	DeclineBuddyRequest(ctx context.Context, actor Principal, requestID int64, reason DeclineReason) error
	MyAccompaniments(ctx context.Context, actor Principal) ([]Accompaniment, error)
	// BuddyDropOut leaves a worker without company; other buddies are asked at once.
	BuddyDropOut(ctx context.Context, actor Principal, assignmentID int64) (late bool, err error)
}

// OfferService is the worker's side of offers.
type OfferService interface {
	MyOffers(ctx context.Context, actor Principal) ([]Offer, error)
	Accept(ctx context.Context, actor Principal, offerID int64) (Assignment, error)
	Decline(ctx context.Context, actor Principal, offerID int64, reason DeclineReason) error
	MyAssignments(ctx context.Context, actor Principal) ([]Assignment, error)
	// DropOut takes the worker off a job they were booked on; the place is offered again.
	DropOut(ctx context.Context, actor Principal, jobID int64) (late bool, err error)
}

// StoredAnswer is the answer kept for a request made with an Idempotency-Key, with the
// fingerprint (SHA-256) of the request it answered.
type StoredAnswer struct {
	Status      int
	Body        []byte
	Fingerprint []byte
}
