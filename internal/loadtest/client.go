package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// client is one person's app on one instance: its own cookie jar (the session), the CSRF token
// from the sign-in answer, the page's Origin, and its own client address. The instances are
// started behind a "proxy" (KLUSBUDDY_TRUSTED_PROXIES=127.0.0.1/32), so X-Forwarded-For gives
// each simulated phone its own address, as a real deployment behind Caddy sees them: without
// it every phone would share 127.0.0.1 and the per-address sign-in limit (30 a minute).
type client struct {
	base string
	ip   string
	http *http.Client
	csrf string
}

func newClient(base, ip string, tr http.RoundTripper) *client {
	jar, _ := cookiejar.New(nil)
	return &client{base: strings.TrimRight(base, "/"), ip: ip, http: &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second}}
}

// apiError is an answer outside 2xx: its status and the problem's code (and reason).
type apiError struct {
	Status int
	Code   string
	Reason string
	Body   string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s %s: %s", e.Status, e.Code, e.Reason, e.Body)
}

// do sends one API request and decodes a 2xx answer into out; it returns how long the round
// trip took. An answer outside 2xx is an *apiError.
func (c *client) do(ctx context.Context, method, path string, in, out any) (time.Duration, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return 0, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Origin", c.base)
	req.Header.Set("X-Forwarded-For", c.ip)
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		return time.Since(start), err
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	took := time.Since(start)
	if err != nil {
		return took, err
	}
	if res.StatusCode >= 300 {
		e := &apiError{Status: res.StatusCode, Body: string(b)}
		var p struct{ Code, Reason string }
		if json.Unmarshal(b, &p) == nil {
			e.Code, e.Reason = p.Code, p.Reason
		}
		return took, e
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			return took, fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return took, nil
}

// startSession keeps the CSRF token of a sign-in (or sign-up, or accepted invite) answer.
func (c *client) startSession(ctx context.Context, path string, in any) error {
	var s struct {
		CSRFToken string `json:"csrf_token"`
	}
	if _, err := c.do(ctx, "POST", path, in, &s); err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	c.csrf = s.CSRFToken
	return nil
}

// cookieHeader is the session cookie for the WebSocket's handshake.
func (c *client) cookies() []*http.Cookie {
	u, _ := url.Parse(c.base)
	return c.http.Jar.Cookies(u)
}

// inviteToken takes the token from an invite link (…/invite#<token>).
func inviteToken(link string) string {
	if i := strings.LastIndexByte(link, '#'); i >= 0 {
		return link[i+1:]
	}
	return link
}
