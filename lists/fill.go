package lists

// Fill is the list-max-listpack-size setting: how much one node may hold.
// -1 to -5 limit a node's packed bytes to 4, 8, 16, 32 or 64 KB; a
// positive value limits its element count (and its bytes to 8 KB); other
// values leave one element per node, as Redis does with them.
type Fill int

// DefaultFill is Redis's default, 8 KB nodes.
const DefaultFill Fill = -2

// safetyLimit is the byte limit of a node under a count limit.
const safetyLimit = 8192

// entryOverhead is what Redis reckons an element adds beyond its bytes
// when deciding whether it still fits a node; using the same estimate
// makes nodes split where Redis's do.
const entryOverhead = 11

// byteLimits are the node sizes of fills -1 to -5.
var byteLimits = [...]int{4096, 8192, 16384, 32768, 65536}

// allows reports whether a node of size bytes and count elements may take
// one more element of n bytes.
func (f Fill) allows(size, count, n int) bool {
	if count == 0 {
		return true
	}
	grown := size + n + entryOverhead
	if f < 0 && int(-f) <= len(byteLimits) {
		return grown <= byteLimits[-f-1]
	}
	return grown <= safetyLimit && count < int(f)
}
