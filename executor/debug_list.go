package executor

import (
	"strconv"

	"redis-lite/lists"
)

// What DEBUG OBJECT says of a list: Redis 7.0 keeps every list in a
// quicklist, a chain of listpack nodes, and both the serialized length
// (the RDB format writes each node's listpack as a string, LZF-compressed
// when the node is) and the line's ql_* fields describe those nodes.
//
// The lists package splits its nodes by its own layout, so the nodes are
// worked out here as Redis's quicklist would make them for the same
// elements pushed at the tail one by one: a node takes an element while
// its listpack's bytes, plus the element's, plus Redis's 8-byte estimate
// of an entry's overhead, stay within the fill's byte limit (or, for a
// count fill, within 8 KB and the count). For a list built by pushes at
// the tail that is exactly Redis's layout; one built from the head, or
// edited in the middle, may be split elsewhere in Redis. The fill and the
// compress depth are the settings now, where Redis's list keeps those it
// was made with.

// quicklistEntryEstimate is what Redis adds to an element's length when
// deciding whether it still fits a node.
const quicklistEntryEstimate = 8

// quicklistShape is the quicklist Redis would hold a list in.
type quicklistShape struct {
	nodes    [][]byte // each node's listpack
	count    int
	fill     int
	compress int // list-compress-depth: only whether it is 0 shows
}

// shapeQuicklist lays l's elements out in nodes as Redis would.
func shapeQuicklist(l *lists.List, fill, compress int) quicklistShape {
	q := quicklistShape{count: l.Len(), fill: fill, compress: compress}
	var cur listpack
	open := false
	l.Range(0, l.Len()-1, func(e []byte) bool {
		if open && !quicklistAllows(fill, len(cur.bytes()), cur.count, len(e)) {
			q.nodes = append(q.nodes, cur.bytes())
			cur = listpack{}
		}
		cur.append(e)
		open = true
		return true
	})
	if open {
		q.nodes = append(q.nodes, cur.bytes())
	}
	return q
}

// quicklistAllows reports whether a node whose listpack is size bytes
// with count elements takes one more of n bytes, by Redis's rule.
func quicklistAllows(fill, size, count, n int) bool {
	grown := size + n + quicklistEntryEstimate
	if fill < 0 && -fill <= 5 {
		return grown <= 4096<<(-fill-1)
	}
	return grown <= 8192 && count < fill
}

// rdbLength is rdbObjectLength for the list: the node count, then per
// node its container kind (packed) and its listpack as a string. A node
// Redis holds compressed (list-compress-depth) is written as its LZF
// blob, which has the same size as the listpack written as a compressed
// string: Redis compresses a node only when the RDB format would too.
func (q quicklistShape) rdbLength() int {
	n := rdbLengthSize(len(q.nodes))
	for _, lp := range q.nodes {
		n += 1 + rdbStringLength(lp, false) // the container kind, the listpack
	}
	return n
}

// debugFields are the quicklist fields DEBUG OBJECT adds after the rest.
func (q quicklistShape) debugFields() string {
	size := 0
	for _, lp := range q.nodes {
		size += len(lp)
	}
	avg := float64(q.count) / float64(len(q.nodes))
	compressed := "0"
	if q.compress != 0 {
		compressed = "1"
	}
	return " ql_nodes:" + strconv.Itoa(len(q.nodes)) +
		" ql_avg_node:" + strconv.FormatFloat(avg, 'f', 2, 64) +
		" ql_listpack_max:" + strconv.Itoa(q.fill) +
		" ql_compressed:" + compressed +
		" ql_uncompressed_size:" + strconv.Itoa(size)
}

// listCompressDepth is list-compress-depth as CONFIG has it (0 when the
// daemon gives no settings).
func (s *Session) listCompressDepth() int {
	p, ok := s.ex.settings.Lookup("list-compress-depth")
	if !ok {
		return 0
	}
	n, _ := strconv.Atoi(p.Value)
	return n
}
