package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func (s *Server) getProfile(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	person, err := s.deps.People.GetPerson(r.Context(), p, p.ID)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, profileJSON(person))
}

func profileJSON(p klusbuddy.Person) map[string]any {
	out := map[string]any{"user": toUserJSON(p.User, p.OrganisationName)}
	if p.Worker != nil {
		out["worker"] = p.Worker
	}
	if p.Buddy != nil {
		out["buddy"] = p.Buddy
	}
	if p.Poster != nil {
		out["poster"] = p.Poster
	}
	return out
}

func (s *Server) updateProfile(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	cur, err := s.deps.People.GetPerson(r.Context(), p, p.ID)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	next, err := applyEdit(r, cur)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	saved, err := s.deps.People.UpdatePerson(r.Context(), p, p.ID, next)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, profileJSON(saved))
}

func (s *Server) addAddress(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in struct {
		Label        string  `json:"label"`
		Street       string  `json:"street"`
		Postcode     string  `json:"postcode"`
		Municipality string  `json:"municipality"`
		Lat          float64 `json:"lat"`
		Lon          float64 `json:"lon"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	a, err := s.deps.People.AddAddress(r.Context(), p, klusbuddy.Address{Label: in.Label, Street: in.Street, Postcode: in.Postcode,
		Municipality: in.Municipality, Lat: in.Lat, Lon: in.Lon})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, a)
}

func (s *Server) deleteAddress(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		err = s.deps.People.DeleteAddress(r.Context(), p, id)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) exportMe(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	data, err := s.deps.People.Export(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="klusbuddy-`+s.deps.Now().Format("2006-01-02")+`.json"`)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(data)
}

func (s *Server) eraseMe(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in struct {
		Confirm bool `json:"confirm"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if !in.Confirm {
		writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"confirm": "Confirm that your account is to be deleted."}})
		return
	}
	if err := s.deps.People.Erase(r.Context(), p); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) searchPlaces(w http.ResponseWriter, r *http.Request) {
	places, err := s.deps.People.SearchPlaces(r.Context(), r.URL.Query().Get("q"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"places": places})
}

func (s *Server) nearestPlace(w http.ResponseWriter, r *http.Request) {
	lat, err1 := strconv.ParseFloat(r.URL.Query().Get("lat"), 64)
	lon, err2 := strconv.ParseFloat(r.URL.Query().Get("lon"), 64)
	if err1 != nil || err2 != nil {
		writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"lat": "Give lat and lon as numbers."}})
		return
	}
	place, err := s.deps.People.NearestPlace(r.Context(), klusbuddy.Point{Lat: lat, Lon: lon})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"place": place})
}
