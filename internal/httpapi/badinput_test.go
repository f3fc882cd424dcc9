package httpapi_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// fingerprint is a digest of every table a write endpoint may touch (sessions aside: signing in
// is not a write of the data), to show that a refused request changed nothing.
func (a *site) fingerprint() string {
	var s string
	const q = `
SELECT md5(coalesce(string_agg(x, ',' ORDER BY x), '')) FROM (
    SELECT (to_jsonb(t) - 'last_active_at')::text AS x FROM users t UNION ALL SELECT t::text FROM worker_profiles t
    UNION ALL SELECT t::text FROM worker_skills t UNION ALL SELECT t::text FROM buddy_profiles t
    UNION ALL SELECT t::text FROM buddy_categories t UNION ALL SELECT t::text FROM poster_profiles t
    UNION ALL SELECT t::text FROM poster_addresses t UNION ALL SELECT t::text FROM availability t
    UNION ALL SELECT t::text FROM availability_exceptions t UNION ALL SELECT t::text FROM organisations t
    UNION ALL SELECT (t.user_id, t.created_at, t.used_at, t.revoked_at)::text FROM invites t
    UNION ALL SELECT t::text FROM attendance t UNION ALL SELECT t::text FROM safety_reports t
    UNION ALL SELECT t::text FROM outcomes t UNION ALL SELECT (t.id, t.meeting_place, t.meeting_at)::text FROM assignments t
    UNION ALL SELECT t::text FROM timesheets t UNION ALL SELECT t::text FROM timesheet_steps t
    UNION ALL SELECT t::text FROM feedback t
    UNION ALL SELECT t::text FROM favourites t UNION ALL SELECT t::text FROM job_series t
    UNION ALL SELECT t::text FROM impact_values t
    UNION ALL SELECT (t.id, t.state)::text FROM jobs t) all_rows`
	if err := a.sql.Get(&s, q); err != nil {
		a.t.Fatal(err)
	}
	return s
}

