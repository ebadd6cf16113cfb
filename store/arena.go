package store

import "encoding/binary"

// The arena of a shard: every entry is one record, written into large byte
// chunks that hold no pointers. A record is
//
//	flags (1 byte: expiry present, the value's Form, a collection's)
//	| key length (uvarint)
//	| value length (uvarint)
//	| expiry in Unix ms (8 bytes, only if flagExpires) | key | value
//
// so a 16-byte key with a 16-byte value takes 35 bytes, where a Go map of
// strings to slices spends two allocations and three headers on it.
//
// Chunks are append-only: bytes once written are never written again. That
// is what lets Get hand out a slice of a chunk without copying: a later
// write appends a new record, and the old bytes stay as they were for as
// long as anybody holds them (the collector keeps the chunk alive). Records
// that are overwritten or deleted become dead bytes; when they are over
// half of a shard's arena, compact copies the live records into fresh
// chunks and the old ones are left to the collector.
const (
	flagExpires = 1 << 0
	formShift   = 1 // the Form sits in the flag bits above flagExpires
	formMask    = 3
	// flagObject: the value is the number of a collection in the shard's
	// object table (object.go), not a string's bytes.
	flagObject = 1 << 3

	firstChunk = 1 << 10 // a shard's first chunk; each next one doubles
	maxChunk   = 64 << 10
	// A record bigger than this gets a chunk of its own, freed the moment
	// the record dies and never copied by a compaction.
	largeRecord = 16 << 10
	// A shard with less dead space than this is not worth compacting.
	compactMin = 16 << 10
)

type arena struct {
	chunks  [][]byte // chunks[0] stays nil: chunk 0 marks an empty slot
	fill    int      // the chunk new small records go to (0: none yet)
	next    int      // the size of the next chunk
	written int      // bytes of small records written, live or dead
	dead    int      // bytes of small records no longer referenced
	holes   int      // large records' chunks already released
}

func newArena() arena { return arena{chunks: make([][]byte, 1), next: firstChunk} }

func recordSize(keyLen, valueLen int, expires bool) int {
	n := 1 + uvarintLen(keyLen) + uvarintLen(valueLen) + keyLen + valueLen
	if expires {
		n += 8
	}
	return n
}

func uvarintLen(n int) int {
	size := 1
	for n >= 0x80 {
		n >>= 7
		size++
	}
	return size
}

func appendRecord(b, key, value []byte, expireAt int64, form Form, object bool) []byte {
	flags := byte(form&formMask) << formShift
	if expireAt != 0 {
		flags |= flagExpires
	}
	if object {
		flags |= flagObject
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = binary.AppendUvarint(b, uint64(len(value)))
	if expireAt != 0 {
		b = binary.LittleEndian.AppendUint64(b, uint64(expireAt))
	}
	b = append(b, key...)
	return append(b, value...)
}

// record is a decoded view of one record. key and value are capped slices
// of the chunk, so appending to them can never write into the arena.
type record struct {
	key, value []byte
	expireAt   int64
	object     bool // value numbers a collection (flagObject)
}

// size is the length of the record r decodes. It is not kept in record:
// one word more and a record no longer fits the registers that return it
// from the table's find, which measurably slows every GET.
func (r record) size() int { return recordSize(len(r.key), len(r.value), r.expireAt != 0) }

// entry is a string's record as the store's callers see it (a
// collection's needs its shard: shard.entryOf).
func (r record) entry() Entry { return Entry{Value: r.value, ExpireAt: r.expireAt} }

func (a *arena) read(s slot) record {
	b := a.chunks[s.chunk()][s.off():]
	flags := b[0]
	keyLen, n1 := binary.Uvarint(b[1:])
	valueLen, n2 := binary.Uvarint(b[1+n1:])
	p := 1 + n1 + n2
	var r record
	if flags&flagExpires != 0 {
		r.expireAt = int64(binary.LittleEndian.Uint64(b[p:]))
		p += 8
	}
	k, v := p+int(keyLen), p+int(keyLen)+int(valueLen)
	r.key = b[p:k:k]
	r.value = b[k:v:v]
	r.object = flags&flagObject != 0
	return r
}

// form reads the Form of the record s names. read does not decode it, to
// keep the record of every read small: only OBJECT ENCODING and the
// writes that keep a value's form ask for it.
func (a *arena) form(s slot) Form {
	return Form(a.chunks[s.chunk()][s.off()]>>formShift) & formMask
}

// add writes a record and returns where it is, as a slot without its tag.
func (a *arena) add(key, value []byte, expireAt int64, form Form, object bool) slot {
	size := recordSize(len(key), len(value), expireAt != 0)
	if size > largeRecord {
		a.chunks = append(a.chunks, appendRecord(make([]byte, 0, size), key, value, expireAt, form, object))
		return newSlot(len(a.chunks)-1, 0)
	}
	if a.needsChunk(size) {
		a.startChunk(size)
	}
	c := a.chunks[a.fill]
	off := len(c)
	a.chunks[a.fill] = appendRecord(c, key, value, expireAt, form, object)
	a.written += size
	return newSlot(a.fill, off)
}

// needsChunk reports whether adding a record of size bytes takes a new
// chunk: a large record always does, a small one when the fill chunk is
// full.
func (a *arena) needsChunk(size int) bool {
	return size > largeRecord || a.fill == 0 || len(a.chunks[a.fill])+size > cap(a.chunks[a.fill])
}

// startChunk begins a new fill chunk of at least size bytes. The unused
// tail of the previous one is never touched, so the kernel never backs it
// with memory.
func (a *arena) startChunk(size int) {
	n := max(a.next, size)
	a.next = min(2*a.next, maxChunk)
	a.chunks = append(a.chunks, make([]byte, 0, n))
	a.fill = len(a.chunks) - 1
}

// release marks the record s names as dead.
func (a *arena) release(s slot, size int) {
	if size > largeRecord {
		a.chunks[s.chunk()] = nil // nobody else's record is in it
		a.holes++
		return
	}
	a.dead += size
}

// wasteful reports whether enough of the arena is dead to be worth a
// compaction.
func (a *arena) wasteful() bool {
	return (a.dead >= compactMin && 2*a.dead > a.written) ||
		(a.holes >= 64 && 2*a.holes > len(a.chunks))
}

// moveFrom copies the record s names in old into a, or, for a large
// record, adopts its chunk, and returns its new place, with s's tag and
// access clock.
func (a *arena) moveFrom(old *arena, s slot) slot {
	r := old.read(s)
	if r.size() > largeRecord {
		a.chunks = append(a.chunks, old.chunks[s.chunk()])
		moved := newSlot(len(a.chunks)-1, 0)
		moved.tag = s.tag
		return moved.withClock(s.clock())
	}
	moved := a.add(r.key, r.value, r.expireAt, old.form(s), r.object)
	moved.tag = s.tag
	return moved.withClock(s.clock())
}
