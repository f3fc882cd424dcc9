package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/app"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func TestSessions(t *testing.T) {
	a := newApp(t)
	poster := a.person(klusbuddy.RolePoster, "", 0)

	t.Run("LoginSetsAProtectedCookie", func(t *testing.T) {
		c := a.client()
		res, body := c.do("POST", "/api/v1/login", map[string]string{"login": strings.ToUpper(poster.Email), "secret": demo.Password})
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		var ck *http.Cookie
		for _, k := range res.Cookies() {
			if k.Name == "kb_session" {
				ck = k
			}
		}
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || len(ck.Value) < 43 || ck.MaxAge < 29*24*3600 {
			t.Fatalf("session cookie %+v", ck)
		}
		if ck.Secure {
			t.Fatal("Secure cookie over plain http: the browser would never send it back")
		}
		if strings.Contains(string(body), ck.Value) {
			t.Fatal("the session token is in the body, readable by scripts")
		}
		// The database keeps only the token's hash.
		if n := a.count(`SELECT count(*) FROM sessions WHERE token_hash = convert_to($1, 'UTF8')`, ck.Value); n != 0 {
			t.Fatal("session token stored in the clear")
		}
	})
	t.Run("SecureCookieOverTLS", func(t *testing.T) {
		a := newApp(t, func(o *app.Options) { o.PublicURL = "https://klusbuddy.example" })
		c := a.client()
		res, _ := c.do("POST", "/api/v1/login", map[string]string{"login": poster.Email, "secret": demo.Password}, "Origin", "https://klusbuddy.example")
		if len(res.Cookies()) == 0 || !res.Cookies()[0].Secure {
			t.Fatalf("cookie not Secure with an https public URL: %v", res.Cookies())
		}
	})
	t.Run("WorkerStaysSignedInForAYear", func(t *testing.T) {
		res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": "0" + strings.TrimPrefix(a.person(klusbuddy.RoleWorker, "", 0).Phone, "+32"), "secret": demo.PIN})
		if res.StatusCode != 200 || res.Cookies()[0].MaxAge < 360*24*3600 {
			t.Fatalf("%d %v", res.StatusCode, res.Cookies())
		}
	})
	t.Run("LogoutEndsThisDeviceOnly", func(t *testing.T) {
		phone, laptop := a.signedIn(poster), a.signedIn(poster)
		if res, _ := phone.do("POST", "/api/v1/logout", nil); res.StatusCode != 204 {
			t.Fatalf("logout %d", res.StatusCode)
		}
		if res, _ := phone.do("GET", "/api/v1/session", nil); res.StatusCode != 401 {
			t.Fatalf("signed out device still in: %d", res.StatusCode)
		}
		if res, _ := laptop.do("GET", "/api/v1/session", nil); res.StatusCode != 200 {
			t.Fatalf("other device signed out too: %d", res.StatusCode)
		}
	})
	t.Run("DevicesListAndRevoke", func(t *testing.T) {
		w := a.person(klusbuddy.RoleWorker, "", 2)
		phone := a.signedIn(w)
		tablet := a.signedIn(w)
		res, body := phone.do("GET", "/api/v1/sessions", nil, "User-Agent", "Mozilla/5.0 (Linux; Android 13) Chrome/120.0 Mobile")
		var out struct {
			Sessions []struct {
				ID      int64
				Device  string
				Current bool
			}
		}
		json.Unmarshal(body, &out)
		if res.StatusCode != 200 || len(out.Sessions) != 2 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		var other int64
		for _, s := range out.Sessions {
			if !s.Current {
				other = s.ID
			}
		}
		if res, _ := phone.do("DELETE", fmt.Sprintf("/api/v1/sessions/%d", other), nil); res.StatusCode != 204 {
			t.Fatalf("revoke %d", res.StatusCode)
		}
		if res, _ := tablet.do("GET", "/api/v1/session", nil); res.StatusCode != 401 {
			t.Fatalf("revoked device still signed in: %d", res.StatusCode)
		}
		// Someone else's session id is not found, and stays alive.
		stranger := a.signedIn(a.person(klusbuddy.RoleWorker, "", 3))
		_, body = stranger.do("GET", "/api/v1/sessions", nil)
		json.Unmarshal(body, &out)
		if res, _ := phone.do("DELETE", fmt.Sprintf("/api/v1/sessions/%d", out.Sessions[0].ID), nil); res.StatusCode != 404 {
			t.Fatalf("revoking another user's session: %d", res.StatusCode)
		}
	})
	t.Run("LogoutEverywhere", func(t *testing.T) {
		w := a.person(klusbuddy.RoleBuddy, "", 0)
		one, two := a.signedIn(w), a.signedIn(w)
		if res, _ := one.do("POST", "/api/v1/logout-all", nil); res.StatusCode != 204 {
			t.Fatalf("%d", res.StatusCode)
		}
		for _, c := range []*client{one, two} {
			if res, _ := c.do("GET", "/api/v1/session", nil); res.StatusCode != 401 {
				t.Fatalf("still signed in after logout everywhere: %d", res.StatusCode)
			}
		}
	})
	t.Run("UseKeepsTheCookieAlive", func(t *testing.T) {
		c := a.signedIn(a.person(klusbuddy.RoleWorker, "", 8))
		// A year less a day passes, the phone used now and then, last a minute ago; and now.
		a.clock.Advance(klusbuddy.SessionLifetime(klusbuddy.RoleWorker) - 24*time.Hour)
		a.sql.MustExec(`UPDATE sessions SET last_seen_at = $2 WHERE user_id = (SELECT id FROM users WHERE phone = $1)`,
			a.person(klusbuddy.RoleWorker, "", 8).Phone, a.clock.Now().Add(-2*time.Minute))
		res, _ := c.do("GET", "/api/v1/session", nil)
		var renewed *http.Cookie
		for _, k := range res.Cookies() {
			if k.Name == "kb_session" {
				renewed = k
			}
		}
		if res.StatusCode != 200 || renewed == nil || renewed.MaxAge < 360*24*3600 || !renewed.HttpOnly {
			t.Fatalf("session used near its end was not renewed in the browser: %d %+v", res.StatusCode, renewed)
		}
	})
	t.Run("ForgedCookieIsRefused", func(t *testing.T) {
		c := a.client()
		res, _ := c.do("GET", "/api/v1/session", nil, "Cookie", "kb_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
		if res.StatusCode != 401 {
			t.Fatalf("%d", res.StatusCode)
		}
	})
}