// Every write endpoint answers bad input with a problem document naming each wrong field, and
// changes nothing.
func TestBadInput(t *testing.T) {
	a := newApp(t)
	orgA := "kompas-genk"
	worker := a.person(klusbuddy.RoleWorker, orgA, 0)
	workerID := a.idOf(worker)
	as := map[string]*client{
		"anonymous":   a.client(),
		"worker":      a.signedIn(worker),
		"buddy":       a.signedIn(a.person(klusbuddy.RoleBuddy, orgA, 0)),
		"poster":      a.signedIn(a.person(klusbuddy.RolePoster, "", 0)),
		"household":   a.signedIn(a.person(klusbuddy.RolePoster, "", demo.Companies)),
		"coordinator": a.signedIn(a.person(klusbuddy.RoleCoordinator, orgA, 0)),
		"admin":       a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0)),
	}
	goodWorker := func(mod func(w map[string]any)) map[string]any {
		w := map[string]any{"postcode": "3600", "municipality": "Genk", "travel_mode": "bike", "max_travel_minutes": 20}
		mod(w)
		return map[string]any{"role": "worker", "first_name": "Ali", "phone": "0471 22 33 44", "worker": w}
	}
	person := fmt.Sprintf("/api/v1/org/people/%d", workerID)
	var posterAddress int64
	if err := a.sql.Get(&posterAddress, `SELECT min(a.id) FROM poster_addresses a JOIN users u ON u.id = a.poster_id WHERE u.email = $1`,
		a.person(klusbuddy.RolePoster, "", 0).Email); err != nil {
		t.Fatal(err)
	}
	series := func(repeat any) map[string]any {
		return map[string]any{"category": "cleaning", "address_id": posterAddress, "minutes": 120, "workers_needed": 1,
			"start": a.clock.Now().Add(72 * time.Hour).Format(time.RFC3339), "repeat": repeat}
	}
	cases := []struct {
		name, who, method, path string
		body                    any
		status                  int
		fields                  []string // every field that must be named
	}{
		{"SignupEmpty", "anonymous", "POST", "/api/v1/signup", map[string]any{}, 422, []string{"kind", "first_name", "email", "password", "phone"}},
		{"SignupCompanyBadVAT", "anonymous", "POST", "/api/v1/signup", map[string]any{"kind": "company", "first_name": "An", "last_name": "Peeters",
			"email": "an@firma.be", "password": "lang genoeg wachtwoord", "phone": "011 22 33 44", "company_name": "Firma", "vat_number": "BE 0412.345.615"}, 422, []string{"vat_number"}},
		{"SignupShortPasswordBadPhoneBadEmail", "anonymous", "POST", "/api/v1/signup", map[string]any{"kind": "household", "first_name": "An",
			"last_name": "P", "email": "an@", "password": "kort", "phone": "12"}, 422, []string{"email", "password", "phone"}},
		{"SignupEmailTaken", "anonymous", "POST", "/api/v1/signup", map[string]any{"kind": "household", "first_name": "An", "last_name": "P",
			"email": strings.ToUpper(a.person(klusbuddy.RolePoster, "", 1).Email), "password": "lang genoeg wachtwoord", "phone": "0470 00 11 22"}, 422, []string{"email"}},
		{"SignupUnknownField", "anonymous", "POST", "/api/v1/signup", map[string]any{"kind": "household", "role": "admin"}, 422, []string{"role"}},
		{"SignupWrongType", "anonymous", "POST", "/api/v1/signup", map[string]any{"kind": 3}, 422, []string{"kind"}},
		{"SignupNotJSON", "anonymous", "POST", "/api/v1/signup", "{not json", 422, nil},
		{"NULInAName", "anonymous", "POST", "/api/v1/signup", `{"kind":"household","first_name":"Ab\u0000di"}`, 422, nil},
		{"NULInALogin", "anonymous", "POST", "/api/v1/login", `{"login":"x\u0000@y.be","secret":"whatever12"}`, 422, nil},
		{"LoginEmpty", "anonymous", "POST", "/api/v1/login", map[string]any{}, 422, []string{"login", "secret"}},
		{"InviteUnknown", "anonymous", "POST", "/api/v1/invites/accept", map[string]any{"token": "nope", "pin": "482913"}, 404, nil},
		{"PersonEmpty", "coordinator", "POST", "/api/v1/org/people", map[string]any{}, 422, []string{"role", "first_name", "phone"}},
		{"PersonBadArea", "coordinator", "POST", "/api/v1/org/people", goodWorker(func(w map[string]any) {
			w["postcode"], w["travel_mode"], w["max_travel_minutes"] = "36000", "rocket", 900
		}), 422, []string{"worker.postcode", "worker.travel_mode", "worker.max_travel_minutes"}},
		{"PersonPostcodeNotOfMunicipality", "coordinator", "POST", "/api/v1/org/people", goodWorker(func(w map[string]any) {
			w["municipality"] = "Hasselt"
		}), 422, []string{"worker.municipality"}},
		{"PersonUnknownSkill", "coordinator", "POST", "/api/v1/org/people", goodWorker(func(w map[string]any) {
			w["skills"] = []map[string]any{{"category": "cleaning", "level": 2}, {"category": "juggling", "level": 1}}
		}), 422, []string{"worker.skills.1.category"}},
		{"PersonBadAvailability", "coordinator", "POST", "/api/v1/org/people", goodWorker(func(w map[string]any) {
			w["availability"] = []map[string]any{{"weekday": 8, "start": "09:00", "end": "10:00"}, {"weekday": 2, "start": "17:00", "end": "09:00"}}
			w["exceptions"] = []map[string]any{{"date": "2026-02-30", "available": false}}
		}), 422, []string{"worker.availability.0.weekday", "worker.availability.1.end", "worker.exceptions.0.date"}},
		{"PersonPhoneTaken", "coordinator", "POST", "/api/v1/org/people", map[string]any{"role": "buddy", "first_name": "Bo", "phone": worker.Phone,
			"buddy": map[string]any{"postcode": "3600", "municipality": "Genk", "travel_mode": "car", "max_travel_minutes": 30}}, 422, []string{"phone"}},
		{"EditPersonBadValues", "coordinator", "PATCH", person, map[string]any{"phone": "abc", "worker": map[string]any{"max_travel_minutes": 0, "buddy_need": "sometimes"}},
			422, []string{"phone", "worker.max_travel_minutes", "worker.buddy_need"}},
		{"EditPersonRoleChange", "coordinator", "PATCH", person, map[string]any{"worker": nil, "buddy": map[string]any{"postcode": "3600", "municipality": "Genk",
			"travel_mode": "car", "max_travel_minutes": 30}}, 422, []string{"role"}},
		{"WorkerSetsOwnSkills", "worker", "PATCH", "/api/v1/me/profile", map[string]any{"first_name": "Anders", "worker": map[string]any{
			"skills": []map[string]any{{"category": "painting", "level": 3, "verified": true}}, "month_hour_cap": 200}},
			422, []string{"first_name", "worker.skills", "worker.month_hour_cap"}},
		{"WorkerBadAvailability", "worker", "PATCH", "/api/v1/me/profile", map[string]any{"worker": map[string]any{
			"availability": []map[string]any{{"weekday": 1, "start": "25:00", "end": "26:00"}}}}, 422, []string{"worker.availability.0.start"}},
		{"WorkerDateInYearZero", "worker", "PATCH", "/api/v1/me/profile", map[string]any{"worker": map[string]any{
			"exceptions": []map[string]any{{"date": "0000-01-01", "available": false}}}}, 422, []string{"worker.exceptions.0.date"}},
		{"WorkerThousandsOfPeriods", "worker", "PATCH", "/api/v1/me/profile", map[string]any{"worker": map[string]any{
			"availability": manySlots(500)}}, 422, []string{"worker.availability"}},
		{"HouseholdBecomesCompany", "household", "PATCH", "/api/v1/me/profile", map[string]any{"poster": map[string]any{"company_name": "Firma"}}, 422, []string{"poster.company_name"}},
		{"PosterChangesEmail", "poster", "PATCH", "/api/v1/me/profile", map[string]any{"email": "other@example.be"}, 422, []string{"email"}},
		{"AddressEmpty", "poster", "POST", "/api/v1/me/addresses", map[string]any{}, 422, []string{"street", "postcode"}},
		{"AddressWrongMunicipality", "poster", "POST", "/api/v1/me/addresses", map[string]any{"street": "Kerkstraat 1", "postcode": "3600", "municipality": "Hasselt"}, 422, []string{"municipality"}},
		{"AddressAbroad", "poster", "POST", "/api/v1/me/addresses", map[string]any{"street": "Rue 1", "lat": 48.85, "lon": 2.35}, 422, []string{"lat"}},
		{"EraseUnconfirmed", "worker", "DELETE", "/api/v1/me", map[string]any{}, 422, []string{"confirm"}},
		{"OrganisationBad", "admin", "POST", "/api/v1/admin/organisations", map[string]any{"slug": "Bad Slug!", "month_hour_cap": 9999}, 422, []string{"slug", "name", "municipality", "month_hour_cap"}},
		{"OrganisationSlugTaken", "admin", "POST", "/api/v1/admin/organisations", map[string]any{"slug": "kompas-genk", "name": "X", "municipality": "Genk"}, 409, []string{"slug"}},
		{"StaffInviteBad", "admin", "POST", "/api/v1/admin/invites", map[string]any{"role": "coordinator", "first_name": "X"}, 422, []string{"email", "organisation_id"}},
		{"CheckInNoTime", "worker", "POST", "/api/v1/me/assignments/1/check-in", map[string]any{}, 422, []string{"at"}},
		{"CheckInBadTime", "worker", "POST", "/api/v1/me/assignments/1/check-in", map[string]any{"at": "morgen om tien"}, 422, []string{"at"}},
		{"CheckInFuture", "worker", "POST", "/api/v1/me/assignments/1/check-in", map[string]any{"at": a.clock.Now().Add(time.Hour).Format(time.RFC3339)}, 422, []string{"at"}},
		{"CheckInPositionOutOfRange", "worker", "POST", "/api/v1/me/assignments/1/check-in", map[string]any{"at": a.clock.Now().Format(time.RFC3339),
			"position": map[string]any{"lat": 91, "lon": -181, "accuracy": -3}}, 422, []string{"position.lat", "position.lon", "position.accuracy"}},
		{"CheckOutPositionHalf", "worker", "POST", "/api/v1/me/assignments/1/check-out", map[string]any{"at": a.clock.Now().Format(time.RFC3339),
			"position": map[string]any{"lat": 50.9}}, 422, []string{"position.lon", "position.accuracy"}},
		{"SafetyUnknownField", "worker", "POST", "/api/v1/me/assignments/1/safety", map[string]any{"at": a.clock.Now().Format(time.RFC3339), "reason": "x"}, 422, []string{"reason"}},
		{"BuddyCheckInNoTime", "buddy", "POST", "/api/v1/me/accompaniments/1/check-in", map[string]any{"position": map[string]any{"lat": 50.9, "lon": 5.5, "accuracy": 10}}, 422, []string{"at"}},
		{"MeetingEmpty", "buddy", "PUT", "/api/v1/me/accompaniments/1/meeting", map[string]any{}, 422, []string{"place", "at"}},
		{"BoardFilterUnknown", "coordinator", "GET", "/api/v1/org/jobs?filter=everything", nil, 422, []string{"filter"}},
		{"BoardIDsNotNumbers", "coordinator", "GET", "/api/v1/org/jobs?ids=4,x", nil, 422, []string{"ids"}},
		{"BoardIDsTooMany", "coordinator", "GET", "/api/v1/org/jobs?ids=" + strings.Repeat("1,", 100) + "1", nil, 422, []string{"ids"}},
		{"OutcomeUnknown", "coordinator", "POST", "/api/v1/org/jobs/1/outcome", map[string]any{"outcome": "exploded"}, 422, []string{"outcome"}},
		{"OutcomeOfAPlaceWithoutPlace", "coordinator", "POST", "/api/v1/org/jobs/1/outcome", map[string]any{"outcome": "worker_no_show"}, 422, []string{"place"}},
		{"StepInNoWorker", "coordinator", "POST", "/api/v1/org/jobs/1/assign", map[string]any{}, 422, []string{"worker"}},
		{"StepInOfferUnknownField", "coordinator", "POST", "/api/v1/org/jobs/1/offers", map[string]any{"worker": 1, "why": "x"}, 422, []string{"why"}},
		{"StepInWorkerNotANumber", "coordinator", "POST", "/api/v1/org/jobs/1/assign", map[string]any{"worker": "Jan"}, 422, []string{"worker"}},
		{"CancelForNoReason", "coordinator", "POST", "/api/v1/org/jobs/1/cancel", map[string]any{"reason": "  "}, 422, []string{"reason"}},
		{"DeclineForUnknownReason", "coordinator", "POST", "/api/v1/org/offers/1/decline", map[string]any{"reason": "lazy"}, 422, []string{"reason"}},
		{"PhonedPosterEmpty", "coordinator", "POST", "/api/v1/org/posters", map[string]any{}, 422,
			[]string{"first_name", "phone", "address.street", "address.postcode", "address.municipality"}},
		{"PhonedPosterWithEmail", "coordinator", "POST", "/api/v1/org/posters", map[string]any{"first_name": "Jos", "email": "jos@example.be"}, 422, []string{"email"}},
		{"PhonedPosterBadPhone", "coordinator", "POST", "/api/v1/org/posters", map[string]any{"first_name": "Jos", "phone": "12",
			"address": map[string]any{"street": "Molenstraat 4", "postcode": "3600", "municipality": "Genk"}}, 422, []string{"phone"}},
		{"PhonedPosterOutsideTheArea", "coordinator", "POST", "/api/v1/org/posters", map[string]any{"first_name": "Jos", "phone": "0470 12 34 56",
			"address": map[string]any{"street": "Markt 1", "postcode": "3500", "municipality": "Hasselt"}}, 422, []string{"address.postcode"}},
		{"PostForNoCategory", "coordinator", "POST", "/api/v1/org/posters/1/jobs", map[string]any{"minutes": 120}, 422, []string{"category"}},
		{"HoursConfirmUnknownField", "worker", "POST", "/api/v1/me/assignments/1/hours/confirm", map[string]any{"minutes": 60, "hours": 1}, 422, []string{"hours"}},
		{"HoursConfirmWithNote", "worker", "POST", "/api/v1/me/assignments/1/hours/confirm", map[string]any{"minutes": 60, "note": "x"}, 422, []string{"note"}},
		{"HoursConfirmMinutesNotANumber", "buddy", "POST", "/api/v1/me/accompaniments/1/hours/confirm", map[string]any{"minutes": "an hour"}, 422, []string{"minutes"}},
		{"HoursDisputeWithMinutes", "poster", "POST", "/api/v1/jobs/1/hours/1/dispute", map[string]any{"reason": "Te lang", "minutes": 60}, 422, []string{"minutes"}},
		{"HoursDecideWithReason", "coordinator", "POST", "/api/v1/org/hours/1/decide", map[string]any{"minutes": 60, "note": "x", "reason": "y"}, 422, []string{"reason"}},
		{"HoursUnknownState", "coordinator", "GET", "/api/v1/org/hours?state=lost", nil, 422, []string{"state"}},
		{"FeedbackUnknownTag", "poster", "POST", "/api/v1/jobs/1/feedback", map[string]any{"place": 1, "again": true, "tags": []string{"lazy"}}, 422, []string{"tags"}},
		{"FeedbackWithoutAnswer", "poster", "POST", "/api/v1/jobs/1/feedback", map[string]any{"place": 1}, 422, []string{"again"}},
		{"FeedbackWithoutPlace", "poster", "POST", "/api/v1/jobs/1/feedback", map[string]any{"again": false}, 422, []string{"place"}},
		{"FeedbackLongComment", "poster", "POST", "/api/v1/jobs/1/feedback", map[string]any{"place": 1, "again": true, "comment": strings.Repeat("x", 501)}, 422, []string{"comment"}},
		{"FeedbackAgainNotABoolean", "poster", "POST", "/api/v1/jobs/1/feedback", map[string]any{"place": 1, "again": "ja"}, 422, []string{"again"}},
		{"FeedbackPosterTagFromAWorker", "worker", "POST", "/api/v1/me/assignments/1/feedback", map[string]any{"face": "good", "tags": []string{"on_time"}}, 422, []string{"tags"}},
		{"FeedbackUnknownFace", "buddy", "POST", "/api/v1/me/accompaniments/1/feedback", map[string]any{"face": "great"}, 422, []string{"face"}},
		{"FeedbackNoFace", "worker", "POST", "/api/v1/me/assignments/1/feedback", map[string]any{"tags": []string{"safe"}}, 422, []string{"face"}},
		{"FeedbackUnknownField", "worker", "POST", "/api/v1/me/assignments/1/feedback", map[string]any{"face": "ok", "again": true}, 422, []string{"again"}},
		{"HoursCoachConfirmWithNote", "coordinator", "POST", "/api/v1/org/hours/1/confirm", map[string]any{"items": 3, "note": "x"}, 422, []string{"note"}},
		{"WorkedHoursMonth13", "worker", "GET", "/api/v1/me/hours?month=2026-13", nil, 422, []string{"month"}},
		{"WorkedHoursMonthInWords", "worker", "GET", "/api/v1/me/hours?month=mei", nil, 422, []string{"month"}},
		{"WorkedHoursMonthWithADay", "worker", "GET", "/api/v1/me/hours?month=2026-05-01", nil, 422, []string{"month"}},
		{"ImpactUnknownPeriod", "coordinator", "GET", "/api/v1/org/impact?period=decade", nil, 422, []string{"period"}},
		{"ImpactDateInWords", "coordinator", "GET", "/api/v1/org/impact?date=vandaag", nil, 422, []string{"date"}},
		{"ImpactRangeWithoutDates", "coordinator", "GET", "/api/v1/org/impact?period=range", nil, 422, []string{"from", "to"}},
		{"ImpactToBeforeFrom", "coordinator", "GET", "/api/v1/org/impact?period=range&from=2026-05-02&to=2026-05-01", nil, 422, []string{"to"}},
		{"ImpactRangeTooLong", "coordinator", "GET", "/api/v1/org/impact?period=range&from=2020-01-01&to=2026-05-01", nil, 422, []string{"to"}},
		{"ImpactFromWithoutRange", "coordinator", "GET", "/api/v1/org/impact?period=year&from=2026-01-01", nil, 422, []string{"from"}},
		{"ImpactUnknownCategory", "coordinator", "GET", "/api/v1/org/impact?category=juggling", nil, 422, []string{"category"}},
		{"ImpactUnknownMunicipality", "coordinator", "GET", "/api/v1/org/impact?municipality=Atlantis", nil, 422, []string{"municipality"}},
		{"ImpactEveryWrongField", "coordinator", "GET", "/api/v1/org/impact?period=week&date=2026-02-30&category=juggling", nil, 422, []string{"date", "category"}},
		{"ImpactFormatXLSX", "coordinator", "GET", "/api/v1/org/impact?format=xlsx", nil, 422, []string{"format"}},
		{"ImpactAdminUnknownOrganisation", "admin", "GET", "/api/v1/admin/impact?organisation=999999", nil, 422, []string{"organisation"}},
		{"ImpactAdminOrganisationInWords", "admin", "GET", "/api/v1/admin/impact?organisation=genk", nil, 422, []string{"organisation"}},
		{"PublicImpactUnknownMunicipality", "anonymous", "GET", "/api/v1/impact?municipality=Atlantis", nil, 422, []string{"municipality"}},
		{"PublicImpactBadDate", "anonymous", "GET", "/api/v1/impact?date=2026-1-1", nil, 422, []string{"date"}},
		{"PublicImpactUnknownLanguage", "anonymous", "GET", "/api/v1/impact?lang=xx", nil, 422, []string{"lang"}},
		{"ImpactValuesMissing", "coordinator", "PUT", "/api/v1/org/impact/values", map[string]any{}, 422, []string{"values"}},
		{"ImpactValueWithoutSource", "coordinator", "PUT", "/api/v1/org/impact/values", map[string]any{"values": []any{
			map[string]any{"label": "Vermeden kost", "basis": "hour", "cents": 1200, "source": " "}}}, 422, []string{"values.0.source"}},
		{"ImpactValueEveryWrongField", "coordinator", "PUT", "/api/v1/org/impact/values", map[string]any{"values": []any{
			map[string]any{"label": "ok", "basis": "hour", "cents": 1, "source": "ok"},
			map[string]any{"label": "", "basis": "day", "cents": 0, "source": "ok"}}}, 422, []string{"values.1.label", "values.1.basis", "values.1.cents"}},
		{"ImpactValuesTooMany", "coordinator", "PUT", "/api/v1/org/impact/values", map[string]any{"values": func() []any {
			var vs []any
			for range 11 {
				vs = append(vs, map[string]any{"label": "x", "basis": "person", "cents": 5, "source": "y"})
			}
			return vs
		}()}, 422, []string{"values"}},
		{"AuditFromNotADate", "coordinator", "GET", "/api/v1/org/audit?from=2026-13-01", nil, 422, []string{"from"}},
		{"AuditToInWords", "coordinator", "GET", "/api/v1/org/audit?to=gisteren", nil, 422, []string{"to"}},
		{"AuditToBeforeFrom", "coordinator", "GET", "/api/v1/org/audit?from=2026-05-02&to=2026-05-01", nil, 422, []string{"to"}},
		{"AuditUnknownAction", "coordinator", "GET", "/api/v1/org/audit?action=person.delete", nil, 422, []string{"action"}},
		{"AuditActorNotANumber", "coordinator", "GET", "/api/v1/org/audit?actor=ann", nil, 422, []string{"actor"}},
		{"AuditActorZero", "admin", "GET", "/api/v1/admin/audit?actor=0", nil, 422, []string{"actor"}},
		{"AuditBadSubject", "coordinator", "GET", "/api/v1/org/audit?subject=Person:x", nil, 422, []string{"subject"}},
		{"AuditBeforeNegative", "coordinator", "GET", "/api/v1/org/audit?before=-3", nil, 422, []string{"before"}},
		{"AuditLimitTooHigh", "coordinator", "GET", "/api/v1/org/audit?limit=201", nil, 422, []string{"limit"}},
		{"AuditLimitZero", "admin", "GET", "/api/v1/admin/audit?limit=0", nil, 422, []string{"limit"}},
		{"AuditFormatXLSX", "coordinator", "GET", "/api/v1/org/audit?format=xlsx", nil, 422, []string{"format"}},
		{"AuditCoachOtherOrganisation", "coordinator", "GET", "/api/v1/org/audit?organisation=2", nil, 422, []string{"organisation"}},
		{"AuditAdminOrganisationInWords", "admin", "GET", "/api/v1/admin/audit?organisation=genk", nil, 422, []string{"organisation"}},
		{"ExportWithoutDates", "coordinator", "GET", "/api/v1/org/exports/jobs.csv", nil, 422, []string{"from", "to"}},
		{"ExportFromNotADate", "coordinator", "GET", "/api/v1/org/exports/jobs.csv?from=2026-13-01&to=2026-12-31", nil, 422, []string{"from"}},
		{"ExportToInWords", "coordinator", "GET", "/api/v1/org/exports/assignments.csv?from=2026-01-01&to=morgen", nil, 422, []string{"to"}},
		{"ExportToBeforeFrom", "coordinator", "GET", "/api/v1/org/exports/assignments.csv?from=2026-05-02&to=2026-05-01", nil, 422, []string{"to"}},
		{"ExportCoachOtherOrganisation", "coordinator", "GET", "/api/v1/org/exports/jobs.csv?from=2026-01-01&to=2026-12-31&organisation=2", nil, 422, []string{"organisation"}},
		{"ExportAdminOrganisationInWords", "admin", "GET", "/api/v1/admin/exports/jobs.csv?from=2026-01-01&to=2026-12-31&organisation=genk", nil, 422, []string{"organisation"}},
		{"ExportAdminOrganisationZero", "admin", "GET", "/api/v1/admin/exports/assignments.csv?from=2026-01-01&to=2026-12-31&organisation=0", nil, 422, []string{"organisation"}},
		{"WorkerRateNegative", "coordinator", "PATCH", "/api/v1/org/settings", map[string]any{"worker_rate_cents": -1}, 422, []string{"worker_rate_cents"}},
		{"WorkerRateZero", "coordinator", "PATCH", "/api/v1/org/settings", map[string]any{"worker_rate_cents": 0}, 422, []string{"worker_rate_cents"}},
		{"WorkerRateTooHigh", "coordinator", "PATCH", "/api/v1/org/settings", map[string]any{"worker_rate_cents": 100001}, 422, []string{"worker_rate_cents"}},
		{"WorkerRateInEuro", "coordinator", "PATCH", "/api/v1/org/settings", map[string]any{"worker_rate_cents": 12.5}, 422, []string{"worker_rate_cents"}},
		{"WorkerRateAsText", "coordinator", "PATCH", "/api/v1/org/settings", map[string]any{"worker_rate_cents": "1250"}, 422, []string{"worker_rate_cents"}},
		{"OrgSettingsUnknownField", "coordinator", "PATCH", "/api/v1/org/settings", map[string]any{"rate": 1250}, 422, []string{"rate"}},
		{"FollowUpInactiveDaysZero", "coordinator", "PATCH", "/api/v1/org/settings", map[string]any{"follow_inactive_days": 0}, 422, []string{"follow_inactive_days"}},
		{"FollowUpDeclinesTooMany", "coordinator", "PATCH", "/api/v1/org/settings", map[string]any{"follow_declines_in_row": 51, "follow_unseen_days": 400}, 422,
			[]string{"follow_declines_in_row", "follow_unseen_days"}},
		{"FollowUpUnknownKind", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"kind": "email"}, 422, []string{"kind"}},
		{"FollowUpNoKind", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"note": "Gebeld"}, 422, []string{"kind"}},
		{"FollowUpNoteTooLong", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"kind": "call", "note": strings.Repeat("a", 1001)}, 422, []string{"note"}},
		{"FollowUpSnoozeWithoutDay", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"kind": "snooze"}, 422, []string{"until"}},
		{"FollowUpSnoozeInThePast", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"kind": "snooze", "until": "2020-01-01"}, 422, []string{"until"}},
		{"FollowUpSnoozeNotADate", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"kind": "snooze", "until": "volgende week"}, 422, []string{"until"}},
		{"FollowUpSnoozeTooFar", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"kind": "snooze", "until": "2999-01-01"}, 422, []string{"until"}},
		{"FollowUpDayWithACall", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"kind": "call", "until": "2999-01-01"}, 422, []string{"until"}},
		{"FollowUpUnknownField", "coordinator", "POST", "/api/v1/org/follow-up/1/actions", map[string]any{"kind": "call", "who": "Ann"}, 422, []string{"who"}},
		{"FollowUpPersonNotANumber", "coordinator", "POST", "/api/v1/org/follow-up/ann/actions", map[string]any{"kind": "call"}, 404, nil},
		{"StatementMonthOutOfRange", "poster", "GET", "/api/v1/me/statements/2026-13", nil, 422, []string{"month"}},
		{"StatementMonthNotAMonth", "poster", "GET", "/api/v1/me/statements/november", nil, 422, []string{"month"}},
		{"StatementUnknownFormat", "poster", "GET", "/api/v1/me/statements/2026-11?format=xml", nil, 422, []string{"format"}},
		{"SafetyAckEmpty", "coordinator", "POST", "/api/v1/org/safety/1/ack", map[string]any{"follow_up": ""}, 422, []string{"follow_up"}},
		{"SeriesBadRepeat", "poster", "POST", "/api/v1/jobs", series(map[string]any{"every_weeks": 3, "until": "morgen"}), 422, []string{"repeat.every_weeks", "repeat.until"}},
		{"SeriesUntilBeforeStart", "poster", "POST", "/api/v1/jobs", series(map[string]any{"every_weeks": 1, "until": a.clock.Now().Format(time.DateOnly)}), 422, []string{"repeat.until"}},
		{"SeriesTooLong", "poster", "POST", "/api/v1/jobs", series(map[string]any{"every_weeks": 1, "until": a.clock.Now().AddDate(0, 8, 0).Format(time.DateOnly)}), 422, []string{"repeat.until"}},
		{"SeriesUnknownField", "poster", "POST", "/api/v1/jobs", series(map[string]any{"every_weeks": 1, "until": "2030-01-01", "count": 3}), 422, []string{"count"}},
		{"RepostUnknownField", "poster", "POST", "/api/v1/jobs/1/repost", map[string]any{"start": a.clock.Now().Add(72 * time.Hour).Format(time.RFC3339), "minutes": 60}, 422, []string{"minutes"}},
		{"RepostNotADate", "poster", "POST", "/api/v1/jobs/1/repost", map[string]any{"start": "dinsdag"}, 422, nil},
		{"FavouriteNeverWorkedForThePoster", "poster", "PUT", fmt.Sprintf("/api/v1/me/favourites/%d", workerID), nil, 422, []string{"worker_id"}},
		{"StaffInviteUnknownOrganisation", "admin", "POST", "/api/v1/admin/invites", map[string]any{"role": "coordinator", "organisation_id": 999, "first_name": "X", "email": "x@example.be"}, 422, []string{"organisation_id"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := a.fingerprint()
			res, body := as[tc.who].do(tc.method, tc.path, tc.body)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tc.status, body)
			}
			p := decodeProblem(t, res, body)
			named := map[string]bool{}
			for _, e := range p.Errors {
				named[e.Field] = true
				if e.Detail == "" || e.Pointer != "#/"+strings.ReplaceAll(e.Field, ".", "/") {
					t.Errorf("field error %+v", e)
				}
			}
			for _, f := range tc.fields {
				if !named[f] {
					t.Errorf("field %q not named in %s", f, body)
				}
			}
			if after := a.fingerprint(); after != before {
				t.Fatal("a refused request changed the data")
			}
		})
	}
	t.Run("WrongMediaType", func(t *testing.T) {
		res, body := as["anonymous"].do("POST", "/api/v1/login", `{"login":"a","secret":"b"}`, "Content-Type", "text/plain")
		if res.StatusCode != 415 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
}

func manySlots(n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{"weekday": 1 + i%7, "start": fmt.Sprintf("%02d:%02d", i/60%24, i%60), "end": "23:59"}
	}
	return out
}

