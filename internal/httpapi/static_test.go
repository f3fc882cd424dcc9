package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

func TestStatic(t *testing.T) {
	srv := newServer(t, nil, builtPWA)

	cases := []struct {
		name, path, wantType, wantCache string
		wantBody                        string
	}{
		{"Shell", "/", "text/html; charset=utf-8", "no-cache", "<title>Klusbuddy"},
		{"AppRouteFallsBackToShell", "/jobs/42", "text/html; charset=utf-8", "no-cache", "<title>Klusbuddy"},
		{"HashedAssetIsImmutable", "/assets/index-3f2a1b.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "console.log"},
		{"ServiceWorkerIsRevalidated", "/sw.js", "text/javascript; charset=utf-8", "no-cache", "addEventListener"},
		{"Manifest", "/manifest.webmanifest", "application/manifest+json", "no-cache", `"Klusbuddy"`},
		{"Icon", "/icons/icon-192.png", "image/png", "public, max-age=86400", "PNG"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, "GET", srv.URL+tc.path, nil)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != tc.wantType ||
				res.Header.Get("Cache-Control") != tc.wantCache || !strings.Contains(string(body), tc.wantBody) {
				t.Fatalf("%d type=%q cache=%q body=%.60q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"), body)
			}
		})
	}
	t.Run("MissingFileIs404NotTheShell", func(t *testing.T) {
		res, body := get(t, "GET", srv.URL+"/assets/index-gone.js", nil)
		if res.StatusCode != 404 || strings.Contains(string(body), "<title>") {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("GitkeepIsNotServed", func(t *testing.T) {
		if res, _ := get(t, "GET", srv.URL+"/.gitkeep", nil); res.StatusCode != 404 {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	t.Run("ETagRevalidation", func(t *testing.T) {
		res, _ := get(t, "GET", srv.URL+"/", nil)
		etag := res.Header.Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		res, body := get(t, "GET", srv.URL+"/", nil, "If-None-Match", etag)
		if res.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Fatalf("%d with %d bytes", res.StatusCode, len(body))
		}
	})
	t.Run("Gzip", func(t *testing.T) {
		res, body := get(t, "GET", srv.URL+"/assets/index-3f2a1b.js", nil, "Accept-Encoding", "br, gzip;q=0.8")
		if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("headers %v", res.Header)
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		if string(plain) != string(builtPWA["assets/index-3f2a1b.js"].Data) {
			t.Fatal("gzip body differs from the file")
		}
		res, _ = get(t, "GET", srv.URL+"/assets/index-3f2a1b.js", nil, "Accept-Encoding", "gzip;q=0")
		if res.Header.Get("Content-Encoding") != "" {
			t.Fatal("gzip sent although refused with q=0")
		}
	})
	t.Run("NotBuilt", func(t *testing.T) {
		srv := newServer(t, nil, fstest.MapFS{".gitkeep": {}})
		res, body := get(t, "GET", srv.URL+"/", nil)
		if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "not built") {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
}
