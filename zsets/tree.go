package zsets

import (
	"slices"
	"sort"
)

// The big layout's order: a B+tree whose leaves hold record offsets
// ("refs") in order. Each inner node keeps its children's last refs, to
// descend by value, and each node its size, to descend by rank. The tree
// itself never reads a record: callers pass predicates over refs.

const (
	leafCap  = 256 // refs in a full leaf (1 KiB)
	innerCap = 64  // children of a full inner node
)

type node struct {
	refs  []uint32 // a leaf's refs, in order
	kids  []*node  // an inner node's children (nil for a leaf)
	lasts []uint32 // the last ref under each child
	size  int      // refs under this node
}

type tree struct{ root *node }

func newLeaf(refs []uint32) *node {
	n := &node{refs: make([]uint32, len(refs), leafCap+1)}
	copy(n.refs, refs)
	n.size = len(refs)
	return n
}

func (n *node) leaf() bool { return n.kids == nil }

// entries is how many slots the node fills: refs or children.
func (n *node) entries() int {
	if n.leaf() {
		return len(n.refs)
	}
	return len(n.kids)
}

// last is the last ref under a non-empty node.
func (n *node) last() uint32 {
	if n.leaf() {
		return n.refs[len(n.refs)-1]
	}
	return n.lasts[len(n.lasts)-1]
}

// build makes a tree of refs already in order, leaves three quarters full
// so that the next insertions rarely split them.
func build(refs []uint32) tree {
	level := []*node{}
	for i := 0; i < len(refs); i += leafCap * 3 / 4 {
		level = append(level, newLeaf(refs[i:min(len(refs), i+leafCap*3/4)]))
	}
	if len(level) == 0 {
		return tree{root: newLeaf(nil)}
	}
	for len(level) > 1 {
		var up []*node
		for i := 0; i < len(level); i += innerCap * 3 / 4 {
			up = append(up, newInner(level[i:min(len(level), i+innerCap*3/4)]))
		}
		level = up
	}
	return tree{root: level[0]}
}

func newInner(kids []*node) *node {
	n := &node{kids: slices.Clone(kids), lasts: make([]uint32, len(kids))}
	for i, k := range kids {
		n.lasts[i] = k.last()
		n.size += k.size
	}
	return n
}

// countWhile is the number of leading refs for which pred holds; pred must
// hold for a prefix of the order and fail after it.
func (t *tree) countWhile(pred func(ref uint32) bool) int {
	count := 0
	n := t.root
	for !n.leaf() {
		i := sort.Search(len(n.lasts), func(i int) bool { return !pred(n.lasts[i]) })
		if i == len(n.kids) {
			return count + n.size
		}
		for _, k := range n.kids[:i] {
			count += k.size
		}
		n = n.kids[i]
	}
	return count + sort.Search(len(n.refs), func(i int) bool { return !pred(n.refs[i]) })
}

// insert places ref after every ref for which before holds.
func (t *tree) insert(ref uint32, before func(ref uint32) bool) {
	if split := t.root.insert(ref, before); split != nil {
		t.root = newInner([]*node{t.root, split})
	}
}

// insert adds ref under n and returns the new right sibling if n split.
func (n *node) insert(ref uint32, before func(ref uint32) bool) *node {
	n.size++
	if n.leaf() {
		pos := sort.Search(len(n.refs), func(i int) bool { return !before(n.refs[i]) })
		n.refs = slices.Insert(n.refs, pos, ref)
		if len(n.refs) <= leafCap {
			return nil
		}
		// Split in half, but an insertion at either end (scores added in
		// rising or falling order) leaves the full part full.
		cut := len(n.refs) / 2
		switch pos {
		case len(n.refs) - 1:
			cut = pos
		case 0:
			cut = 1
		}
		right := newLeaf(n.refs[cut:])
		n.refs = n.refs[:cut]
		n.size = cut
		return right
	}
	i := sort.Search(len(n.lasts), func(i int) bool { return !before(n.lasts[i]) })
	if i == len(n.kids) {
		i--
	}
	kid := n.kids[i]
	split := kid.insert(ref, before)
	n.lasts[i] = kid.last()
	if split == nil {
		return nil
	}
	n.kids = slices.Insert(n.kids, i+1, split)
	n.lasts = slices.Insert(n.lasts, i+1, split.last())
	if len(n.kids) <= innerCap {
		return nil
	}
	half := len(n.kids) / 2
	right := newInner(n.kids[half:])
	n.kids = slices.Clip(n.kids[:half])
	n.lasts = slices.Clip(n.lasts[:half])
	n.size -= right.size
	return right
}

