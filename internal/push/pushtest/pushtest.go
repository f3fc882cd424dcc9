// Package pushtest is a push service stand-in on loopback for tests and benchmarks: it checks
// each request's VAPID JWT (RFC 8292), decrypts the aes128gcm payload with the subscription's
// private key (RFC 8291) and records what arrived, or answers with the statuses it was told to.
package pushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Message is one push the stand-in accepted.
type Message struct {
	Endpoint string
	Topic    string
	Urgency  string
	TTL      int
	Subject  string // the JWT's sub
	Payload  []byte // decrypted
	At       time.Time
}

type device struct {
	key  *ecdh.PrivateKey
	auth []byte
}

// Service is the stand-in. Its endpoints are https URLs on 127.0.0.1.
type Service struct {
	srv      *httptest.Server
	vapidKey string // the public key every request must be signed with
	mu       sync.Mutex
	devices  map[string]device
	fail     map[string][]int
	messages []Message
	refusals []string
	waiting  []waiter // closed once that many messages have arrived
	latency  time.Duration
	held     map[string]chan struct{}
}

// New starts a stand-in that accepts pushes signed with vapidPublic (base64url).
func New(vapidPublic string) *Service {
	s := &Service{vapidKey: vapidPublic, devices: map[string]device{}, fail: map[string][]int{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	// Handshakes cut off by Close are expected; they are not worth a log line in a test.
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.StartTLS()
	return s
}

// Close stops the stand-in.
func (s *Service) Close() { s.srv.Close() }

// Client is an HTTP client that trusts the stand-in's certificate.
func (s *Service) Client() *http.Client { return s.srv.Client() }

// Certificate is the stand-in's TLS certificate, for a client in another process to trust
// (SSL_CERT_FILE).
func (s *Service) Certificate() *x509.Certificate { return s.srv.Certificate() }

// Host is the stand-in's host, for the list of allowed push services.
func (s *Service) Host() string { return strings.TrimPrefix(s.srv.URL, "https://") }

// Subscribe makes a new device and returns its subscription, as a browser would hand it over.
func (s *Service) Subscribe() klusbuddy.PushSubscription {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	auth := make([]byte, 16)
	rand.Read(auth)
	id := make([]byte, 12)
	rand.Read(id)
	endpoint := s.srv.URL + "/push/" + base64.RawURLEncoding.EncodeToString(id)
	s.mu.Lock()
	s.devices[endpoint] = device{key: key, auth: auth}
	s.mu.Unlock()
	var sub klusbuddy.PushSubscription
	sub.Endpoint = endpoint
	sub.Keys.P256dh = base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes())
	sub.Keys.Auth = base64.RawURLEncoding.EncodeToString(auth)
	return sub
}

// FailNext makes the next pushes to endpoint get these statuses (429 comes with Retry-After: 1).
func (s *Service) FailNext(endpoint string, statuses ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail[endpoint] = append(s.fail[endpoint], statuses...)
}

// SetLatency makes every answer wait d first, as a push service across the internet does
// (benchmarks: senders are then bound by round trips, not by this machine's cores).
func (s *Service) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Hold makes requests to endpoint wait, unanswered, until release is called: a push service
// that is slow for one device.
func (s *Service) Hold(endpoint string) (release func()) {
	ch := make(chan struct{})
	s.mu.Lock()
	if s.held == nil {
		s.held = map[string]chan struct{}{}
	}
	s.held[endpoint] = ch
	s.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { close(ch) }) }
}

// Count is how many messages have arrived so far.
func (s *Service) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.messages)
}

// Messages returns what has arrived so far.
func (s *Service) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Refusals returns why requests were refused (bad JWT, bad encryption…).
func (s *Service) Refusals() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.refusals...)
}

// Wait waits until at least n messages have arrived or timeout passes, and returns them.
func (s *Service) Wait(n int, timeout time.Duration) []Message {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-s.Reached(n):
	case <-t.C:
	}
	return s.Messages()
}

// Reached is closed once at least n messages have arrived. Its waiter is woken once, not at
// every message: a benchmark that waits on it pays nothing per push.
func (s *Service) Reached(n int) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	reached := make(chan struct{})
	if len(s.messages) >= n {
		close(reached)
	} else {
		s.waiting = append(s.waiting, waiter{n, reached})
	}
	return reached
}

type waiter struct {
	n       int
	reached chan struct{}
}

func (s *Service) refuse(w http.ResponseWriter, status int, why string) {
	s.mu.Lock()
	s.refusals = append(s.refusals, why)
	s.mu.Unlock()
	http.Error(w, why, status)
}

// SinkURL takes any POST and answers 201 without checking anything: the transport's own
// speed, for a baseline.
func (s *Service) SinkURL() string { return s.srv.URL + "/sink" }

