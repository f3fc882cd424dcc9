package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// eMethod is HTTP's own failure of a wrong method; the domain has no such thing.
const eMethod = "method_not_allowed"

// statusOf maps domain error codes to HTTP statuses, in this one place.
var statusOf = map[string]int{
	klusbuddy.EINVALID:        http.StatusUnprocessableEntity,
	klusbuddy.ENOTFOUND:       http.StatusNotFound,
	klusbuddy.ECONFLICT:       http.StatusConflict,
	klusbuddy.EUNAUTHORIZED:   http.StatusUnauthorized,
	klusbuddy.EFORBIDDEN:      http.StatusForbidden,
	klusbuddy.ETOOMANY:        http.StatusTooManyRequests,
	klusbuddy.ETOOLARGE:       http.StatusRequestEntityTooLarge,
	klusbuddy.EUNAVAILABLE:    http.StatusServiceUnavailable,
	klusbuddy.EUNSUPPORTED:    http.StatusUnsupportedMediaType,
	klusbuddy.ENOTIMPLEMENTED: http.StatusNotImplemented,
	klusbuddy.EINTERNAL:       http.StatusInternalServerError,
	eMethod:                   http.StatusMethodNotAllowed,
}

// titles are the problem titles per code and language; the detail is the domain message.
var titles = map[string]klusbuddy.Localized{
	klusbuddy.EINVALID:        {NL: "Niet alle gegevens kloppen", FR: "Certaines données ne sont pas valables", EN: "Some data is not valid", TR: "Bazı bilgiler doğru değil", AR: "بعض البيانات غير صحيحة"},
	klusbuddy.ENOTFOUND:       {NL: "Niet gevonden", FR: "Introuvable", EN: "Not found", TR: "Bulunamadı", AR: "غير موجود"},
	klusbuddy.ECONFLICT:       {NL: "Dat kan nu niet meer", FR: "Ce n'est plus possible", EN: "That is no longer possible", TR: "Bu artık mümkün değil", AR: "هذا لم يعد ممكنًا"},
	klusbuddy.EUNAUTHORIZED:   {NL: "Meld je eerst aan", FR: "Connectez-vous d'abord", EN: "Please sign in first", TR: "Lütfen önce giriş yapın", AR: "سجّل الدخول أولًا من فضلك"},
	klusbuddy.EFORBIDDEN:      {NL: "Dat mag je niet doen", FR: "Vous n'avez pas le droit de faire cela", EN: "You may not do that", TR: "Bunu yapmaya izniniz yok", AR: "لا يُسمح لك بفعل هذا"},
	klusbuddy.ETOOMANY:        {NL: "Te veel pogingen, wacht even", FR: "Trop de tentatives, patientez un peu", EN: "Too many attempts, please wait", TR: "Çok fazla deneme, lütfen biraz bekleyin", AR: "محاولات كثيرة جدًا، انتظر قليلًا"},
	klusbuddy.ETOOLARGE:       {NL: "Te veel gegevens in één keer", FR: "Trop de données en une fois", EN: "Too much data at once", TR: "Bir seferde çok fazla bilgi", AR: "بيانات كثيرة جدًا في مرة واحدة"},
	klusbuddy.EUNAVAILABLE:    {NL: "Even niet bereikbaar, probeer zo opnieuw", FR: "Momentanément indisponible, réessayez", EN: "Temporarily unavailable, try again soon", TR: "Şu anda ulaşılamıyor, birazdan tekrar deneyin", AR: "غير متاح الآن، حاول مرة أخرى بعد قليل"},
	klusbuddy.EUNSUPPORTED:    {NL: "Dit formaat wordt niet ondersteund", FR: "Ce format n'est pas pris en charge", EN: "This format is not supported", TR: "Bu biçim desteklenmiyor", AR: "هذا التنسيق غير مدعوم"},
	klusbuddy.ENOTIMPLEMENTED: {NL: "Nog niet beschikbaar", FR: "Pas encore disponible", EN: "Not available yet", TR: "Henüz kullanılamıyor", AR: "غير متاح بعد"},
	klusbuddy.EINTERNAL:       {NL: "Er ging iets mis bij ons", FR: "Une erreur s'est produite chez nous", EN: "Something went wrong on our side", TR: "Bizim tarafımızda bir sorun oldu", AR: "حدث خطأ من جهتنا"},
	eMethod:                   {NL: "Deze actie kan hier niet", FR: "Cette action n'est pas possible ici", EN: "This action is not possible here", TR: "Bu işlem burada yapılamaz", AR: "لا يمكن القيام بهذا الإجراء هنا"},
}

// problem is an RFC 9457 problem details document. Code repeats the domain code for clients;
// Errors holds per-field messages for invalid input.
type problem struct {
	Type      string       `json:"type"`
	Title     string       `json:"title"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail,omitempty"`
	Instance  string       `json:"instance,omitempty"`
	Code      string       `json:"code"`
	Reason    string       `json:"reason,omitempty"` // finer than code where clients act on it
	RequestID string       `json:"request_id,omitempty"`
	Errors    []fieldError `json:"errors,omitempty"`
}

type fieldError struct {
	Field   string `json:"field"`   // dotted JSON name, e.g. names.nl
	Pointer string `json:"pointer"` // JSON Pointer into the request body (RFC 6901)
	Detail  string `json:"detail"`
}

// writeError answers with the problem document for err. Internal errors are logged with the
// request ID and answered without their text.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	code := klusbuddy.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status >= 500 {
		log.ErrorContext(r.Context(), "request failed", "error", err, "request_id", requestID(r.Context()))
	}
	p := problem{
		Type:      "urn:klusbuddy:problem:" + code,
		Title:     titles[code].In(language(r)),
		Status:    status,
		Detail:    translate(language(r), klusbuddy.ErrorMessage(err)),
		Instance:  logPath(r.URL.Path),
		Code:      code,
		RequestID: requestID(r.Context()),
	}
	var e *klusbuddy.Error
	errors.As(err, &e)
	if e != nil {
		p.Reason = e.Reason
	}
	if e != nil && len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p.Errors = append(p.Errors, fieldError{Field: k, Pointer: "#/" + strings.ReplaceAll(k, ".", "/"), Detail: translate(language(r), e.Fields[k])})
		}
	}
	if status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests {
		wait := 5
		if e != nil && e.RetryAfter > 0 {
			wait = int(math.Ceil(e.RetryAfter.Seconds()))
		}
		w.Header().Set("Retry-After", strconv.Itoa(wait))
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}

// language picks the best interface language from Accept-Language; Dutch by default.
func language(r *http.Request) klusbuddy.Language {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		if l := klusbuddy.Language(strings.SplitN(tag, "-", 2)[0]); l.Valid() {
			return l
		}
	}
	return klusbuddy.Dutch
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
