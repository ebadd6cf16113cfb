package zsets

import "unsafe"

// Bytes is the memory the set holds (MEMORY USAGE): its struct, and the
// packed buffer or the big layout's chunks, slots and tree.
func (z *ZSet) Bytes() int {
	n := int(unsafe.Sizeof(*z))
	if z.big == nil {
		return n + cap(z.small.buf)
	}
	b := z.big
	n += int(unsafe.Sizeof(*b)) + 4*len(b.slots) + int(unsafe.Sizeof([]byte(nil)))*cap(b.chunks)
	for _, c := range b.chunks {
		n += cap(c)
	}
	return n + b.order.root.bytes()
}

// bytes is the memory of a node and the nodes under it.
func (n *node) bytes() int {
	size := int(unsafe.Sizeof(*n)) + 4*cap(n.refs) + 4*cap(n.lasts) + 8*cap(n.kids)
	for _, k := range n.kids {
		size += k.bytes()
	}
	return size
}
