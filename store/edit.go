package store

// Reading and changing collections. A collection is changed in place, so
// it may be read only while its shard's lock is held: View lends it to a
// reader's function under the read lock, Edit and EditMany to a writer's
// under the write lock. What the function returns says what the store
// does next, and what the observer (the append-only file), WATCH and the
// other watchers hear of it.

// Mutated is the Op of an Edit whose function changed the key's
// collection in place: the key keeps its record and expiry, and the
// Edit's Replay tells the observer what happened.
const Mutated Op = KeepEdited + 1

// Edit is what an edit function asks for, for one key.
type Edit struct {
	Op Op
	// Entry is the key's new value for a Put (or PutEdited, PutText,
	// Restamp): a string's bytes or a new collection. It replaces what
	// the key held, whatever its type.
	Entry Entry
	// Replay, for Mutated, is one command that makes the same change to
	// the collection as it was before, whatever the time or chance: the
	// append-only file logs it, and replaying the file must give the same
	// collection. RPUSH k a b for a push; SREM k m for an SPOP that
	// removed m; HSET k f 10.5 for an HINCRBYFLOAT that made 10.5.
	Replay [][]byte
}

// View calls fn under key's shard read lock with the key's live entry (ok
// is false when it is absent or expired). fn may read the collection but
// not change it, and must not call into the store. It counts as an access
// to the key.
func (s *Store) View(key []byte, fn func(e Entry, ok bool)) { s.view(key, true, fn) }

// PeekView is View without the access (OBJECT ENCODING, DEBUG OBJECT).
func (s *Store) PeekView(key []byte, fn func(e Entry, ok bool)) { s.view(key, false, fn) }

func (s *Store) view(key []byte, access bool, fn func(e Entry, ok bool)) {
	sh, tag := s.locate(key)
	sh.mu.RLock()
	pos, r, found := sh.table.find(tag, key, &sh.arena)
	var e Entry
	dead := false
	if found {
		e = sh.entryOf(r)
		if dead = e.ExpireAt != 0 && expired(e, s.now()); dead {
			found, e = false, Entry{}
		} else if access {
			sh.table.touch(pos, sh.clock.Load())
		}
	}
	fn(e, found)
	sh.mu.RUnlock()
	if dead {
		s.Peek(key) // deletes it under the write lock, as lookup does
	}
}

// Edit calls fn under key's shard write lock with the key's live entry
// and applies the Edit it returns, so a read-modify-write of a collection
// is atomic. An edit that leaves a collection empty should Remove the key,
// as Redis deletes empty collections.
func (s *Store) Edit(key []byte, fn func(cur Entry, ok bool) Edit) {
	sh, tag := s.locate(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	pos, cur, ok := s.live(sh, tag, key, clockIfNeeded, true)
	s.apply(sh, tag, key, pos, ok, cur, fn(cur, ok))
}

// EditMany is Edit for several keys at once (LMOVE, SMOVE, SINTERSTORE):
// every shard involved is write-locked, in index order as every
// multi-key operation locks them, so no two wait on each other. fn gets
// each key's entry and returns one Edit per key, in the same order. A key
// named twice gets the same entry twice; its edits are applied in order.
func (s *Store) EditMany(keys [][]byte, fn func(cur []Entry, ok []bool) []Edit) {
	unlock := s.lockShards(keys...)
	defer unlock()
	// One time for both passes: a key live when fn saw it must not have
	// expired by the time its edit is applied.
	now := s.now()
	cur := make([]Entry, len(keys))
	ok := make([]bool, len(keys))
	for i, k := range keys {
		sh, tag := s.locate(k)
		_, cur[i], ok[i] = s.live(sh, tag, k, now, true)
	}
	edits := fn(cur, ok)
	for i, k := range keys {
		if i >= len(edits) {
			break
		}
		// Found again for each edit: an earlier one may have removed or
		// replaced this key, or moved its slot.
		sh, tag := s.locate(k)
		pos, c, exists := s.live(sh, tag, k, now, true)
		s.apply(sh, tag, k, pos, exists, c, edits[i])
	}
}

// apply carries out ed on key, whose live entry (if exists) is cur at
// pos; the caller holds the shard's write lock.
func (s *Store) apply(sh *shard, tag uint32, key []byte, pos int, exists bool, cur Entry, ed Edit) {
	switch op := ed.Op; {
	case op.puts():
		s.notifyPut(sh, sh.put(tag, key, ed.Entry, sh.formAfter(op, pos, exists)))
	case op == Remove:
		if exists {
			sh.removeAt(pos)
			s.notify(Change{Op: ChangeDelete, Key: key})
		}
	case op == KeepEdited:
		if exists && sh.arena.form(sh.table.slots[pos]) != FormEdited {
			sh.put(tag, key, cur, FormEdited)
		}
	case op == Mutated:
		if exists {
			s.notify(Change{Op: ChangeApply, Key: key, Args: ed.Replay})
		}
	}
}
