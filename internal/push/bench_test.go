package push_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
	"github.com/klusbuddy/klusbuddy/internal/push"
	"github.com/klusbuddy/klusbuddy/internal/push/pushtest"
)

// BenchmarkSender: b.N pushes through one sender (32 in flight) to the stand-in, which checks
// every VAPID JWT and decrypts every payload in this same process. Baseline in the same run:
// as many plain 4 KB POSTs through the same client and concurrency to a path that checks
// nothing (what the transport alone allows).
//
//	go run ./cmd/pgtmp -- go test -run '^$' -bench BenchmarkSender -benchtime 5000x ./internal/push
func BenchmarkSender(b *testing.B) {
	db := pgtest.NewDB(b)
	sq := pgtest.SQL(b, db)
	ctx := context.Background()
	pub, priv, _ := push.GenerateKeys()
	svc := pushtest.New(pub)
	defer svc.Close()
	const devices = 200
	for i := range devices {
		var user, session int64
		sq.Get(&user, `INSERT INTO users (role, first_name, email) VALUES ('poster', 'P', $1) RETURNING id`, fmt.Sprintf("p%d@example.be", i))
		sq.Get(&session, `INSERT INTO sessions (user_id, token_hash, csrf_token, expires_at)
			VALUES ($1, sha256($2::bytea), repeat('c', 32), now() + interval '1 day') RETURNING id`, user, fmt.Sprint(i))
		if err := db.SavePushSubscription(ctx, user, session, svc.Subscribe()); err != nil {
			b.Fatal(err)
		}
		sq.MustExec(`INSERT INTO notifications (user_id, kind, data) VALUES ($1, 'offer_new', '{"offer_id": 1, "job_id": 1}')`, user)
	}
	sq.MustExec(`INSERT INTO push_outbox (subscription_id, user_id, notification_id, topic, urgency, expires_at)
SELECT s.id, s.user_id, n.id, 'offer-' || g, 'high', now() + interval '1 hour'
FROM generate_series(1, $1) g
JOIN push_subscriptions s ON s.id = (SELECT min(id) FROM push_subscriptions) + g % $2
JOIN notifications n ON n.user_id = s.user_id`, b.N, devices)

	sender := push.NewSender(db, push.Keys{Public: pub, Private: priv, Subject: "mailto:ops@klusbuddy.be"}, nil, push.Settings{Client: svc.Client()})
	b.ResetTimer()
	start := time.Now()
	for {
		n, err := sender.Flush(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	if got := len(svc.Messages()); got != b.N {
		b.Fatalf("%d of %d pushes arrived (refused: %v)", got, b.N, svc.Refusals())
	}

	// The baseline: the same number of bare POSTs, 32 at a time.
	client := svc.Client()
	body := bytes.Repeat([]byte{1}, 4096)
	sem := make(chan struct{}, 32)
	var wg sync.WaitGroup
	bstart := time.Now()
	for range b.N {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			res, err := client.Post(svc.SinkURL(), "application/octet-stream", bytes.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusCreated {
				b.Errorf("sink: %d", res.StatusCode)
			}
		}()
	}
	wg.Wait()
	bare := time.Since(bstart)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "pushes/s")
	b.ReportMetric(float64(b.N)/bare.Seconds(), "bare-posts/s")
}
