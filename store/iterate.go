package store

import "math/rand/v2"

// Keys returns every live key for which match returns true; a nil match
// takes every key.
func (s *Store) Keys(match func(key []byte) bool) [][]byte {
	var out [][]byte
	now := s.now()
	for i := range s.shards {
		out = s.shards[i].collect(out, now, match)
	}
	return out
}

// collect appends the shard's live keys that match (all of them for a nil
// match). The keys are slices of the arena, which is never written over, so
// they need no copy, and they stay valid after the lock is released: so
// the lock is held only to gather them, and the matching, whose cost is the
// client's to choose, runs after it. A writer to this shard, and every
// reader queued behind that writer, waits for one shard's gathering at most.
func (sh *shard) collect(out [][]byte, now int64, match func([]byte) bool) [][]byte {
	start := len(out)
	sh.mu.RLock()
	for pos := range sh.table.slots {
		if sh.table.at(pos).empty() {
			continue
		}
		if key, e := sh.entryAt(pos); !expired(e, now) {
			out = append(out, key)
		}
	}
	sh.mu.RUnlock()
	if match == nil {
		return out
	}
	kept := out[:start]
	for _, key := range out[start:] {
		if match(key) {
			kept = append(kept, key)
		}
	}
	clear(out[len(kept):]) // no stale references past the end
	return kept
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
// none: the first live key after a random slot of a random shard.
func (s *Store) RandomKey() ([]byte, bool) {
	now := s.now()
	start := rand.IntN(shardCount)
	for n := 0; n < shardCount; n++ {
		if key, ok := s.shards[(start+n)%shardCount].randomKey(now); ok {
			return key, true
		}
	}
	return nil, false
}

func (sh *shard) randomKey(now int64) ([]byte, bool) {
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	size := len(sh.table.slots)
	if sh.table.count == 0 {
		return nil, false
	}
	start := rand.IntN(size)
	for n := 0; n < size; n++ {
		pos := (start + n) % size
		if sh.table.at(pos).empty() {
			continue
		}
		if key, e := sh.entryAt(pos); !expired(e, now) {
			return key, true
		}
	}
	return nil, false
}
