package push

import (
	"context"
	"crypto/ecdh"
	"encoding/base64"
	"strings"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// SubscriptionStore keeps one subscription per signed-in device (postgres.DB).
type SubscriptionStore interface {
	SavePushSubscription(ctx context.Context, userID, sessionID int64, s klusbuddy.PushSubscription) error
	DeletePushSubscription(ctx context.Context, sessionID int64) (bool, error)
}

// Subscriptions is the API's side of Web Push: the public key, and each device's subscription.
type Subscriptions struct {
	store  SubscriptionStore
	hosts  []string
	public string
}

// NewSubscriptions accepts subscriptions on hosts (see AllowedEndpoint) for the VAPID public key.
func NewSubscriptions(store SubscriptionStore, public string, hosts []string) *Subscriptions {
	return &Subscriptions{store: store, hosts: hosts, public: public}
}

// PublicKey is the VAPID public key the browser subscribes with (applicationServerKey).
func (s *Subscriptions) PublicKey() string { return s.public }

// Subscribe stores the subscription of the caller's device, replacing the one it had.
func (s *Subscriptions) Subscribe(ctx context.Context, actor klusbuddy.Principal, sub klusbuddy.PushSubscription) error {
	fields := map[string]string{}
	if sub.Endpoint == "" || len(sub.Endpoint) > 2000 || !strings.HasPrefix(sub.Endpoint, "https://") {
		fields["endpoint"] = "Give the push service address the browser gave."
	} else if AllowedEndpoint(sub.Endpoint, s.hosts) != nil {
		fields["endpoint"] = "This push service is not one Klusbuddy sends to."
	}
	if b, err := decodeKey(sub.Keys.P256dh); err != nil || len(b) != 65 {
		fields["keys.p256dh"] = "Give the browser's public key for this subscription."
	} else if _, err := ecdh.P256().NewPublicKey(b); err != nil {
		fields["keys.p256dh"] = "Give the browser's public key for this subscription."
	}
	if b, err := decodeKey(sub.Keys.Auth); err != nil || len(b) != 16 {
		fields["keys.auth"] = "Give the browser's authentication secret for this subscription."
	}
	if len(fields) > 0 {
		return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.", Fields: fields}
	}
	// Stored as the push service will want them: unpadded base64url.
	sub.Keys.P256dh, sub.Keys.Auth = strings.TrimRight(sub.Keys.P256dh, "="), strings.TrimRight(sub.Keys.Auth, "=")
	return s.store.SavePushSubscription(ctx, actor.User.ID, actor.Session.ID, sub)
}

// Unsubscribe forgets the caller's device's subscription (done also when the session ends).
func (s *Subscriptions) Unsubscribe(ctx context.Context, actor klusbuddy.Principal) error {
	_, err := s.store.DeletePushSubscription(ctx, actor.Session.ID)
	return err
}

// decodeKey reads base64url with or without padding (browsers differ).
func decodeKey(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}
