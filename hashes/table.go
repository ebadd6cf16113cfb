package hashes

import "hash/maphash"

// seed keys the table's hash function; one per process is enough, and it
// lets a clone keep its buckets as they are.
var seed = maphash.MakeSeed()

// table is the big layout (see the package doc). Element numbers in heads
// and next are stored plus one, so that zero means "none".
type table struct {
	// chunks hold the records (field then value, each length-prefixed),
	// appended until a chunk is full. Chunks, not one growing slice, so
	// that a million fields are not copied at each growth and the copies
	// left for the collector do not double the memory while a hash fills.
	chunks  [][]byte
	offs    []uint64 // element i's record: its chunk << 32 | its offset there
	next    []uint32 // the element after i in its chain, plus one
	heads   []uint32 // the first element in each bucket, plus one
	used    int      // bytes of records in the chunks
	garbage int      // bytes of records that no element uses
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

func (t *table) len() int { return len(t.offs) }

func (t *table) bucketOf(field []byte) int { return int(hashOf(field) & uint64(len(t.heads)-1)) }

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

// find returns field's element number.
func (t *table) find(field []byte) (int, bool) {
	for e := t.heads[t.bucketOf(field)]; e != 0; e = t.next[e-1] {
		if string(t.field(int(e-1))) == string(field) {
			return int(e - 1), true
		}
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
	if i, ok := t.find(field); ok {
		t.replace(i, value)
		return false
	}
	t.offs = append(t.offs, t.appendRecord(field, value))
	t.next = append(t.next, 0)
	t.link(len(t.offs)-1, t.bucketOf(field))
	if len(t.offs) > len(t.heads) {
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

func (t *table) link(i, bucket int) {
	t.next[i] = t.heads[bucket]
	t.heads[bucket] = uint32(i + 1)
}

// delete removes field; true if it was there. The last element takes the
// freed number, so numbers stay dense.
func (t *table) delete(field []byte) bool {
	bucket := t.bucketOf(field)
	i, ok := t.unlink(bucket, func(e int) bool { return string(t.field(e)) == string(field) })
	if !ok {
		return false
	}
	_, _, size := t.record(i)
	last := len(t.offs) - 1
	if i != last {
		// Whatever pointed at the last element now points at i.
		lastBucket := t.bucketOf(t.field(last))
		ref := &t.heads[lastBucket]
		for *ref != uint32(last+1) {
			ref = &t.next[*ref-1]
		}
		*ref = uint32(i + 1)
		t.offs[i], t.next[i] = t.offs[last], t.next[last]
	}
	t.offs, t.next = t.offs[:last], t.next[:last]
	t.addGarbage(size)
	if len(t.heads) > minBuckets && len(t.offs) < len(t.heads)/8 {
		t.resize(bucketsFor(len(t.offs)))
	}
	return true
}

// unlink takes the first element of bucket's chain that is matches from
// the chain and returns its number.
func (t *table) unlink(bucket int, is func(e int) bool) (int, bool) {
	ref := &t.heads[bucket]
	for *ref != 0 {
		e := int(*ref - 1)
		if is(e) {
			*ref = t.next[e]
			return e, true
		}
		ref = &t.next[e]
	}
	return 0, false
}

// resize rebuilds the chains over n buckets.
func (t *table) resize(n int) {
	t.heads = make([]uint32, n)
	for i := range t.offs {
		t.link(i, t.bucketOf(t.field(i)))
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
		used:    t.used,
		garbage: t.garbage,
	}
	for i, chunk := range t.chunks {
		c.chunks[i] = append(make([]byte, 0, cap(chunk)), chunk...)
	}
	return c
}

// bytes is the memory the table holds, for MEMORY USAGE-like estimates.
func (t *table) bytes() int {
	n := 24*cap(t.chunks) + 8*cap(t.offs) + 4*cap(t.next) + 4*cap(t.heads)
	for _, chunk := range t.chunks {
		n += cap(chunk)
	}
	return n
}
