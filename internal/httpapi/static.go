package httpapi

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// staticFile is one file of the built PWA, read once at start with its ETag and, for text
// worth compressing, a gzip copy: phones on prepaid data should not pay for bytes twice.
type staticFile struct {
	body, gz    []byte
	etag        string
	contentType string
	cache       string
}

// pwaHandler serves the built PWA from memory.
type pwaHandler struct {
	files map[string]*staticFile // by path without the leading slash
	index *staticFile
}

// Cache rules: Vite's hashed assets never change; the shell, the service worker and the
// manifest must always be revalidated so that an update reaches every phone.
func cacheControl(name string) string {
	switch {
	case strings.HasPrefix(name, "assets/"):
		return "public, max-age=31536000, immutable"
	case name == "index.html" || name == "sw.js" || name == "manifest.webmanifest" || strings.HasPrefix(name, "workbox-"):
		return "no-cache"
	default:
		return "public, max-age=86400"
	}
}

func newPWAHandler(dist fs.FS) (*pwaHandler, error) {
	h := &pwaHandler{files: map[string]*staticFile{}}
	err := fs.WalkDir(dist, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Base(name) == ".gitkeep" {
			return err
		}
		body, err := fs.ReadFile(dist, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		f := &staticFile{body: body, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`, cache: cacheControl(name)}
		f.contentType = mime.TypeByExtension(path.Ext(name))
		switch path.Ext(name) {
		case ".webmanifest":
			f.contentType = "application/manifest+json"
		case ".js", ".mjs":
			f.contentType = "text/javascript; charset=utf-8"
		}
		if f.contentType == "" {
			f.contentType = "application/octet-stream"
		}
		if compressible(f.contentType) && len(body) > 512 {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			if buf.Len() < len(body) {
				f.gz = buf.Bytes()
			}
		}
		h.files[name] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	h.index = h.files["index.html"]
	return h, nil
}

func compressible(contentType string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml"} {
		if strings.HasPrefix(contentType, p) {
			return true
		}
	}
	return false
}

// Built reports whether the PWA was built into the binary.
func (h *pwaHandler) Built() bool { return h.index != nil }

func (h *pwaHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	f, ok := h.files[name]
	if !ok {
		// A path that names a file (it has an extension) and is missing is a real 404; any
		// other path is a route of the app, answered with the shell.
		if path.Ext(name) != "" || h.index == nil {
			h.notFound(w, r)
			return
		}
		f = h.index
	}
	serve(w, r, f)
}

func (h *pwaHandler) notFound(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if h.index == nil && path.Ext(r.URL.Path) == "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("Klusbuddy's app (pwa/dist) is not built into this binary. Run `make build` (or `cd pwa && npm ci && npm run build`) and rebuild.\n"))
		return
	}
	http.NotFound(w, r)
}

func serve(w http.ResponseWriter, r *http.Request, f *staticFile) {
	h := w.Header()
	h.Set("Cache-Control", f.cache)
	h.Set("Content-Type", f.contentType)
	h.Add("Vary", "Accept-Encoding")
	body, etag := f.body, f.etag
	if f.gz != nil && acceptsGzip(r) {
		body, etag = f.gz, strings.TrimSuffix(f.etag, `"`)+`-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	// ServeContent answers If-None-Match with 304 and handles HEAD and ranges.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			continue
		}
		q, found := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if !found {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}
