package hashes

import "hash/maphash"

// seed keys the table's hash function; one per process is enough, and it
// lets a clone keep its buckets as they are.
var seed = maphash.MakeSeed()

// table is the big layout (see the package doc). Element numbers in the
// buckets and in next are stored plus one, so that zero means "none".
type table struct {
	// chunks hold the records (field then value, each length-prefixed),
	// appended until a chunk is full. Chunks, not one growing slice, so
	// that a million fields are not copied at each growth and the copies
	// left for the collector do not double the memory while a hash fills.
	chunks [][]byte
	offs   []uint64 // element i's record: its chunk << 32 | its offset there
	next   []uint32 // the element after i in its chain, plus one
	heads  []uint32 // the first element in each bucket, plus one
	// old is the previous buckets while a resize is under way: each
	// change moves a few of its chains into heads (moved counts the
	// buckets done), so a resize of millions of fields is spread over the
	// writes that follow instead of stopping the hash's users at once, as
	// Redis rehashes incrementally. An element is in exactly one of them.
	old     []uint32
	moved   int
	used    int // bytes of records in the chunks
	garbage int // bytes of records that no element uses
}

// Chunk sizes: a new chunk is as large as the records so far (so a small
// table has small chunks), between these bounds, or larger for a record
// that needs it.
const (
	minChunk = 1 << 10
	maxChunk = 64 << 10
)

// minBuckets is the smallest table; it is never shrunk below it.
const minBuckets = 16

// A resize step moves at most this many chains, looking at no more than
// ten times as many buckets (Redis's bound on empty visits).
const stepChains = 4

func newTable(capacity int) *table {
	t := &table{heads: make([]uint32, bucketsFor(capacity))}
	t.offs = make([]uint64, 0, capacity)
	t.next = make([]uint32, 0, capacity)
	return t
}

// bucketsFor is the power of two at or above n (and minBuckets): Redis's
// load factor of one element per bucket.
func bucketsFor(n int) int {
	b := minBuckets
	for b < n {
		b <<= 1
	}
	return b
}

func hashOf(field []byte) uint64 { return maphash.Bytes(seed, field) }

// bucket is where a hash falls in buckets (a power of two long).
func bucket(buckets []uint32, h uint64) int { return int(h & uint64(len(buckets)-1)) }

func (t *table) len() int { return len(t.offs) }

// record returns element i's field and value and the record's size.
func (t *table) record(i int) (field, value []byte, size int) {
	chunk, at := t.chunks[t.offs[i]>>32], int(uint32(t.offs[i]))
	field, next := readString(chunk, at)
	value, end := readString(chunk, next)
	return field, value, end - at
}

func (t *table) field(i int) []byte {
	f, _ := readString(t.chunks[t.offs[i]>>32], int(uint32(t.offs[i])))
	return f
}

// ref returns the link that points at the first element of field's
// chain in buckets for which is(element) holds, or nil.
func (t *table) ref(buckets []uint32, h uint64, is func(e int) bool) *uint32 {
	if buckets == nil {
		return nil
	}
	for ref := &buckets[bucket(buckets, h)]; *ref != 0; ref = &t.next[*ref-1] {
		if is(int(*ref - 1)) {
			return ref
		}
	}
	return nil
}

// refTo finds the link to the element that is(), in heads or else old.
func (t *table) refTo(h uint64, is func(e int) bool) *uint32 {
	if ref := t.ref(t.heads, h, is); ref != nil {
		return ref
	}
	return t.ref(t.old, h, is)
}

func (t *table) named(field []byte) func(e int) bool {
	return func(e int) bool { return string(t.field(e)) == string(field) }
}

// find returns field's element number.
func (t *table) find(field []byte) (int, bool) {
	if ref := t.refTo(hashOf(field), t.named(field)); ref != nil {
		return int(*ref - 1), true
	}
	return 0, false
}

// appendRecord writes a record and returns where (chunk << 32 | offset).
func (t *table) appendRecord(field, value []byte) uint64 {
	size := encodedLen(field) + encodedLen(value)
	last := len(t.chunks) - 1
	if last < 0 || len(t.chunks[last])+size > cap(t.chunks[last]) {
		t.chunks = append(t.chunks, make([]byte, 0, max(min(max(t.used, minChunk), maxChunk), size)))
		last++
	}
	chunk := t.chunks[last]
	at := uint64(last)<<32 | uint64(len(chunk))
	chunk = appendString(chunk, field)
	t.chunks[last] = appendString(chunk, value)
	t.used += size
	return at
}

