// Package push sends Web Push messages (RFC 8030) to workers' and buddies' phones when their
// app is closed: encrypted for the device (RFC 8291), signed with our VAPID key (RFC 8292),
// from the push outbox in the database, so that nothing is lost across restarts.
package push

import (
	"context"
	"crypto/ecdh"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// MaxPayload is the most plaintext a push carries: push services take 4 KB of ciphertext.
const MaxPayload = 3000

// Keys are the VAPID key pair (base64url, as the Push API wants them) and the contact the
// push services may write to.
type Keys struct {
	Public, Private string
	Subject         string // mailto:… or https://…
}

// GenerateKeys makes a new VAPID key pair.
func GenerateKeys() (public, private string, err error) {
	private, public, err = webpush.GenerateVAPIDKeys()
	return public, private, err
}

// CheckKeys says whether public and private are a matching P-256 pair in base64url.
func CheckKeys(public, private string) error {
	priv, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(private, "="))
	if err != nil {
		return errors.New("the private key is not base64url")
	}
	k, err := ecdh.P256().NewPrivateKey(priv)
	if err != nil {
		return errors.New("the private key is not a P-256 key")
	}
	if base64.RawURLEncoding.EncodeToString(k.PublicKey().Bytes()) != strings.TrimRight(public, "=") {
		return errors.New("the public key does not belong to the private key")
	}
	return nil
}

// Store is the push outbox (postgres.DB).
type Store interface {
	ClaimPushes(ctx context.Context, limit int, lease time.Duration) ([]klusbuddy.Push, error)
	// CompletePushes records outcomes and gives back the claims done, all of whose pushes'
	// outcomes are recorded by now.
	CompletePushes(ctx context.Context, outcomes []klusbuddy.PushOutcome, done []int64) error
	PurgeSentPushes(ctx context.Context) (int64, error)
}

// Settings tune a Sender; zero values take the defaults.
type Settings struct {
	Concurrency int           // pushes in flight at once (default 32)
	Batch       int           // pushes claimed at a time (default 200)
	Lease       time.Duration // how long a claim keeps other senders off (default: a whole batch timing out)
	Poll        time.Duration // how often the outbox is read when idle (default 500 ms)
	Client      *http.Client  // default: NewClient()
	// Now is the clock for TTLs and retries (default time.Now); the store has one of its own,
	// which the program sets to the same.
	Now func() time.Time
	// Result hears each attempt's result (sent, retry, gone, dropped) and Ran each pass over
	// the outbox without error: for metrics (nil: not heard).
	Result func(result string)
	Ran    func()
}

