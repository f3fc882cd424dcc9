package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// decodeJSON reads a JSON request body into v strictly: JSON media type, no unknown fields, one
// value, within the body limit. Mistakes become EINVALID errors that name the field.
func decodeJSON(r *http.Request, v any) error {
	b, err := readJSONBody(r)
	if err != nil {
		return err
	}
	return decodeStrict(b, v)
}

// readJSONBody checks the media type and reads the body within the limit.
func readJSONBody(r *http.Request) ([]byte, error) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || (mt != "application/json" && mt != "application/merge-patch+json") {
		return nil, klusbuddy.Errorf(klusbuddy.EUNSUPPORTED, "Send the body as application/json.")
	}
	b, err := io.ReadAll(r.Body)
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return nil, klusbuddy.Errorf(klusbuddy.ETOOLARGE, "The request body is larger than %d bytes.", maxErr.Limit)
	}
	if err != nil {
		return nil, klusbuddy.Errorf(klusbuddy.EINVALID, "The body is not valid JSON.")
	}
	if err := checkText(b); err != nil {
		return nil, err
	}
	return b, nil
}

// decodeStrict decodes one JSON value from b into v, refusing unknown fields.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("trailing data")
		}
	}
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return klusbuddy.Errorf(klusbuddy.EINVALID, "The body must be a JSON object.")
		}
		return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{field: typeMessage(typeErr.Type.Kind().String())}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{field: "This field is not known here."}}
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return klusbuddy.Errorf(klusbuddy.EINVALID, "The body is not valid JSON.")
	case errors.Is(err, io.EOF):
		return klusbuddy.Errorf(klusbuddy.EINVALID, "The body is empty; send a JSON object.")
	default:
		return klusbuddy.Errorf(klusbuddy.EINVALID, "The body is not valid JSON.")
	}
}

// applyMergePatch applies the request body as a JSON merge patch (RFC 7386) to cur: fields left
// out keep their value, null clears one, a list replaces the old list whole. The merged document
// is then decoded strictly into next, so unknown fields and wrong types are refused as in any
// other body.
func applyMergePatch(r *http.Request, cur, next any) error {
	body, err := readJSONBody(r)
	if err != nil {
		return err
	}
	return mergeJSON(body, cur, next)
}

// mergeJSON applies the merge patch body to cur and decodes the result strictly into next.
func mergeJSON(body []byte, cur, next any) error {
	var patch any
	if err := json.Unmarshal(body, &patch); err != nil {
		return decodeStrict(body, next) // the same message as any malformed body
	}
	if _, ok := patch.(map[string]any); !ok {
		return klusbuddy.Errorf(klusbuddy.EINVALID, "The body must be a JSON object.")
	}
	curJSON, err := json.Marshal(cur)
	if err != nil {
		return err
	}
	var target any
	if err := json.Unmarshal(curJSON, &target); err != nil {
		return err
	}
	merged, err := json.Marshal(mergePatch(target, patch))
	if err != nil {
		return err
	}
	return decodeStrict(merged, next)
}

// mergePatch applies a JSON merge patch (RFC 7386) to target: objects merge key by key, null
// removes a key, anything else (lists included) replaces the old value whole.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	if !ok {
		t = map[string]any{}
	}
	for k, v := range p {
		if v == nil {
			delete(t, k)
			continue
		}
		t[k] = mergePatch(t[k], v)
	}
	return t
}

// typeMessage says what a field must be, by the Go kind it decodes into.
func typeMessage(goKind string) string {
	switch goKind {
	case "string":
		return "This must be text."
	case "int", "int64", "int32", "uint8", "float64":
		return "This must be a number."
	case "bool":
		return "This must be true or false."
	case "slice":
		return "This must be a list."
	}
	return "This must be an object."
}
