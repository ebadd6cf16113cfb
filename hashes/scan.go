package hashes

import (
	"math/bits"
	"math/rand/v2"
)

// Scan is HSCAN's step. A packed hash is returned whole with cursor 0, as
// Redis returns a listpack in one go whatever the cursor. A table is
// walked a bucket at a time from cursor in Redis's reverse-binary order
// (the cursor's bits reversed, incremented, reversed back), until at least
// count fields were given to fn, the walk is done (next 0), or ten times
// count buckets were looked at (a sparse table must not block).
func (h *Hash) Scan(cursor uint64, count int, fn func(field, value []byte)) (next uint64) {
	if h.table() == nil {
		packedRange(h.packed(), func(f, v []byte) bool {
			fn(f, v)
			return true
		})
		return 0
	}
	t := h.table()
	found, visits := 0, 20*count // Redis: ten times COUNT doubled (fields and values)
	emit := func(buckets []uint32, b uint64) {
		for e := buckets[b]; e != 0; e = t.next[e-1] {
			f, v, _ := t.record(int(e - 1))
			fn(f, v)
			found++
		}
	}
	for {
		cursor = t.scanStep(cursor, emit)
		if visits--; cursor == 0 || found >= count || visits <= 0 {
			return cursor
		}
	}
}

// scanStep emits the bucket at cursor, and while a resize is under way
// every bucket of the larger array that the smaller one's bucket splits
// into, then returns the next cursor, as Redis's dictScan does.
func (t *table) scanStep(cursor uint64, emit func(buckets []uint32, b uint64)) uint64 {
	small, large := t.heads, t.old
	if large == nil {
		mask := uint64(len(small) - 1)
		emit(small, cursor&mask)
		return nextCursor(cursor, mask)
	}
	if len(small) > len(large) {
		small, large = large, small
	}
	m0, m1 := uint64(len(small)-1), uint64(len(large)-1)
	emit(small, cursor&m0)
	for {
		emit(large, cursor&m1)
		cursor = nextCursor(cursor, m1)
		if cursor&(m0^m1) == 0 {
			return cursor
		}
	}
}

// nextCursor increments the cursor's bits under mask in reverse order:
// the bits above it are set so that the carry passes through them.
func nextCursor(cursor, mask uint64) uint64 {
	return bits.Reverse64(bits.Reverse64(cursor|^mask) + 1)
}

// Random returns a field and its value chosen uniformly; the hash must not
// be empty.
func (h *Hash) Random() (field, value []byte) {
	if t := h.table(); t != nil {
		f, v, _ := t.record(rand.IntN(t.len()))
		return f, v
	}
	return h.pairAt(rand.IntN(packedCount(h.packed())))
}

// pairAt returns a packed hash's i-th pair.
func (h *Hash) pairAt(i int) (field, value []byte) {
	p, at := h.packed(), countBytes
	for ; i > 0; i-- {
		_, next := readString(p, at)
		_, at = readString(p, next)
	}
	f, next := readString(p, at)
	v, _ := readString(p, next)
	return f, v
}

// Pairs returns every field and value (aliasing the hash), in Range's
// order, for HRANDFIELD's sampling without repeats.
func (h *Hash) Pairs() (fields, values [][]byte) {
	fields = make([][]byte, 0, h.Len())
	values = make([][]byte, 0, h.Len())
	h.Range(func(f, v []byte) bool {
		fields = append(fields, f)
		values = append(values, v)
		return true
	})
	return fields, values
}