// NewClient is the HTTP client for push services: timeouts on every step, connections kept
// for reuse, and no redirects (a push service never redirects; following one could be used to
// make us call somewhere else).
func NewClient(concurrency int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = concurrency
	t.TLSHandshakeTimeout = 5 * time.Second
	t.ResponseHeaderTimeout = 10 * time.Second
	return &http.Client{
		Transport:     t,
		Timeout:       15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Sender delivers the push outbox. Several instances may each run one: claims keep them apart.
type Sender struct {
	store Store
	keys  Keys
	log   *slog.Logger
	set   Settings
	wake  chan struct{}
}

// NewSender makes a sender; Run starts it.
func NewSender(store Store, keys Keys, log *slog.Logger, set Settings) *Sender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if set.Concurrency <= 0 {
		set.Concurrency = 32
	}
	if set.Batch <= 0 {
		set.Batch = 200
	}
	if set.Poll <= 0 {
		set.Poll = 500 * time.Millisecond
	}
	if set.Client == nil {
		set.Client = NewClient(set.Concurrency)
	}
	if set.Now == nil {
		set.Now = time.Now
	}
	if set.Lease <= 0 {
		// Long enough for a whole batch at the worst: every wave of sends timing out.
		timeout := set.Client.Timeout
		if timeout <= 0 {
			timeout = 15 * time.Second
		}
		waves := (set.Batch + set.Concurrency - 1) / set.Concurrency
		set.Lease = max(time.Minute, time.Duration(waves+1)*timeout)
	}
	return &Sender{store: store, keys: keys, log: log, set: set, wake: make(chan struct{}, 1)}
}

// Wake makes Run look at the outbox now.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends due pushes until ctx ends. Unlike Flush it never waits for a batch to finish: a
// claimer claims the next batch while this one's pushes are handed to at most Concurrency
// sends at a time, so the sends wait neither for a claim nor for the slowest push of a batch;
// a recorder writes the outcomes in batches meanwhile.
func (s *Sender) Run(ctx context.Context) {
	outcomes := make(chan recording, s.set.Batch)
	recorded := make(chan struct{})
	go func() { defer close(recorded); s.record(outcomes) }()
	batches := make(chan []klusbuddy.Push, 1) // the next batch, claimed while this one goes out
	go func() { defer close(batches); s.claim(ctx, batches) }()
	sem := make(chan struct{}, s.set.Concurrency)
	var sending sync.WaitGroup
	for pushes := range batches {
		left := new(atomic.Int32) // the batch's pushes not yet handed to the recorder
		left.Store(int32(len(pushes)))
		for _, p := range pushes {
			sem <- struct{}{}
			sending.Go(func() {
				defer func() { <-sem }()
				outcomes <- recording{outcome: s.send(ctx, p)}
				if left.Add(-1) == 0 {
					// After every outcome of the batch, so recorded with or after them.
					outcomes <- recording{done: p.Claim}
				}
			})
		}
	}
	sending.Wait() // a cancelled send ends at once, as a retry
	close(outcomes)
	<-recorded
}

// claim claims due pushes a batch at a time into out until ctx ends: at once while full
// batches come, otherwise when woken, at each poll, and after the hourly purge. A batch
// claimed is always handed over, even as ctx ends, so that its pushes are recorded as retries.
func (s *Sender) claim(ctx context.Context, out chan<- []klusbuddy.Push) {
	t := time.NewTicker(s.set.Poll)
	defer t.Stop()
	purge := time.NewTicker(time.Hour)
	defer purge.Stop()
	for {
		pushes, err := s.store.ClaimPushes(ctx, s.set.Batch, s.set.Lease)
		if err != nil && ctx.Err() == nil {
			s.log.Warn("push: sending from the outbox", "error", err)
		} else if err == nil && s.set.Ran != nil {
			s.set.Ran()
		}
		if len(pushes) > 0 {
			out <- pushes
		}
		if len(pushes) == s.set.Batch && ctx.Err() == nil {
			continue // more are waiting
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.wake:
		case <-purge.C:
			if _, err := s.store.PurgeSentPushes(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("push: purging sent pushes", "error", err)
			}
		}
	}
}

// recording is an outcome for the recorder, or word that a claim's outcomes have all come.
type recording struct {
	outcome klusbuddy.PushOutcome
	done    int64 // a claim; outcome is empty then
}

// record writes outcomes as they come, up to a batch at a time, until outcomes is closed: a
// push is recorded within moments of its answer, with one statement per many pushes. A claim
// is given back with its last outcomes: until then no other sender can take its pushes.
func (s *Sender) record(outcomes <-chan recording) {
	const most, within = 100, 20 * time.Millisecond
	var buf []klusbuddy.PushOutcome
	var done []int64
	flush := func() {
		if len(buf) == 0 && len(done) == 0 {
			return
		}
		if s.set.Result != nil {
			for _, o := range buf {
				s.set.Result(resultNames[o.Result])
			}
		}
		// Recorded even when Run's ctx has just ended: the pushes went out.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.store.CompletePushes(ctx, buf, done); err != nil {
			s.log.Warn("push: recording sent pushes", "error", err)
		}
		buf, done = buf[:0], done[:0]
	}
	var due <-chan time.Time
	for {
		select {
		case r, ok := <-outcomes:
			if !ok {
				flush()
				return
			}
			if r.done != 0 {
				done = append(done, r.done)
			} else {
				buf = append(buf, r.outcome)
			}
			if len(buf) >= most {
				flush()
				due = nil
			} else if due == nil {
				due = time.After(within)
			}
		case <-due:
			flush()
			due = nil
		}
	}
}

// Flush claims one batch of due pushes, sends them and records the outcomes; it returns how
// many it claimed.
func (s *Sender) Flush(ctx context.Context) (int, error) {
	pushes, err := s.store.ClaimPushes(ctx, s.set.Batch, s.set.Lease)
	if err != nil || len(pushes) == 0 {
		return 0, err
	}
	outcomes := make([]klusbuddy.PushOutcome, len(pushes))
	sem := make(chan struct{}, s.set.Concurrency)
	var wg sync.WaitGroup
	for i, p := range pushes {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			outcomes[i] = s.send(ctx, p)
		}()
	}
	wg.Wait()
	if s.set.Result != nil {
		for _, o := range outcomes {
			s.set.Result(resultNames[o.Result])
		}
	}
	// The outcomes are recorded even when ctx has just ended: the pushes went out.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return len(pushes), s.store.CompletePushes(rctx, outcomes, []int64{pushes[0].Claim})
}

// resultNames are the results' names in metrics.
var resultNames = map[klusbuddy.PushResult]string{
	klusbuddy.PushSent: "sent", klusbuddy.PushRetry: "retry", klusbuddy.PushGone: "gone", klusbuddy.PushDropped: "dropped",
}

