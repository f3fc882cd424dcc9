package httpapi

import (
	"context"
	"net/http"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// PushService is Web Push as the API offers it (push.Subscriptions).
type PushService interface {
	PublicKey() string
	Subscribe(ctx context.Context, actor klusbuddy.Principal, sub klusbuddy.PushSubscription) error
	Unsubscribe(ctx context.Context, actor klusbuddy.Principal) error
}

func (s *Server) pushAvailable(w http.ResponseWriter, r *http.Request) bool {
	if s.deps.Push == nil {
		writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EUNAVAILABLE, "Notifications on the phone are not available on this server."))
		return false
	}
	return true
}

// pushKey answers the VAPID public key the app subscribes with.
func (s *Server) pushKey(w http.ResponseWriter, r *http.Request) {
	if s.pushAvailable(w, r) {
		writeJSON(w, http.StatusOK, map[string]string{"public_key": s.deps.Push.PublicKey()})
	}
}

// savePushSubscription stores (or replaces) this device's subscription.
func (s *Server) savePushSubscription(w http.ResponseWriter, r *http.Request) {
	if !s.pushAvailable(w, r) {
		return
	}
	p, _ := principal(r.Context())
	var sub klusbuddy.PushSubscription
	if err := decodeJSON(r, &sub); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if err := s.deps.Push.Subscribe(r.Context(), p, sub); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// deletePushSubscription stops pushes to this device.
func (s *Server) deletePushSubscription(w http.ResponseWriter, r *http.Request) {
	if !s.pushAvailable(w, r) {
		return
	}
	p, _ := principal(r.Context())
	if err := s.deps.Push.Unsubscribe(r.Context(), p); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
