package store

import (
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// shardCount is a power of two so a hash picks a shard with a mask. 256
// shards keep lock contention low for a few hundred workers while costing
// only a few KiB when empty.
const shardCount = 256

// Entry is a stored value and its absolute expiry time in Unix
// milliseconds; ExpireAt 0 means it never expires. The value is a string's
// bytes (Value) or a collection (Obj, object.go), never both.
type Entry struct {
	Value    []byte
	ExpireAt int64
	Obj      Object
}

// Form says how a value came about, as far as Redis's choice of how to
// represent it depends on that (OBJECT ENCODING). The store only keeps it,
// in spare bits of the record's flags: the writing Op chooses it (Put,
// PutEdited, PutText, Restamp), Inspect reports it.
type Form uint8

const (
	// FormPlain: stored as sent (SET, INCR): Redis tries the integer and
	// the short-string representations on it.
	FormPlain Form = iota
	// FormEdited: made by editing bytes in place (APPEND, SETRANGE,
	// SETBIT, ...): Redis keeps such a value as a plain growable string.
	FormEdited
	// FormText: made as text that is never turned into an integer
	// (INCRBYFLOAT's result), though it may be short.
	FormText
	// FormCopied: a copy of a FormPlain value (COPY). Redis gives a copy
	// an object of its own, so even a small integer in it is not one of
	// the shared ones.
	FormCopied
)

// Store is a sharded, RW-locked hash table from keys to byte values. The
// zero value is not usable; call New.
type Store struct {
	id   uint64 // orders the locking of two stores' shards (databases.go)
	seed maphash.Seed
	wall Clock // the time; read through now, which loading stops
	// loading: the append-only file is being replayed (SetLoading), and
	// no key counts as expired.
	loading atomic.Bool
	shards  [shardCount]shard
	expired atomic.Int64 // keys removed because their time was up
	// clock is the access clock slots record (table.go): the time in
	// seconds, modulo 2^24, refreshed by RefreshClock (the sweeper's
	// tick) so that a read pays no clock reading for it.
	clock atomic.Uint32

	sweepNext int // the shard the next sweep cycle starts at; one sweeper at a time
	// sweepOff pauses the active sweep (DEBUG SET-ACTIVE-EXPIRE 0): expired
	// keys then go only when touched, which tests of lazy expiry need.
	sweepOff atomic.Bool
	// sweepPaused pauses it too, with the rest of the periodic work
	// (DEBUG PAUSE-CRON 1); either flag stops it.
	sweepPaused atomic.Bool
	// expiryHeld: no expired key is deleted, by the sweep or by a command
	// that finds it (HoldExpiry, during CLIENT PAUSE); it reads as absent.
	expiryHeld atomic.Bool
	// snapshotting: a snapshot is running (snapshot.go), so changes say
	// whether it will include them.
	snapshotting atomic.Bool

	observe  atomic.Pointer[func(Change)]     // set by Observe; nil: nobody
	watcher  atomic.Pointer[Watcher]          // set by SetWatcher; nil: nobody
	onExpire atomic.Pointer[func(key []byte)] // set by OnExpire; nil: nobody
}

// shard is one lock's worth of the key space: an index (table.go) over an
// arena of records (arena.go).
type shard struct {
	mu      sync.RWMutex
	table   table
	arena   arena
	objects objects     // the collections the records number (object.go)
	visited atomic.Bool // read by the snapshot running (snapshot.go)
	// expiring counts the entries that carry an expiry. It changes under
	// mu, and is atomic so that the active sweep can pass over a shard
	// with none without taking its lock (sweep.go).
	expiring atomic.Int64
	sweepPos int            // where the active sweep looks next (sweep.go)
	clock    *atomic.Uint32 // the store's access clock
}

// New returns an empty store on the wall clock.
func New() *Store { return NewWithClock(SystemClock) }

// NewWithClock returns an empty store that reads time from now.
func NewWithClock(now Clock) *Store {
	return newStore(maphash.MakeSeed(), now)
}

// storeIDs numbers the stores made, for the order of locking (databases.go).
var storeIDs atomic.Uint64

func newStore(seed maphash.Seed, now Clock) *Store {
	s := &Store{id: storeIDs.Add(1), seed: seed, wall: now}
	s.RefreshClock()
	for i := range s.shards {
		s.shards[i].reset()
		s.shards[i].clock = &s.clock
	}
	return s
}

func (sh *shard) reset() {
	sh.table = table{}
	sh.arena = newArena()
	sh.objects = objects{}
	sh.expiring.Store(0)
	sh.sweepPos = 0
}

// locate hashes key once: the low bits pick the shard, the high 32 bits are
// the tag the shard's table files it under.
func (s *Store) locate(key []byte) (*shard, uint32) {
	h := maphash.Bytes(s.seed, key)
	return &s.shards[h&(shardCount-1)], uint32(h >> 32)
}

func (s *Store) shardIndex(key []byte) int {
	return int(maphash.Bytes(s.seed, key) & (shardCount - 1))
}

// live returns the position and entry at key if it exists and has not
// expired. With the write lock held (deleteExpired), an expired entry is
// removed. now may be clockIfNeeded: the clock is then read only for a key
// that has an expiry time.
func (s *Store) live(sh *shard, tag uint32, key []byte, now int64, deleteExpired bool) (int, Entry, bool) {
	pos, r, found := sh.table.find(tag, key, &sh.arena)
	if !found {
		return pos, Entry{}, false
	}
	e := sh.entryOf(r)
	if e.ExpireAt != 0 && now == clockIfNeeded {
		now = s.now()
	}
	if !expired(e, now) {
		sh.table.touch(pos, sh.clock.Load()) // a write's lookup is an access too
	} else {
		if deleteExpired && !s.expiryHeld.Load() {
			sh.removeAt(pos)
			s.expired.Add(1)
			s.tellExpired(key)
		}
		return pos, Entry{}, false
	}
	return pos, e, true
}

// Get returns the value stored at key. The returned slice belongs to the
// store and must not be modified; it stays valid after later writes.
func (s *Store) Get(key []byte) ([]byte, bool) {
	e, ok := s.Lookup(key)
	return e.Value, ok
}

// Lookup returns the entry at key, if it exists and has not expired, and
// counts as an access to it (OBJECT IDLETIME). The clock is read only for
// an entry that has an expiry.
func (s *Store) Lookup(key []byte) (Entry, bool) { return s.lookup(key, true) }

// Peek is Lookup without the access: what Redis's TYPE, TTL, EXISTS and
// OBJECT see, which leave a key's idle time alone.
func (s *Store) Peek(key []byte) (Entry, bool) { return s.lookup(key, false) }

// Holds reports whether key is in the store (present) and whether it has
// not expired (live), without deleting it when it has, so without telling
// anyone of a change (SWAPDB asks, for WATCH).
func (s *Store) Holds(key []byte) (present, live bool) {
	sh, tag := s.locate(key)
	sh.mu.RLock()
	_, r, found := sh.table.find(tag, key, &sh.arena)
	var expireAt int64
	if found {
		expireAt = r.entry().ExpireAt
	}
	sh.mu.RUnlock()
	return found, found && !expired(Entry{ExpireAt: expireAt}, s.now())
}

func (s *Store) lookup(key []byte, access bool) (Entry, bool) {
	sh, tag := s.locate(key)
	sh.mu.RLock()
	pos, r, found := sh.table.find(tag, key, &sh.arena)
	if found && access {
		sh.table.touch(pos, sh.clock.Load())
	}
	var obj Object
	if found && r.object { // the object table may change once unlocked
		obj = sh.objectOf(r)
	}
	sh.mu.RUnlock()
	if !found {
		return Entry{}, false
	}
	e := r.entry()
	if obj != nil {
		e = Entry{ExpireAt: e.ExpireAt, Obj: obj}
	}
	if e.ExpireAt != 0 {
		if now := s.now(); expired(e, now) {
			if s.expiryHeld.Load() {
				return Entry{}, false
			}
			// Found dead under the read lock: delete it under the write
			// lock, after checking again, as Redis deletes an expired key
			// it reads.
			sh.mu.Lock()
			s.live(sh, tag, key, now, true)
			sh.mu.Unlock()
			return Entry{}, false
		}
	}
	return e, true
}

// Set stores a copy of value at key with no expiry, replacing any previous
// entry.
func (s *Store) Set(key, value []byte) {
	sh, tag := s.locate(key)
	sh.mu.Lock()
	pos := sh.put(tag, key, Entry{Value: value}, FormPlain)
	s.notifyPut(sh, pos)
	sh.mu.Unlock()
}

// notifyPut tells the observer, if any, of the entry just stored at pos,
// as stored: its value is then the store's own copy.
func (s *Store) notifyPut(sh *shard, pos int) {
	if s.observe.Load() == nil && s.watcher.Load() == nil {
		return
	}
	key, e := sh.entryAt(pos)
	s.notify(Change{Op: ChangePut, Key: key, Entry: e})
}

// Op is what an Update function asks for.
type Op uint8

const (
	Keep   Op = iota // leave the key as it is
	Put              // store the returned entry, a value as sent (FormPlain)
	Remove           // delete the key
	// PutEdited stores the entry as an edit of bytes (FormEdited).
	PutEdited
	// PutText stores the entry as text never taken for a number (FormText).
	PutText
	// Restamp stores the entry, whose value is the current one, keeping
	// the current value's form: a change of expiry only.
	Restamp
	// KeepEdited leaves the value as it is but in FormEdited: Redis makes
	// a value editable before an edit in place (SETBIT, BITFIELD), even
	// one that then changes nothing. Nobody is told (no observer, no
	// watcher): nothing but OBJECT ENCODING can see the difference.
	KeepEdited
)

// puts reports whether op stores the returned entry.
func (op Op) puts() bool {
	return op == Put || op == PutEdited || op == PutText || op == Restamp
}

// formAfter is the form op stores a value in; the current one is read
// only for a Restamp of an existing key.
func (sh *shard) formAfter(op Op, pos int, exists bool) Form {
	switch op {
	case PutEdited:
		return FormEdited
	case PutText:
		return FormText
	case Restamp:
		if exists {
			return sh.arena.form(sh.table.slots[pos])
		}
	}
	return FormPlain
}

// Update runs fn under the key's write lock with the current live entry
// (exists is false when the key is absent or expired) and applies what fn
// asks for, so that read-modify-writes such as INCR, APPEND or SET NX are
// atomic. A Put entry is copied into the store, so its Value may alias the
// current value or the caller's buffer.
func (s *Store) Update(key []byte, fn func(cur Entry, exists bool) (Entry, Op)) {
	sh, tag := s.locate(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	pos, cur, exists := s.live(sh, tag, key, clockIfNeeded, true)
	next, op := fn(cur, exists)
	s.apply(sh, tag, key, pos, exists, cur, Edit{Op: op, Entry: next})
}

// Delete removes each key and returns how many existed.
func (s *Store) Delete(keys ...[]byte) int {
	removed := 0
	for _, key := range keys {
		sh, tag := s.locate(key)
		sh.mu.Lock()
		if pos, _, ok := s.live(sh, tag, key, clockIfNeeded, true); ok {
			sh.removeAt(pos)
			s.notify(Change{Op: ChangeDelete, Key: key})
			removed++
		}
		sh.mu.Unlock()
	}
	return removed
}

// Exists counts how many of keys are present; a key named twice counts
// twice, as in Redis. Like Redis's EXISTS it leaves their access times.
func (s *Store) Exists(keys ...[]byte) int { return s.count(keys, s.Peek) }

// Touch is Exists that counts as an access to each key (TOUCH).
func (s *Store) Touch(keys ...[]byte) int { return s.count(keys, s.Lookup) }

func (s *Store) count(keys [][]byte, look func([]byte) (Entry, bool)) int {
	found := 0
	for _, key := range keys {
		if _, ok := look(key); ok {
			found++
		}
	}
	return found
}

// Meta is what Inspect tells of a key beyond its entry.
type Meta struct {
	Form Form
	// Idle is how many seconds ago the key was last accessed, as Redis
	// estimates it from its wrapping clock.
	Idle int64
}

// Inspect returns the entry at key with its Meta, if it exists and has
// not expired (OBJECT). Asking is not an access.
func (s *Store) Inspect(key []byte) (Entry, Meta, bool) {
	if _, ok := s.Peek(key); !ok { // deletes the key if its time is up
		return Entry{}, Meta{}, false
	}
	sh, tag := s.locate(key)
	sh.mu.RLock()
	pos, r, found := sh.table.find(tag, key, &sh.arena)
	var m Meta
	var last uint32
	var e Entry
	if found {
		sl := sh.table.at(pos)
		m.Form, last = sh.arena.form(sl), sl.clock()
		e = sh.entryOf(r)
	}
	sh.mu.RUnlock()
	if !found { // deleted since Peek
		return Entry{}, Meta{}, false
	}
	now := s.clock.Load()
	if now >= last {
		m.Idle = int64(now - last)
	} else {
		// The clock wrapped since: Redis counts the distance the same way.
		m.Idle = int64(now) + ClockMask - int64(last)
	}
	return e, m, true
}
