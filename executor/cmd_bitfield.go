package executor

import (
	"math"

	"redis-lite/store"
)

// BITFIELD key [GET type offset] [SET type offset value]
// [INCRBY type offset increment] [OVERFLOW WRAP|SAT|FAIL] ...: integers of
// 1 to 64 bits (i1..i64 signed, u1..u63 unsigned) at any bit offset of a
// string, read and written in order, one answer per GET, SET (the old
// value) and INCRBY (the new value); nil for a write that OVERFLOW FAIL
// stopped. BITFIELD_RO takes only GET. Every argument is checked before
// anything is read or written.

// overflowMode is what a SET or INCRBY does with a value out of range.
type overflowMode uint8

const (
	overflowWrap overflowMode = iota // keep the low bits (two's complement)
	overflowSat                      // stop at the type's minimum or maximum
	overflowFail                     // write nothing, answer nil
)

type fieldOpKind uint8

const (
	fieldGet fieldOpKind = iota
	fieldSet
	fieldIncrBy
)

// fieldType is a bitfield's width and signedness.
type fieldType struct {
	width  int
	signed bool
}

type fieldOp struct {
	kind     fieldOpKind
	typ      fieldType
	offset   uint64
	arg      int64 // SET's value, INCRBY's increment
	overflow overflowMode
}

const errFieldType = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is."

// parseFieldType reads "i8", "u16", ...; Redis reads the width as a C
// string, so anything after a NUL byte is ignored.
func parseFieldType(arg []byte) (fieldType, bool) {
	if len(arg) == 0 || (arg[0] != 'i' && arg[0] != 'u') {
		return fieldType{}, false
	}
	signed := arg[0] == 'i'
	width, ok := parseInt(cString(arg[1:]))
	maxWidth := int64(63)
	if signed {
		maxWidth = 64
	}
	if !ok || width < 1 || width > maxWidth {
		return fieldType{}, false
	}
	return fieldType{width: int(width), signed: signed}, true
}

// parseFieldOps reads the subcommands; errText is Redis's answer to the
// first bad one. writes is false when every operation is a GET, and
// lastBit is the highest bit a SET or INCRBY touches.
func (s *Session) parseFieldOps(args [][]byte) (ops []fieldOp, writes bool, lastBit uint64, errText string) {
	mode := overflowWrap
	for j := 0; j < len(args); j++ {
		left := len(args) - j - 1
		op := fieldOp{overflow: mode}
		switch name := optionName(args[j]); {
		case name == "get" && left >= 2:
			op.kind = fieldGet
		case name == "set" && left >= 3:
			op.kind = fieldSet
		case name == "incrby" && left >= 3:
			op.kind = fieldIncrBy
		case name == "overflow" && left >= 1:
			j++
			switch optionName(args[j]) {
			case "wrap":
				mode = overflowWrap
			case "sat":
				mode = overflowSat
			case "fail":
				mode = overflowFail
			default:
				return nil, false, 0, "ERR Invalid OVERFLOW type specified"
			}
			continue
		default:
			return nil, false, 0, errSyntax
		}
		var ok bool
		if op.typ, ok = parseFieldType(args[j+1]); !ok {
			return nil, false, 0, errFieldType
		}
		if op.offset, ok = s.parseBitOffset(args[j+2], op.typ.width); !ok {
			return nil, false, 0, errBitOffset
		}
		if op.kind != fieldGet {
			writes = true
			lastBit = max(lastBit, op.offset+uint64(op.typ.width)-1)
			if op.arg, ok = parseInt(args[j+3]); !ok {
				return nil, false, 0, errNotInteger
			}
			j++
		}
		j += 2
		ops = append(ops, op)
	}
	return ops, writes, lastBit, ""
}

// fieldResult is one element of the answer: a number, or nil.
type fieldResult struct {
	n     int64
	isNil bool
}

func cmdBitField(s *Session, args [][]byte) {
	ops, writes, lastBit, errText := s.parseFieldOps(args[2:])
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	results := make([]fieldResult, 0, len(ops))
	if !writes {
		v, found, isString := s.getString(args[1])
		if !isString {
			return
		}
		s.countRead(found)
		for _, op := range ops {
			results = append(results, fieldResult{n: readField(v, op.offset, op.typ)})
		}
		replyFieldResults(s, results)
		return
	}
	if s.cmd.name == "bitfield_ro" {
		s.reply.Error("ERR BITFIELD_RO only supports the GET subcommand")
		return
	}
	var existed bool
	changes := 0 // Redis's count: what decides the event and the dirty counter
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		size := int(lastBit>>3) + 1
		// A key made or grown is a change even if every write then fails.
		grown := !exists || size > len(cur.Value)
		changed := grown
		next := grownCopy(cur.Value, size)
		for _, op := range ops {
			res, wrote := applyFieldOp(next, op)
			results = append(results, res)
			changed = changed || wrote
			// As Redis counts changes: a write that did not fail, to a
			// key made or grown, or that moved a bit.
			if wrote || (grown && op.kind != fieldGet && !res.isNil) {
				changes++
			}
		}
		if !changed {
			return cur, store.KeepEdited // as Redis leaves it: made editable
		}
		return store.Entry{Value: next, ExpireAt: cur.ExpireAt}, store.PutEdited
	}) {
		return
	}
	s.notifyCreated(existed, args[1])
	if changes > 0 {
		s.changed(changes)
		s.notify(classString, "setbit", args[1])
	}
	replyFieldResults(s, results)
}