// send makes one attempt and says what became of it.
func (s *Sender) send(ctx context.Context, p klusbuddy.Push) klusbuddy.PushOutcome {
	out := klusbuddy.PushOutcome{ID: p.ID, Endpoint: p.Endpoint, Result: klusbuddy.PushDropped}
	ttl := int(p.ExpiresAt.Sub(s.set.Now()).Seconds())
	if ttl <= 0 {
		return out // too late to matter
	}
	if !usableKeys(p.P256dh, p.Auth) {
		s.log.Warn("push: the subscription's keys are not usable; forgetting it", "service", host(p.Endpoint))
		out.Result = klusbuddy.PushGone
		return out
	}
	body, err := json.Marshal(p.Payload)
	if err != nil || len(body) > MaxPayload {
		s.log.Error("push: payload too large or unencodable", "bytes", len(body), "error", err)
		return out
	}
	res, err := webpush.SendNotificationWithContext(ctx, body,
		&webpush.Subscription{Endpoint: p.Endpoint, Keys: webpush.Keys{Auth: p.Auth, P256dh: p.P256dh}},
		&webpush.Options{
			HTTPClient:      s.set.Client,
			Subscriber:      strings.TrimPrefix(s.keys.Subject, "mailto:"), // webpush-go adds mailto: itself
			Topic:           p.Topic,
			TTL:             ttl,
			Urgency:         webpush.Urgency(p.Urgency),
			VAPIDPublicKey:  s.keys.Public,
			VAPIDPrivateKey: s.keys.Private,
		})
	if err != nil {
		// The keys were checked above, so this is the network or the push service: try again.
		// The error of an HTTP call names the URL, which is the endpoint: log only its cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if ctx.Err() == nil {
			s.log.Info("push: no answer from the push service; will retry", "service", host(p.Endpoint), "error", err)
		}
		out.Result, out.RetryAt = klusbuddy.PushRetry, s.set.Now().Add(backoff(p.Attempts))
		return out
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 4096)) // so that the connection is reused
	res.Body.Close()
	out.Status = res.StatusCode
	switch {
	case res.StatusCode >= 200 && res.StatusCode < 300:
		out.Result = klusbuddy.PushSent
	case res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusGone:
		out.Result = klusbuddy.PushGone
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500:
		wait := backoff(p.Attempts)
		if ra := retryAfter(res.Header.Get("Retry-After"), s.set.Now()); ra > 0 {
			wait = ra
		}
		out.Result, out.RetryAt = klusbuddy.PushRetry, s.set.Now().Add(wait)
	default:
		// 400 (bad request), 401/403 (our VAPID refused), 413 (too large): trying again would
		// get the same answer.
		s.log.Warn("push: the push service refused a push", "service", host(p.Endpoint), "status", res.StatusCode)
	}
	return out
}

// usableKeys checks what webpush-go would fail on: the device's P-256 key and its 16-byte
// secret. A subscription without them can never be sent to.
func usableKeys(p256dh, auth string) bool {
	key, err := decodeKey(p256dh)
	if err != nil {
		return false
	}
	if _, err := ecdh.P256().NewPublicKey(key); err != nil {
		return false
	}
	secret, err := decodeKey(auth)
	return err == nil && len(secret) == 16
}

// backoff is 2^attempts seconds up to an hour, with jitter so that retries spread out.
func backoff(attempts int) time.Duration {
	d := time.Second << min(attempts, 12)
	d = min(d, time.Hour)
	return d/2 + rand.N(d/2+1)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return min(time.Duration(n)*time.Second, 24*time.Hour)
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), 24*time.Hour)
	}
	return 0
}

// host names the push service of an endpoint without the endpoint itself, which identifies the
// device and is as good as a password for sending to it.
func host(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "?"
	}
	return u.Host
}

// AllowedEndpoint says whether endpoint is an https URL on one of hosts ("*.example.com"
// matches subdomains): the server POSTs to what a browser hands it, so only known push
// services are let in.
func AllowedEndpoint(endpoint string, hosts []string) error {
	u, err := url.Parse(endpoint)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return fmt.Errorf("not an https URL")
	}
	h := strings.ToLower(u.Hostname())
	for _, allowed := range hosts {
		allowed = strings.ToLower(allowed)
		if h == allowed || (strings.HasPrefix(allowed, "*.") && strings.HasSuffix(h, allowed[1:])) {
			return nil
		}
	}
	return fmt.Errorf("%s is not a known push service", h)
}

// DefaultHosts are the push services of the browsers people use.
var DefaultHosts = []string{"fcm.googleapis.com", "updates.push.services.mozilla.com", "*.push.services.mozilla.com",
	"*.notify.windows.com", "web.push.apple.com", "*.push.apple.com"}
