package hll

import (
	"slices"
	"strconv"
)

// The sparse code. Each opcode covers a run of consecutive registers:
//
//	ZERO   00xxxxxx            xxxxxx+1 registers (1-64) at zero
//	XZERO  01xxxxxx yyyyyyyy   xxxxxxyyyyyyyy+1 registers (1-16384) at zero
//	VAL    1vvvvvxx            xx+1 registers (1-4) holding vvvvv+1 (1-32)
const (
	opKindMask   = 0xc0
	opXZeroBit   = 0x40
	opValBit     = 0x80
	maxZeroRun   = 64
	maxXZeroRun  = 16384
	maxValRun    = 4
	maxSparseVal = 32
)

// opcode is one decoded sparse opcode.
type opcode struct {
	size  int   // bytes: 1, or 2 for XZERO
	run   int   // registers covered
	value uint8 // what they hold (0 for ZERO and XZERO)
	xzero bool
}

// decodeOp reads the opcode at ops[at]. An XZERO whose second byte lies
// past the end reads the byte after the end, where a Redis string keeps
// its terminating NUL: zero for a value as stored (Open caps the slice
// there), or what an edit earlier in the same command wrote there (see
// splice), which is what Redis reads too.
func decodeOp(ops []byte, at int) opcode {
	c := ops[at]
	switch {
	case c&opValBit != 0:
		return opcode{size: 1, run: int(c&3) + 1, value: c>>2&0x1f + 1}
	case c&opKindMask == opXZeroBit:
		var low byte
		if at+1 < cap(ops) {
			low = ops[:cap(ops)][at+1]
		}
		return opcode{size: 2, run: int(c&0x3f)<<8 | int(low) + 1, xzero: true}
	default:
		return opcode{size: 1, run: int(c&0x3f) + 1}
	}
}

func valOp(value uint8, run int) byte { return opValBit | (value-1)<<2 | byte(run-1) }

// appendZeroRun appends opcodes for n zero registers: XZERO for more than
// 64 (several when n passes 16384), ZERO otherwise, as Redis writes them.
func appendZeroRun(ops []byte, n int) []byte {
	for n > maxXZeroRun {
		ops = appendZeroRun(ops, maxXZeroRun)
		n -= maxXZeroRun
	}
	if n > maxZeroRun {
		return append(ops, opXZeroBit|byte((n-1)>>8), byte(n-1))
	}
	return append(ops, byte(n-1))
}

// walkSparse calls visit for each opcode's run, in register order, and
// reports ErrCorrupt (after visiting the runs that fit) if the runs pass
// register 16383 or stop short of it.
func walkSparse(ops []byte, visit func(first, run int, value uint8)) error {
	next := 0
	for at := 0; at < len(ops); {
		op := decodeOp(ops, at)
		if next+op.run > NumRegisters {
			return ErrCorrupt
		}
		visit(next, op.run, op.value)
		next += op.run
		at += op.size
	}
	if next != NumRegisters {
		return ErrCorrupt
	}
	return nil
}

// raiseSparse sets register index to value if it holds less, editing the
// opcodes in place the way Redis does: find the opcode covering the
// register, rewrite it (splitting a run into up to three opcodes), then
// join equal VAL opcodes around the edit. A value above 32, or an edit
// that would grow the value past maxSparse bytes, turns the value dense
// first. A sparse edit marks the cached estimate stale.
func (s *Sketch) raiseSparse(index int, value uint8, maxSparse int64) (bool, error) {
	if value > maxSparseVal {
		return s.promote(index, value)
	}
	ops := s.registers()
	at, first, prev, op, found := findOp(ops, index)
	if !found {
		return false, ErrCorrupt
	}
	if op.value >= value {
		return false, nil // covered already (a VAL as high or higher)
	}
	if op.run == 1 && !op.xzero {
		// A single register, VAL or ZERO: rewrite the byte.
		ops[at] = valOp(value, 1)
	} else {
		var buf [5]byte
		seq := splitRun(buf[:0], op, first, index, value)
		grow := len(seq) - op.size
		if grow > 0 && int64(len(s.b)+grow) > maxSparse {
			return s.promote(index, value)
		}
		s.b = splice(s.b, HeaderSize+at, op.size, seq)
	}
	start := prev
	if start < 0 {
		start = 0
	}
	s.b = s.b[:HeaderSize+joinVals(s.registers(), start)]
	s.InvalidateCache()
	return true, nil
}

