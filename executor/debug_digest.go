package executor

import (
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"

	"redis-lite/hashes"
	"redis-lite/lists"
	"redis-lite/sets"
	"redis-lite/store"
	"redis-lite/zsets"
)

// DEBUG DIGEST and DIGEST-VALUE: SHA1-based fingerprints of the data, the
// ones Redis computes, so the same data set gives the same hex string here
// and in redis-server (Redis's tests compare them across a reload).
//
// Two ways of adding data to a 20-byte digest: xor adds SHA1(data) with
// XOR, so the order of additions does not matter (keys, set members);
// mix also hashes the digest again afterwards, so it does (a string's
// bytes after its type, a list's elements in order). A key's digest mixes
// its name, its type number and its value, and xors "!!expire!!" if it
// has a time to live; a database's keys are xored together; the data set
// mixes each non-empty database's number, then xors in its keys.

type digest [sha1.Size]byte

// xor adds data's SHA1 to d, in no order.
func (d *digest) xor(data []byte) {
	sum := sha1.Sum(data)
	for i := range d {
		d[i] ^= sum[i]
	}
}

// mix adds data to d in order: xor, then d becomes SHA1(d).
func (d *digest) mix(data []byte) {
	d.xor(data)
	*d = sha1.Sum(d[:])
}

func (d *digest) String() string { return hex.EncodeToString(d[:]) }

// Redis's type numbers, which a value's digest starts with.
var typeNumbers = map[store.Type]uint32{store.TypeString: 0, store.TypeList: 1, store.TypeSet: 2,
	store.TypeZSet: 3, store.TypeHash: 4}

// mixUint32 mixes n as the four big-endian bytes Redis hashes.
func (d *digest) mixUint32(n uint32) {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], n)
	d.mix(b[:])
}

// addValue adds a key's value and expiry to its digest; a collection is
// read, so the caller holds the key's lock (SnapshotRange, PeekView). A
// string mixes its bytes; a set xors each member (an integer member as
// its decimal text); a hash xors one digest of each field and value mixed
// in that order; a sorted set one of each member and its score printed
// with %.17g; a list mixes its elements in order.
func (d *digest) addValue(e store.Entry) {
	d.mixUint32(typeNumbers[e.Type()])
	switch v := e.Obj.(type) {
	case nil:
		d.mix(e.Value)
	case *lists.List:
		v.Range(0, v.Len()-1, func(e []byte) bool {
			d.mix(e)
			return true
		})
	case *sets.Set:
		v.Each(func(member []byte) bool {
			d.xor(member)
			return true
		})
	case *zsets.ZSet:
		v.Walk(0, false, func(member []byte, score float64) bool {
			var pair digest
			pair.mix(member)
			pair.mix([]byte(formatDouble(score)))
			d.xor(pair[:])
			return true
		})
	case *hashes.Hash:
		v.Range(func(field, value []byte) bool {
			var pair digest
			pair.mix(field)
			pair.mix(value)
			d.xor(pair[:])
			return true
		})
	}
	if e.ExpireAt != 0 {
		d.xor([]byte("!!expire!!"))
	}
}

// datasetDigest is DEBUG DIGEST's fingerprint of every database: 40
// zeros when all are empty.
func (ex *Executor) datasetDigest() digest {
	var all digest
	for n, db := range ex.dbs {
		if db.Len() == 0 {
			continue
		}
		all.mixUint32(uint32(n))
		db.SnapshotRange(func(key []byte, e store.Entry) {
			var one digest
			one.mix(key)
			one.addValue(e)
			all.xor(one[:])
		}, func() bool { return true })
	}
	return all
}

// DEBUG DIGEST: the data set's fingerprint. It runs alone, so no write
// lands halfway through.
func debugDigest(s *Session, _ [][]byte) {
	var d digest
	s.exclusive(func() { d = s.ex.datasetDigest() })
	s.reply.Status(d.String())
}

// DEBUG DIGEST-VALUE key ...: each key's value fingerprint (its name not
// included), 40 zeros for a missing key.
func debugDigestValue(s *Session, args [][]byte) {
	s.reply.Array(len(args) - 2)
	for _, key := range args[2:] {
		var d digest
		s.db().PeekView(key, func(e store.Entry, ok bool) {
			if ok {
				d.addValue(e)
			}
		})
		s.reply.Status(d.String())
	}
}
