package zsets

import (
	"bytes"
	"encoding/binary"
	"math"
)

// A record is one member and its score, as both layouts store it: the
// score, then the member's length as a uvarint and the member.
//
// Scores are mostly small whole numbers (ranks, counts, timestamps), so
// one that is a whole number of at most 2^53 in size is written as the
// uvarint of its zigzag code shifted left once: 1 byte up to 31, 2 up to
// 4095, 4 up to about 134 million. Any other score (fractions, huge
// values, infinities, -0) is the byte 1 and its 8 IEEE 754 bytes. The
// low bit of the first byte tells the two apart.

const maxExactInt = 1 << 53

// scoreAsInt reports whether f is written as an integer, and which.
func scoreAsInt(f float64) (int64, bool) {
	if f != math.Trunc(f) || f > maxExactInt || f < -maxExactInt || (f == 0 && math.Signbit(f)) {
		return 0, false
	}
	return int64(f), true
}

// appendScore writes a score's encoding.
func appendScore(buf []byte, f float64) []byte {
	if n, ok := scoreAsInt(f); ok {
		return binary.AppendUvarint(buf, uint64(n<<1^n>>63)<<1)
	}
	buf = append(buf, 1)
	return binary.LittleEndian.AppendUint64(buf, math.Float64bits(f))
}

// scoreSize is the length of f's encoding.
func scoreSize(f float64) int {
	if n, ok := scoreAsInt(f); ok {
		return uvarintSize(uint64(n<<1^n>>63) << 1)
	}
	return 9
}

func uvarintSize(v uint64) int {
	size := 1
	for ; v >= 0x80; v >>= 7 {
		size++
	}
	return size
}

// readScore decodes the score at off and returns where it ends.
func readScore(buf []byte, off int) (float64, int) {
	if buf[off]&1 != 0 {
		return math.Float64frombits(binary.LittleEndian.Uint64(buf[off+1:])), off + 9
	}
	v, w := binary.Uvarint(buf[off:])
	z := v >> 1
	return float64(int64(z>>1) ^ -int64(z&1)), off + w
}

// appendRecord appends member's record to buf.
func appendRecord(buf []byte, member []byte, score float64) []byte {
	buf = appendScore(buf, score)
	buf = binary.AppendUvarint(buf, uint64(len(member)))
	return append(buf, member...)
}

// recordSize is the length of the record of member with score.
func recordSize(member []byte, score float64) int {
	return scoreSize(score) + uvarintSize(uint64(len(member))) + len(member)
}

// readRecord decodes the record at off: its member (aliasing buf), its
// score and where the next record starts.
func readRecord(buf []byte, off int) (member []byte, score float64, next int) {
	score, off = readScore(buf, off)
	n, w := binary.Uvarint(buf[off:])
	start := off + w
	end := start + int(n)
	return buf[start:end:end], score, end
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
