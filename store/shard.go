package store

import "encoding/binary"

// One shard's own operations on its records: find, read, write and delete
// a key's slot, and compact the arena when deletions have left it mostly
// dead. The caller holds the shard's lock (write, for changes).

// find looks key up in the shard's table; the caller holds a lock.
func (sh *shard) find(tag uint32, key []byte) (pos int, found bool) {
	pos, _, found = sh.table.find(tag, key, &sh.arena)
	return pos, found
}

// entryAt decodes the entry in the slot at pos.
func (sh *shard) entryAt(pos int) (key []byte, e Entry) {
	r := sh.arena.read(sh.table.at(pos))
	return r.key, sh.entryOf(r)
}

// put stores a copy of e at key and returns the position of its slot; the
// caller holds the shard's write lock. e.Value may alias anything, the
// store's own records included: it is copied before this returns. A
// collection (e.Obj) is kept as it is, not copied.
func (sh *shard) put(tag uint32, key []byte, e Entry, form Form) int {
	value := e.Value
	var ref [binary.MaxVarintLen32]byte
	// Compact when the record needs a new chunk anyway: the fresh arena's
	// chunk then takes the place of the one that would have been made, so
	// overwriting one hot key allocates about one record's worth per write.
	if sh.arena.needsChunk(recordSize(len(key), len(value), e.ExpireAt != 0)) && sh.arena.wasteful() {
		sh.compact()
	}
	pos, old, found := sh.table.find(tag, key, &sh.arena)
	if found {
		sh.release(sh.table.slots[pos], old) // the record find read: not read twice
	} else {
		if sh.table.roomForOne() {
			pos, _ = sh.find(tag, key)
		}
		sh.table.count++
	}
	if e.Obj != nil {
		// Filed after the release above, which may free the very place
		// this object had (a change of expiry keeps the object).
		value = objectRef(&ref, sh.objects.add(e.Obj))
	}
	s := sh.arena.add(key, value, e.ExpireAt, form, e.Obj != nil)
	s.tag = tag
	sh.table.slots[pos] = s.withClock(sh.clock.Load())
	if e.ExpireAt != 0 {
		sh.expiring.Add(1)
	}
	return pos
}

// releaseAt marks the record of the slot at pos dead, leaving the slot.
func (sh *shard) releaseAt(pos int) {
	s := sh.table.slots[pos]
	sh.release(s, sh.arena.read(s))
}

// release marks r, the record s names, dead.
func (sh *shard) release(s slot, r record) {
	if r.expireAt != 0 {
		sh.expiring.Add(-1)
	}
	if r.object {
		sh.objects.release(objectIndex(r.value))
	}
	sh.arena.release(s, r.size())
}

// removeAt deletes the entry in the slot at pos.
func (sh *shard) removeAt(pos int) {
	sh.releaseAt(pos)
	sh.table.removeAt(pos)
	sh.compactIfWasteful()
}

// compactIfWasteful compacts after a deletion when over half of the arena
// is dead, so that the memory of deleted keys comes back even if the shard
// is never written again.
func (sh *shard) compactIfWasteful() {
	if sh.arena.wasteful() {
		sh.compact()
	}
}

// compact copies the live records into fresh chunks. Readers may still
// hold slices of the old chunks: those are never written again, so they
// stay valid, and the collector frees them once nobody does.
func (sh *shard) compact() {
	fresh := newArena()
	// The first fresh chunk holds what is live plus room for the writes
	// until the next compaction can be due, so a shard with one hot key
	// allocates about one record's worth per write, not a chunk series.
	fresh.next = min(sh.arena.written-sh.arena.dead+compactMin, maxChunk)
	for i, s := range sh.table.slots {
		if !s.empty() {
			sh.table.slots[i] = fresh.moveFrom(&sh.arena, s)
		}
	}
	sh.arena = fresh
}