// Text that Go's JSON decoder would quietly turn into U+FFFD is refused, naming the field: bytes
// that are not UTF-8, and a UTF-16 surrogate without its other half. A pair is a character.
func TestInvalidTextIsRefused(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	for name, body := range map[string]string{
		"NotUTF8":      "{\"first_name\": \"Jan\xff\xfe\"}",
		"LoneHigh":     `{"first_name": "Jan\ud800"}`,
		"LoneLow":      `{"last_name": "x\udc00y"}`,
		"HighThenText": `{"last_name": "\ud83dx"}`,
		"NUL":          `{"first_name": "Jan\u0000"}`,
	} {
		before := a.fingerprint()
		res, b := poster.do("PATCH", "/api/v1/me/profile", body)
		p := decodeProblem(t, res, b)
		if res.StatusCode != 422 || len(p.Errors) != 1 || (p.Errors[0].Field != "first_name" && p.Errors[0].Field != "last_name") {
			t.Errorf("%s: %d %s", name, res.StatusCode, b)
		}
		if a.fingerprint() != before {
			t.Errorf("%s: the refused edit changed something", name)
		}
	}
	res, b := poster.do("PATCH", "/api/v1/me/profile", `{"last_name": "Smiley \ud83d\ude00"}`)
	if res.StatusCode != 200 || !strings.Contains(string(b), "Smiley 😀") {
		t.Fatalf("a surrogate pair: %d %s", res.StatusCode, b)
	}
}

