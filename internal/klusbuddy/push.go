package klusbuddy

import "time"

// Push is one Web Push message waiting to go to one device.
type Push struct {
	ID        int64
	Claim     int64  // the claim (batch) it was taken in: given back once all of them are recorded
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
	Kind         EventKind  `json:"kind"`
	Lang         string     `json:"lang"`
	Tag          string     `json:"tag"`
	OfferID      int64      `json:"offer_id"`
	JobID        int64      `json:"job_id"`
	RequestID    int64      `json:"request_id"`
	Category     string     `json:"category,omitempty"`
	Icon         string     `json:"icon,omitempty"`
	Municipality string     `json:"municipality,omitempty"`
	Person       string     `json:"person,omitempty"` // who does not feel safe (a safety alert, for their coach)
	Role         string     `json:"role,omitempty"`   // whose hours (worker, buddy): a poster approves a worker's, the coach a buddy's
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
