package sets

import "redis-lite/store"

// Type says a set is a set, for TYPE and WRONGTYPE.
func (s *Set) Type() store.Type { return store.TypeSet }

// Clone is Copy as the store asks for it (COPY).
func (s *Set) Clone() store.Object { return s.Copy() }

// rebuildBatch is how many members one SADD of a rebuild carries.
const rebuildBatch = 64

// Rebuild calls emit with SADDs that make the set again from nothing,
// rebuildBatch members at a time, for the append-only file's rewrite.
// The layout follows from the members and set-max-intset-entries when
// the file is replayed, as it does when Redis loads one.
func (s *Set) Rebuild(key []byte, emit func(args [][]byte)) {
	args := make([][]byte, 0, 2+rebuildBatch)
	args = append(args, []byte("SADD"), key)
	// An intset member comes formatted in a scratch buffer, so a batch's
	// digits are kept here, in room enough for a batch never to move.
	var digits []byte
	if s.table == nil {
		digits = make([]byte, 0, rebuildBatch*len("-9223372036854775808"))
	}
	s.Each(func(m []byte) bool {
		if digits != nil {
			start := len(digits)
			digits = append(digits, m...)
			m = digits[start:]
		}
		args = append(args, m)
		if len(args) == cap(args) {
			emit(args)
			args, digits = args[:2], digits[:0]
		}
		return true
	})
	if len(args) > 2 {
		emit(args)
	}
}
