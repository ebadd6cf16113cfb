package hashes

import (
	"slices"
	"unsafe"
)

// Limits are the settings that decide when a packed hash turns into a
// table: hash-max-listpack-entries and hash-max-listpack-value.
type Limits struct {
	MaxPackedEntries int64 // more fields than this: a table
	MaxPackedValue   int64 // a field or value longer than this: a table
}

// DefaultLimits are Redis 7.0.15's defaults.
var DefaultLimits = Limits{MaxPackedEntries: 512, MaxPackedValue: 64}

// maxPackedBytes caps the packed layout's size whatever the settings, as
// Redis caps a listpack at 1 GB (lpSafeToAdd).
const maxPackedBytes = 1 << 30

// Hash is one hash value. The zero value is an empty packed hash.
//
// It is 16 bytes, one pointer and two 32-bit numbers, where a slice and a
// pointer (32 bytes) would be the plain way: a small hash is mostly its
// packed bytes, and 100,000 hashes of 10 fields take 16 bytes each less
// (BENCHMARKS.md). ptr is either the packed bytes' first byte, with n of
// them in an allocation of room (packed layout, count header first; the
// packed layout is capped at 1 GiB, maxPackedBytes), or the table, with n
// set to tableLayout. The collector follows ptr either way.
type Hash struct {
	ptr     unsafe.Pointer
	n, room int32
}

// tableLayout in Hash.n says ptr is a *table.
const tableLayout = -1

// packed returns the packed layout's bytes (nil for a table, or empty).
func (h *Hash) packed() []byte {
	if h.n <= 0 {
		return nil
	}
	return unsafe.Slice((*byte)(h.ptr), h.room)[:h.n]
}

// setPacked makes p the packed layout.
func (h *Hash) setPacked(p []byte) {
	if cap(p) == 0 {
		*h = Hash{}
		return
	}
	h.ptr, h.n, h.room = unsafe.Pointer(unsafe.SliceData(p)), int32(len(p)), int32(cap(p))
}

// setTable makes t the layout.
func (h *Hash) setTable(t *table) { h.ptr, h.n, h.room = unsafe.Pointer(t), tableLayout, 0 }

// table returns the table layout, or nil while the hash is packed.
func (h *Hash) table() *table {
	if h.n != tableLayout {
		return nil
	}
	return (*table)(h.ptr)
}

// New returns an empty hash (packed, as Redis creates every hash).
func New() *Hash { return &Hash{} }

// Len is the number of fields.
func (h *Hash) Len() int {
	if h.table() != nil {
		return h.table().len()
	}
	return packedCount(h.packed())
}

// Encoding is OBJECT ENCODING's word for the layout.
func (h *Hash) Encoding() string {
	if h.table() != nil {
		return "hashtable"
	}
	return "listpack"
}

// Get returns field's value.
func (h *Hash) Get(field []byte) ([]byte, bool) {
	if t := h.table(); t != nil {
		i, ok := t.find(field)
		if !ok {
			return nil, false
		}
		_, v, _ := t.record(i)
		return v, true
	}
	p := h.packed()
	_, valueAt, ok := packedFind(p, field)
	if !ok {
		return nil, false
	}
	v, _ := readString(p, valueAt)
	return v, true
}

// Fit converts a packed hash to a table first if any of args (the fields
// and values about to be written) is longer than the limit allows or they
// would make the packed bytes too large, as Redis checks a command's
// arguments before it writes any (HSET, HSETNX).
func (h *Hash) Fit(args [][]byte, lim Limits) {
	if h.table() != nil {
		return
	}
	sum := 0
	for _, a := range args {
		if int64(len(a)) > lim.MaxPackedValue {
			h.convert()
			return
		}
		sum += len(a)
	}
	if len(h.packed())+sum > maxPackedBytes {
		h.convert()
	}
}

// Set adds field with value or replaces its value, and reports whether it
// was added. A packed hash turns into a table when the pair is longer
// than the limit allows, or when the field count passes it afterwards.
func (h *Hash) Set(field, value []byte, lim Limits) (added bool) {
	if h.table() == nil && (int64(len(field)) > lim.MaxPackedValue || int64(len(value)) > lim.MaxPackedValue ||
		len(h.packed())+encodedLen(field)+encodedLen(value) > maxPackedBytes) {
		h.convert() // HINCRBY and HINCRBYFLOAT come here without Fit
	}
	if t := h.table(); t != nil {
		return t.set(field, value)
	}
	p := h.packed()
	if _, valueAt, ok := packedFind(p, field); ok {
		_, end := readString(p, valueAt)
		h.setPacked(splice(p, valueAt, end, value))
		return false
	}
	p = splice(p, len(p), len(p), field, value)
	n := packedCount(p) + 1
	setPackedCount(p, n)
	h.setPacked(p)
	if int64(n) > lim.MaxPackedEntries {
		h.convert()
	}
	return true
}

