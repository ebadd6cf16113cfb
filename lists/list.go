package lists

// List is one list value. The zero value is an empty list.
type List struct {
	nodes  []node
	length int
	tail   *tailIndex // element starts of the last node, for tail pops (tail.go)
	spare  []byte     // a big list's emptied end node's buffer, for its next one (node.go)
}

// New returns an empty list.
func New() *List { return &List{} }

// Len is the number of elements.
func (l *List) Len() int { return l.length }

// Encoding is OBJECT ENCODING's answer. Redis 7.0 keeps every list in a
// quicklist, however small (listpack lists came with 7.2).
func (l *List) Encoding() string { return "quicklist" }

// nodeLimit is the byte size a node's buffer may grow to without a single
// element forcing it further.
func (f Fill) nodeLimit() int {
	if f < 0 && int(-f) <= len(byteLimits) {
		return byteLimits[-f-1]
	}
	return safetyLimit
}

// PushBack appends the elements in order (RPUSH).
func (l *List) PushBack(fill Fill, elems ...[]byte) {
	limit := fill.nodeLimit()
	for _, e := range elems {
		last := len(l.nodes) - 1
		if last < 0 || !fill.allows(len(l.nodes[last].buf), int(l.nodes[last].count), len(e)) {
			l.nodes = append(l.nodes, l.nextNode(last, limit))
			last++
		}
		n := &l.nodes[last]
		fresh, at := l.tail.fresh(n), len(n.buf)
		n.pushBack(e, limit)
		l.pushedBack(n, at, fresh)
		l.length++
	}
}

// PushFront puts each element at the head in turn, so the last one ends
// up first (LPUSH).
func (l *List) PushFront(fill Fill, elems ...[]byte) {
	limit := fill.nodeLimit()
	for _, e := range elems {
		if len(l.nodes) == 1 {
			l.tail = nil // the first node is the last: its starts move
		}
		if len(l.nodes) == 0 || !fill.allows(len(l.nodes[0].buf), int(l.nodes[0].count), len(e)) {
			fresh := l.nextNode(0, limit)
			l.nodes = append(l.nodes, node{})
			copy(l.nodes[1:], l.nodes)
			l.nodes[0] = fresh
		}
		l.nodes[0].pushFront(e, limit)
		l.length++
	}
}

// PopFront removes up to count elements from the head and calls fn with
// each, in order. fn must not keep the bytes past the next change to the
// list.
func (l *List) PopFront(count int, fn func(e []byte)) {
	for ; count > 0 && l.length > 0; count-- {
		e := l.nodes[0].popFront()
		l.length--
		if l.nodes[0].count == 0 {
			l.removeNode(0)
		}
		fn(e)
	}
}

// PopBack removes up to count elements from the tail and calls fn with
// each, last element first. fn must not keep the bytes past the next
// change to the list.
func (l *List) PopBack(count int, fn func(e []byte)) {
	for ; count > 0 && l.length > 0; count-- {
		last := len(l.nodes) - 1
		n := &l.nodes[last]
		off := l.lastStart(n)
		e, _ := element(n.buf, off)
		n.buf = n.buf[:off]
		n.count--
		l.poppedBack(n)
		l.length--
		if l.nodes[last].count == 0 {
			l.removeNode(last)
		}
		fn(e)
	}
}

// removeNode drops node i from the node slice.
func (l *List) removeNode(i int) {
	l.keepSpare(i)
	copy(l.nodes[i:], l.nodes[i+1:])
	l.nodes[len(l.nodes)-1] = node{}
	l.nodes = l.nodes[:len(l.nodes)-1]
}

// locate finds the node holding element index (0 <= index < Len) and the
// element's place in it, walking from whichever end is nearer.
func (l *List) locate(index int) (ni, at int) {
	if index < l.length/2 {
		for ni = 0; index >= int(l.nodes[ni].count); ni++ {
			index -= int(l.nodes[ni].count)
		}
		return ni, index
	}
	back := l.length - 1 - index // elements after it
	for ni = len(l.nodes) - 1; back >= int(l.nodes[ni].count); ni-- {
		back -= int(l.nodes[ni].count)
	}
	return ni, int(l.nodes[ni].count) - 1 - back
}

