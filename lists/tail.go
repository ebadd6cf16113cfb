package lists

import "unsafe"

// Popping from the tail needs the start of the last element, and a node
// records only lengths ahead of elements, so finding it means walking the
// node from its start: thousands of steps in a full node of short
// elements. A tailIndex remembers where each element of the last node
// starts, made by one walk and kept up to date by pops and pushes at the
// tail, so RPOP after RPOP (and RPUSH then RPOP) costs one step each.
// Any other change to the last node makes it stale, which it detects.
// Only nodes of many elements get one: a short walk is cheaper than the
// index's memory.

// tailIndexFrom is the element count from which the last node is indexed.
const tailIndexFrom = 64

type tailIndex struct {
	starts []int32 // where each element of the last node starts
	buf    *byte   // that node's buffer and length when starts was last right
	size   int
}

// fresh reports whether t describes n as it is.
func (t *tailIndex) fresh(n *node) bool {
	return t != nil && len(t.starts) == int(n.count) && len(n.buf) == t.size && len(n.buf) > 0 &&
		unsafe.SliceData(n.buf) == t.buf
}

// note records n's buffer as t now describes it.
func (t *tailIndex) note(n *node) {
	t.buf, t.size = unsafe.SliceData(n.buf), len(n.buf)
}

// lastStart is where the last element of the last node n starts, from the
// index when it is fresh; it makes one for a node of many elements.
func (l *List) lastStart(n *node) int {
	if l.tail.fresh(n) {
		return int(l.tail.starts[len(l.tail.starts)-1])
	}
	if n.count < tailIndexFrom {
		l.tail = nil
		return n.lastOffset()
	}
	t := &tailIndex{starts: make([]int32, 0, n.count)}
	for off := 0; off < len(n.buf); {
		t.starts = append(t.starts, int32(off))
		_, off = element(n.buf, off)
	}
	t.note(n)
	l.tail = t
	return int(t.starts[len(t.starts)-1])
}

// poppedBack updates the index after the last node lost its last element.
func (l *List) poppedBack(n *node) {
	if t := l.tail; t != nil && len(t.starts) == int(n.count)+1 {
		t.starts = t.starts[:n.count]
		if len(n.buf) == 0 {
			l.tail = nil
			return
		}
		t.note(n)
	}
}

// pushedBack updates the index for an element just appended at
// offset at of the last node n; fresh says whether the index was fresh
// before the push.
func (l *List) pushedBack(n *node, at int, fresh bool) {
	if !fresh {
		return
	}
	l.tail.starts = append(l.tail.starts, int32(at))
	l.tail.note(n)
}
