package store

// Operations on the whole store: its counts (DBSIZE, INFO keyspace) and
// FLUSHDB.

// Len returns the number of keys, expired ones not yet swept included (as
// Redis's DBSIZE). Shards are counted one after another, so under
// concurrent writes the total is a moment's approximation.
func (s *Store) Len() int { return s.sumShards(func(sh *shard) int { return sh.table.count }) }

// WithExpiry returns the number of keys that have an expiry.
func (s *Store) WithExpiry() int {
	return s.sumShards(func(sh *shard) int { return int(sh.expiring.Load()) })
}

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
// change can fall between the flush and its report to the observer. An
// empty store is not reported: there is nothing to replay, and FLUSHALL
// over sixteen mostly empty databases then logs only what it changed.
func (s *Store) Flush() (removed int) {
	s.lockAll()
	defer s.unlockAll()
	if w := s.watcher.Load(); w != nil {
		(*w).Flushing(s.presentLocked)
	}
	had := 0
	for i := range s.shards {
		had += s.shards[i].table.count
		s.shards[i].reset()
	}
	if had > 0 {
		s.notify(Change{Op: ChangeFlush})
	}
	return had
}
