package httpapi_test

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/klusbuddy/klusbuddy/internal/httpapi"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The API description in docs/openapi.yaml is held to the code three ways: the document is a
// valid OpenAPI 3.1 description, every registered route is described and every described
// operation registered, and every response any test in this package receives from the API must
// match the described response (status, media type, schema).

var (
	specOnce sync.Once
	specDoc  libopenapi.Document
	specVal  validator.Validator
	specErr  []error
)

func loadSpec(t testing.TB) (libopenapi.Document, validator.Validator) {
	t.Helper()
	specOnce.Do(func() {
		b, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.yaml"))
		if err != nil {
			specErr = []error{err}
			return
		}
		if specDoc, err = libopenapi.NewDocument(b); err != nil {
			specErr = []error{err}
			return
		}
		specVal, specErr = validator.NewValidator(specDoc)
	})
	if len(specErr) > 0 {
		t.Fatalf("docs/openapi.yaml: %v", specErr)
	}
	return specDoc, specVal
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	_, v := loadSpec(t)
	if ok, errs := v.ValidateDocument(); !ok {
		for _, e := range errs {
			t.Errorf("%s: %s (line %d)", e.Message, e.Reason, e.SpecLine)
		}
	}
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	doc, _ := loadSpec(t)
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method := range item.GetOperations().FromOldest() {
			described[strings.ToUpper(method)+" "+path] = true
		}
	}
	api, err := httpapi.New(httpapi.Deps{PWA: builtPWA})
	if err != nil {
		t.Fatal(err)
	}
	registered := map[string]bool{}
	for _, r := range api.Routes() {
		registered[r] = true
	}
	var missing, extra []string
	for r := range registered {
		if !described[r] {
			missing = append(missing, r)
		}
	}
	for r := range described {
		if !registered[r] {
			extra = append(extra, r)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes not in docs/openapi.yaml:\n  %s", strings.Join(missing, "\n  "))
	}
	if len(extra) > 0 {
		t.Errorf("operations in docs/openapi.yaml that the server does not have:\n  %s", strings.Join(extra, "\n  "))
	}
}

// checkResponse validates one API response against the description; client.do calls it for
// every response of every test.
func checkResponse(t testing.TB, req *http.Request, res *http.Response, body []byte) {
	t.Helper()
	if !strings.HasPrefix(req.URL.Path, "/api/") && req.URL.Path != "/healthz" && req.URL.Path != "/readyz" {
		return
	}
	_, v := loadSpec(t)
	copyRes := *res
	copyRes.Body = io.NopCloser(bytes.NewReader(body))
	if ok, errs := v.ValidateHttpResponse(req, &copyRes); !ok {
		for _, e := range errs {
			if e.ValidationType == "path" && (res.StatusCode == 404 || res.StatusCode == 405) {
				continue // a request to a path or method that does not exist, on purpose
			}
			t.Errorf("%s %s → %d does not match docs/openapi.yaml: %s: %s", req.Method, req.URL.Path, res.StatusCode, e.Message, e.Reason)
		}
	}
}

// The kinds of event the API describes (Notification.kind, from which the PWA's types are
// generated) are klusbuddy.EventKinds, no more and no fewer; its outcomes klusbuddy.Outcomes.
func TestOpenAPIEventKinds(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Enum       []string `yaml:"enum"`
				Properties map[string]struct {
					Enum []string `yaml:"enum"`
				} `yaml:"properties"`
			} `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, k := range klusbuddy.EventKinds() {
		want = append(want, string(k))
	}
	got := doc.Components.Schemas["Notification"].Properties["kind"].Enum
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Fatalf("Notification.kind in docs/openapi.yaml is %v; klusbuddy.EventKinds is %v", got, want)
	}
	want = nil
	for _, o := range klusbuddy.Outcomes() {
		want = append(want, string(o))
	}
	if got := doc.Components.Schemas["Outcome"].Enum; !slices.Equal(got, want) {
		t.Fatalf("Outcome in docs/openapi.yaml is %v; klusbuddy.Outcomes is %v", got, want)
	}
}
