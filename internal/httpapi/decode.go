package httpapi

import (
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
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return klusbuddy.Errorf(klusbuddy.EUNSUPPORTED, "Send the body as application/json.")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data")
	}
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("trailing data")
		}
	}
	if err == nil {
		return nil
	}
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &maxErr):
		return klusbuddy.Errorf(klusbuddy.ETOOLARGE, "The request body is larger than %d bytes.", maxErr.Limit)
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
