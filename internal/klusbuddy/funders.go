package klusbuddy

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"hash"
	"time"
)

// Exports for funders (issue 13): the anonymised rows under the impact figures, one row per job
// or per booked place, streamed from one database snapshot. A row holds no name, contact
// detail, address, postcode, free text or id of a person; people and jobs appear as
// pseudonyms that link rows within one export only (see Pseudonyms and docs/exports.md).

// ExportKind names a funders' export.
type ExportKind string

const (
	ExportJobs        ExportKind = "jobs"        // one row per job
	ExportAssignments ExportKind = "assignments" // one row per booked place, and per drop-out
)

// ExportFilter says which rows an export holds: jobs starting in [From, To), of one
// organisation (OrganisationID; 0: every organisation, for an admin only). For jobs that is the
// job's organisation; for assignments the organisation of the worker (for a buddy's drop-out,
// of the buddy). Language picks the category names.
type ExportFilter struct {
	Kind           ExportKind
	OrganisationID int64
	From, To       time.Time
	Language       Language
}

// JobExportRow is one job as a funder sees it. Hours are decimal hours; TimeToFill (hours from
// posting to first filled) is nil when the job was never filled.
type JobExportRow struct {
	JobID          int64 // for the pseudonym only, never written out
	Organisation   string
	Municipality   string // the main municipality of the job's address
	Category       string
	PosterKind     PosterKind
	Start          time.Time
	State          JobState
	WorkersNeeded  int
	WorkersBooked  int
	Buddy          BuddyPolicy
	BuddiesBooked  int
	HoursBooked    float64 // the booked windows of the places
	HoursApproved  float64 // the approved hours of the final worker sheets (per hour jobs)
	PlacesApproved int     // places whose worker sheet is final
	VolunteerHours float64 // approved hours of the buddies' final sheets
	NoShows        int     // places whose last outcome is worker_no_show
	BuddyNoShows   int     // places whose last outcome is buddy_no_show
	DropoutsLate   int     // workers who dropped out late
	DropoutsEarly  int
	BuddyDropouts  int
	Outcome        string // the last outcome for the whole job (place 0), if any
	TimeToFill     *float64
	CancelledLate  bool
}

// AssignmentExportRow is one booked place (Status "booked") or one drop-out (Status
// "dropped_out_late", "dropped_out_early", "buddy_dropped_out_late", "buddy_dropped_out_early").
// HoursWorked follows the worked_hours rule (the approved hours once the sheet is final, else
// the booked ones) and is nil for a cancelled job and for a drop-out.
type AssignmentExportRow struct {
	JobID              int64 // for pseudonyms only
	WorkerID, BuddyID  int64 // for pseudonyms only; 0: none
	Status             string
	WorkerOrganisation string
	JobOrganisation    string
	Municipality       string
	Category           string
	PosterKind         PosterKind
	Start              time.Time
	JobState           JobState
	HoursBooked        *float64
	HoursWorked        *float64
	Final              bool
	VolunteerHours     *float64
	Outcome            string
	CheckedIn          bool
}

// ExportMaxDuration bounds one export, in the database and over HTTP: longer than a request may
// usually take. A client that goes away ends it sooner, freeing its database connection.
const ExportMaxDuration = 30 * time.Minute

// ExportService streams funders' exports. begin is called once, with the number of rows,
// before the first row; the rows come from the same snapshot, so that number is exact. A
// callback's error stops the export and is returned. An organisation that does not exist is
// ENOTFOUND. The row passed to row is reused: copy what must outlive the call.
type ExportService interface {
	ExportJobs(ctx context.Context, f ExportFilter, begin func(total int) error, row func(*JobExportRow) error) error
	ExportAssignments(ctx context.Context, f ExportFilter, begin func(total int) error, row func(*AssignmentExportRow) error) error
}

// Pseudonyms turns ids into keyed pseudonyms for one export: HMAC-SHA-256 of the id under a
// random key made for the export and never stored. The same person has the same pseudonym
// throughout the export (its rows link), a different one in every other export (exports do not
// link), and without the key no one can go back from a pseudonym to an id.
// One export's rows are written one after the other: Pseudonyms is not for concurrent use.
type Pseudonyms struct {
	mac hash.Hash
	sum [sha256.Size]byte
}

// NewPseudonyms makes a fresh key.
func NewPseudonyms() *Pseudonyms {
	var key [32]byte
	_, _ = rand.Read(key[:]) // crypto/rand.Read does not fail (Go 1.24+)
	return &Pseudonyms{mac: hmac.New(sha256.New, key[:])}
}

var pseudonymEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Of is the pseudonym of id as a kind ('W' worker, 'B' buddy, 'J' job): the kind's letter and
// 12 base-32 characters (60 bits: no collision to fear among millions of ids). 0 is "".
func (p *Pseudonyms) Of(kind byte, id int64) string {
	if id == 0 {
		return ""
	}
	var b [9]byte
	b[0] = kind
	binary.BigEndian.PutUint64(b[1:], uint64(id))
	p.mac.Reset()
	p.mac.Write(b[:])
	var out [14]byte
	out[0] = kind
	pseudonymEncoding.Encode(out[1:], p.mac.Sum(p.sum[:0])[:8]) // 8 bytes make 13 characters; 12 are kept
	return string(out[:13])
}
