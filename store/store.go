package store

import (
	"hash/maphash"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// shardCount is a power of two so a hash picks a shard with a mask. 256
// shards keep lock contention low for a few hundred workers while costing
// only a few KiB when empty.
const shardCount = 256

// Clock returns the current time in Unix milliseconds.
type Clock func() int64

// SystemClock is the wall clock.
func SystemClock() int64 { return time.Now().UnixMilli() }

// Entry is a stored value and its absolute expiry time in Unix
// milliseconds; ExpireAt 0 means it never expires.
type Entry struct {
	Value    []byte
	ExpireAt int64
}

// Store is a sharded, RW-locked hash table from keys to byte values. The
// zero value is not usable; call New.
type Store struct {
	seed    maphash.Seed
	now     Clock
	shards  [shardCount]shard
	expired atomic.Int64 // keys removed because their time was up

	sweepNext int // the shard the next sweep cycle starts at; one sweeper at a time

	observe func(Change) // set by Observe before the store is shared
}

type shard struct {
	mu      sync.RWMutex
	m       map[string]Entry
	expires map[string]int64 // the keys of m that have an expiry
}

// New returns an empty store on the wall clock.
func New() *Store { return NewWithClock(SystemClock) }

// NewWithClock returns an empty store that reads time from now.
func NewWithClock(now Clock) *Store {
	s := &Store{seed: maphash.MakeSeed(), now: now}
	for i := range s.shards {
		s.shards[i].reset()
	}
	return s
}

func (sh *shard) reset() {
	sh.m = make(map[string]Entry)
	sh.expires = make(map[string]int64)
}

// Now is the store's clock.
func (s *Store) Now() int64 { return s.now() }

func (s *Store) shardIndex(key []byte) int {
	return int(maphash.Bytes(s.seed, key) & (shardCount - 1))
}

func (s *Store) shardFor(key []byte) *shard { return &s.shards[s.shardIndex(key)] }

func expired(e Entry, now int64) bool { return e.ExpireAt != 0 && e.ExpireAt <= now }

// put stores e at key; the caller holds the shard's write lock and owns
// e.Value.
func (sh *shard) put(key string, e Entry) {
	sh.m[key] = e
	if e.ExpireAt != 0 {
		sh.expires[key] = e.ExpireAt
	} else {
		delete(sh.expires, key)
	}
}

func (sh *shard) remove(key string) {
	delete(sh.m, key)
	delete(sh.expires, key)
}

// live returns the entry at key if it exists and has not expired. With
// the write lock held (deleteExpired), an expired entry is removed.
func (s *Store) live(sh *shard, key []byte, now int64, deleteExpired bool) (Entry, bool) {
	e, ok := sh.m[string(key)] // string(key) in an index expression does not allocate
	if !ok {
		return Entry{}, false
	}
	if expired(e, now) {
		if deleteExpired {
			sh.remove(string(key))
			s.expired.Add(1)
		}
		return Entry{}, false
	}
	return e, true
}

// Get returns the value stored at key. The returned slice belongs to the
// store and must not be modified; it stays valid after later writes.
func (s *Store) Get(key []byte) ([]byte, bool) {
	e, ok := s.Lookup(key)
	return e.Value, ok
}

// Lookup returns the entry at key, if it exists and has not expired.
func (s *Store) Lookup(key []byte) (Entry, bool) {
	sh := s.shardFor(key)
	now := s.now()
	sh.mu.RLock()
	e, ok := sh.m[string(key)]
	sh.mu.RUnlock()
	if !ok {
		return Entry{}, false
	}
	if expired(e, now) {
		// Found dead under the read lock: delete it under the write lock,
		// after checking again, as Redis deletes an expired key it reads.
		sh.mu.Lock()
		s.live(sh, key, now, true)
		sh.mu.Unlock()
		return Entry{}, false
	}
	return e, true
}

// Set stores a copy of value at key with no expiry, replacing any previous
// entry.
func (s *Store) Set(key, value []byte) {
	stored := Clone(value)
	sh := s.shardFor(key)
	sh.mu.Lock()
	sh.put(string(key), Entry{Value: stored})
	s.notify(Change{Op: ChangePut, Key: key, Entry: Entry{Value: stored}})
	sh.mu.Unlock()
}

// Op is what an Update function asks for.
type Op uint8

const (
	Keep   Op = iota // leave the key as it is
	Put              // store the returned entry
	Remove           // delete the key
)

// Update runs fn under the key's write lock with the current live entry
// (exists is false when the key is absent or expired) and applies what fn
// asks for, so that read-modify-writes such as INCR, APPEND or SET NX are
// atomic. A Put entry is stored as given: its Value must not alias the
// current value or caller-owned memory (use Clone).
func (s *Store) Update(key []byte, fn func(cur Entry, exists bool) (Entry, Op)) {
	sh := s.shardFor(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	cur, exists := s.live(sh, key, s.now(), true)
	next, op := fn(cur, exists)
	switch op {
	case Put:
		sh.put(string(key), next)
		s.notify(Change{Op: ChangePut, Key: key, Entry: next})
	case Remove:
		if exists {
			sh.remove(string(key))
			s.notify(Change{Op: ChangeDelete, Key: key})
		}
	}
}

// Delete removes each key and returns how many existed.
func (s *Store) Delete(keys ...[]byte) int {
	removed := 0
	now := s.now()
	for _, key := range keys {
		sh := s.shardFor(key)
		sh.mu.Lock()
		if _, ok := s.live(sh, key, now, true); ok {
			sh.remove(string(key))
			s.notify(Change{Op: ChangeDelete, Key: key})
			removed++
		}
		sh.mu.Unlock()
	}
	return removed
}

// Exists counts how many of keys are present; a key named twice counts
// twice, as in Redis.
func (s *Store) Exists(keys ...[]byte) int {
	found := 0
	for _, key := range keys {
		if _, ok := s.Lookup(key); ok {
			found++
		}
	}
	return found
}

// Len returns the number of keys, expired ones not yet swept included (as
// Redis's DBSIZE). Shards are counted one after another, so under
// concurrent writes the total is a moment's approximation.
func (s *Store) Len() int { return s.sumShards(func(sh *shard) int { return len(sh.m) }) }

// WithExpiry returns the number of keys that have an expiry.
func (s *Store) WithExpiry() int { return s.sumShards(func(sh *shard) int { return len(sh.expires) }) }

// sumShards adds up count over the shards, each under its read lock.
func (s *Store) sumShards(count func(*shard) int) int {
	n := 0
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.RLock()
		n += count(sh)
		sh.mu.RUnlock()
	}
	return n
}

// ExpiredCount is how many keys have been removed because they expired.
func (s *Store) ExpiredCount() int64 { return s.expired.Load() }

// Flush removes every key. It holds every shard's lock at once, so no
// change can fall between the flush and its report to the observer.
func (s *Store) Flush() {
	for i := range s.shards {
		s.shards[i].mu.Lock()
	}
	for i := range s.shards {
		s.shards[i].reset()
	}
	s.notify(Change{Op: ChangeFlush})
	for i := range s.shards {
		s.shards[i].mu.Unlock()
	}
}

// Clone copies b into memory the store may keep.
func Clone(b []byte) []byte {
	c := make([]byte, len(b))
	copy(c, b)
	return c
}

// lockShards write-locks the shards of keys in index order and returns the
// unlock function.
func (s *Store) lockShards(keys ...[]byte) func() {
	idx := make([]int, 0, len(keys))
	for _, k := range keys {
		idx = append(idx, s.shardIndex(k))
	}
	sort.Ints(idx)
	var locked []int
	for i, n := range idx {
		if i > 0 && n == idx[i-1] {
			continue
		}
		s.shards[n].mu.Lock()
		locked = append(locked, n)
	}
	return func() {
		for _, n := range locked {
			s.shards[n].mu.Unlock()
		}
	}
}
