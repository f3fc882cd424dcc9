package httpapi

import (
	"net/http"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type organisationJSON struct {
	ID           int64  `json:"id"`
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Municipality string `json:"municipality"`
	MonthHourCap int    `json:"month_hour_cap"`
	YearHourCap  int    `json:"year_hour_cap"`
	SharedPool   bool   `json:"shared_pool"`
}

func (s *Server) listOrganisations(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	orgs, err := s.deps.People.ListOrganisations(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]organisationJSON, len(orgs))
	for i, o := range orgs {
		out[i] = organisationJSON(o)
	}
	writeJSON(w, http.StatusOK, map[string]any{"organisations": out})
}

func (s *Server) createOrganisation(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	in := organisationJSON{SharedPool: true}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	in.ID = 0
	o, err := s.deps.People.CreateOrganisation(r.Context(), p, klusbuddy.Organisation(in))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, organisationJSON(o))
}

func (s *Server) inviteStaff(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in struct {
		Role           klusbuddy.Role     `json:"role"`
		OrganisationID int64              `json:"organisation_id"`
		FirstName      string             `json:"first_name"`
		LastName       string             `json:"last_name"`
		Email          string             `json:"email"`
		Language       klusbuddy.Language `json:"language"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	klusbuddy.AuditFrom(r.Context()).Detail("role", in.Role)
	inv, err := s.deps.People.InviteStaff(r.Context(), p, klusbuddy.User{Role: in.Role, OrganisationID: in.OrganisationID,
		FirstName: in.FirstName, LastName: in.LastName, Email: in.Email, Language: in.Language})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"invite": s.inviteJSON(r, inv)})
}
