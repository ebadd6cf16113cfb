package store

// A snapshot reads the whole key space while clients go on writing, for
// the append-only file's rewrite. It reads one shard at a time, so it is
// not of one instant: each shard is read as it was at its own moment. A
// change made to a shard before that moment is in the snapshot, one made
// after is not, and the store says which (SnapshotMisses), so that the
// rewrite appends exactly the changes the snapshot misses. That matters
// for a collection's changes, which are commands such as RPUSH that must
// not be replayed twice. The observer asks when it records the change,
// under the key's lock and its own: asked any earlier, the answer could
// belong to the snapshot before, if the change waited to be recorded
// while one rewrite ended and the next began.
//
// A FLUSHDB during a snapshot is recorded after it, so it would wipe
// what was read before it anyway: the flush counts as the read of every
// shard, and the snapshot skips the shards it had not reached (their
// keys from after the flush are all changes it misses).

// BeginSnapshot starts a snapshot: from now on every change reported
// says whether the snapshot will include it. One snapshot at a time.
func (s *Store) BeginSnapshot() {
	for i := range s.shards {
		s.shards[i].visited.Store(false)
	}
	s.snapshotting.Store(true)
}

// EndSnapshot ends the snapshot, finished or not: every change from now
// on is one it does not include.
func (s *Store) EndSnapshot() { s.snapshotting.Store(false) }

// SnapshotRange reads every live key: for each shard, visit is called
// for each key under the shard's read lock (so it may read a collection,
// and must be quick and not call into the store), then done after the
// lock is released, to write out what visit gathered; done returns false
// to stop.
func (s *Store) SnapshotRange(visit func(key []byte, e Entry), done func() bool) {
	for i := range s.shards {
		sh := &s.shards[i]
		now := s.now()
		sh.mu.RLock()
		if s.snapshotting.Load() && sh.visited.Load() {
			sh.mu.RUnlock() // flushed since the snapshot began
			continue
		}
		for pos := range sh.table.slots {
			if sh.table.at(pos).empty() {
				continue
			}
			if key, e := sh.entryAt(pos); !expired(e, now) {
				visit(key, e)
			}
		}
		// Set under the read lock: no writer of this shard runs now, and
		// each one after sees it.
		sh.visited.Store(true)
		sh.mu.RUnlock()
		if !done() {
			return
		}
	}
}

// SnapshotMisses reports whether the snapshot running, if any, misses
// change c: it has already read the shard of c's key, or c is a flush or
// an exchange of contents. The observer calls it while it records c,
// under c's key's lock.
func (s *Store) SnapshotMisses(c Change) bool {
	if !s.snapshotting.Load() {
		return false
	}
	switch c.Op {
	case ChangeFlush, ChangeSwap:
		return true
	}
	return s.shards[s.shardIndex(c.Key)].visited.Load()
}

// MoveMisses is SnapshotMisses for each end of a move (ChangeMove):
// whether the snapshot has already read the shard the key left (from),
// and the one it went to (to).
func (s *Store) MoveMisses(c Change) (from, to bool) {
	from = s.SnapshotMisses(Change{Key: c.Key})
	if c.With == nil {
		return from, s.SnapshotMisses(Change{Key: c.To})
	}
	return from, c.With.SnapshotMisses(Change{Key: c.Key})
}

// flushedDuringSnapshot counts every shard as read: a flush is recorded
// after the snapshot and wipes what it read anyway, and what is written
// after the flush is all missed by it. The caller holds every shard's
// lock.
func (s *Store) flushedDuringSnapshot() {
	for i := range s.shards {
		s.shards[i].visited.Store(true)
	}
}
