package store

import "encoding/binary"

// Collections. A key holds either a string, kept in the arena as every
// record is, or a collection: a list, set, sorted set or hash. A
// collection is a Go value of its own package (lists, sets, zsets,
// hashes), mutable in place, so it cannot live in the append-only arena.
// Its record there keeps the key, the flags and the expiry as a string's
// does, with flagObject set and, for a value, the number of the object's
// place in the shard's object table. So a string costs not one byte more
// for the existence of collections, and a collection's key is found,
// expired, swept, renamed and compacted by the same code as a string's.
//
// An object is read and changed only under its shard's lock: View runs a
// reader's function under the read lock, Edit and EditMany a writer's
// under the write lock.

// Type is what kind of value a key holds, as TYPE names it.
type Type uint8

const (
	TypeString Type = iota
	TypeList
	TypeSet
	TypeZSet
	TypeHash
)

var typeNames = [...]string{"string", "list", "set", "zset", "hash"}

// String is the type's name as Redis's TYPE replies it.
func (t Type) String() string { return typeNames[t] }

// Object is a collection value. The store calls its methods with the
// key's shard lock held, and so must everybody else.
type Object interface {
	Type() Type
	// Len is the number of elements: fields, members or items.
	Len() int
	// Clone returns a deep copy (COPY).
	Clone() Object
	// Rebuild calls emit with the commands that make the object again
	// from nothing, in batches (the append-only file's rewrite and a
	// whole-object Put). emit copies what it keeps, so args may be
	// reused once it returns.
	Rebuild(key []byte, emit func(args [][]byte))
}

// Type is the type of the value e holds.
func (e Entry) Type() Type {
	if e.Obj != nil {
		return e.Obj.Type()
	}
	return TypeString
}

// objects is a shard's table of collections, which the records of
// collection keys number. Freed places are reused, so the table does not
// grow with churn.
type objects struct {
	list []Object
	free []uint32
}

// add files o and returns its number.
func (t *objects) add(o Object) uint32 {
	if n := len(t.free); n > 0 {
		i := t.free[n-1]
		t.free = t.free[:n-1]
		t.list[i] = o
		return i
	}
	t.list = append(t.list, o)
	return uint32(len(t.list) - 1)
}

// release drops the object numbered i. Dropping the reference is all it
// takes to free even a huge collection: the collector reclaims it in the
// background, so a DEL of ten million elements holds the shard no longer
// than one of a single string (what Redis's lazyfree does by hand).
func (t *objects) release(i uint32) {
	t.list[i] = nil
	t.free = append(t.free, i)
}

// objectRef is the value bytes of a collection's record: its number.
func objectRef(buf *[binary.MaxVarintLen32]byte, i uint32) []byte {
	n := binary.PutUvarint(buf[:], uint64(i))
	return buf[:n]
}

// objectIndex reads the number a collection's record holds.
func objectIndex(value []byte) uint32 {
	i, _ := binary.Uvarint(value)
	return uint32(i)
}

// entryOf is the entry a record stands for: its value bytes for a
// string, its object for a collection. The caller holds the shard's lock.
func (sh *shard) entryOf(r record) Entry {
	if r.object {
		return Entry{ExpireAt: r.expireAt, Obj: sh.objectOf(r)}
	}
	return r.entry() // kept small enough to inline: every GET comes here
}

// objectOf is the collection a collection's record numbers.
func (sh *shard) objectOf(r record) Object { return sh.objects.list[objectIndex(r.value)] }
