package hashes

import "slices"

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
type Hash struct {
	packed []byte // the packed layout, while big is nil (count header first)
	big    *table // the table layout, once converted
}

// New returns an empty hash (packed, as Redis creates every hash).
func New() *Hash { return &Hash{} }

// Len is the number of fields.
func (h *Hash) Len() int {
	if h.big != nil {
		return h.big.len()
	}
	return packedCount(h.packed)
}

// Encoding is OBJECT ENCODING's word for the layout.
func (h *Hash) Encoding() string {
	if h.big != nil {
		return "hashtable"
	}
	return "listpack"
}

// Get returns field's value.
func (h *Hash) Get(field []byte) ([]byte, bool) {
	if h.big != nil {
		i, ok := h.big.find(field)
		if !ok {
			return nil, false
		}
		_, v, _ := h.big.record(i)
		return v, true
	}
	_, valueAt, ok := packedFind(h.packed, field)
	if !ok {
		return nil, false
	}
	v, _ := readString(h.packed, valueAt)
	return v, true
}

// Fit converts a packed hash to a table first if any of args (the fields
// and values about to be written) is longer than the limit allows or they
// would make the packed bytes too large, as Redis checks a command's
// arguments before it writes any (HSET, HSETNX).
func (h *Hash) Fit(args [][]byte, lim Limits) {
	if h.big != nil {
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
	if len(h.packed)+sum > maxPackedBytes {
		h.convert()
	}
}

// Set adds field with value or replaces its value, and reports whether it
// was added. A packed hash turns into a table when the pair is longer
// than the limit allows, or when the field count passes it afterwards.
func (h *Hash) Set(field, value []byte, lim Limits) (added bool) {
	if h.big == nil && (int64(len(field)) > lim.MaxPackedValue || int64(len(value)) > lim.MaxPackedValue) {
		h.convert()
	}
	if h.big != nil {
		return h.big.set(field, value)
	}
	if _, valueAt, ok := packedFind(h.packed, field); ok {
		_, end := readString(h.packed, valueAt)
		h.packed = splice(h.packed, valueAt, end, value)
		return false
	}
	h.packed = splice(h.packed, len(h.packed), len(h.packed), field, value)
	n := packedCount(h.packed) + 1
	setPackedCount(h.packed, n)
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
	if h.big != nil || len(pairs) == 2 || int64(h.Len()+len(pairs)/2) > lim.MaxPackedEntries {
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
	size := max(len(h.packed), countBytes)
	for i := 0; i < len(pairs); i += 2 {
		f := pairs[i]
		if nthPair(pairs, f) != i {
			continue // counted at its first mention
		}
		v := lastValue(pairs, f)
		if _, valueAt, ok := packedFind(h.packed, f); ok {
			old, _ := readString(h.packed, valueAt)
			size += encodedLen(v) - encodedLen(old)
		} else {
			size += encodedLen(f) + encodedLen(v)
			added++
		}
	}
	packed := append(slices.Grow([]byte(nil), size), make([]byte, countBytes)...)
	packedRange(h.packed, func(f, v []byte) bool {
		if nthPair(pairs, f) >= 0 {
			v = lastValue(pairs, f)
		}
		packed = appendString(appendString(packed, f), v)
		return true
	})
	for i := 0; i < len(pairs); i += 2 {
		if f := pairs[i]; nthPair(pairs, f) == i {
			if _, _, ok := packedFind(h.packed, f); !ok {
				packed = appendString(appendString(packed, f), lastValue(pairs, f))
			}
		}
	}
	setPackedCount(packed, packedCount(h.packed)+added)
	h.packed = packed
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
	if h.big != nil {
		return h.big.delete(field)
	}
	pairAt, valueAt, ok := packedFind(h.packed, field)
	if !ok {
		return false
	}
	_, end := readString(h.packed, valueAt)
	h.packed = splice(h.packed, pairAt, end)
	setPackedCount(h.packed, packedCount(h.packed)-1)
	return true
}

// Range calls fn with each field and value until fn returns false: a
// packed hash in the order fields were added, as Redis's listpack.
func (h *Hash) Range(fn func(field, value []byte) bool) {
	if h.big == nil {
		packedRange(h.packed, fn)
		return
	}
	for i := range h.big.offs {
		f, v, _ := h.big.record(i)
		if !fn(f, v) {
			return
		}
	}
}

// convert moves a packed hash into a table, for good.
func (h *Hash) convert() {
	t := newTable(packedCount(h.packed))
	packedRange(h.packed, func(f, v []byte) bool {
		t.set(f, v)
		return true
	})
	h.big, h.packed = t, nil
}

// Copy is a deep copy in the same layout.
func (h *Hash) Copy() *Hash {
	c := &Hash{}
	if h.big != nil {
		c.big = h.big.clone()
	} else {
		c.packed = append([]byte(nil), h.packed...)
	}
	return c
}

// Bytes estimates the memory the value holds (MEMORY USAGE).
func (h *Hash) Bytes() int {
	const header = 32 // the Hash struct
	if h.big != nil {
		return header + h.big.bytes()
	}
	return header + cap(h.packed)
}
