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
	if h.big == nil {
		packedRange(h.packed, func(f, v []byte) bool {
			fn(f, v)
			return true
		})
		return 0
	}
	t := h.big
	mask := uint64(len(t.heads) - 1)
	found, visits := 0, 20*count // Redis: ten times COUNT doubled (fields and values)
	for {
		for e := t.heads[cursor&mask]; e != 0; e = t.next[e-1] {
			f, v, _ := t.record(int(e - 1))
			fn(f, v)
			found++
		}
		// Set the bits above the mask so the increment carries past them.
		cursor |= ^mask
		cursor = bits.Reverse64(bits.Reverse64(cursor) + 1)
		visits--
		if cursor == 0 || found >= count || visits <= 0 {
			return cursor
		}
	}
}

// Random returns a field and its value chosen uniformly; the hash must not
// be empty.
func (h *Hash) Random() (field, value []byte) {
	if h.big != nil {
		f, v, _ := h.big.record(rand.IntN(h.big.len()))
		return f, v
	}
	return h.pairAt(rand.IntN(packedCount(h.packed)))
}

// pairAt returns a packed hash's i-th pair.
func (h *Hash) pairAt(i int) (field, value []byte) {
	at := countBytes
	for ; i > 0; i-- {
		_, next := readString(h.packed, at)
		_, at = readString(h.packed, next)
	}
	f, next := readString(h.packed, at)
	v, _ := readString(h.packed, next)
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