func (s *Service) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	latency, held := s.latency, s.held[s.srv.URL+r.URL.Path]
	s.mu.Unlock()
	time.Sleep(latency)
	if held != nil {
		<-held
	}
	if r.URL.Path == "/sink" {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusCreated)
		return
	}
	endpoint := s.srv.URL + r.URL.Path
	s.mu.Lock()
	dev, ok := s.devices[endpoint]
	s.mu.Unlock()
	if r.Method != http.MethodPost {
		s.refuse(w, http.StatusMethodNotAllowed, "not a POST")
		return
	}
	if !ok {
		s.refuse(w, http.StatusNotFound, "no such subscription")
		return
	}
	sub, err := s.checkVAPID(r.Header.Get("Authorization"))
	if err != nil {
		s.refuse(w, http.StatusForbidden, "VAPID: "+err.Error())
		return
	}
	ttl, err := strconv.Atoi(r.Header.Get("TTL"))
	if err != nil || ttl < 0 {
		s.refuse(w, http.StatusBadRequest, "no TTL")
		return
	}
	if r.Header.Get("Content-Encoding") != "aes128gcm" {
		s.refuse(w, http.StatusBadRequest, "not aes128gcm")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4097))
	if err != nil || len(body) > 4096 {
		s.refuse(w, http.StatusRequestEntityTooLarge, "more than 4096 bytes")
		return
	}
	plain, err := decrypt(body, dev)
	if err != nil {
		s.refuse(w, http.StatusBadRequest, "decrypting: "+err.Error())
		return
	}
	s.mu.Lock()
	if q := s.fail[endpoint]; len(q) > 0 {
		status := q[0]
		s.fail[endpoint] = q[1:]
		if status == http.StatusGone || status == http.StatusNotFound {
			delete(s.devices, endpoint) // a gone subscription stays gone
		}
		s.mu.Unlock()
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		w.WriteHeader(status)
		return
	}
	s.messages = append(s.messages, Message{Endpoint: endpoint, Topic: r.Header.Get("Topic"), Urgency: r.Header.Get("Urgency"),
		TTL: ttl, Subject: sub, Payload: plain, At: time.Now()})
	s.waiting = slices.DeleteFunc(s.waiting, func(w waiter) bool {
		if len(s.messages) >= w.n {
			close(w.reached)
			return true
		}
		return false
	})
	s.mu.Unlock()
	w.Header().Set("Location", endpoint+"/message")
	w.WriteHeader(http.StatusCreated)
}

// checkVAPID verifies "vapid t=<JWT>, k=<public key>" (RFC 8292): the key is the one we
// expect, the ES256 signature holds, aud is this service's origin, exp is within 24 hours and
// sub is a contact. It returns the sub.
func (s *Service) checkVAPID(header string) (string, error) {
	rest, ok := strings.CutPrefix(header, "vapid ")
	if !ok {
		return "", errors.New("no vapid scheme")
	}
	params := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		params[k] = v
	}
	if strings.TrimRight(params["k"], "=") != strings.TrimRight(s.vapidKey, "=") {
		return "", errors.New("signed with another key")
	}
	keyBytes, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(params["k"], "="))
	if err != nil {
		return "", errors.New("k is not base64url")
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), keyBytes)
	if err != nil {
		return "", fmt.Errorf("k is not a P-256 point: %v", err)
	}
	parts := strings.Split(params["t"], ".")
	if len(parts) != 3 {
		return "", errors.New("t is not a JWT")
	}
	var head struct{ Alg, Typ string }
	if err := decodeJSON(parts[0], &head); err != nil || head.Alg != "ES256" {
		return "", errors.New("the JWT is not ES256")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return "", errors.New("the signature is not 64 bytes")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return "", errors.New("the signature does not verify")
	}
	var claims struct {
		Aud string
		Exp int64
		Sub string
	}
	if err := decodeJSON(parts[1], &claims); err != nil {
		return "", errors.New("the claims are not JSON")
	}
	if claims.Aud != s.srv.URL {
		return "", fmt.Errorf("aud %q is not %q", claims.Aud, s.srv.URL)
	}
	now := time.Now().Unix()
	if claims.Exp <= now || claims.Exp > now+24*3600 {
		return "", fmt.Errorf("exp %d is not within the next 24 hours", claims.Exp)
	}
	if !strings.HasPrefix(claims.Sub, "mailto:") && !strings.HasPrefix(claims.Sub, "https:") {
		return "", fmt.Errorf("sub %q is neither a mailto: nor an https: address", claims.Sub)
	}
	return claims.Sub, nil
}

func decodeJSON(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// decrypt undoes RFC 8291's aes128gcm encryption for the device and strips the padding.
func decrypt(body []byte, dev device) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("too short for the header")
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if len(body) < 21+idlen || idlen != 65 {
		return nil, errors.New("the key id is not the sender's public key")
	}
	senderPub, err := ecdh.P256().NewPublicKey(body[21 : 21+idlen])
	if err != nil {
		return nil, err
	}
	record := body[21+idlen:]
	if uint32(len(record)) > rs {
		return nil, errors.New("more than one record")
	}
	secret, err := dev.key.ECDH(senderPub)
	if err != nil {
		return nil, err
	}
	prkKey, err := hkdf.Extract(sha256.New, secret, dev.auth)
	if err != nil {
		return nil, err
	}
	info := append(append([]byte("WebPush: info\x00"), dev.key.PublicKey().Bytes()...), senderPub.Bytes()...)
	ikm, err := hkdf.Expand(sha256.New, prkKey, string(info), 32)
	if err != nil {
		return nil, err
	}
	prk, err := hkdf.Extract(sha256.New, ikm, salt)
	if err != nil {
		return nil, err
	}
	cek, err := hkdf.Expand(sha256.New, prk, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, err
	}
	nonce, err := hkdf.Expand(sha256.New, prk, "Content-Encoding: nonce\x00", 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, record, nil)
	if err != nil {
		return nil, err
	}
	// The last record ends with the delimiter 2, then zero padding.
	plain = bytes.TrimRight(plain, "\x00")
	if len(plain) == 0 || plain[len(plain)-1] != 2 {
		return nil, errors.New("no last-record delimiter")
	}
	return plain[:len(plain)-1], nil
}
