package executor

import (
	"encoding/binary"
	"math"
	"strconv"
)

// listpack builds the bytes of Redis's listpack, the packed encoding of
// small hashes (and, in Redis, of small lists and sorted sets), for DEBUG
// OBJECT's serialized length: the RDB format stores a listpack-encoded
// value as its listpack, as one string (rdbHashLength).
//
// Layout: a 6-byte header (total bytes, 32-bit; element count, 16-bit,
// 65535 meaning "count them"), the elements, and a 0xFF end byte. An
// element is its encoding and data, then that size again as a backwards
// length (so the list can be walked from the end). A canonical decimal
// integer is stored as an integer of 7, 13, 16, 24, 32 or 64 bits; any
// other string as its length (6, 12 or 32 bits) and bytes.
type listpack struct {
	elements []byte
	count    int
}

func (lp *listpack) append(element []byte) {
	start := len(lp.elements)
	if n, ok := parseInt(element); ok && strconv.FormatInt(n, 10) == string(element) {
		lp.elements = appendListpackInt(lp.elements, n)
	} else {
		lp.elements = appendListpackString(lp.elements, element)
	}
	lp.elements = appendBacklen(lp.elements, len(lp.elements)-start)
	lp.count++
}

// bytes is the whole listpack.
func (lp *listpack) bytes() []byte {
	const headerSize, end = 6, 0xFF
	out := binary.LittleEndian.AppendUint32(nil, uint32(headerSize+len(lp.elements)+1))
	out = binary.LittleEndian.AppendUint16(out, uint16(min(lp.count, math.MaxUint16)))
	out = append(out, lp.elements...)
	return append(out, end)
}

// appendListpackInt appends n in the smallest of the listpack's integer
// encodings: a tag (the top bits of the first byte) and the bits of n,
// little-endian after the tag byte but for the 7- and 13-bit forms.
func appendListpackInt(b []byte, n int64) []byte {
	switch {
	case n >= 0 && n <= 127:
		return append(b, byte(n))
	case n >= -4096 && n <= 4095:
		u := uint64(n) & (1<<13 - 1)
		return append(b, 0xC0|byte(u>>8), byte(u))
	}
	var tag byte
	var size int
	switch {
	case n >= math.MinInt16 && n <= math.MaxInt16:
		tag, size = 0xF1, 2
	case n >= -1<<23 && n <= 1<<23-1:
		tag, size = 0xF2, 3
	case n >= math.MinInt32 && n <= math.MaxInt32:
		tag, size = 0xF3, 4
	default:
		tag, size = 0xF4, 8
	}
	b = append(b, tag)
	var le [8]byte
	binary.LittleEndian.PutUint64(le[:], uint64(n))
	return append(b, le[:size]...)
}

// appendListpackString appends s with its length: 6 bits in the tag byte
// (10xxxxxx), 12 bits over two bytes (1110xxxx), or 32 bits after 0xF0.
func appendListpackString(b, s []byte) []byte {
	switch n := len(s); {
	case n < 1<<6:
		b = append(b, 0x80|byte(n))
	case n < 1<<12:
		b = append(b, 0xE0|byte(n>>8), byte(n))
	default:
		b = binary.LittleEndian.AppendUint32(append(b, 0xF0), uint32(n))
	}
	return append(b, s...)
}

// appendBacklen appends an element's size read backwards: 7 bits per
// byte, the last byte holding the lowest bits, every byte but the first
// marked with the high bit. The thresholds are Redis's (one short of the
// powers of 128 above the first).
func appendBacklen(b []byte, size int) []byte {
	var n int // bytes
	switch {
	case size <= 127:
		n = 1
	case size < 16383:
		n = 2
	case size < 2097151:
		n = 3
	case size < 268435455:
		n = 4
	default:
		n = 5
	}
	for i := n - 1; i >= 0; i-- {
		c := byte(size>>(7*i)) & 127
		if i != n-1 {
			c |= 128
		}
		b = append(b, c)
	}
	return b
}
