package store

// Derive sets the entry at dst from the values at srcs in one atomic step:
// the shards of every key involved are write-locked together (in index
// order, so two calls never wait on each other), fn gets each source's
// value (nil when absent or expired) and says what dst becomes: Put the
// returned entry, Remove dst, or Keep it. No other writer can change a
// source between the read and the write, as with Redis's BITOP. It
// reports whether dst held a live key just before the write (keyspace
// events tell a created or deleted key from a replaced one). A string is
// derived from strings only: when a source holds a collection, fn is not
// called, nothing changes, and collection is true.
func (s *Store) Derive(dst []byte, srcs [][]byte, fn func(values [][]byte) (Entry, Op)) (dstExisted, collection bool) {
	unlock := s.lockShards(append([][]byte{dst}, srcs...)...)
	defer unlock()
	now := s.now()
	values := make([][]byte, len(srcs))
	for i, k := range srcs {
		sh, tag := s.locate(k)
		if _, e, ok := s.live(sh, tag, k, now, true); ok {
			if e.Obj != nil {
				return false, true
			}
			values[i] = e.Value
			if values[i] == nil {
				values[i] = []byte{} // present, though empty: only absence is nil
			}
		}
	}
	next, op := fn(values)
	sh, tag := s.locate(dst)
	pos, cur, existed := s.live(sh, tag, dst, now, true)
	s.apply(sh, tag, dst, pos, existed, cur, Edit{Op: op, Entry: next})
	return existed, false
}