// SetPairs sets each field, value pair of pairs in turn (HSET's
// arguments), after Fit, and returns how many fields were added. A packed
// hash that stays packed is rewritten once for the lot, not once a pair:
// loading many small hashes then leaves no garbage behind.
func (h *Hash) SetPairs(pairs [][]byte, lim Limits) (added int) {
	h.Fit(pairs, lim)
	if h.table() != nil || len(pairs) == 2 || int64(h.Len()+len(pairs)/2) > lim.MaxPackedEntries {
		for i := 0; i+1 < len(pairs); i += 2 {
			if h.Set(pairs[i], pairs[i+1], lim) {
				added++
			}
		}
		return added
	}
	// Like pair-by-pair Sets: a field already there keeps its place, a
	// new one goes at the end in the order of its first mention, and a
	// field named twice takes its last value.
	old := h.packed()
	size := max(len(old), countBytes)
	for i := 0; i < len(pairs); i += 2 {
		f := pairs[i]
		if nthPair(pairs, f) != i {
			continue // counted at its first mention
		}
		v := lastValue(pairs, f)
		if _, valueAt, ok := packedFind(old, f); ok {
			was, _ := readString(old, valueAt)
			size += encodedLen(v) - encodedLen(was)
		} else {
			size += encodedLen(f) + encodedLen(v)
			added++
		}
	}
	packed := append(slices.Grow([]byte(nil), size), make([]byte, countBytes)...)
	packedRange(old, func(f, v []byte) bool {
		if nthPair(pairs, f) >= 0 {
			v = lastValue(pairs, f)
		}
		packed = appendString(appendString(packed, f), v)
		return true
	})
	for i := 0; i < len(pairs); i += 2 {
		if f := pairs[i]; nthPair(pairs, f) == i {
			if _, _, ok := packedFind(old, f); !ok {
				packed = appendString(appendString(packed, f), lastValue(pairs, f))
			}
		}
	}
	setPackedCount(packed, packedCount(old)+added)
	h.setPacked(packed)
	return added
}

// nthPair is where field is first named in pairs, or -1.
func nthPair(pairs [][]byte, field []byte) int {
	for i := 0; i < len(pairs); i += 2 {
		if string(pairs[i]) == string(field) {
			return i
		}
	}
	return -1
}

// lastValue is the value field is last given in pairs.
func lastValue(pairs [][]byte, field []byte) []byte {
	for i := len(pairs) - 2; i >= 0; i -= 2 {
		if string(pairs[i]) == string(field) {
			return pairs[i+1]
		}
	}
	return nil
}

// Delete removes field and reports whether it was there.
func (h *Hash) Delete(field []byte) bool {
	if t := h.table(); t != nil {
		return t.delete(field)
	}
	p := h.packed()
	pairAt, valueAt, ok := packedFind(p, field)
	if !ok {
		return false
	}
	_, end := readString(p, valueAt)
	p = splice(p, pairAt, end)
	setPackedCount(p, packedCount(p)-1)
	h.setPacked(p)
	return true
}

// Range calls fn with each field and value until fn returns false: a
// packed hash in the order fields were added, as Redis's listpack.
func (h *Hash) Range(fn func(field, value []byte) bool) {
	t := h.table()
	if t == nil {
		packedRange(h.packed(), fn)
		return
	}
	for i := range t.offs {
		f, v, _ := t.record(i)
		if !fn(f, v) {
			return
		}
	}
}

// convert moves a packed hash into a table, for good.
func (h *Hash) convert() {
	p := h.packed()
	t := newTable(packedCount(p))
	packedRange(p, func(f, v []byte) bool {
		t.set(f, v)
		return true
	})
	h.setTable(t)
}

// Copy is a deep copy in the same layout.
func (h *Hash) Copy() *Hash {
	c := &Hash{}
	if t := h.table(); t != nil {
		c.setTable(t.clone())
	} else {
		c.setPacked(append([]byte(nil), h.packed()...))
	}
	return c
}

// Bytes estimates the memory the value holds (MEMORY USAGE).
func (h *Hash) Bytes() int {
	const header = int(unsafe.Sizeof(Hash{}))
	if t := h.table(); t != nil {
		return header + t.bytes()
	}
	return header + cap(h.packed())
}