// findOp finds the opcode covering register index: its offset, the first
// register it covers and the previous opcode's offset (-1 for none). The
// search is purely positional, as Redis's is, so a value whose runs add
// up wrong beyond index still edits as in Redis; found is false when the
// opcodes end before index.
func findOp(ops []byte, index int) (at, first, prev int, op opcode, found bool) {
	prev = -1
	for at < len(ops) {
		op = decodeOp(ops, at)
		if index < first+op.run {
			return at, first, prev, op, true
		}
		prev, at, first = at, at+op.size, first+op.run
	}
	return at, first, prev, op, false
}

// splitRun appends the opcodes that replace op (covering registers from
// first) once register index holds value: the run before it, the new VAL,
// the run after it. Zero runs are written as ZERO or XZERO by length.
func splitRun(seq []byte, op opcode, first, index int, value uint8) []byte {
	last := first + op.run - 1
	if op.value == 0 {
		if index > first {
			seq = appendZeroRun(seq, index-first)
		}
		seq = append(seq, valOp(value, 1))
		if index < last {
			seq = appendZeroRun(seq, last-index)
		}
		return seq
	}
	if index > first {
		seq = append(seq, valOp(op.value, index-first))
	}
	seq = append(seq, valOp(value, 1))
	if index < last {
		seq = append(seq, valOp(op.value, last-index))
	}
	return seq
}

// splice replaces the size bytes at b[at:] with seq, in the order of
// Redis's in-place edit: move the tail, end the value with a NUL at its
// new length, then write seq. Normally seq ends before that NUL. For an
// XZERO cut short by the end of the value (see decodeOp), the length
// changes by len(seq)-size while seq is written whole, so its last byte
// lands past the end, over the NUL, where the next edit in the same
// command reads it.
func splice(b []byte, at, size int, seq []byte) []byte {
	oldEnd := min(at+size, len(b))
	tail := len(b) - oldEnd
	newLen := len(b) - size + len(seq)
	need := max(newLen+1, at+len(seq))
	if need > len(b) {
		b = slices.Grow(b, need-len(b)+sparseSlack)[:need]
	}
	copy(b[at+len(seq):], b[oldEnd:oldEnd+tail])
	b[newLen] = 0
	copy(b[at:], seq)
	return b[:newLen]
}

// joinVals is Redis's tidy-up after an edit: from the opcode at start,
// for at most five steps, two adjacent VALs with the same value and at
// most four registers between them become one (a join is a step too, and
// the joined VAL is tried again with the next). It returns the opcodes'
// new length. Redis stops after five steps, so the code can hold VALs
// that could be joined; they must stay, or the bytes would differ.
func joinVals(ops []byte, start int) int {
	end := len(ops)
	at := start
	for steps := 5; at < end && steps > 0; steps-- {
		c := ops[at]
		switch {
		case c&opKindMask == opXZeroBit:
			at += 2
			continue
		case c&opValBit == 0:
			at++
			continue
		}
		if at+1 < end && ops[at+1]&opValBit != 0 {
			a, b := decodeOp(ops, at), decodeOp(ops, at+1)
			if a.value == b.value && a.run+b.run <= maxValRun {
				ops[at] = valOp(a.value, a.run+b.run)
				copy(ops[at+1:end], ops[at+2:end])
				end--
				ops[end] = 0 // the NUL Redis writes at the new end
				continue
			}
		}
		at++
	}
	return end
}

// promote turns the value dense and then raises the register there.
func (s *Sketch) promote(index int, value uint8) (bool, error) {
	if _, err := s.ToDense(); err != nil {
		return false, err
	}
	return raiseDense(s.registers(), index, value), nil
}

// sparseHistogram counts how many registers hold each value.
func sparseHistogram(ops []byte, hist *histogram) error {
	return walkSparse(ops, func(_, run int, value uint8) { hist[value] += run })
}

// Decode lists a sparse value's opcodes as PFDEBUG DECODE prints them:
// "z:len" for ZERO, "Z:len" for XZERO, "v:value,len" for VAL, separated
// by spaces.
func (s Sketch) Decode() string {
	ops := s.registers()
	out := make([]byte, 0, 6*len(ops))
	for at := 0; at < len(ops); {
		op := decodeOp(ops, at)
		if len(out) > 0 {
			out = append(out, ' ')
		}
		switch {
		case op.value > 0:
			out = strconv.AppendInt(append(out, "v:"...), int64(op.value), 10)
			out = strconv.AppendInt(append(out, ','), int64(op.run), 10)
		case op.xzero:
			out = strconv.AppendInt(append(out, "Z:"...), int64(op.run), 10)
		default:
			out = strconv.AppendInt(append(out, "z:"...), int64(op.run), 10)
		}
		at += op.size
	}
	return string(out)
}