// at is the ref at rank.
func (t *tree) at(rank int) uint32 {
	n := t.root
	for !n.leaf() {
		i := 0
		for rank >= n.kids[i].size {
			rank -= n.kids[i].size
			i++
		}
		n = n.kids[i]
	}
	return n.refs[rank]
}

// removeAt takes out the ref at rank and returns it.
func (t *tree) removeAt(rank int) uint32 {
	ref := t.root.removeAt(rank)
	for !t.root.leaf() && len(t.root.kids) == 1 {
		t.root = t.root.kids[0]
	}
	return ref
}

func (n *node) removeAt(rank int) uint32 {
	n.size--
	if n.leaf() {
		ref := n.refs[rank]
		n.refs = slices.Delete(n.refs, rank, rank+1)
		return ref
	}
	i := 0
	for rank >= n.kids[i].size {
		rank -= n.kids[i].size
		i++
	}
	ref := n.kids[i].removeAt(rank)
	n.rebalance(i)
	return ref
}

// rebalance looks after child i once it lost a ref: an empty child goes,
// and one under a quarter full joins a neighbour when both fit in one.
func (n *node) rebalance(i int) {
	kid := n.kids[i]
	if kid.size == 0 {
		n.kids = slices.Delete(n.kids, i, i+1)
		n.lasts = slices.Delete(n.lasts, i, i+1)
		return
	}
	n.lasts[i] = kid.last()
	capacity := innerCap
	if kid.leaf() {
		capacity = leafCap
	}
	if kid.entries() >= capacity/4 || len(n.kids) == 1 {
		return
	}
	left := i - 1
	if i == 0 {
		left = 0
	}
	a, b := n.kids[left], n.kids[left+1]
	if a.entries()+b.entries() > capacity {
		return
	}
	if a.leaf() {
		a.refs = append(a.refs, b.refs...)
	} else {
		a.kids = append(a.kids, b.kids...)
		a.lasts = append(a.lasts, b.lasts...)
	}
	a.size += b.size
	n.lasts[left] = a.last()
	n.kids = slices.Delete(n.kids, left+1, left+2)
	n.lasts = slices.Delete(n.lasts, left+1, left+2)
}

// walk calls fn with the refs from rank on, ascending or descending,
// until fn returns false or the refs run out.
func (t *tree) walk(rank int, reverse bool, fn func(ref uint32) bool) {
	if rank < 0 || rank >= t.root.size {
		return
	}
	t.root.walk(rank, reverse, fn)
}

// walk reports whether fn wants more.
func (n *node) walk(rank int, reverse bool, fn func(ref uint32) bool) bool {
	if n.leaf() {
		if reverse {
			for i := rank; i >= 0; i-- {
				if !fn(n.refs[i]) {
					return false
				}
			}
			return true
		}
		for _, r := range n.refs[rank:] {
			if !fn(r) {
				return false
			}
		}
		return true
	}
	i := 0
	for rank >= n.kids[i].size {
		rank -= n.kids[i].size
		i++
	}
	if !n.kids[i].walk(rank, reverse, fn) {
		return false
	}
	if reverse {
		for i--; i >= 0; i-- {
			if !n.kids[i].walk(n.kids[i].size-1, true, fn) {
				return false
			}
		}
		return true
	}
	for _, k := range n.kids[i+1:] {
		if !k.walk(0, false, fn) {
			return false
		}
	}
	return true
}

// remap replaces every ref by move(ref), visiting them in order, and
// keeps the inner nodes' last refs in step.
func (n *node) remap(move func(ref uint32) uint32) {
	if n.leaf() {
		for i, r := range n.refs {
			n.refs[i] = move(r)
		}
		return
	}
	for i, k := range n.kids {
		k.remap(move)
		n.lasts[i] = k.last()
	}
}

// clone copies the tree's nodes.
func (n *node) clone() *node {
	c := &node{size: n.size}
	if n.leaf() {
		c.refs = make([]uint32, len(n.refs), leafCap+1)
		copy(c.refs, n.refs)
		return c
	}
	c.lasts = slices.Clone(n.lasts)
	c.kids = make([]*node, len(n.kids))
	for i, k := range n.kids {
		c.kids[i] = k.clone()
	}
	return c
}
