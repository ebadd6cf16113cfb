package store

// Watcher hears of every change to a key, for the executor's WATCH: a
// put or a deletion (Touched), and a flush (Flushing). Keys deleted at
// their expiry time are reported through OnExpire instead.
type Watcher interface {
	// Touched is called under key's lock after it changed; it must be
	// quick, must not call back into the store and must not keep key.
	Touched(key []byte)
	// Flushing is called while every shard is locked, just before every
	// key goes: present reports whether a key is stored now (expired or
	// not), and may only be called during Flushing.
	Flushing(present func(key []byte) bool)
}

// SetWatcher registers w to hear of every change made from now on. It is
// meant to be called once, when the first key is watched: until then a
// write pays one atomic load for it.
func (s *Store) SetWatcher(w Watcher) { s.watcher.Store(&w) }

func (s *Store) touched(key []byte) {
	if w := s.watcher.Load(); w != nil {
		(*w).Touched(key)
	}
}

// presentLocked reports whether key is stored, expired or not; the caller
// holds its shard's lock.
func (s *Store) presentLocked(key []byte) bool {
	sh, tag := s.locate(key)
	_, _, found := sh.table.find(tag, key, &sh.arena)
	return found
}
