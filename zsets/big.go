package zsets

import (
	"bytes"
	"hash/maphash"
)

// big is the large layout: records in an arena, found by member through
// an open-addressing table of refs and kept in order by a tree of refs.
//
// The arena is a list of chunks that are filled and never moved, so it
// grows without copying (a copy would leave the old array to the
// collector, and the process's memory would carry it until then).
// Chunks start small, for the many small sets converted by a low limit,
// and double up to 64 KiB; a record too big for one gets a chunk of its
// own. A ref is the chunk's number in its high 16 bits and the record's
// offset in the low 16 (0 for a record with a chunk of its own).
type big struct {
	chunks [][]byte
	dead   int // bytes of removed records still in the chunks
	live   int // bytes of records in use
	// slots hold ref+1 (0: empty), probed linearly from the member's hash;
	// at most three quarters are used.
	slots []uint32
	used  int
	seed  maphash.Seed
	order tree
}

const (
	chunkBits     = 16
	maxChunk      = 1 << chunkBits
	firstChunk    = 256
	maxChunkCount = 1 << (32 - chunkBits)
)

// newBig makes the large layout from records already in order.
func newBig(records []byte, count int) *big {
	b := &big{seed: maphash.MakeSeed()}
	refs := make([]uint32, 0, count)
	for off := 0; off < len(records); {
		m, s, next := readRecord(records, off)
		refs = append(refs, b.store(m, s))
		off = next
	}
	b.order = build(refs)
	b.rehash(count)
	return b
}

// store appends a record to the arena and returns its ref. A set past
// 65536 chunks (some 4 GiB) is beyond what refs can number.
func (b *big) store(member []byte, score float64) uint32 {
	size := recordSize(member, score)
	n := len(b.chunks)
	if n == 0 || len(b.chunks[n-1])+size > cap(b.chunks[n-1]) {
		if n == maxChunkCount {
			panic("zsets: a sorted set's records passed 4 GiB")
		}
		capacity := firstChunk
		if n > 0 {
			capacity = min(maxChunk, 2*cap(b.chunks[n-1]))
		}
		if size > capacity {
			capacity = size // a chunk of its own: nothing else fits after it
		}
		b.chunks = append(b.chunks, make([]byte, 0, capacity))
		n++
	}
	chunk := b.chunks[n-1]
	ref := uint32(n-1)<<chunkBits | uint32(len(chunk))
	b.chunks[n-1] = appendRecord(chunk, member, score)
	b.live += size
	return ref
}

// record reads the record ref names.
func (b *big) record(ref uint32) (member []byte, score float64) {
	m, s, _ := readRecord(b.chunks[ref>>chunkBits], int(ref&(maxChunk-1)))
	return m, s
}

// score reads only a record's score.
func (b *big) score(ref uint32) float64 {
	s, _ := readScore(b.chunks[ref>>chunkBits], int(ref&(maxChunk-1)))
	return s
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
	m, _ := b.record(ref)
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
		m, s := b.record(ref)
		return compare(s, m, score, member) < 0
	}
}

// insert adds a member known to be absent.
func (b *big) insert(member []byte, score float64) {
	ref := b.store(member, score)
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

// rescore moves a present member, found at slot, to a new score. The
// score's encoding may change length, so the record is written anew.
func (b *big) rescore(slot int, ref uint32, score float64) {
	m, old := b.record(ref)
	b.order.removeAt(b.rank(m, old))
	fresh := b.store(m, score) // m stays valid: chunks never move
	b.slots[slot] = fresh + 1
	b.order.insert(fresh, b.before(m, score))
	b.forget(ref)
}

// remove takes out a present member found at slot.
func (b *big) remove(slot int, ref uint32) {
	m, s := b.record(ref)
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
	m, s := b.record(ref)
	size := recordSize(m, s)
	b.dead += size
	b.live -= size
	if b.dead < 4096 || b.dead < b.live {
		return
	}
	old := b.chunks
	b.chunks, b.dead, b.live = nil, 0, 0
	b.order.root.remap(func(ref uint32) uint32 {
		m, s, _ := readRecord(old[ref>>chunkBits], int(ref&(maxChunk-1)))
		return b.store(m, s)
	})
	b.rehash(b.len())
}

func (b *big) clone() *big {
	return &big{
		chunks: cloneChunks(b.chunks),
		dead:   b.dead,
		live:   b.live,
		slots:  append([]uint32(nil), b.slots...),
		used:   b.used,
		seed:   b.seed,
		order:  tree{root: b.order.root.clone()},
	}
}

// cloneChunks copies the arena, each chunk with its capacity, so the copy
// goes on filling its last chunk as the original would.
func cloneChunks(chunks [][]byte) [][]byte {
	out := make([][]byte, len(chunks))
	for i, c := range chunks {
		out[i] = append(make([]byte, 0, cap(c)), c...)
	}
	return out
}