// Index returns element index (negative counts from the tail, -1 last),
// false when out of range.
func (l *List) Index(index int) ([]byte, bool) {
	if index < 0 {
		index += l.length
	}
	if index < 0 || index >= l.length {
		return nil, false
	}
	ni, at := l.locate(index)
	return l.nodes[ni].at(at), true
}

// Range calls fn with elements start to stop inclusive (0 <= start <=
// stop < Len), in order, until fn returns false.
func (l *List) Range(start, stop int, fn func(e []byte) bool) {
	if start > stop || start < 0 || stop >= l.length {
		return
	}
	ni, at := l.locate(start)
	left := stop - start + 1
	for ; ni < len(l.nodes) && left > 0; ni++ {
		n := &l.nodes[ni]
		off := n.offset(at)
		for ; at < int(n.count) && left > 0; at++ {
			var e []byte
			e, off = element(n.buf, off)
			left--
			if !fn(e) {
				return
			}
		}
		at = 0
	}
}

// Backward calls fn with every element from the tail to the head until fn
// returns false.
func (l *List) Backward(fn func(e []byte) bool) {
	var scratch [][]byte
	for ni := len(l.nodes) - 1; ni >= 0; ni-- {
		scratch = l.nodes[ni].elements(scratch[:0])
		for i := len(scratch) - 1; i >= 0; i-- {
			if !fn(scratch[i]) {
				return
			}
		}
	}
}

// Set replaces element index (negative counts from the tail); false when
// out of range.
func (l *List) Set(fill Fill, index int, v []byte) bool {
	l.tail = nil // edits in place may leave a node's length as it was
	if index < 0 {
		index += l.length
	}
	if index < 0 || index >= l.length {
		return false
	}
	ni, at := l.locate(index)
	elems := l.nodes[ni].elements(nil)
	elems[at] = v
	l.repack(ni, elems, fill)
	return true
}

// Insert puts v before (or after) the first element equal to pivot and
// reports whether pivot was found (LINSERT).
func (l *List) Insert(fill Fill, pivot, v []byte, after bool) bool {
	l.tail = nil // edits in place may leave a node's length as it was
	for ni := range l.nodes {
		elems := l.nodes[ni].elements(nil)
		for i, e := range elems {
			if string(e) != string(pivot) {
				continue
			}
			if after {
				i++
			}
			elems = append(elems, nil)
			copy(elems[i+1:], elems[i:])
			elems[i] = v
			l.length++
			l.repack(ni, elems, fill)
			return true
		}
	}
	return false
}

// Remove deletes elements equal to v: the first count from the head when
// count > 0, the last -count from the tail when count < 0, all when 0.
// It returns how many it removed (LREM).
func (l *List) Remove(count int, v []byte) int {
	l.tail = nil // edits in place may leave a node's length as it was
	fromTail := count < 0
	if fromTail {
		count = -count
	}
	removed := 0
	for step := 0; step < len(l.nodes); step++ {
		ni := step
		if fromTail {
			ni = len(l.nodes) - 1 - step
		}
		elems := l.nodes[ni].elements(nil)
		kept, gone := dropMatches(elems, v, count-removed, count == 0, fromTail)
		if gone == 0 {
			continue
		}
		removed += gone
		l.length -= gone
		before := len(l.nodes)
		l.repack(ni, kept, 0)
		if len(l.nodes) < before {
			step-- // node ni is gone: the step count stays where it was
		}
		if count != 0 && removed == count {
			break
		}
	}
	return removed
}

