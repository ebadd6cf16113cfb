package store

// Rename moves the entry at src, expiry included, to dst, replacing what
// dst held. With onlyIfAbsent (RENAMENX) it does nothing when dst exists.
// It reports whether src existed and whether the move happened.
func (s *Store) Rename(src, dst []byte, onlyIfAbsent bool) (srcExists, renamed bool) {
	unlock := s.lockShards(src, dst)
	defer unlock()
	now := s.now()
	srcShard, dstShard := s.shardFor(src), s.shardFor(dst)
	e, ok := s.live(srcShard, src, now, true)
	if !ok {
		return false, false
	}
	_, dstExists := s.live(dstShard, dst, now, true)
	if onlyIfAbsent && dstExists {
		return true, false
	}
	if string(src) == string(dst) {
		return true, true
	}
	srcShard.remove(string(src))
	dstShard.put(string(dst), e)
	s.notify(Change{Op: ChangeDelete, Key: src})
	s.notify(Change{Op: ChangePut, Key: dst, Entry: e})
	return true, true
}

// SetMany stores copies of the key, value pairs (pairs[0] is a key,
// pairs[1] its value, ...) atomically: no reader sees some and not others.
// With onlyIfNoneExist (MSETNX) nothing is stored if any key exists. It
// reports whether the values were stored.
func (s *Store) SetMany(pairs [][]byte, onlyIfNoneExist bool) bool {
	keys := make([][]byte, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		keys = append(keys, pairs[i])
	}
	values := make([][]byte, len(keys))
	for i := range keys {
		values[i] = Clone(pairs[2*i+1])
	}
	unlock := s.lockShards(keys...)
	defer unlock()
	now := s.now()
	if onlyIfNoneExist {
		for _, k := range keys {
			if _, ok := s.live(s.shardFor(k), k, now, true); ok {
				return false
			}
		}
	}
	for i, k := range keys {
		s.shardFor(k).put(string(k), Entry{Value: values[i]})
		s.notify(Change{Op: ChangePut, Key: k, Entry: Entry{Value: values[i]}})
	}
	return true
}
