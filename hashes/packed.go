package hashes

import (
	"encoding/binary"
	"slices"
)

// The packed layout: a 4-byte little-endian count of pairs (kept in the
// bytes, not in the 16-byte Hash), then a sequence of strings, each a uvarint
// length followed by its bytes, alternating field and value. It is edited
// in place, or moved to a new slice when it outgrows its allocation's
// size class, so it never holds room that was not allocated anyway. A
// nil slice is the empty hash.

const countBytes = 4

func packedCount(p []byte) int {
	if len(p) < countBytes {
		return 0
	}
	return int(binary.LittleEndian.Uint32(p))
}

func setPackedCount(p []byte, n int) { binary.LittleEndian.PutUint32(p, uint32(n)) }

// appendString appends one length-prefixed string.
func appendString(dst, s []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// readString reads the string at p[at:] and returns it and where the next
// one starts.
func readString(p []byte, at int) (s []byte, next int) {
	n, w := binary.Uvarint(p[at:])
	start := at + w
	end := start + int(n)
	return p[start:end:end], end
}

// encodedLen is how many bytes appendString writes for s.
func encodedLen(s []byte) int {
	return uvarintLen(uint64(len(s))) + len(s)
}

func uvarintLen(n uint64) int {
	w := 1
	for n >= 0x80 {
		n >>= 7
		w++
	}
	return w
}

// packedFind returns where field's pair starts and where its value string
// starts, or ok false.
func packedFind(p, field []byte) (pairAt, valueAt int, ok bool) {
	for at := countBytes; at < len(p); {
		f, next := readString(p, at)
		if string(f) == string(field) {
			return at, next, true
		}
		_, at = readString(p, next)
	}
	return 0, 0, false
}

// splice replaces p[from:to] with the strings in with. It edits p in
// place when its capacity allows (a hot hash's HSET then allocates
// nothing), else moves it to a new slice of the size class that the
// result needs: Go rounds every allocation up to one anyway, so the
// spare room costs nothing and the next edits may use it.
func splice(p []byte, from, to int, with ...[]byte) []byte {
	if len(p) == 0 {
		p = make([]byte, countBytes) // the empty hash's header
		from, to = countBytes, countBytes
	}
	add := 0
	for _, s := range with {
		add += encodedLen(s)
	}
	size := len(p) - (to - from) + add
	if size > cap(p) {
		out := slices.Grow([]byte(nil), size)
		out = append(out, p[:from]...)
		for _, s := range with {
			out = appendString(out, s)
		}
		return append(out, p[to:]...)
	}
	tail := len(p) - to
	p = p[:max(len(p), size)]
	copy(p[from+add:], p[to:to+tail]) // a memmove: the ranges may overlap
	at := p[:from]
	for _, s := range with {
		at = appendString(at, s) // within capacity: writes into the gap
	}
	return p[:size]
}

// packedRange calls fn with each pair in order until fn returns false.
func packedRange(p []byte, fn func(field, value []byte) bool) {
	for at := countBytes; at < len(p); {
		f, next := readString(p, at)
		v, after := readString(p, next)
		if !fn(f, v) {
			return
		}
		at = after
	}
}