// dropMatches removes up to limit elements equal to v (any number if all),
// scanning from the end when fromTail, and returns what is left and how
// many went.
func dropMatches(elems [][]byte, v []byte, limit int, all, fromTail bool) ([][]byte, int) {
	drop := make([]bool, len(elems))
	gone := 0
	for k := range elems {
		i := k
		if fromTail {
			i = len(elems) - 1 - k
		}
		if !all && gone == limit {
			break
		}
		if string(elems[i]) == string(v) {
			drop[i] = true
			gone++
		}
	}
	if gone == 0 {
		return elems, 0
	}
	kept := elems[:0]
	for i, e := range elems {
		if !drop[i] {
			kept = append(kept, e)
		}
	}
	return kept, gone
}

// repack replaces node ni with nodes holding elems. A fill of 0 keeps the
// elements in one node (they fitted before); otherwise they are split as
// fill allows. No elements: the node goes.
func (l *List) repack(ni int, elems [][]byte, fill Fill) {
	var fresh []node
	if len(elems) > 0 {
		if fill == 0 {
			fresh = []node{packed(elems)}
		} else {
			var part List
			part.PushBack(fill, elems...)
			fresh = part.nodes
		}
	}
	rest := append(fresh, l.nodes[ni+1:]...)
	l.nodes = append(l.nodes[:ni], rest...)
}

// packed is one node holding exactly elems, with no spare room.
func packed(elems [][]byte) node {
	size := 0
	for _, e := range elems {
		size += entrySize(len(e))
	}
	n := node{buf: make([]byte, 0, size)}
	for _, e := range elems {
		n.pushBack(e, size)
	}
	return n
}

// Trim keeps elements start to stop inclusive and drops the rest; an
// empty range (start > stop, or past the end) empties the list (LTRIM,
// with indexes already made non-negative).
func (l *List) Trim(start, stop int) {
	l.tail = nil // edits in place may leave a node's length as it was
	if stop >= l.length {
		stop = l.length - 1
	}
	if start > stop || start >= l.length {
		l.nodes, l.length = nil, 0
		return
	}
	l.dropBack(l.length - 1 - stop)
	l.dropFront(start)
}

// dropFront removes the first k elements.
func (l *List) dropFront(k int) {
	l.length -= k
	i := 0
	for ; k > 0 && k >= int(l.nodes[i].count); i++ {
		k -= int(l.nodes[i].count)
	}
	l.nodes = append(l.nodes[:0], l.nodes[i:]...)
	if k > 0 {
		l.nodes[0].dropFront(k)
	}
}

// dropBack removes the last k elements.
func (l *List) dropBack(k int) {
	l.length -= k
	i := len(l.nodes) - 1
	for ; k > 0 && k >= int(l.nodes[i].count); i-- {
		k -= int(l.nodes[i].count)
	}
	l.nodes = l.nodes[:i+1]
	if k > 0 {
		l.nodes[i].keepFront(int(l.nodes[i].count) - k)
	}
}

// Copy is a deep copy, sharing nothing with l.
func (l *List) Copy() *List {
	c := &List{nodes: make([]node, len(l.nodes)), length: l.length}
	for i, n := range l.nodes {
		c.nodes[i] = node{buf: append([]byte(nil), n.buf...), count: n.count}
	}
	return c
}

// rebuildBatch is how many elements one RPUSH of Rebuild carries.
const rebuildBatch = 64

// Rebuild calls emit with RPUSH commands that recreate the list from
// nothing, 64 elements at a time (the append-only file's rewrite). The
// arguments are reused after emit returns.
func (l *List) Rebuild(key []byte, emit func(args [][]byte)) {
	args := [][]byte{[]byte("RPUSH"), key}
	l.Range(0, l.length-1, func(e []byte) bool {
		args = append(args, e)
		if len(args)-2 == rebuildBatch {
			emit(args)
			args = args[:2]
		}
		return true
	})
	if len(args) > 2 {
		emit(args)
	}
}

// Bytes is the memory the list holds: its buffers, node headers and tail
// index (MEMORY USAGE, and the comparison with Redis).
func (l *List) Bytes() int {
	size := 40 + cap(l.nodes)*nodeHeader
	for _, n := range l.nodes {
		size += cap(n.buf)
	}
	if l.tail != nil {
		size += 48 + 4*cap(l.tail.starts)
	}
	return size + cap(l.spare)
}