// set adds or replaces field; true if it was added.
func (t *table) set(field, value []byte) bool {
	defer t.step()
	h := hashOf(field)
	if ref := t.refTo(h, t.named(field)); ref != nil {
		t.replace(int(*ref-1), value)
		return false
	}
	t.offs = append(t.offs, t.appendRecord(field, value))
	t.next = append(t.next, 0)
	t.link(len(t.offs)-1, h) // new elements go to the new buckets
	if t.old == nil && len(t.offs) > len(t.heads) {
		t.resize(len(t.heads) * 2)
	}
	return true
}

// replace gives element i a new value: in place when the length is the
// same (HINCRBY's usual case), else as a new record.
func (t *table) replace(i int, value []byte) {
	field, old, size := t.record(i)
	if len(old) == len(value) {
		copy(old, value)
		return
	}
	t.offs[i] = t.appendRecord(field, value)
	t.addGarbage(size)
}

// link puts element i, whose field hashes to h, at the head of its chain
// in heads.
func (t *table) link(i int, h uint64) {
	b := bucket(t.heads, h)
	t.next[i] = t.heads[b]
	t.heads[b] = uint32(i + 1)
}

// delete removes field; true if it was there. The last element takes the
// freed number, so numbers stay dense.
func (t *table) delete(field []byte) bool {
	ref := t.refTo(hashOf(field), t.named(field))
	if ref == nil {
		return false
	}
	defer t.step()
	i := int(*ref - 1)
	*ref = t.next[i] // unlinked
	_, _, size := t.record(i)
	last := len(t.offs) - 1
	if i != last {
		// Whatever pointed at the last element now points at i.
		*t.refTo(hashOf(t.field(last)), func(e int) bool { return e == last }) = uint32(i + 1)
		t.offs[i], t.next[i] = t.offs[last], t.next[last]
	}
	t.offs, t.next = t.offs[:last], t.next[:last]
	t.addGarbage(size)
	if t.old == nil && len(t.heads) > minBuckets && len(t.offs) < len(t.heads)/8 {
		t.resize(bucketsFor(len(t.offs)))
	}
	return true
}

// resize starts moving the chains into n buckets (finishing a resize
// still under way first).
func (t *table) resize(n int) {
	for t.old != nil {
		t.step()
	}
	t.old, t.heads, t.moved = t.heads, make([]uint32, n), 0
}

// step moves a few of old's chains into heads; the last one ends the
// resize.
func (t *table) step() {
	chains := 0
	for visits := 0; t.old != nil && chains < stepChains && visits < 10*stepChains; visits++ {
		e := t.old[t.moved]
		t.old[t.moved] = 0
		if e != 0 {
			chains++
		}
		for e != 0 {
			i := int(e - 1)
			e = t.next[i]
			t.link(i, hashOf(t.field(i)))
		}
		if t.moved++; t.moved == len(t.old) {
			t.old, t.moved = nil, 0
		}
	}
}

// addGarbage notes size dead bytes and compacts once they are over half.
func (t *table) addGarbage(size int) {
	t.garbage += size
	if t.garbage > t.used/2 && t.garbage > minChunk {
		t.compact()
	}
}

// compact copies the live records into new chunks.
func (t *table) compact() {
	old := &table{offs: t.offs, chunks: t.chunks}
	t.chunks, t.used, t.garbage = nil, 0, 0
	for i := range t.offs {
		f, v, _ := old.record(i)
		t.offs[i] = t.appendRecord(f, v)
	}
	// The small slices may hold much spare room after deletions.
	if cap(t.offs) > 2*len(t.offs)+minBuckets {
		t.offs = append(make([]uint64, 0, len(t.offs)), t.offs...)
		t.next = append(make([]uint32, 0, len(t.next)), t.next...)
	}
}

func (t *table) clone() *table {
	c := &table{
		chunks:  make([][]byte, len(t.chunks)),
		offs:    append([]uint64(nil), t.offs...),
		next:    append([]uint32(nil), t.next...),
		heads:   append([]uint32(nil), t.heads...),
		moved:   t.moved,
		used:    t.used,
		garbage: t.garbage,
	}
	if t.old != nil {
		c.old = append([]uint32(nil), t.old...)
	}
	for i, chunk := range t.chunks {
		c.chunks[i] = append(make([]byte, 0, cap(chunk)), chunk...)
	}
	return c
}

// bytes is the memory the table holds, for MEMORY USAGE-like estimates.
func (t *table) bytes() int {
	n := 24*cap(t.chunks) + 8*cap(t.offs) + 4*cap(t.next) + 4*cap(t.heads) + 4*cap(t.old)
	for _, chunk := range t.chunks {
		n += cap(chunk)
	}
	return n
}
