package store

import (
	"hash/maphash"
	"sync"
)

// shardCount is a power of two so a hash picks a shard with a mask. 256
// shards keep lock contention low for a few hundred workers while costing
// only a few KiB when empty.
const shardCount = 256

// Store is a sharded, RW-locked hash table from keys to byte values. The
// zero value is not usable; call New.
type Store struct {
	seed   maphash.Seed
	shards [shardCount]shard
}

type shard struct {
	mu sync.RWMutex
	m  map[string][]byte
}

// New returns an empty store.
func New() *Store {
	s := &Store{seed: maphash.MakeSeed()}
	for i := range s.shards {
		s.shards[i].m = make(map[string][]byte)
	}
	return s
}

func (s *Store) shardFor(key []byte) *shard {
	return &s.shards[maphash.Bytes(s.seed, key)&(shardCount-1)]
}

// Get returns the value stored at key. The returned slice belongs to the
// store and must not be modified; it stays valid after later writes.
func (s *Store) Get(key []byte) ([]byte, bool) {
	sh := s.shardFor(key)
	sh.mu.RLock()
	v, ok := sh.m[string(key)] // string(key) in an index expression does not allocate
	sh.mu.RUnlock()
	return v, ok
}

// Set stores a copy of value at key, replacing any previous value.
func (s *Store) Set(key, value []byte) {
	stored := clone(value)
	sh := s.shardFor(key)
	sh.mu.Lock()
	sh.m[string(key)] = stored
	sh.mu.Unlock()
}

// Delete removes each key and returns how many existed.
func (s *Store) Delete(keys ...[]byte) int {
	removed := 0
	for _, key := range keys {
		sh := s.shardFor(key)
		sh.mu.Lock()
		if _, ok := sh.m[string(key)]; ok {
			delete(sh.m, string(key))
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
		sh := s.shardFor(key)
		sh.mu.RLock()
		if _, ok := sh.m[string(key)]; ok {
			found++
		}
		sh.mu.RUnlock()
	}
	return found
}

// Update runs fn under the key's write lock with the current value (nil,
// false when absent) and stores what fn returns, so a read-modify-write such
// as INCR is atomic. fn's result is stored as given: it must not alias the
// current value or caller-owned memory. If fn returns an error nothing is
// stored.
func (s *Store) Update(key []byte, fn func(current []byte, exists bool) ([]byte, error)) error {
	sh := s.shardFor(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	current, exists := sh.m[string(key)]
	next, err := fn(current, exists)
	if err != nil {
		return err
	}
	sh.m[string(key)] = next
	return nil
}

// Len returns the number of keys. Shards are counted one after another, so
// under concurrent writes the total is a moment's approximation.
func (s *Store) Len() int {
	n := 0
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.RLock()
		n += len(sh.m)
		sh.mu.RUnlock()
	}
	return n
}

func clone(b []byte) []byte {
	c := make([]byte, len(b))
	copy(c, b)
	return c
}
