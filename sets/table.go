package sets

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
)

// table is the "hashtable" layout: a set of byte strings with no pointer
// per member.
//
// Each member is a record, its length as a uvarint and then its bytes,
// appended to one of a list of chunks. Records are never written over, so
// a member slice handed out stays valid after the member is removed; the
// bytes of removed records are counted, and once they outweigh the live
// ones the live records are copied into fresh chunks (compact).
//
// The index is open addressing with linear probing over a power-of-two
// array of 8-byte slots. A slot is 0 when empty; otherwise its low 40 bits
// are the record's reference plus one (chunk number << 16 | offset), and
// its high 24 bits are the top bits of the member's hash, so most probes
// that meet another member are rejected without reading the record.
// Removal shifts the following members of the cluster back (no
// tombstones), so a member always lies in the unbroken run of slots that
// starts at its home slot (hash & mask): SSCAN's cursor relies on it.
type table struct {
	chunks [][]byte
	slots  []uint64
	count  int
	live   int // bytes of the records of current members
	dead   int // bytes of the records of removed members
}

const (
	chunkBits = 16
	chunkSize = 1 << chunkBits
	refBits   = 40
	refMask   = 1<<refBits - 1
	minSlots  = 8
)

// seed keys the member hash; one per process, as members never leave it
// hashed.
var seed = maphash.MakeSeed()

func hashOf(member []byte) uint64 { return maphash.Bytes(seed, member) }

func newTable(capacity int) *table {
	n := minSlots
	for n*3 < capacity*4 {
		n *= 2
	}
	return &table{slots: make([]uint64, n)}
}

// record returns the member stored at ref and the record's total size.
func (t *table) record(ref uint64) ([]byte, int) {
	c := t.chunks[ref>>chunkBits]
	p := int(ref & (chunkSize - 1))
	n, k := binary.Uvarint(c[p:])
	return c[p+k : p+k+int(n) : p+k+int(n)], k + int(n)
}

func (t *table) memberAt(slot uint64) []byte {
	m, _ := t.record(slot&refMask - 1)
	return m
}

// appendRecord stores member and returns its reference. The last chunk
// takes it when it fits within chunkSize, growing by doubling so a small
// set stays small; a member bigger than a chunk gets a chunk of its own.
func (t *table) appendRecord(member []byte) uint64 {
	need := uvarintLen(len(member)) + len(member)
	last := len(t.chunks) - 1
	if last < 0 || len(t.chunks[last])+need > chunkSize {
		size := chunkSize
		switch {
		case need > chunkSize:
			size = need
		case last < 0:
			size = max(64, need)
		}
		t.chunks = append(t.chunks, make([]byte, 0, size))
		last++
	}
	c := t.chunks[last]
	pos := len(c)
	if len(c)+need > cap(c) {
		grown := make([]byte, len(c), min(max(2*cap(c), len(c)+need), chunkSize))
		copy(grown, c)
		c = grown
	}
	c = binary.AppendUvarint(c, uint64(len(member)))
	c = append(c, member...)
	t.chunks[last] = c
	t.live += need
	return uint64(last)<<chunkBits | uint64(pos)
}

func uvarintLen(n int) int {
	k := 1
	for ; n >= 0x80; n >>= 7 {
		k++
	}
	return k
}

// find returns the slot holding member, or the empty slot where it would
// go, and whether it is there.
func (t *table) find(member []byte, h uint64) (int, bool) {
	mask := len(t.slots) - 1
	tag := h >> refBits
	i := int(h) & mask
	for {
		s := t.slots[i]
		if s == 0 {
			return i, false
		}
		if s>>refBits == tag && bytes.Equal(t.memberAt(s), member) {
			return i, true
		}
		i = (i + 1) & mask
	}
}

func (t *table) has(member []byte) bool {
	_, ok := t.find(member, hashOf(member))
	return ok
}

