package zsets

// Limits are the sizes a packed set may reach: zset-max-listpack-entries
// and zset-max-listpack-value.
type Limits struct {
	Entries int // members
	Value   int // bytes in one member
}

// Fits reports whether a set of n members, the longest maxLen bytes, may
// be packed.
func (l Limits) Fits(n, maxLen int) bool { return n <= l.Entries && maxLen <= l.Value }

// ZSet is a sorted set in one of its two layouts (package comment).
type ZSet struct {
	small packed
	big   *big // non-nil: the big layout, for good
}

// New makes an empty packed set.
func New() *ZSet { return &ZSet{} }

// NewBig makes an empty set in the big layout, as Redis creates one that
// could never be packed.
func NewBig() *ZSet { return &ZSet{big: newBig(nil, 0)} }

// NewFor makes an empty set in the layout Redis would choose for n
// members, the longest maxLen bytes.
func NewFor(n, maxLen int, lim Limits) *ZSet {
	if lim.Fits(n, maxLen) {
		return New()
	}
	return NewBig()
}

// Len is the number of members.
func (z *ZSet) Len() int {
	if z.big != nil {
		return z.big.len()
	}
	return z.small.n
}

// Encoding is the layout's name as OBJECT ENCODING says it.
func (z *ZSet) Encoding() string {
	if z.big != nil {
		return "skiplist"
	}
	return "listpack"
}

// Score is member's score.
func (z *ZSet) Score(member []byte) (float64, bool) {
	if z.big != nil {
		_, ref, ok := z.big.lookup(member)
		if !ok {
			return 0, false
		}
		return z.big.score(ref), true
	}
	_, s, ok := z.small.find(member)
	return s, ok
}

// Set gives member the score, adding it if absent (added true). A packed
// set that an addition would take past lim turns big first.
func (z *ZSet) Set(member []byte, score float64, lim Limits) (added bool) {
	if z.big != nil {
		if slot, ref, ok := z.big.lookup(member); ok {
			if z.big.score(ref) != score {
				z.big.rescore(slot, ref, score)
			}
			return false
		}
		z.big.insert(member, score)
		return true
	}
	if off, s, ok := z.small.find(member); ok {
		if s != score {
			z.small.removeAt(off)
			z.small.insert(member, score)
		}
		return false
	}
	if !lim.Fits(z.small.n+1, len(member)) {
		z.convert()
		z.big.insert(member, score)
		return true
	}
	z.small.insert(member, score)
	return true
}

// Reserve makes room in a packed set for members with their scores, so a
// command adding many members grows it once instead of once a member
// (each growth leaving the old copy to the collector).
func (z *ZSet) Reserve(members [][]byte, scores []float64) {
	if z.big != nil {
		return
	}
	need := 0
	for i, m := range members {
		need += recordSize(m, scores[i])
	}
	if cap(z.small.buf)-len(z.small.buf) < need {
		buf := make([]byte, len(z.small.buf), len(z.small.buf)+need)
		copy(buf, z.small.buf)
		z.small.buf = buf
	}
}

// Unpack gives a packed set the big layout (Redis's skiplist encoding),
// as Redis's SORT converts every sorted set it sorts; a big set is left
// as it is.
func (z *ZSet) Unpack() {
	if z.big == nil {
		z.convert()
	}
}

// convert turns a packed set big: its records are already in order.
func (z *ZSet) convert() {
	z.big = newBig(z.small.buf, z.small.n)
	z.small = packed{}
}

// Remove takes member out, reporting whether it was there.
func (z *ZSet) Remove(member []byte) bool {
	if z.big != nil {
		slot, ref, ok := z.big.lookup(member)
		if ok {
			z.big.remove(slot, ref)
		}
		return ok
	}
	off, _, ok := z.small.find(member)
	if ok {
		z.small.removeAt(off)
	}
	return ok
}

// Rank is member's ascending rank and its score.
func (z *ZSet) Rank(member []byte) (rank int, score float64, ok bool) {
	score, ok = z.Score(member)
	if !ok {
		return 0, 0, false
	}
	return z.CountWhile(func(m []byte, s float64) bool { return compare(s, m, score, member) < 0 }), score, true
}

// CountWhile is the number of leading members, in ascending order, for
// which pred holds. pred must hold for a prefix of the order and fail
// after it, as "score < min" or "member < max" do; so it finds where a
// range starts and ends in logarithmic time in the big layout.
func (z *ZSet) CountWhile(pred func(member []byte, score float64) bool) int {
	if z.big != nil {
		b := z.big
		return b.order.countWhile(func(ref uint32) bool {
			m, s := b.record(ref)
			return pred(m, s)
		})
	}
	return z.small.countWhile(pred)
}

// Walk calls fn with the members from ascending rank on, in ascending
// order or (reverse) descending, until fn returns false. The member
// slices alias the set: use them before the set changes.
func (z *ZSet) Walk(rank int, reverse bool, fn func(member []byte, score float64) bool) {
	if z.big != nil {
		b := z.big
		b.order.walk(rank, reverse, func(ref uint32) bool {
			m, s := b.record(ref)
			return fn(m, s)
		})
		return
	}
	z.small.walk(rank, reverse, fn)
}

// At is the member at ascending rank (which must be in range).
func (z *ZSet) At(rank int) (member []byte, score float64) {
	if z.big != nil {
		return z.big.record(z.big.order.at(rank))
	}
	z.small.walk(rank, false, func(m []byte, s float64) bool {
		member, score = m, s
		return false
	})
	return member, score
}

// RemoveRange takes out the members of ascending ranks start to end,
// both included and in range.
func (z *ZSet) RemoveRange(start, end int) {
	if z.big != nil {
		for i := start; i <= end; i++ {
			z.big.removeAt(start)
		}
		return
	}
	from, to := -1, 0
	i := 0
	for off := 0; off < len(z.small.buf) && i <= end; i++ {
		if i == start {
			from = off
		}
		_, _, off = readRecord(z.small.buf, off)
		to = off
	}
	z.small.buf = append(z.small.buf[:from], z.small.buf[to:]...)
	z.small.n -= end - start + 1
}

// Copy is a deep copy in the same layout.
func (z *ZSet) Copy() *ZSet {
	if z.big != nil {
		return &ZSet{big: z.big.clone()}
	}
	return &ZSet{small: packed{buf: append([]byte(nil), z.small.buf...), n: z.small.n}}
}
