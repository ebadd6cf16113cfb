package executor

import (
	"math/bits"

	"redis-lite/store"
)

// bitCommands treat a string as an array of bits, the most significant
// bit of the first byte being bit 0, as Redis does. A missing key is an
// endless run of zero bits.
var bitCommands = []command{
	{name: "setbit", arity: 4, flags: flagWrite | flagDenyOOM, run: cmdSetBit},
	{name: "getbit", arity: 3, flags: flagReadonly | flagFast, run: cmdGetBit},
	{name: "bitcount", arity: -2, flags: flagReadonly, run: cmdBitCount},
	{name: "bitpos", arity: -3, flags: flagReadonly, run: cmdBitPos},
	{name: "bitop", arity: -4, flags: flagWrite | flagDenyOOM, run: cmdBitOp},
	{name: "bitfield", arity: -2, flags: flagWrite | flagDenyOOM, run: cmdBitField},
	{name: "bitfield_ro", arity: -2, flags: flagReadonly | flagFast, run: cmdBitField},
}

const errBitOffset = "ERR bit offset is not an integer or out of range"

// parseBitOffset reads a bit offset. With width > 0 (BITFIELD) a leading
// '#' counts in fields of that width: "#2" with i8 is bit 16. The offset
// must address a byte within proto-max-bulk-len.
func (s *Session) parseBitOffset(arg []byte, width int) (uint64, bool) {
	inFields := width > 0 && len(arg) > 0 && arg[0] == '#'
	if inFields {
		arg = arg[1:]
	}
	n, ok := parseInt(arg)
	if !ok {
		return 0, false
	}
	if inFields {
		hi, lo := bits.Mul64(uint64(max(n, 0)), uint64(width))
		if n < 0 || hi != 0 || lo > 1<<62 {
			return 0, false
		}
		n = int64(lo)
	}
	if n < 0 || n>>3 >= s.ex.maxBulkLen.Load() {
		return 0, false
	}
	return uint64(n), true
}

// bitAt is bit i of v, 0 past its end.
func bitAt(v []byte, i uint64) byte {
	if i>>3 >= uint64(len(v)) {
		return 0
	}
	return v[i>>3] >> (7 - i&7) & 1
}

// grownCopy returns a copy of v at least n bytes long, zero-padded: bit
// commands never write into a stored value, which readers may hold.
func grownCopy(v []byte, n int) []byte {
	out := make([]byte, max(len(v), n))
	copy(out, v)
	return out
}

// SETBIT key offset 0|1: sets or clears one bit, growing the string with
// zero bytes to reach it, and answers the bit's old value. The key keeps
// its expiry; nothing is written when nothing changes.
func cmdSetBit(s *Session, args [][]byte) {
	const errBitValue = "ERR bit is not an integer or out of range"
	offset, ok := s.parseBitOffset(args[2], 0)
	if !ok {
		s.reply.Error(errBitOffset)
		return
	}
	on, ok := parseInt(args[3])
	if !ok || (on != 0 && on != 1) {
		s.reply.Error(errBitValue)
		return
	}
	var old byte
	var existed, changed bool
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		old = bitAt(cur.Value, offset)
		byteIndex := int(offset >> 3)
		grows := !exists || byteIndex >= len(cur.Value)
		if !grows && int64(old) == on {
			return cur, store.KeepEdited // as Redis leaves it: made editable
		}
		changed = true
		next := grownCopy(cur.Value, byteIndex+1)
		mask := byte(1) << (7 - offset&7)
		if on == 1 {
			next[byteIndex] |= mask
		} else {
			next[byteIndex] &^= mask
		}
		return store.Entry{Value: next, ExpireAt: cur.ExpireAt}, store.PutEdited
	}) {
		return
	}
	if changed {
		s.changed(1)
		s.notifyCreated(existed, args[1])
		s.notify(classString, "setbit", args[1])
	}
	s.reply.Int(int64(old))
}

// GETBIT key offset: the bit's value, 0 past the end or for a missing key.
func cmdGetBit(s *Session, args [][]byte) {
	offset, ok := s.parseBitOffset(args[2], 0)
	if !ok {
		s.reply.Error(errBitOffset)
		return
	}
	v, found, isString := s.getString(args[1])
	if !isString {
		return
	}
	s.countRead(found)
	s.reply.Int(int64(bitAt(v, offset)))
}

// bitSpan is a range of bits, first to last inclusive; empty when first
// is past last.
type bitSpan struct{ first, last int64 }

func (b bitSpan) empty() bool { return b.first > b.last }

// spanUnit reads BITCOUNT's and BITPOS's BYTE|BIT word: true for BIT.
func spanUnit(arg []byte) (inBits, ok bool) {
	switch optionName(arg) {
	case "bit":
		return true, true
	case "byte":
		return false, true
	}
	return false, false
}

// toBitSpan clamps start and end (which may count from the end) to a value
// of length bytes, counted in bytes or bits, and returns the bits covered.
func toBitSpan(start, end int64, inBits bool, length int) bitSpan {
	n := int64(length)
	if inBits {
		n *= 8
	}
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	start, end = max(start, 0), max(end, 0)
	end = min(end, n-1)
	if inBits || start > end { // an empty span stays empty, unscaled
		return bitSpan{start, end}
	}
	return bitSpan{start * 8, end*8 + 7}
}

// countBits counts the set bits of v within span (already inside v).
func countBits(v []byte, span bitSpan) int64 {
	var count int64
	i := span.first
	for ; i <= span.last && i&7 != 0; i++ { // up to a byte boundary
		count += int64(bitAt(v, uint64(i)))
	}
	for ; i+7 <= span.last; i += 8 {
		count += int64(bits.OnesCount8(v[i>>3]))
	}
	for ; i <= span.last; i++ {
		count += int64(bitAt(v, uint64(i)))
	}
	return count
}

