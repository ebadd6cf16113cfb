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
	s.Each(func(m []byte) bool {
		// An intset member is formatted into a scratch buffer: copied
		// here, as emit may run only once the batch is full.
		args = append(args, append([]byte(nil), m...))
		if len(args) == cap(args) {
			emit(args)
			args = args[:2]
		}
		return true
	})
	if len(args) > 2 {
		emit(args)
	}
}
