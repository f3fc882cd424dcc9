package loadtest

import (
	"context"
	"encoding/pem"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/push/pushtest"
)

// PushResult is what the pushes step measured at the push service stand-in.
type PushResult struct {
	Load          Result
	Subscribed    int
	Pushes        int           // pushes the stand-in accepted (VAPID checked, payload decrypted)
	Refused       int           // pushes it refused (a bad signature or payload)
	Window        time.Duration // from the first push to the last
	PerSecond     float64       // Pushes over Window
	PeakPerSecond int           // the most in one second
}

func (r PushResult) String() string {
	return fmt.Sprintf("%s\n  pushes            %d to %d phones over %s: %.1f/s (peak %d in one second), refused %d",
		r.Load, r.Pushes, r.Subscribed, r.Window.Round(time.Millisecond), r.PerSecond, r.PeakPerSecond, r.Refused)
}

// Pushes gives `phones` workers a push subscription at a push service stand-in (in this
// process, on loopback over TLS, checking each VAPID signature and decrypting each payload, as
// internal/push's benchmark does), then runs l with nobody answering or acknowledging (phones in
// pockets), so that each offer also goes out as a Web Push after the instance's grace, and
// counts what arrives. The
// instances must trust the stand-in's certificate: certPath is where it is written, and the
// instances must have been started with SSL_CERT_FILE=certPath (Go reads it at the first TLS
// connection) and KLUSBUDDY_PUSH_HOSTS=127.0.0.1.
func (p *Population) Pushes(ctx context.Context, s *Sockets, phones int, l Load, certPath string, logf func(string, ...any)) (PushResult, error) {
	var key struct {
		PublicKey string `json:"public_key"`
	}
	if _, err := p.workers[0].c.do(ctx, "GET", "/api/v1/push/key", nil, &key); err != nil {
		return PushResult{}, fmt.Errorf("the push key: %w", err)
	}
	svc := pushtest.New(key.PublicKey)
	defer svc.Close()
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: svc.Certificate().Raw})
	if err := os.WriteFile(certPath, cert, 0o644); err != nil {
		return PushResult{}, err
	}
	phones = min(phones, len(p.workers))
	err := parallel(ctx, phones, 16, func(ctx context.Context, i int) error {
		_, err := p.workers[i].c.do(ctx, "PUT", "/api/v1/me/push-subscription", svc.Subscribe(), nil)
		return err
	})
	if err != nil {
		return PushResult{}, fmt.Errorf("subscribing: %w", err)
	}
	l.NoAck, l.NoAccept = true, true
	res := PushResult{Subscribed: phones, Load: p.Run(ctx, s, l, 77)}
	// The last pushes go out a grace after their events: wait until nothing new arrives for 5 s.
	last, since := -1, time.Now()
	for ctx.Err() == nil && time.Since(since) < 5*time.Second {
		if n := len(svc.Messages()); n != last {
			last, since = n, time.Now()
		}
		time.Sleep(100 * time.Millisecond) // polls the stand-in's count; moves no clock
	}
	msgs := svc.Messages()
	res.Pushes, res.Refused = len(msgs), len(svc.Refusals())
	if len(msgs) > 1 {
		at := make([]time.Time, len(msgs))
		for i, m := range msgs {
			at[i] = m.At
		}
		slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
		res.Window = at[len(at)-1].Sub(at[0])
		if res.Window > 0 {
			res.PerSecond = float64(len(at)) / res.Window.Seconds()
		}
		j := 0
		for i := range at {
			for at[i].Sub(at[j]) >= time.Second {
				j++
			}
			res.PeakPerSecond = max(res.PeakPerSecond, i-j+1)
		}
	}
	return res, nil
}
