package calendar

import (
	"encoding/binary"
	"hash/maphash"
	"sync"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// cacheBytes bounds the documents an instance keeps: a feed of 500 jobs is about 200 KiB, a
// usual one a few KiB.
const cacheBytes = 16 << 20

// written keeps the document last written for each person with the fingerprint of what it was
// written from. Writing is most of a feed's cost (golang-ical's serialization and the garbage
// it leaves); reading the entries is not skipped, so a feed is never staler than the database:
// any change of what a document shows changes its fingerprint. Over its bound it starts again
// empty, which costs one write per feed.
type written struct {
	mu    sync.Mutex
	seed  maphash.Seed
	max   int
	size  int
	items map[int64]writtenDoc
}

type writtenDoc struct {
	key  uint64
	body []byte
}

func newWritten(max int) *written {
	return &written{seed: maphash.MakeSeed(), max: max, items: map[int64]writtenDoc{}}
}

func (w *written) get(user int64, key uint64) ([]byte, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	d, ok := w.items[user]
	return d.body, ok && d.key == key
}

func (w *written) put(user int64, key uint64, body []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if old, ok := w.items[user]; ok {
		w.size -= len(old.body)
	}
	if w.size+len(body) > w.max {
		clear(w.items)
		w.size = 0
	}
	if len(body) > w.max {
		return
	}
	w.items[user] = writtenDoc{key: key, body: body}
	w.size += len(body)
}

// fingerprint hashes everything Write reads: the person, their language, the base address and
// every field of every entry.
func (w *written) fingerprint(c klusbuddy.Calendar, base string) uint64 {
	var h maphash.Hash
	h.SetSeed(w.seed) // set once, never changed: read without the lock
	var n [8]byte
	num := func(v int64) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	str := func(s string) {
		num(int64(len(s)))
		h.WriteString(s)
	}
	num(c.UserID)
	str(string(c.Role))
	str(string(c.Language))
	str(base)
	for _, e := range c.Entries {
		num(e.JobID)
		str(string(e.Role))
		num(int64(e.Sequence))
		if e.Left {
			num(1)
		} else {
			num(0)
		}
		num(e.Changed.UnixNano())
		num(e.Start.UnixNano())
		num(e.End.UnixNano())
		str(string(e.State))
		str(string(e.BuddyState))
		str(e.Category.NL)
		str(e.Category.FR)
		str(e.Category.EN)
		str(e.Category.TR)
		str(e.Category.AR)
		str(e.Street)
		str(e.Postcode)
		str(e.Municipality)
	}
	return h.Sum64()
}
