package zsets

import "math/bits"

// Scan calls fn with the members (and scores) the iteration at cursor
// reaches next and returns the next cursor, 0 when it is done (ZSCAN). A
// packed set is visited whole in one call, as Redis does for a listpack.
// A big set is walked by home slot of its hash table, in the reversed-bit
// order of Redis's SCAN, until count members were visited or ten times
// count home slots (Redis's bound for a sparse table). A member's home
// slot never changes while the table keeps its size, and when the table
// doubles or halves the reversed-bit order still reaches every home slot
// it has not covered, so a member present throughout an iteration is
// visited at least once, whatever is added or removed meanwhile.
func (z *ZSet) Scan(cursor uint64, count int, fn func(member []byte, score float64)) uint64 {
	if z.big == nil {
		z.small.walk(0, false, func(m []byte, s float64) bool {
			fn(m, s)
			return true
		})
		return 0
	}
	visited := 0
	counted := func(m []byte, s float64) {
		visited++
		fn(m, s)
	}
	for steps := count * 10; ; steps-- {
		cursor = z.big.scanHome(cursor, counted)
		if cursor == 0 || steps <= 0 || visited >= count {
			return cursor
		}
	}
}

// scanHome visits the members whose home slot is cursor's and returns
// the cursor of the next home slot. Linear probing keeps each member in
// the run of full slots that starts at its home, so that run is all
// there is to look at.
func (b *big) scanHome(cursor uint64, fn func(member []byte, score float64)) uint64 {
	mask := uint64(len(b.slots) - 1)
	home := int(cursor & mask)
	for i, n := home, 0; n < len(b.slots) && b.slots[i] != 0; i, n = (i+1)&int(mask), n+1 {
		m, s := b.record(b.slots[i] - 1)
		if b.home(m) == home {
			fn(m, s)
		}
	}
	cursor |= ^mask
	cursor = bits.Reverse64(cursor)
	cursor++
	return bits.Reverse64(cursor)
}
