package klusbuddy

// SeedHistory is a past for the demo (issue 12's screens): jobs done over the last weeks with
// their attendance, hours, outcomes and feedback, favourites and the organisations' pay. Days
// are counted back from the seed's clock, so the history is always recent; people are named by
// their e-mail (posters) or phone (workers, buddies).
type SeedHistory struct {
	WorkerRates map[string]int // organisation slug → hourly pay in cents
	Jobs        []SeedJob
	Favourites  []SeedFavourite
}

// SeedJob is one past job.
type SeedJob struct {
	Poster      string // e-mail
	Category    string // slug
	Description string
	DaysAgo     int // the job's day, this many days before the seed's day (Brussels), 1 or more
	StartMinute int // minutes after midnight, Brussels time
	Minutes     int // booked length
	Places      []SeedPlace
	// A worker (phone) who had the first place and dropped out less than a day before.
	LateDropout string
}

// SeedPlace is one worker's place on a past job and how it ended.
type SeedPlace struct {
	Worker string // phone
	Buddy  string // phone, or ""
	NoShow bool   // the worker did not come (no attendance, no sheet)
	// Minutes worked (per hour; a multiple of 15) or items done (per item).
	Worked int
	// The worker's sheet: approved (by ApprovedBy), decided after a dispute, or confirmed and
	// waiting for the poster.
	Sheet      SheetState
	ApprovedBy Role // poster, or "" for Klusbuddy itself after the deadline
	Dispute    string
	Decision   string
	Again      *bool    // the poster's "would you ask them again?"; nil: no answer
	Tags       []string // with Again
	Comment    string   // with Again
	Face       *int     // the worker's face about the job; nil: no answer
	FaceTags   []string
}

// SeedFavourite is a poster's "graag opnieuw" for a worker.
type SeedFavourite struct {
	Poster, Worker string
	DaysAgo        int
}
