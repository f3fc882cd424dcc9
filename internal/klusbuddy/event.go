package klusbuddy

import (
	"context"
	"time"
)

// EventKind names what happened, for the person an event is for. This is the one list: the
// database's CHECK on notifications.kind, the API description's Notification.kind and the
// PWA's types (generated from it) follow it, and tests fail when one of them drifts.
type EventKind string

const (
	EventOfferNew            EventKind = "offer_new"            // a job is offered to the worker
	EventOfferTaken          EventKind = "offer_taken"          // the places went to others first
	EventOfferExpired        EventKind = "offer_expired"        // the worker did not answer in time
	EventOfferWithdrawn      EventKind = "offer_withdrawn"      // the job was cancelled or changed
	EventAssignmentConfirmed EventKind = "assignment_confirmed" // the worker has the place
	EventJobStatus           EventKind = "job_status"           // the job moved (the poster's, or a booked worker's)
	EventCoordinatorAlert    EventKind = "coordinator_alert"    // a coach must step in
	EventBuddyRequest        EventKind = "buddy_request"        // a buddy is asked to go along
	EventBuddyRequestClosed  EventKind = "buddy_request_closed" // that request is no longer open
	EventBuddyConfirmed      EventKind = "buddy_confirmed"      // a buddy goes along
	EventBuddyMissing        EventKind = "buddy_missing"        // no buddy was found: the place is released
	EventBuddyDropout        EventKind = "buddy_dropout"        // the buddy dropped out
	EventReminder            EventKind = "reminder"             // a booked job comes soon (the evening before, and hours before)
	EventCheckinNudge        EventKind = "checkin_nudge"        // the job started and the worker has not checked in
	EventSafetyAlert         EventKind = "safety_alert"         // someone of the coach's organisation does not feel safe on a job
	EventHoursToConfirm      EventKind = "hours_to_confirm"     // hours were proposed at check-out: the worker (buddy) confirms them
	EventHoursToApprove      EventKind = "hours_to_approve"     // a worker confirmed hours: the poster (a buddy's: the coach) approves them
	EventHoursDisputed       EventKind = "hours_disputed"       // a poster disputed a worker's hours: their coach decides
	EventHoursApproved       EventKind = "hours_approved"       // the worker's (buddy's) hours are approved or decided
	EventFollowUp            EventKind = "follow_up"            // someone of the coach's organisation entered the follow-up list
	// A job on the coordinator's match board changed ({"job_id": n}): their open board loads it
	// again. Never a push, never a line in the app's list of news (LatestNotifications).
	EventBoardChanged EventKind = "board_changed"
)

// EventKinds lists every kind, in the order above.
func EventKinds() []EventKind {
	return []EventKind{EventOfferNew, EventOfferTaken, EventOfferExpired, EventOfferWithdrawn, EventAssignmentConfirmed,
		EventJobStatus, EventCoordinatorAlert, EventBuddyRequest, EventBuddyRequestClosed, EventBuddyConfirmed,
		EventBuddyMissing, EventBuddyDropout, EventReminder, EventCheckinNudge, EventSafetyAlert,
		EventHoursToConfirm, EventHoursToApprove, EventHoursDisputed, EventHoursApproved, EventFollowUp, EventBoardChanged}
}

// OpensPush reports whether an event of kind k goes to a closed app as a Web Push: something
// the person should answer (an offer, a request to go along, hours to confirm, approve or
// decide before Klusbuddy does it for them) or know on the day (a reminder, a nudge to check
// in, a colleague who does not feel safe).
func (k EventKind) OpensPush() bool {
	switch k {
	case EventOfferNew, EventBuddyRequest, EventReminder, EventCheckinNudge, EventSafetyAlert,
		EventHoursToConfirm, EventHoursToApprove, EventHoursDisputed:
		return true
	}
	return false
}

// DefaultPushTTL is how long the push of an event that names no expiry of its own stays useful
// (hours waiting for an answer): after a day the phone has been on, and the app's list keeps it.
const DefaultPushTTL = 24 * time.Hour

// PushUrgency is the urgency (RFC 8030) of the push an event of kind k opens: a reminder can
// wait for the phone to wake, and so can hours (days to answer); what must be answered or acted
// on now cannot.
func (k EventKind) PushUrgency() string {
	switch k {
	case EventReminder, EventHoursToConfirm, EventHoursToApprove, EventHoursDisputed:
		return "normal"
	}
	return "high"
}

// PushAtOnce reports whether the push of an event of kind k goes out without waiting for the
// open app to acknowledge the event, and stays when it does: a coach's board left open in an
// office must not silence the phone in their pocket when someone does not feel safe.
func (k EventKind) PushAtOnce() bool { return k == EventSafetyAlert }

// ClosesPush reports whether an event of kind k ends what an earlier push asked or announced:
// the push on the phone is replaced (a cancelled job's status replaces its reminder).
func (k EventKind) ClosesPush() bool {
	return k == EventOfferTaken || k == EventOfferExpired || k == EventOfferWithdrawn || k == EventBuddyRequestClosed ||
		k == EventJobStatus
}

// Notification is one event in a person's outbox.
type Notification struct {
	ID        int64          `json:"id"`
	Kind      EventKind      `json:"kind"`
	Data      map[string]any `json:"data"`
	CreatedAt time.Time      `json:"created_at"`
}

// Event is a notification with whom it is for: what real-time delivery routes.
type Event struct {
	Notification
	UserID int64
}

// NotificationService hands a person their events after the last id they saw (the app polls it
// when it cannot keep a WebSocket open), or their latest, for the app's list of what happened.
type NotificationService interface {
	Notifications(ctx context.Context, actor Principal, after int64) ([]Notification, error)
	LatestNotifications(ctx context.Context, actor Principal, n int) ([]Notification, error)
}

// MaxLatestNotifications is the most events the app's list asks for at once (the API
// description and the error message say 200 too).
const MaxLatestNotifications = 200
