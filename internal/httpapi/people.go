package httpapi

import (
	"bytes"
	"io"
	"net/http"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type personJSON struct {
	userJSON
	Status klusbuddy.PersonStatus   `json:"status"`
	Worker *klusbuddy.WorkerProfile `json:"worker"`
	Buddy  *klusbuddy.BuddyProfile  `json:"buddy"`
	Poster *klusbuddy.PosterProfile `json:"poster,omitempty"`
}

func toPersonJSON(p klusbuddy.Person) personJSON {
	return personJSON{userJSON: toUserJSON(p.User, p.OrganisationName), Status: p.Status, Worker: p.Worker, Buddy: p.Buddy, Poster: p.Poster}
}

// personEdit is what a PATCH may change: it starts as the current person and the request body
// is decoded on top of it, so that fields left out keep their value.
type personEdit struct {
	FirstName string                   `json:"first_name"`
	LastName  string                   `json:"last_name"`
	Email     *string                  `json:"email"`
	Phone     *string                  `json:"phone"`
	Language  klusbuddy.Language       `json:"language"`
	Worker    *klusbuddy.WorkerProfile `json:"worker"`
	Buddy     *klusbuddy.BuddyProfile  `json:"buddy"`
	Poster    *klusbuddy.PosterProfile `json:"poster"`
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// applyEdit applies the request body to cur as a JSON merge patch (see applyMergePatch).
func applyEdit(r *http.Request, cur klusbuddy.Person) (klusbuddy.Person, error) {
	edit := personEdit{FirstName: cur.FirstName, LastName: cur.LastName, Email: nullable(cur.Email), Phone: nullable(cur.Phone),
		Language: cur.Language, Worker: cur.Worker, Buddy: cur.Buddy, Poster: cur.Poster}
	var next personEdit
	if err := applyMergePatch(r, edit, &next); err != nil {
		return cur, err
	}
	out := cur
	out.FirstName, out.LastName, out.Email, out.Phone, out.Language = next.FirstName, next.LastName, deref(next.Email), deref(next.Phone), next.Language
	out.Worker, out.Buddy, out.Poster = next.Worker, next.Buddy, next.Poster
	return out, nil
}

func (s *Server) listPeople(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	f := klusbuddy.PersonFilter{Role: klusbuddy.Role(r.URL.Query().Get("role")), Query: r.URL.Query().Get("q")}
	people, err := s.deps.People.ListPeople(r.Context(), p, f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	type summary struct {
		ID           int64                  `json:"id"`
		Role         klusbuddy.Role         `json:"role"`
		FirstName    string                 `json:"first_name"`
		LastName     string                 `json:"last_name"`
		Phone        *string                `json:"phone"`
		Email        *string                `json:"email"`
		Municipality string                 `json:"municipality"`
		Status       klusbuddy.PersonStatus `json:"status"`
	}
	out := make([]summary, len(people))
	for i, pe := range people {
		m := ""
		if pe.Worker != nil {
			m = pe.Worker.Municipality
		} else if pe.Buddy != nil {
			m = pe.Buddy.Municipality
		}
		out[i] = summary{ID: pe.ID, Role: pe.Role, FirstName: pe.FirstName, LastName: pe.LastName, Phone: nullable(pe.Phone),
			Email: nullable(pe.Email), Municipality: m, Status: pe.Status}
	}
	writeJSON(w, http.StatusOK, map[string]any{"people": out})
}

func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in struct {
		Role      klusbuddy.Role           `json:"role"`
		FirstName string                   `json:"first_name"`
		LastName  string                   `json:"last_name"`
		Phone     string                   `json:"phone"`
		Email     string                   `json:"email"`
		Language  klusbuddy.Language       `json:"language"`
		Worker    *klusbuddy.WorkerProfile `json:"worker"`
		Buddy     *klusbuddy.BuddyProfile  `json:"buddy"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	klusbuddy.AuditFrom(r.Context()).Detail("role", in.Role)
	person, inv, err := s.deps.People.CreatePerson(r.Context(), p, klusbuddy.NewPerson(in))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"person": toPersonJSON(person), "invite": s.inviteJSON(r, inv)})
}

func (s *Server) getPerson(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var person klusbuddy.Person
		if person, err = s.orgPerson(r, p, id); err == nil {
			writeJSON(w, http.StatusOK, toPersonJSON(person))
			return
		}
	}
	writeError(w, r, s.log, err)
}

// orgPerson returns a worker or buddy of the coordinator's organisation; themselves and anyone
// else are not found here.
func (s *Server) orgPerson(r *http.Request, p klusbuddy.Principal, id int64) (klusbuddy.Person, error) {
	person, err := s.deps.People.GetPerson(r.Context(), p, id)
	if err == nil && person.Role != klusbuddy.RoleWorker && person.Role != klusbuddy.RoleBuddy {
		err = klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person.")
	}
	return person, err
}

func (s *Server) updatePerson(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	cur, err := s.orgPerson(r, p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	next, err := applyEdit(r, cur)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	klusbuddy.AuditFrom(r.Context()).Detail("changes", klusbuddy.AuditDiff(toPersonJSON(cur), toPersonJSON(next)))
	klusbuddy.AuditFrom(r.Context()).Detail("role", cur.Role)
	if v := newlyVerified(cur, next); len(v) > 0 {
		klusbuddy.AuditFrom(r.Context()).Detail("verified", v)
	}
	saved, err := s.deps.People.UpdatePerson(r.Context(), p, id, next)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, toPersonJSON(saved))
}

func (s *Server) newInvite(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if _, err := s.orgPerson(r, p, id); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		SignOutDevices bool `json:"sign_out_devices"`
	}
	if err := decodeOptionalJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	inv, err := s.deps.Accounts.NewInvite(r.Context(), p, id, in.SignOutDevices)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"invite": s.inviteJSON(r, inv)})
}

// decodeOptionalJSON is decodeJSON for bodies that may be left out altogether.
func decodeOptionalJSON(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return decodeJSON(r, v) // reports the size limit
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return decodeJSON(r, v)
}

// personBlocks lists the posters a worker or buddy of the coordinator's organisation is kept
// apart from.
func (s *Server) personBlocks(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		_, err = s.orgPerson(r, p, id)
	}
	var blocks []klusbuddy.Block
	if err == nil {
		blocks, err = s.deps.Blocks.PersonBlocks(r.Context(), p, id)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]map[string]any, len(blocks))
	for i, b := range blocks {
		out[i] = map[string]any{"poster": map[string]any{"id": b.PosterID, "name": b.PosterName, "municipality": b.Municipality},
			"by": b.By, "job_id": b.JobID, "created_at": b.Created}
	}
	writeJSON(w, http.StatusOK, map[string]any{"blocks": out})
}

// unblock lifts a block for a worker or buddy of the coordinator's organisation.
func (s *Server) unblock(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	var poster int64
	if err == nil {
		poster, err = pathID(r, "poster")
	}
	if err == nil {
		_, err = s.orgPerson(r, p, id)
	}
	if err == nil {
		err = s.deps.Blocks.Unblock(r.Context(), p, id, poster)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// newlyVerified lists the skills (category slugs) a coordinator's edit verifies, for the audit log.
func newlyVerified(cur, next klusbuddy.Person) []string {
	if next.Worker == nil {
		return nil
	}
	was := map[string]bool{}
	if cur.Worker != nil {
		for _, sk := range cur.Worker.Skills {
			was[sk.Category] = sk.Verified
		}
	}
	var out []string
	for _, sk := range next.Worker.Skills {
		if sk.Verified && !was[sk.Category] {
			out = append(out, sk.Category)
		}
	}
	return out
}
