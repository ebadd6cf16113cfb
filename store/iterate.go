package store

import "math/rand/v2"

// Keys returns every live key for which match returns true.
func (s *Store) Keys(match func(key []byte) bool) [][]byte {
	var out [][]byte
	now := s.now()
	for i := range s.shards {
		out = s.shards[i].collect(out, now, match)
	}
	return out
}

// collect appends the shard's live keys that match.
func (sh *shard) collect(out [][]byte, now int64, match func([]byte) bool) [][]byte {
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	for k, e := range sh.m {
		if expired(e, now) {
			continue
		}
		if key := []byte(k); match(key) {
			out = append(out, key)
		}
	}
	return out
}

// Scan continues an iteration of the key space. The cursor names the next
// shard to visit (0 starts; a returned 0 means the iteration is complete).
// Each call takes whole shards, at least one, until count keys are
// gathered, each shard read in one go under its read lock. So every key
// present from the start to the end of an iteration is returned exactly
// once, whatever is written meanwhile: Redis's guarantee, more simply kept.
// A key added or removed during the iteration may or may not be returned.
func (s *Store) Scan(cursor uint64, count int, match func(key []byte) bool) (next uint64, keys [][]byte) {
	now := s.now()
	i := int(cursor)
	for i < shardCount {
		keys = s.shards[i].collect(keys, now, match)
		i++
		if len(keys) >= count {
			break
		}
	}
	if i >= shardCount {
		return 0, keys
	}
	return uint64(i), keys
}

// ValidCursor reports whether c is a cursor Scan can continue from.
func ValidCursor(c uint64) bool { return c < shardCount }

// RandomKey returns a live key picked at random, or false when there is
// none.
func (s *Store) RandomKey() ([]byte, bool) {
	now := s.now()
	start := rand.IntN(shardCount)
	for n := 0; n < shardCount; n++ {
		sh := &s.shards[(start+n)%shardCount]
		sh.mu.RLock()
		for k, e := range sh.m { // Go starts each map iteration at a random place
			if !expired(e, now) {
				sh.mu.RUnlock()
				return []byte(k), true
			}
		}
		sh.mu.RUnlock()
	}
	return nil, false
}
