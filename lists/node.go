package lists

import "encoding/binary"

// node is a run of elements packed in one buffer: each element is its
// length as a uvarint, then its bytes.
type node struct {
	buf   []byte
	count int32
}

// nodeHeader is the size of a node in the list's node slice.
const nodeHeader = 32

// entrySize is the packed size of an element of n bytes.
func entrySize(n int) int {
	size := 1
	for v := uint64(n); v >= 0x80; v >>= 7 {
		size++
	}
	return size + n
}

// element reads the element starting at off and returns it and the offset
// of the next one.
func element(buf []byte, off int) ([]byte, int) {
	n, w := binary.Uvarint(buf[off:])
	start := off + w
	end := start + int(n)
	return buf[start:end:end], end
}

// putEntry writes e at the start of p, which has room for it.
func putEntry(p, e []byte) {
	w := binary.PutUvarint(p, uint64(len(e)))
	copy(p[w:], e)
}

// grow returns buf with room for extra more bytes. Buffers double, so
// appends are cheap, but never past the node's byte limit unless one
// element needs more: a full node wastes no more than an element's room.
func grow(buf []byte, extra, limit int) []byte {
	need := len(buf) + extra
	if need <= cap(buf) {
		return buf
	}
	c := 2 * cap(buf)
	if c < 32 {
		c = 32
	}
	if c > limit {
		c = limit
	}
	if c < need {
		c = need
	}
	bigger := make([]byte, len(buf), c)
	copy(bigger, buf)
	return bigger
}

// bigList is the number of nodes from which a list counts as big: a new
// node at one of its ends is made as large as the full node beside it.
const bigList = 4

// nextNode is a new end node for the list, next to its node at index
// beside. A small list's nodes start small and double as they fill. A big
// one's would leave as much garbage as they hold on the way (a million
// pushes of 16 bytes: 17 MB of list and 17 MB of garbage, which the
// collector lets the heap keep), so its new node gets the room of its
// full neighbour at once (up to the node limit: a neighbour made big by
// one big element says nothing of the next); a node's worth of room is the
// most it leaves unused, and only at the end being pushed to.
func (l *List) nextNode(beside, limit int) node {
	if len(l.nodes) < bigList || beside < 0 || beside >= len(l.nodes) {
		return node{}
	}
	room := min(len(l.nodes[beside].buf), limit)
	if cap(l.spare) >= room/2 {
		// A push just after a pop emptied an end node (a stack at a
		// node's edge) takes that node's buffer back instead of a new one.
		// (Pops from the front leave it a little shorter each time.)
		buf := l.spare
		l.spare = nil
		return node{buf: buf}
	}
	return node{buf: make([]byte, 0, room)}
}

// keepSpare keeps the buffer of node i, about to be removed, when it is an
// end node of a big list emptied by pops: the next end node takes it. Only
// one is kept, and none once the list is small.
func (l *List) keepSpare(i int) {
	l.spare = nil
	if len(l.nodes) > bigList && (i == 0 || i == len(l.nodes)-1) && l.nodes[i].count == 0 {
		l.spare = l.nodes[i].buf[:0]
	}
}

// pushBack appends e.
func (n *node) pushBack(e []byte, limit int) {
	size := entrySize(len(e))
	n.buf = grow(n.buf, size, limit)
	end := len(n.buf)
	n.buf = n.buf[:end+size]
	putEntry(n.buf[end:], e)
	n.count++
}

// pushFront puts e before the first element, moving the others up.
func (n *node) pushFront(e []byte, limit int) {
	size := entrySize(len(e))
	n.buf = grow(n.buf, size, limit)
	old := len(n.buf)
	n.buf = n.buf[:old+size]
	copy(n.buf[size:], n.buf[:old])
	putEntry(n.buf, e)
	n.count++
}

// popFront removes the first element and returns it; its bytes stay valid
// until the node is written again.
func (n *node) popFront() []byte {
	e, next := element(n.buf, 0)
	n.buf = n.buf[next:]
	n.count--
	return e
}

// lastOffset is where the last element starts.
func (n *node) lastOffset() int {
	off := 0
	for i := int32(1); i < n.count; i++ {
		_, off = element(n.buf, off)
	}
	return off
}

// offset is where element i starts.
func (n *node) offset(i int) int {
	off := 0
	for ; i > 0; i-- {
		_, off = element(n.buf, off)
	}
	return off
}

// at returns element i.
func (n *node) at(i int) []byte {
	e, _ := element(n.buf, n.offset(i))
	return e
}

// elements appends every element of the node to into.
func (n *node) elements(into [][]byte) [][]byte {
	for off := 0; off < len(n.buf); {
		var e []byte
		e, off = element(n.buf, off)
		into = append(into, e)
	}
	return into
}

// dropFront removes the first k elements.
func (n *node) dropFront(k int) {
	n.buf = n.buf[n.offset(k):]
	n.count -= int32(k)
}

// keepFront keeps only the first k elements.
func (n *node) keepFront(k int) {
	n.buf = n.buf[:n.offset(k)]
	n.count = int32(k)
}
