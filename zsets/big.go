package zsets

import (
	"bytes"
	"hash/maphash"
)

// big is the large layout: records in an arena, found by member through
// an open-addressing table of refs and kept in order by a tree of refs.
// A ref is a record's offset in the arena, so one set's arena is limited
// to 4 GiB.
type big struct {
	arena []byte
	dead  int // bytes of removed records still in the arena
	// slots hold ref+1 (0: empty), probed linearly from the member's hash;
	// at most three quarters are used.
	slots []uint32
	used  int
	seed  maphash.Seed
	order tree
}

// newBig makes the large layout from records already in order.
func newBig(records []byte, count int) *big {
	b := &big{arena: records, seed: maphash.MakeSeed()}
	refs := make([]uint32, 0, count)
	for off := 0; off < len(records); {
		refs = append(refs, uint32(off))
		_, _, off = readRecord(records, off)
	}
	b.order = build(refs)
	b.rehash(count)
	return b
}

// rehash sizes the table for count members and fills it from the tree.
func (b *big) rehash(count int) {
	size := 16
	for size*3 < count*4+4 {
		size *= 2
	}
	b.slots = make([]uint32, size)
	b.used = 0
	b.order.walk(0, false, func(ref uint32) bool {
		b.place(ref)
		return true
	})
}

func (b *big) member(ref uint32) []byte {
	m, _, _ := readRecord(b.arena, int(ref))
	return m
}

func (b *big) home(member []byte) int {
	return int(maphash.Bytes(b.seed, member) & uint64(len(b.slots)-1))
}

// place puts ref in the first free slot from its member's home.
func (b *big) place(ref uint32) {
	mask := len(b.slots) - 1
	i := b.home(b.member(ref))
	for b.slots[i] != 0 {
		i = (i + 1) & mask
	}
	b.slots[i] = ref + 1
	b.used++
}

// lookup finds member's slot and ref.
func (b *big) lookup(member []byte) (slot int, ref uint32, ok bool) {
	mask := len(b.slots) - 1
	for i := b.home(member); b.slots[i] != 0; i = (i + 1) & mask {
		if bytes.Equal(b.member(b.slots[i]-1), member) {
			return i, b.slots[i] - 1, true
		}
	}
	return 0, 0, false
}

// unslot empties slot i and moves up the entries after it that would no
// longer be reachable from their homes (deletion without tombstones).
func (b *big) unslot(i int) {
	mask := len(b.slots) - 1
	for j := (i + 1) & mask; b.slots[j] != 0; j = (j + 1) & mask {
		k := b.home(b.member(b.slots[j] - 1))
		// The entry at j may move to the hole at i unless its home lies
		// cyclically in (i, j].
		if (i <= j && i < k && k <= j) || (i > j && (i < k || k <= j)) {
			continue
		}
		b.slots[i] = b.slots[j]
		i = j
	}
	b.slots[i] = 0
	b.used--
}

func (b *big) len() int { return b.order.root.size }

// before is the predicate "ref sorts before (score, member)".
func (b *big) before(member []byte, score float64) func(ref uint32) bool {
	return func(ref uint32) bool {
		m, s, _ := readRecord(b.arena, int(ref))
		return compare(s, m, score, member) < 0
	}
}

// insert adds a member known to be absent.
func (b *big) insert(member []byte, score float64) {
	ref := uint32(len(b.arena))
	b.arena = appendRecord(b.arena, member, score)
	if (b.used+1)*4 > len(b.slots)*3 {
		b.order.insert(ref, b.before(member, score))
		b.rehash(b.len())
		return
	}
	b.place(ref)
	b.order.insert(ref, b.before(member, score))
}

// rank is the ascending rank of a member with its score.
func (b *big) rank(member []byte, score float64) int {
	return b.order.countWhile(b.before(member, score))
}

// rescore moves a present member to a new score.
func (b *big) rescore(ref uint32, score float64) {
	m, old, _ := readRecord(b.arena, int(ref))
	b.order.removeAt(b.rank(m, old))
	setRecordScore(b.arena, int(ref), score)
	b.order.insert(ref, b.before(m, score))
}

// remove takes out a present member found at slot.
func (b *big) remove(slot int, ref uint32) {
	m, s, _ := readRecord(b.arena, int(ref))
	b.order.removeAt(b.rank(m, s))
	b.unslot(slot)
	b.forget(ref)
}

// removeAt takes out the member at rank.
func (b *big) removeAt(rank int) {
	ref := b.order.removeAt(rank)
	slot, _, _ := b.lookup(b.member(ref))
	b.unslot(slot)
	b.forget(ref)
}

// forget counts a removed record as dead and squeezes the arena once
// the dead half of it is worth a copy.
func (b *big) forget(ref uint32) {
	b.dead += recordSize(b.member(ref))
	if b.dead < 4096 || b.dead*2 < len(b.arena) {
		return
	}
	arena := make([]byte, 0, len(b.arena)-b.dead)
	b.order.root.remap(func(ref uint32) uint32 {
		m, s, _ := readRecord(b.arena, int(ref))
		moved := uint32(len(arena))
		arena = appendRecord(arena, m, s)
		return moved
	})
	b.arena, b.dead = arena, 0
	b.rehash(b.len())
}

func (b *big) clone() *big {
	return &big{
		arena: bytes.Clone(b.arena),
		dead:  b.dead,
		slots: append([]uint32(nil), b.slots...),
		used:  b.used,
		seed:  b.seed,
		order: tree{root: b.order.root.clone()},
	}
}
