package zsets

import (
	"bytes"
	"encoding/binary"
	"math"
)

// A record is one member and its score, as both layouts store it: the
// score's 8 bytes (IEEE 754, little-endian) first, so comparing by score
// reads a fixed place, then the member's length as a uvarint and the
// member.

// appendRecord appends member's record to buf.
func appendRecord(buf []byte, member []byte, score float64) []byte {
	buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(score))
	buf = binary.AppendUvarint(buf, uint64(len(member)))
	return append(buf, member...)
}

// recordSize is the length of member's record.
func recordSize(member []byte) int {
	size := 8 + 1 + len(member)
	for n := uint64(len(member)); n >= 0x80; n >>= 7 {
		size++
	}
	return size
}

// readRecord decodes the record at off: its member (aliasing buf), its
// score and where the next record starts.
func readRecord(buf []byte, off int) (member []byte, score float64, next int) {
	score = math.Float64frombits(binary.LittleEndian.Uint64(buf[off:]))
	n, w := binary.Uvarint(buf[off+8:])
	start := off + 8 + w
	end := start + int(n)
	return buf[start:end:end], score, end
}

// recordScore reads only the score of the record at off.
func recordScore(buf []byte, off int) float64 {
	return math.Float64frombits(binary.LittleEndian.Uint64(buf[off:]))
}

// setRecordScore rewrites the score of the record at off in place.
func setRecordScore(buf []byte, off int, score float64) {
	binary.LittleEndian.PutUint64(buf[off:], math.Float64bits(score))
}

// compare orders (s1, m1) against (s2, m2) as a sorted set does: by score,
// then by member bytes.
func compare(s1 float64, m1 []byte, s2 float64, m2 []byte) int {
	switch {
	case s1 < s2:
		return -1
	case s1 > s2:
		return 1
	}
	return bytes.Compare(m1, m2)
}
