package store

// The index of a shard: an open-addressing hash table with linear probing.
// A slot is three 32-bit numbers and holds no pointer, so the collector
// never has to look inside the table, however many keys it indexes.
//
// A slot names its entry's record by chunk and offset in the shard's arena
// and keeps 32 bits of the key's hash (the tag). The tag picks the home
// position and answers most "is this my key?" questions without touching
// the record; the key bytes are compared only when the tags agree. Chunk 0
// is never used, so a zero slot is an empty one and a fresh table needs no
// initialisation.
type slot struct {
	tag   uint32
	chunk uint32
	off   uint32
}

func (s slot) empty() bool { return s.chunk == 0 }

const (
	minSlots = 8 // a new shard's table; 256 empty shards cost 24 KiB
	// The table doubles when it would be over three quarters full: long
	// enough probe runs stay rare, and the average table is about 56% full.
	maxLoadNum, maxLoadDen = 3, 4
)

// table is a shard's index; count is the number of occupied slots.
type table struct {
	slots []slot
	count int
}

func (t *table) mask() uint32 { return uint32(len(t.slots) - 1) }

// find returns the position of the slot for key and its record, decoded
// once (found), or the position of the empty slot where probing for it
// stopped (not found; -1 if the table has no slots). The keys are read from
// the arena the slots point into.
func (t *table) find(tag uint32, key []byte, a *arena) (pos int, r record, found bool) {
	if len(t.slots) == 0 {
		return -1, record{}, false
	}
	mask := t.mask()
	for i := tag & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.empty() {
			return int(i), record{}, false
		}
		if s.tag != tag {
			continue
		}
		if r := a.read(s); string(r.key) == string(key) {
			return int(i), r, true
		}
	}
}

// roomForOne makes sure one more slot can be occupied without passing the
// load limit; it reports whether the table was rebuilt (positions moved).
func (t *table) roomForOne() bool {
	if len(t.slots) != 0 && (t.count+1)*maxLoadDen <= len(t.slots)*maxLoadNum {
		return false
	}
	size := 2 * len(t.slots)
	if size < minSlots {
		size = minSlots
	}
	old := t.slots
	t.slots = make([]slot, size)
	mask := t.mask()
	for _, s := range old {
		if s.empty() {
			continue
		}
		// The tag is all a slot needs to find its new home: no key is read
		// and no hash recomputed while the table grows.
		i := s.tag & mask
		for !t.slots[i].empty() {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
	return true
}

// removeAt empties the slot at pos and shifts later members of its probe
// run back, so that no lookup ever stops early at the hole (backward-shift
// deletion: no tombstones accumulate).
func (t *table) removeAt(pos int) {
	mask := t.mask()
	hole := uint32(pos)
	for j := (hole + 1) & mask; !t.slots[j].empty(); j = (j + 1) & mask {
		home := t.slots[j].tag & mask
		// The slot at j may move into the hole only if its home is not in
		// the cyclic range (hole, j]: otherwise the move would put it
		// before its home, where a probe would never look.
		if (j-home)&mask < (j-hole)&mask {
			continue
		}
		t.slots[hole] = t.slots[j]
		hole = j
	}
	t.slots[hole] = slot{}
	t.count--
}
