package store

// Rename moves the entry at src, expiry included, to dst, replacing what
// dst held. With onlyIfAbsent (RENAMENX) it does nothing when dst exists.
// It reports whether src existed and whether the move happened.
func (s *Store) Rename(src, dst []byte, onlyIfAbsent bool) (srcExists, renamed bool) {
	unlock := s.lockShards(src, dst)
	defer unlock()
	now := s.now()
	srcShard, srcTag := s.locate(src)
	dstShard, dstTag := s.locate(dst)
	srcPos, e, ok := s.live(srcShard, srcTag, src, now, true)
	if !ok {
		return false, false
	}
	form := srcShard.arena.form(srcShard.table.slots[srcPos])
	_, _, dstExists := s.live(dstShard, dstTag, dst, now, true)
	if onlyIfAbsent && dstExists {
		return true, false
	}
	if string(src) == string(dst) {
		return true, true
	}
	// Removing an expired dst may have shifted src's slot: find it again.
	// e's value is a slice of src's record, which stays intact when the
	// record dies (arena.go), so it can be copied after the removal.
	srcPos, _ = srcShard.find(srcTag, src)
	srcShard.removeAt(srcPos)
	dstShard.put(dstTag, dst, e, form)
	s.notify(Change{Op: ChangeMove, Key: src, To: dst, Entry: e})
	return true, true
}

// SetMany stores copies of the key, value pairs (pairs[0] is a key,
// pairs[1] its value, ...) atomically: no reader sees some and not others.
// With onlyIfNoneExist (MSETNX) nothing is stored if any key exists. It
// reports whether the values were stored.
func (s *Store) SetMany(pairs [][]byte, onlyIfNoneExist bool) bool {
	// MSET is hot (redis-benchmark's default list has it): its shards
	// are locked here without the unlock function lockShards returns,
	// which would be allocated.
	var set shardSet
	for i := 0; i+1 < len(pairs); i += 2 {
		set.add(s.shardIndex(pairs[i]))
	}
	s.lockSet(&set)
	defer s.unlockSet(&set)
	if onlyIfNoneExist {
		for i := 0; i+1 < len(pairs); i += 2 {
			k := pairs[i]
			sh, tag := s.locate(k)
			if _, _, ok := s.live(sh, tag, k, clockIfNeeded, true); ok {
				return false
			}
		}
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		k := pairs[i]
		sh, tag := s.locate(k)
		s.notifyPut(sh, sh.put(tag, k, Entry{Value: pairs[i+1]}, FormPlain))
	}
	return true
}
