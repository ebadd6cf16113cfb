package sets

import (
	"math/rand/v2"
	"strconv"
)

// Set is one set value. The zero value is an empty intset.
type Set struct {
	ints  intset
	table *table // non-nil once the set is a hashtable, for good
}

// New returns an empty set.
func New() *Set { return &Set{} }

// intsetCeiling caps set-max-intset-entries, as Redis does: an intset past
// a billion members would outgrow its own length field there.
const intsetCeiling = 1 << 30

// Encoding is OBJECT ENCODING's name for the layout.
func (s *Set) Encoding() string {
	if s.table != nil {
		return "hashtable"
	}
	return "intset"
}

// Len is the number of members.
func (s *Set) Len() int {
	if s.table != nil {
		return s.table.count
	}
	return s.ints.len()
}

// Add inserts member and reports whether it was new. maxIntset is
// set-max-intset-entries: the set becomes a hashtable when a member is
// not an integer or the intset would pass that many members.
func (s *Set) Add(member []byte, maxIntset int) bool {
	if s.table == nil {
		v, ok := parseMember(member)
		if ok {
			if !s.ints.add(v) {
				return false
			}
			if s.ints.len() > min(maxIntset, intsetCeiling) {
				s.convert()
			}
			return true
		}
		s.convert()
	}
	return s.table.add(member)
}

// convert moves the members of the intset into a hashtable.
func (s *Set) convert() {
	n := s.ints.len()
	t := newTable(n + 1)
	var buf [20]byte
	for i := 0; i < n; i++ {
		t.add(strconv.AppendInt(buf[:0], s.ints.at(i), 10))
	}
	s.table, s.ints = t, intset{}
}

// Remove deletes member and reports whether it was there.
func (s *Set) Remove(member []byte) bool {
	if s.table != nil {
		return s.table.remove(member)
	}
	v, ok := parseMember(member)
	return ok && s.ints.remove(v)
}

// Has reports whether member is in the set.
func (s *Set) Has(member []byte) bool {
	if s.table != nil {
		return s.table.has(member)
	}
	v, ok := parseMember(member)
	return ok && s.ints.has(v)
}

// Each calls fn with every member until fn returns false: an intset in
// ascending order, a hashtable in its own order. The slice passed is only
// valid during the call (an intset member is formatted into a scratch
// buffer); fn must not change the set.
func (s *Set) Each(fn func(member []byte) bool) {
	if s.table != nil {
		s.table.each(fn)
		return
	}
	var buf [20]byte
	for i := 0; i < s.ints.len(); i++ {
		if !fn(strconv.AppendInt(buf[:0], s.ints.at(i), 10)) {
			return
		}
	}
}

// Members returns a copy of every member, in Each's order.
func (s *Set) Members() [][]byte {
	out := make([][]byte, 0, s.Len())
	s.Each(func(m []byte) bool {
		out = append(out, append([]byte(nil), m...))
		return true
	})
	return out
}

// Random returns a member picked uniformly at random, appended to buf
// for an intset or, for a hashtable, a slice of its own storage that
// stays unchanged (records are never written over). The set must not be
// empty.
func (s *Set) Random(buf []byte) []byte {
	if s.table != nil {
		return s.table.random()
	}
	return strconv.AppendInt(buf, s.ints.at(rand.IntN(s.ints.len())), 10)
}

// Scan continues an SSCAN iteration from cursor, calling fn with each
// member it visits, and returns the next cursor (0: done). An intset is
// returned whole in one call, as Redis does. A hashtable is walked home
// slot by home slot until count members are gathered or ten times count
// home slots were visited (Redis's bound for sparse tables); a member
// present throughout an iteration is visited at least once.
func (s *Set) Scan(cursor uint64, count int, fn func(member []byte)) uint64 {
	if s.table == nil {
		s.Each(func(m []byte) bool { fn(m); return true })
		return 0
	}
	gathered := 0
	counted := func(m []byte) { gathered++; fn(m) }
	for steps := count * 10; ; steps-- {
		cursor = s.table.scan(cursor, counted)
		if cursor == 0 || steps <= 0 || gathered >= count {
			return cursor
		}
	}
}

// Copy returns a deep copy with the same layout.
func (s *Set) Copy() *Set {
	if s.table != nil {
		return &Set{table: s.table.clone()}
	}
	return &Set{ints: s.ints.clone()}
}

// Bytes is the memory the set's members and index hold.
func (s *Set) Bytes() int {
	if s.table != nil {
		return s.table.bytes()
	}
	return s.ints.bytes()
}