// BITCOUNT key [start end [BYTE|BIT]]: the number of set bits, in the
// whole string or the range (in bytes unless BIT).
func cmdBitCount(s *Session, args [][]byte) {
	// Like Redis, a missing key answers 0 before the arguments are read.
	v, found, isString := s.getString(args[1])
	if !isString {
		return
	}
	s.countRead(found)
	if !found {
		s.reply.Int(0)
		return
	}
	span := bitSpan{0, int64(len(v))*8 - 1}
	switch len(args) {
	case 2:
	case 4, 5:
		start, end, ok := s.rangeArgs(args[2], args[3])
		if !ok {
			return
		}
		if start < 0 && end < 0 && start > end {
			s.reply.Int(0)
			return
		}
		inBits := false
		if len(args) == 5 {
			if inBits, ok = spanUnit(args[4]); !ok {
				s.reply.Error(errSyntax)
				return
			}
		}
		span = toBitSpan(start, end, inBits, len(v))
	default:
		s.reply.Error(errSyntax)
		return
	}
	if span.empty() {
		s.reply.Int(0)
		return
	}
	s.reply.Int(countBits(v, span))
}

// BITPOS key bit [start [end [BYTE|BIT]]]: the position of the first bit
// equal to bit in the range, or -1. A missing key is all zeros, and so is
// the space past the end when no end is given: looking for a 0 in a run
// of ones then answers the first position after it.
func cmdBitPos(s *Session, args [][]byte) {
	want, ok := parseInt(args[2])
	if !ok {
		s.reply.Error(errNotInteger)
		return
	}
	if want != 0 && want != 1 {
		s.reply.Error("ERR The bit argument must be 1 or 0.")
		return
	}
	v, found, isString := s.getString(args[1])
	if !isString {
		return
	}
	s.countRead(found)
	if !found {
		if want == 0 {
			s.reply.Int(0)
		} else {
			s.reply.Int(-1)
		}
		return
	}
	span := bitSpan{0, int64(len(v))*8 - 1}
	endGiven := false
	switch len(args) {
	case 3:
	case 4, 5, 6:
		start, ok := parseInt(args[3])
		if !ok {
			s.reply.Error(errNotInteger)
			return
		}
		inBits := false
		if len(args) == 6 {
			if inBits, ok = spanUnit(args[5]); !ok {
				s.reply.Error(errSyntax)
				return
			}
		}
		end := int64(-1) // the last byte or bit
		if len(args) >= 5 {
			if end, ok = parseInt(args[4]); !ok {
				s.reply.Error(errNotInteger)
				return
			}
			endGiven = true
		}
		span = toBitSpan(start, end, inBits, len(v))
	default:
		s.reply.Error(errSyntax)
		return
	}
	if span.empty() {
		s.reply.Int(-1)
		return
	}
	if pos := findBit(v, span, byte(want)); pos >= 0 || want == 1 || endGiven {
		s.reply.Int(pos)
		return
	}
	s.reply.Int(span.last + 1)
}

// findBit is the first position in span (inside v) whose bit is want, or
// -1. Whole bytes that cannot hold it are skipped.
func findBit(v []byte, span bitSpan, want byte) int64 {
	skip := byte(0xff) // a byte of all ones has no clear bit
	if want == 1 {
		skip = 0
	}
	for i := span.first; i <= span.last; {
		if i&7 == 0 && i+7 <= span.last && v[i>>3] == skip {
			i += 8
			continue
		}
		if bitAt(v, uint64(i)) == want {
			return i
		}
		i++
	}
	return -1
}

// BITOP AND|OR|XOR|NOT destkey srckey [srckey ...]: dest becomes the
// bitwise combination of the sources (shorter ones padded with zero bytes)
// and the answer is its length; when every source is empty or missing,
// dest is deleted and the answer is 0.
func cmdBitOp(s *Session, args [][]byte) {
	op := optionName(args[1])
	switch op {
	case "and", "or", "xor":
	case "not":
		if len(args) != 4 {
			s.reply.Error("ERR BITOP NOT must be called with a single source key.")
			return
		}
	default:
		s.reply.Error(errSyntax)
		return
	}
	var length int
	existed, collection := s.db().Derive(args[2], args[3:], func(values [][]byte) (store.Entry, store.Op) {
		for _, v := range values {
			length = max(length, len(v))
			s.countRead(v != nil)
		}
		if length == 0 {
			return store.Entry{}, store.Remove
		}
		return store.Entry{Value: combineBits(op, values, length)}, store.PutEdited
	})
	switch {
	case collection:
		s.wrongType()
		return
	case length > 0:
		s.changed(1)
		s.notifyCreated(existed, args[2])
		s.notify(classString, "set", args[2])
	case existed:
		s.changed(1)
		s.notify(classGeneric, "del", args[2])
	}
	s.reply.Int(int64(length))
}

// combineBits applies op ("and", "or", "xor" or "not") byte by byte.
func combineBits(op string, values [][]byte, length int) []byte {
	out := make([]byte, length)
	copy(out, values[0])
	if op == "not" {
		for i := range out {
			out[i] = ^out[i]
		}
		return out
	}
	for _, v := range values[1:] {
		switch op {
		case "and":
			for i := range out {
				if i < len(v) {
					out[i] &= v[i]
				} else {
					out[i] = 0
				}
			}
		case "or":
			for i, b := range v {
				out[i] |= b
			}
		case "xor":
			for i, b := range v {
				out[i] ^= b
			}
		}
	}
	return out
}