func replyFieldResults(s *Session, results []fieldResult) {
	s.reply.Array(len(results))
	for _, r := range results {
		if r.isNil {
			s.reply.Nil()
		} else {
			s.reply.Int(r.n)
		}
	}
}

// applyFieldOp runs op on v (already long enough for any write) and
// reports its answer and whether it changed a bit.
func applyFieldOp(v []byte, op fieldOp) (fieldResult, bool) {
	old := readField(v, op.offset, op.typ)
	if op.kind == fieldGet {
		return fieldResult{n: old}, false
	}
	var next int64
	var overflowed bool
	if op.kind == fieldSet {
		next, overflowed = fitField(op.arg, 0, op.typ, op.overflow)
	} else {
		next, overflowed = fitField(old, op.arg, op.typ, op.overflow)
	}
	if overflowed && op.overflow == overflowFail {
		return fieldResult{isNil: true}, false
	}
	writeField(v, op.offset, op.typ.width, uint64(next))
	answer := next
	if op.kind == fieldSet {
		answer = old
	}
	return fieldResult{n: answer}, next != old
}

// readField is the integer of type t at bit offset of v; bits past the end
// of v read as zero.
func readField(v []byte, offset uint64, t fieldType) int64 {
	var raw uint64
	for i := uint64(0); i < uint64(t.width); i++ {
		raw = raw<<1 | uint64(bitAt(v, offset+i))
	}
	if t.signed && t.width < 64 && raw>>(t.width-1) != 0 {
		raw |= math.MaxUint64 << t.width // extend the sign
	}
	return int64(raw)
}

// writeField stores the low width bits of n at bit offset of v, most
// significant first.
func writeField(v []byte, offset uint64, width int, n uint64) {
	for i := 0; i < width; i++ {
		pos := offset + uint64(i)
		mask := byte(1) << (7 - pos&7)
		if n>>(width-1-i)&1 == 1 {
			v[pos>>3] |= mask
		} else {
			v[pos>>3] &^= mask
		}
	}
}

// fitField adds incr to value and brings the sum into type t's range as
// mode says; overflowed tells whether it had to. The tests are Redis's,
// with its wrapping 64-bit arithmetic, so even odd inputs (a SET value far
// outside a signed type) end where Redis's do.
func fitField(value, incr int64, t fieldType, mode overflowMode) (int64, bool) {
	if t.signed {
		return fitSigned(value, incr, t.width, mode)
	}
	return fitUnsigned(uint64(value), incr, t.width, mode)
}

func fitUnsigned(value uint64, incr int64, width int, mode overflowMode) (int64, bool) {
	limit := uint64(1)<<width - 1
	wrapped := int64((value + uint64(incr)) & limit)
	switch {
	case value > limit || (incr > 0 && incr > int64(limit-value)):
		if mode == overflowSat {
			return int64(limit), true
		}
		return wrapped, true
	case incr < 0 && incr < -int64(value):
		if mode == overflowSat {
			return 0, true
		}
		return wrapped, true
	}
	return int64(value) + incr, false
}

func fitSigned(value, incr int64, width int, mode overflowMode) (int64, bool) {
	hi := int64(math.MaxInt64)
	if width < 64 {
		hi = 1<<(width-1) - 1
	}
	lo := -hi - 1
	upRoom := int64(uint64(hi) - uint64(value)) // may wrap, as in Redis
	downRoom := lo - value
	narrow := width != 64
	switch {
	case value > hi || (narrow && incr > upRoom) || (value >= 0 && incr > 0 && incr > upRoom):
		if mode == overflowSat {
			return hi, true
		}
		return wrapSigned(value, incr, width), true
	case value < lo || (narrow && incr < downRoom) || (value < 0 && incr < 0 && incr < downRoom):
		if mode == overflowSat {
			return lo, true
		}
		return wrapSigned(value, incr, width), true
	}
	return value + incr, false
}

// wrapSigned is value+incr kept to width bits, two's complement.
func wrapSigned(value, incr int64, width int) int64 {
	sum := uint64(value) + uint64(incr)
	if width < 64 {
		high := uint64(math.MaxUint64) << width
		if sum>>(width-1)&1 == 1 {
			sum |= high
		} else {
			sum &^= high
		}
	}
	return int64(sum)
}
