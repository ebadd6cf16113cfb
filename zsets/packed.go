package zsets

import "bytes"

// packed is the small layout: records back to back in order.
type packed struct {
	buf []byte
	n   int
}

// find returns the offset and score of member's record.
func (p *packed) find(member []byte) (off int, score float64, ok bool) {
	for off < len(p.buf) {
		m, s, next := readRecord(p.buf, off)
		if bytes.Equal(m, member) {
			return off, s, true
		}
		off = next
	}
	return 0, 0, false
}

// insert adds a member known to be absent, in its place in the order.
// A score of -0 is kept as 0, as Redis's listpack keeps it (it writes the
// score as the integer 0).
func (p *packed) insert(member []byte, score float64) {
	if score == 0 {
		score = 0
	}
	off := 0
	for off < len(p.buf) {
		m, s, next := readRecord(p.buf, off)
		if compare(s, m, score, member) > 0 {
			break
		}
		off = next
	}
	size := recordSize(member, score)
	p.buf = append(p.buf, make([]byte, size)...)
	copy(p.buf[off+size:], p.buf[off:len(p.buf)-size])
	appendRecord(p.buf[off:off], member, score)
	p.n++
}

// removeAt cuts out the record at off.
func (p *packed) removeAt(off int) {
	_, _, next := readRecord(p.buf, off)
	p.buf = append(p.buf[:off], p.buf[next:]...)
	p.n--
}

// countWhile is the number of leading records (in order) for which pred
// holds; pred must hold for a prefix of the order and fail after it.
func (p *packed) countWhile(pred func(member []byte, score float64) bool) int {
	count := 0
	for off := 0; off < len(p.buf); count++ {
		m, s, next := readRecord(p.buf, off)
		if !pred(m, s) {
			break
		}
		off = next
	}
	return count
}

// offsets lists where each record starts, for walking backwards.
func (p *packed) offsets() []int {
	offs := make([]int, 0, p.n)
	for off := 0; off < len(p.buf); {
		offs = append(offs, off)
		_, _, off = readRecord(p.buf, off)
	}
	return offs
}

// walk calls fn with the records from rank on, ascending or descending,
// until fn returns false or the set ends.
func (p *packed) walk(rank int, reverse bool, fn func(member []byte, score float64) bool) {
	if rank < 0 || rank >= p.n {
		return
	}
	if reverse {
		offs := p.offsets()
		for i := rank; i >= 0; i-- {
			m, s, _ := readRecord(p.buf, offs[i])
			if !fn(m, s) {
				return
			}
		}
		return
	}
	off := 0
	for i := 0; i < rank; i++ {
		_, _, off = readRecord(p.buf, off)
	}
	for off < len(p.buf) {
		m, s, next := readRecord(p.buf, off)
		if !fn(m, s) {
			return
		}
		off = next
	}
}