// A section of another role's profile is refused, not silently dropped.
func TestProfileSectionOfAnotherRole(t *testing.T) {
	a := newApp(t)
	worker := a.person(klusbuddy.RoleWorker, "kompas-genk", 0)
	cases := []struct {
		who     *client
		path    string
		section string
	}{
		{a.signedIn(a.person(klusbuddy.RolePoster, "", 0)), "/api/v1/me/profile", "buddy"},
		{a.signedIn(a.person(klusbuddy.RolePoster, "", 0)), "/api/v1/me/profile", "worker"},
		{a.signedIn(worker), "/api/v1/me/profile", "poster"},
		{a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0)), "/api/v1/org/people/" + itoa(a.idOf(worker)), "poster"},
	}
	for _, c := range cases {
		before := a.fingerprint()
		res, b := c.who.do("PATCH", c.path, map[string]any{c.section: map[string]any{}})
		p := decodeProblem(t, res, b)
		named := false
		for _, e := range p.Errors {
			named = named || e.Field == c.section
		}
		if res.StatusCode != 422 || !named {
			t.Errorf("%s with a %s section: %d %s", c.path, c.section, res.StatusCode, b)
		}
		if a.fingerprint() != before {
			t.Errorf("%s: the refused edit changed something", c.path)
		}
	}
}
