package httpapi

import (
	"net/http"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Hours after the job (issue 12): the worker's and the buddy's sheet of a job, the poster's
// approval or dispute of the workers' sheets, the coordinators' decisions and approvals of
// buddies' hours.

type sheetStepJSON struct {
	Step  klusbuddy.SheetStep `json:"step"`
	Role  klusbuddy.Role      `json:"role"`
	At    time.Time           `json:"at"`
	Value *int                `json:"value"`
	Text  *string             `json:"text"`
}

type sheetJSON struct {
	ID            int64                `json:"id"`
	JobID         int64                `json:"job_id"`
	Role          klusbuddy.Role       `json:"role"`
	Place         int                  `json:"place"`
	FirstName     string               `json:"first_name"`
	Unit          klusbuddy.SheetUnit  `json:"unit"`
	State         klusbuddy.SheetState `json:"state"`
	Proposed      *int                 `json:"proposed"`
	Confirmed     *int                 `json:"confirmed"`
	Reason        *string              `json:"reason"`
	DueAt         *time.Time           `json:"due_at"`
	DisputeReason *string              `json:"dispute_reason"`
	Approved      *int                 `json:"approved"`
	DecisionNote  *string              `json:"decision_note"`
	MaxMinutes    int                  `json:"max_minutes"`
	Steps         []sheetStepJSON      `json:"steps"`
}

func textOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toSheetJSON(s klusbuddy.Sheet) sheetJSON {
	out := sheetJSON{ID: s.ID, JobID: s.JobID, Role: s.Role, Place: s.Place, FirstName: s.FirstName, Unit: s.Unit, State: s.State,
		Proposed: s.Proposed, Confirmed: s.Confirmed, Reason: textOrNil(s.Reason), DueAt: s.DueAt, DisputeReason: textOrNil(s.DisputeReason),
		Approved: s.Approved, DecisionNote: textOrNil(s.DecisionNote), MaxMinutes: klusbuddy.MaxMinutes(s.Start, s.End),
		Steps: make([]sheetStepJSON, len(s.Steps))}
	for i, st := range s.Steps {
		out.Steps[i] = sheetStepJSON{Step: st.Step, Role: st.Role, At: st.At, Value: st.Value, Text: textOrNil(st.Text)}
	}
	return out
}

func toSheetsJSON(ss []klusbuddy.Sheet) []sheetJSON {
	out := make([]sheetJSON, len(ss))
	for i, s := range ss {
		out[i] = toSheetJSON(s)
	}
	return out
}

// sheetRef reads what the path names for a role: a worker's job, a buddy's accompaniment, a
// poster's job and sheet, a coordinator's sheet.
func sheetRef(r *http.Request, role klusbuddy.Role) (klusbuddy.SheetRef, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return klusbuddy.SheetRef{}, err
	}
	ref := klusbuddy.SheetRef{As: role, ID: id}
	if role == klusbuddy.RolePoster {
		ref.JobID = id
		if ref.ID, err = pathID(r, "sheet"); err != nil {
			return ref, err
		}
	}
	return ref, nil
}

func (s *Server) mySheet(role klusbuddy.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := principal(r.Context())
		ref, err := sheetRef(r, role)
		if err == nil {
			var sh klusbuddy.Sheet
			if sh, err = s.deps.Hours.MySheet(r.Context(), p, ref); err == nil {
				writeJSON(w, http.StatusOK, map[string]any{"sheet": toSheetJSON(sh)})
				return
			}
		}
		writeError(w, r, s.log, err)
	}
}

// stepIn is the body of a step: minutes or items, and the text the step asks for (a reason
// for a correction or a dispute, a note for a decision). An approval has no body.
type stepIn struct {
	Minutes *int    `json:"minutes"`
	Items   *int    `json:"items"`
	Reason  *string `json:"reason"`
	Note    *string `json:"note"`
}

func (s *Server) readStep(r *http.Request, step klusbuddy.SheetStep) (klusbuddy.SheetInput, error) {
	var in klusbuddy.SheetInput
	if step == klusbuddy.StepApprove {
		return in, nil
	}
	var b stepIn
	if err := decodeJSON(r, &b); err != nil {
		return in, err
	}
	fe := klusbuddy.FieldErrors{}
	in.Minutes, in.Items = b.Minutes, b.Items
	switch step {
	case klusbuddy.StepDecide:
		if b.Reason != nil {
			fe.Add("reason", "A decision has a note, not a reason.")
		}
		if b.Note != nil {
			in.Text = *b.Note
		}
	default:
		if b.Note != nil {
			fe.Add("note", "Give a reason, not a note.")
		}
		if b.Reason != nil {
			in.Text = *b.Reason
		}
		if step == klusbuddy.StepDispute {
			if b.Minutes != nil {
				fe.Add("minutes", "A dispute gives a reason; the coordinator decides the hours.")
			}
			if b.Items != nil {
				fe.Add("items", "A dispute gives a reason; the coordinator decides the items.")
			}
		}
	}
	field := "reason"
	if step == klusbuddy.StepDecide {
		field = "note"
	}
	klusbuddy.CheckLength(fe, field, in.Text, klusbuddy.MaxSheetText) // before any query
	return in, fe.Err()
}

func (s *Server) stepSheet(role klusbuddy.Role, step klusbuddy.SheetStep) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := principal(r.Context())
		ref, err := sheetRef(r, role)
		if err == nil {
			var in klusbuddy.SheetInput
			if in, err = s.readStep(r, step); err == nil {
				var sh klusbuddy.Sheet
				audit := klusbuddy.AuditFrom(r.Context())
				audit.Detail("step", step)
				if in.Minutes != nil {
					audit.Detail("minutes", *in.Minutes)
				}
				if in.Items != nil {
					audit.Detail("items", *in.Items)
				}
				if sh, err = s.deps.Hours.Step(r.Context(), p, ref, step, in); err == nil {
					writeJSON(w, http.StatusOK, map[string]any{"sheet": toSheetJSON(sh)})
					return
				}
			}
		}
		writeError(w, r, s.log, err)
	}
}

func (s *Server) jobSheets(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var ss []klusbuddy.Sheet
		if ss, err = s.deps.Hours.JobSheets(r.Context(), p, id); err == nil {
			writeJSON(w, http.StatusOK, map[string]any{"sheets": toSheetsJSON(ss)})
			return
		}
	}
	writeError(w, r, s.log, err)
}

func (s *Server) orgSheets(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	ss, err := s.deps.Hours.OrgSheets(r.Context(), p, klusbuddy.SheetState(r.URL.Query().Get("state")))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sheets": toSheetsJSON(ss)})
}
