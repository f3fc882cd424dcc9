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

// Notification is one event in a person's outbox.
type Notification struct {
	ID        int64          `json:"id"`
	Kind      string         `json:"kind"`
	Data      map[string]any `json:"data"`
	CreatedAt time.Time      `json:"created_at"`
}

// Event is a notification with whom it is for: what real-time delivery routes.
type Event struct {
	Notification
	UserID int64
}

// OfferService is the worker's side of offers.
type OfferService interface {
	MyOffers(ctx context.Context, actor Principal) ([]Offer, error)
	Accept(ctx context.Context, actor Principal, offerID int64) (Assignment, error)
	Decline(ctx context.Context, actor Principal, offerID int64, reason DeclineReason) error
	MyAssignments(ctx context.Context, actor Principal) ([]Assignment, error)
	Notifications(ctx context.Context, actor Principal, after int64) ([]Notification, error)
	// DropOut takes the worker off a job they were booked on; the place is offered again.
	DropOut(ctx context.Context, actor Principal, jobID int64) (late bool, err error)
}

// Push is one Web Push message waiting to go to one device.
type Push struct {
	ID        int64
	Endpoint  string // the push service's URL for the device: a secret, never logged whole
	P256dh    string // the device's public key (base64url)
	Auth      string // the device's authentication secret (base64url)
	Topic     string // a newer push with the same topic replaces this one
	Urgency   string
	ExpiresAt time.Time // useless after this: the TTL
	Attempts  int       // including this one
	Payload   PushPayload
}

// PushPayload is what the service worker receives (encrypted), in the person's language.
type PushPayload struct {
	V            int        `json:"v"`
	ID           int64      `json:"id"` // the notification's id in the outbox
	Kind         string     `json:"kind"`
	Lang         string     `json:"lang"`
	Tag          string     `json:"tag"`
	OfferID      int64      `json:"offer_id"`
	JobID        int64      `json:"job_id"`
	RequestID    int64      `json:"request_id"`
	Category     string     `json:"category,omitempty"`
	Icon         string     `json:"icon,omitempty"`
	Municipality string     `json:"municipality,omitempty"`
	StartsAt     *time.Time `json:"starts_at,omitempty"`
	ExpiresAt    *time.Time `json:"expires_at,omitempty"`
}

// PushResult is what became of a push.
type PushResult int

const (
	PushSent    PushResult = iota // the push service took it
	PushRetry                     // try again at RetryAt (429, 5xx, network)
	PushGone                      // the subscription is gone (404, 410): forget it
	PushDropped                   // expired, refused for good, or out of attempts
)

// PushOutcome is the result of one attempt.
type PushOutcome struct {
	ID       int64
	Endpoint string // the endpoint it went to: a 404/410 ends that endpoint, not a newer one
	Result   PushResult
	Status   int // the push service's HTTP status, 0 without an answer
	RetryAt  time.Time
}

// PushSubscription is a device's Web Push subscription (PushSubscription.toJSON()).
type PushSubscription struct {
	Endpoint       string `json:"endpoint"`
	ExpirationTime *int64 `json:"expirationTime,omitempty"` // what browsers send; services ignore it
	Keys           struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
}