// Signing up must not tell whether a phone number belongs to a worker: that alone would say
// the person is in the target group.
func TestSignupRevealsNoWorkerPhone(t *testing.T) {
	a := newApp(t)
	w := a.person(klusbuddy.RoleWorker, "", 0)
	res, body := a.client().do("POST", "/api/v1/signup", map[string]any{"kind": "household", "first_name": "Els", "last_name": "Nys",
		"email": "els.nys@example.be", "password": "een lang wachtwoord", "phone": w.Phone})
	if res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	// The worker still signs in with their phone and PIN, and the poster's phone is no login.
	if res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": w.Phone, "secret": demo.PIN}); res.StatusCode != 200 {
		t.Fatalf("worker sign-in after a poster took the same phone: %d", res.StatusCode)
	}
}

func TestCSRF(t *testing.T) {
	a := newApp(t)
	c := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	body := map[string]any{"label": "Werk", "street": "Kapelstraat 1", "postcode": "3500", "municipality": "Hasselt"}
	before := a.count(`SELECT count(*) FROM poster_addresses`)
	cases := []struct {
		name    string
		headers []string
	}{
		{"NoToken", []string{"X-CSRF-Token", ""}},
		{"WrongToken", []string{"X-CSRF-Token", "not-the-token-of-this-session-0000000000"}},
		{"OtherSite", []string{"Origin", "https://evil.example"}},
		{"CrossSiteFetch", []string{"Origin", "", "Sec-Fetch-Site", "cross-site"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, got := c.do("POST", "/api/v1/me/addresses", body, tc.headers...)
			if res.StatusCode != http.StatusForbidden {
				t.Fatalf("%d %s", res.StatusCode, got)
			}
			decodeProblem(t, res, got)
		})
	}
	t.Run("LoginFromAnotherSite", func(t *testing.T) {
		res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": "x@example.be", "secret": "whatever12"}, "Origin", "https://evil.example")
		if res.StatusCode != http.StatusForbidden {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	if after := a.count(`SELECT count(*) FROM poster_addresses`); after != before {
		t.Fatalf("refused requests changed data: %d addresses, was %d", after, before)
	}
	t.Run("WithTokenItWorks", func(t *testing.T) {
		if res, got := c.do("POST", "/api/v1/me/addresses", body); res.StatusCode != 201 {
			t.Fatalf("%d %s", res.StatusCode, got)
		}
	})
}

func TestSignInThrottling(t *testing.T) {
	a := newApp(t)
	poster := a.person(klusbuddy.RolePoster, "", 1)

	t.Run("SameAnswerWhetherOrNotTheAccountExists", func(t *testing.T) {
		r1, b1 := a.client().do("POST", "/api/v1/login", map[string]string{"login": poster.Email, "secret": "wrong-password"})
		r2, b2 := a.client().do("POST", "/api/v1/login", map[string]string{"login": "nobody@example.be", "secret": "wrong-password"})
		p1, p2 := decodeProblem(t, r1, b1), decodeProblem(t, r2, b2)
		if r1.StatusCode != 401 || r2.StatusCode != 401 || p1.Detail != p2.Detail || p1.Title != p2.Title {
			t.Fatalf("answers differ: %d %s / %d %s", r1.StatusCode, b1, r2.StatusCode, b2)
		}
	})
	lockout := func(t *testing.T, login string) {
		t.Helper()
		var res *http.Response
		var body []byte
		for i := 0; i <= klusbuddy.MaxSignInFailures; i++ {
			res, body = a.client().do("POST", "/api/v1/login", map[string]string{"login": login, "secret": "wrong-password"})
		}
		p := decodeProblem(t, res, body)
		wait, _ := strconv.Atoi(res.Header.Get("Retry-After"))
		if res.StatusCode != http.StatusTooManyRequests || p.Code != "too_many" || wait < 60 || !strings.Contains(p.Detail, "minuten") {
			t.Fatalf("after %d failures: %d Retry-After=%q %s", klusbuddy.MaxSignInFailures, res.StatusCode, res.Header.Get("Retry-After"), body)
		}
	}
	t.Run("LockoutAfterRepeatedFailures", func(t *testing.T) {
		lockout(t, poster.Email) // one failure above counts too
		// Now even the right password waits.
		res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": poster.Email, "secret": demo.Password})
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("right password during lockout: %d", res.StatusCode)
		}
		// Another account is not affected.
		a.signedIn(a.person(klusbuddy.RolePoster, "", 2))
	})
	t.Run("UnknownAccountsLockTheSameWay", func(t *testing.T) {
		lockout(t, "nobody-at-all@example.be")
	})
	t.Run("PhoneLoginsLockWhateverTheirSpelling", func(t *testing.T) {
		w := a.person(klusbuddy.RoleWorker, "", 4)
		local := "0" + strings.TrimPrefix(w.Phone, "+32")
		for i := 0; i <= klusbuddy.MaxSignInFailures; i++ {
			login := w.Phone
			if i%2 == 0 {
				login = local[:4] + " " + local[4:]
			}
			a.client().do("POST", "/api/v1/login", map[string]string{"login": login, "secret": "000001"})
		}
		res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": w.Phone, "secret": demo.PIN})
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	t.Run("ParallelGuessesCannotOutrunTheLockout", func(t *testing.T) {
		// Attempts sent all at once must count before their PIN is checked: at most
		// MaxSignInFailures of them may get a PIN verdict, the rest wait.
		w := a.person(klusbuddy.RoleWorker, "", 7)
		var wg sync.WaitGroup
		verdicts := make(chan int, 25)
		for i := range 25 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": w.Phone, "secret": fmt.Sprintf("%06d", 100000+i*7)})
				verdicts <- res.StatusCode
			}()
		}
		wg.Wait()
		close(verdicts)
		checked := 0
		for c := range verdicts {
			if c == http.StatusUnauthorized {
				checked++
			}
		}
		if checked > klusbuddy.MaxSignInFailures {
			t.Fatalf("%d of 25 parallel guesses were checked, at most %d may be", checked, klusbuddy.MaxSignInFailures)
		}
	})
	t.Run("RateLimitPerIP", func(t *testing.T) {
		b := newApp(t)
		var last int
		for i := 0; i < 31; i++ {
			res, _ := b.client().do("POST", "/api/v1/login", map[string]string{"login": fmt.Sprintf("guess%d@example.be", i), "secret": "wrong-password"})
			last = res.StatusCode
			if i < 4 && last != 401 {
				t.Fatalf("attempt %d: %d", i, last)
			}
		}
		if last != http.StatusTooManyRequests {
			t.Fatalf("31 attempts from one address within a minute: last answer %d", last)
		}
	})
	attempts := func(b *site) (limited int) {
		for i := 0; i < 40; i++ {
			res, _ := b.client().do("POST", "/api/v1/login", map[string]string{"login": fmt.Sprintf("guess%d@example.be", i), "secret": "wrong-password"},
				"X-Forwarded-For", fmt.Sprintf("198.51.100.%d, 10.0.0.1", i))
			if res.StatusCode == http.StatusTooManyRequests {
				limited++
			}
		}
		return limited
	}
	t.Run("BehindOurProxyEachClientCounts", func(t *testing.T) {
		b := newApp(t, func(o *app.Options) {
			o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("10.0.0.0/8")}
		})
		if n := attempts(b); n != 0 {
			t.Fatalf("%d of 40 people behind the proxy were rate limited together", n)
		}
	})
	t.Run("ForwardedForFromStrangersIsIgnored", func(t *testing.T) {
		if n := attempts(newApp(t)); n == 0 {
			t.Fatal("a client escaped the rate limit by writing X-Forwarded-For itself")
		}
	})
}