// add inserts member; false if it was already there. The index grows
// past three quarters full, which keeps probe runs short.
func (t *table) add(member []byte) bool {
	if (t.count+1)*4 > len(t.slots)*3 {
		t.resize(len(t.slots) * 2)
	}
	h := hashOf(member)
	i, found := t.find(member, h)
	if found {
		return false
	}
	t.slots[i] = h&^refMask | (t.appendRecord(member) + 1)
	t.count++
	return true
}

// remove deletes member; false if it was not there.
func (t *table) remove(member []byte) bool {
	i, found := t.find(member, hashOf(member))
	if !found {
		return false
	}
	t.removeSlot(i)
	return true
}

// removeSlot empties slot i and shifts back each later member of the
// cluster that may move closer to its home slot, so no member is left
// behind an empty slot.
func (t *table) removeSlot(i int) {
	_, size := t.record(t.slots[i]&refMask - 1)
	t.live -= size
	t.dead += size
	t.count--
	mask := len(t.slots) - 1
	hole := i
	for j := (i + 1) & mask; t.slots[j] != 0; j = (j + 1) & mask {
		home := int(hashOf(t.memberAt(t.slots[j]))) & mask
		// The member at j may fill the hole unless its home lies
		// cyclically after the hole and at or before j.
		if (j-home)&mask >= (j-hole)&mask {
			t.slots[hole] = t.slots[j]
			hole = j
		}
	}
	t.slots[hole] = 0
	switch {
	case len(t.slots) > minSlots && t.count*8 < len(t.slots):
		t.resize(len(t.slots) / 2)
	case t.dead > 4096 && t.dead > t.live:
		t.compact()
	}
}

// resize moves every member into an index of n slots.
func (t *table) resize(n int) {
	old := t.slots
	t.slots = make([]uint64, n)
	mask := n - 1
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := int(hashOf(t.memberAt(s))) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// compact copies the live records into fresh chunks, dropping the dead.
func (t *table) compact() {
	old := *t
	t.chunks, t.live, t.dead = nil, 0, 0
	for i, s := range t.slots {
		if s != 0 {
			t.slots[i] = s&^refMask | (t.appendRecord(old.memberAt(s)) + 1)
		}
	}
}

// each calls fn with every member in slot order until fn returns false.
func (t *table) each(fn func(member []byte) bool) bool {
	for _, s := range t.slots {
		if s != 0 && !fn(t.memberAt(s)) {
			return false
		}
	}
	return true
}

// random returns a member picked uniformly: a random slot until one is
// full. The index is at least an eighth full (removal shrinks it), so
// this takes a few tries at most on average.
func (t *table) random() []byte {
	for {
		if s := t.slots[rand.IntN(len(t.slots))]; s != 0 {
			return t.memberAt(s)
		}
	}
}

// scan visits the members whose home slot is cursor's and returns the
// next cursor, 0 when every home slot has been visited. The cursor walks
// the home slots in reversed-bit order (Redis's SCAN order), so an
// iteration still visits every member present throughout it when the
// index doubles or halves in between.
func (t *table) scan(cursor uint64, fn func(member []byte)) uint64 {
	mask := uint64(len(t.slots) - 1)
	home := int(cursor & mask)
	for j, n := home, 0; n < len(t.slots) && t.slots[j] != 0; j, n = (j+1)&int(mask), n+1 {
		m := t.memberAt(t.slots[j])
		if int(hashOf(m)&mask) == home {
			fn(m)
		}
	}
	cursor |= ^mask
	cursor = bits.Reverse64(cursor)
	cursor++
	return bits.Reverse64(cursor)
}

func (t *table) clone() *table {
	c := &table{slots: append([]uint64(nil), t.slots...), count: t.count, live: t.live, dead: t.dead}
	c.chunks = make([][]byte, len(t.chunks))
	for i, ch := range t.chunks {
		c.chunks[i] = append([]byte(nil), ch...)
	}
	return c
}

// bytes is the memory the table holds.
func (t *table) bytes() int {
	n := 8*len(t.slots) + 24*cap(t.chunks)
	for _, c := range t.chunks {
		n += cap(c)
	}
	return n
}
