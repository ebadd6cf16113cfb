package store

import "sync/atomic"

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
//
// The slot also keeps when its key was last read or written (OBJECT
// IDLETIME), in bits the location does not need: a record starts below
// 64 KiB into its chunk (maxChunk), so the offset needs 16 of its 32 bits,
// and 24 bits number more chunks than a shard can fill (16 Mi chunks are
// over a terabyte). The free 16 + 8 bits hold a 24-bit clock of seconds,
// the width and resolution of Redis's per-object LRU clock, so the access
// time costs no byte per key.
//
// A read updates that clock under the shard's read lock, so several
// readers may write it at once: the two words that carry it are read and
// written atomically while only the read lock is held (at, touch). The
// location bits never change under a read lock, so a reader's store of the
// clock keeps them as every other reader sees them.
type slot struct {
	tag           uint32
	chunkAndClock uint32 // chunk index (low 24 bits), clock's high 8 bits
	offAndClock   uint32 // offset in the chunk (low 16 bits), clock's low 16 bits
}

const (
	chunkBits = 24
	offBits   = 16
	chunkMask = 1<<chunkBits - 1
	offMask   = 1<<offBits - 1
	// ClockMask bounds the access clock: it counts seconds modulo 2^24
	// (about 194 days), as Redis's LRU clock does.
	ClockMask = 1<<(32-chunkBits+32-offBits) - 1
)

// Every small record must start at an offset the slot can hold.
const _ = uint16(maxChunk - 1)

func newSlot(chunk, off int) slot {
	if chunk > chunkMask {
		// Past a terabyte in one shard: better a clear stop than a slot
		// that names the wrong record.
		panic("store: a shard's arena outgrew its slots' chunk numbers")
	}
	return slot{chunkAndClock: uint32(chunk), offAndClock: uint32(off)}
}

func (s slot) empty() bool { return s.chunkAndClock == 0 }
func (s slot) chunk() int  { return int(s.chunkAndClock & chunkMask) }
func (s slot) off() int    { return int(s.offAndClock & offMask) }

// clock is the access clock of the slot's key.
func (s slot) clock() uint32 {
	return s.chunkAndClock>>chunkBits<<offBits | s.offAndClock>>offBits
}

// withClock is s with its access clock set to c.
func (s slot) withClock(c uint32) slot {
	s.chunkAndClock = s.chunkAndClock&chunkMask | c>>offBits<<chunkBits
	s.offAndClock = s.offAndClock&offMask | c<<offBits
	return s
}

// at reads the slot at pos; it is safe while other readers touch slots.
func (t *table) at(pos int) slot {
	p := &t.slots[pos]
	return slot{tag: p.tag, chunkAndClock: atomic.LoadUint32(&p.chunkAndClock), offAndClock: atomic.LoadUint32(&p.offAndClock)}
}

// touch sets the access clock of the slot at pos to now, under a read or
// the write lock. Most reads find the clock already there: they write
// nothing, so a key read by many readers at once keeps its cache line
// shared.
func (t *table) touch(pos int, now uint32) {
	p := &t.slots[pos]
	cur := t.at(pos)
	if cur.clock() == now {
		return
	}
	next := cur.withClock(now)
	if next.chunkAndClock != cur.chunkAndClock {
		atomic.StoreUint32(&p.chunkAndClock, next.chunkAndClock)
	}
	atomic.StoreUint32(&p.offAndClock, next.offAndClock)
}

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
		s := t.at(int(i))
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
