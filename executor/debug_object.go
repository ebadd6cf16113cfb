package executor

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"unsafe"

	"redis-lite/hashes"
	"redis-lite/lists"
	"redis-lite/sets"
	"redis-lite/store"
	"redis-lite/zsets"
)

// DEBUG OBJECT key: Redis's one line about a key's value, "Value at:0x...
// refcount:1 encoding:embstr serializedlength:4 lru:123 lru_seconds_idle:7".
// The address is where the value's bytes are; refcount and encoding are
// those OBJECT reports; serializedlength is the size Redis's RDB format
// gives the value (rdbStringLength); lru is the key's last access on
// Redis's 24-bit seconds clock, lru_seconds_idle the seconds since. Like
// Redis, looking is not an access.
func debugObject(s *Session, args [][]byte) {
	e, meta, ok := s.db().Inspect(args[2])
	if !ok {
		s.reply.Error("ERR no such key")
		return
	}
	encoding := stringEncoding(e.Value, meta.Form)
	length, extra := 0, ""
	if e.Obj == nil {
		length = rdbStringLength(e.Value, encoding == "int")
	} else {
		// A collection changes under its lock, so it is read under it.
		s.db().PeekView(args[2], func(e store.Entry, ok bool) {
			if l, isList := e.Obj.(*lists.List); ok && isList {
				q := shapeQuicklist(l, int(s.listFill()), s.listCompressDepth())
				encoding, length, extra = l.Encoding(), q.rdbLength(), q.debugFields()
			} else if enc, isEncoder := e.Obj.(encoder); ok && isEncoder {
				encoding, length = enc.Encoding(), rdbObjectLength(e.Obj)
			}
		})
	}
	now := s.db().Now() / 1000
	idle := meta.Idle
	refCount := stringRefCount(e.Value, meta.Form)
	if refCount == sharedRefCount {
		// Every key holding a small integer shares Redis's one object
		// for it, made at start: its access time is the server's start.
		idle = now - s.ex.started.Unix()
	}
	lru := (now - idle) & store.ClockMask
	line := "Value at:0x" + strconv.FormatUint(uint64(uintptr(unsafe.Pointer(unsafe.SliceData(e.Value)))), 16) +
		" refcount:" + strconv.FormatInt(refCount, 10) +
		" encoding:" + encoding +
		" serializedlength:" + strconv.Itoa(length) +
		" lru:" + strconv.FormatInt(lru, 10) +
		" lru_seconds_idle:" + strconv.FormatInt(idle, 10) + extra
	s.reply.Status(line)
}

// DEBUG LISTPACK key: Redis prints a listpack-encoded value's entries on
// its standard output for whoever debugs it; the client only learns
// whether the value is one. Here the reply is the same and nothing is
// printed: no listpack exists to print, only the value that would be one.
func debugListpack(s *Session, args [][]byte) {
	found, packed := false, false
	s.db().PeekView(args[2], func(e store.Entry, ok bool) {
		found = ok
		if enc, isEncoder := e.Obj.(encoder); ok && isEncoder {
			packed = enc.Encoding() == "listpack"
		}
	})
	switch {
	case !found:
		s.reply.Error("ERR no such key")
	case !packed:
		s.reply.Error("ERR Not a listpack encoded object.")
	default:
		s.reply.Status("Listpack structure printed on stdout")
	}
}

// rdbStringLength is how many bytes Redis's RDB format takes for a string
// value (rdbSavedObjectLen). A number Redis holds as an integer, or a
// short string that reads back as the same number, is written as an 8, 16
// or 32 bit integer when it fits one (2, 3 or 5 bytes). A string longer
// than 20 bytes is written LZF-compressed when that saves more than 4
// bytes, as Redis does with rdbcompression yes (lzf.go). Anything else is
// its length (rdbLengthSize) and its bytes.
func rdbStringLength(value []byte, isInt bool) int {
	if isInt || len(value) <= 11 {
		if n, ok := parseInt(value); ok && strconv.FormatInt(n, 10) == string(value) {
			if size := rdbIntegerSize(n); size > 0 {
				return size
			}
		}
	}
	if len(value) > 20 {
		if packed := lzfCompressedLen(value, len(value)-4); packed > 0 {
			return 1 + rdbLengthSize(packed) + rdbLengthSize(len(value)) + packed
		}
	}
	return rdbLengthSize(len(value)) + len(value)
}

// rdbObjectLength is rdbStringLength for a collection. A set in the
// hashtable encoding is its member count and each member as a string; an
// intset is its blob (a header and each member at the width of the
// largest) as a string. Redis's intset keeps the width it once widened
// to, which a set that lost its large members here no longer shows, so
// that one may come out smaller. (A list's: debug_list.go.)
func rdbObjectLength(obj store.Object) int {
	if hash, ok := obj.(*hashes.Hash); ok {
		return rdbHashLength(hash)
	}
	if zset, ok := obj.(*zsets.ZSet); ok {
		return rdbZSetLength(zset)
	}
	set, ok := obj.(*sets.Set)
	if !ok {
		return 0
	}
	if set.Encoding() == "intset" {
		return rdbStringLength(intsetBlob(set), false)
	}
	n := rdbLengthSize(set.Len())
	set.Each(func(member []byte) bool {
		n += rdbStringLength(member, false)
		return true
	})
	return n
}

// rdbHashLength is rdbObjectLength for a hash: in the listpack encoding
// its listpack (listpack.go) as a string, in the hashtable encoding its
// field count and each field and value as strings.
func rdbHashLength(hash *hashes.Hash) int {
	if hash.Encoding() == "listpack" {
		var lp listpack
		hash.Range(func(field, value []byte) bool {
			lp.append(field)
			lp.append(value)
			return true
		})
		return rdbStringLength(lp.bytes(), false)
	}
	n := rdbLengthSize(hash.Len())
	hash.Range(func(field, value []byte) bool {
		n += rdbStringLength(field, false) + rdbStringLength(value, false)
		return true
	})
	return n
}

// rdbZSetLength is rdbObjectLength for a sorted set: in the listpack
// encoding its listpack of members and scores (each score as Redis writes
// it there, zsetScoreText) as a string; in the skiplist encoding its
// member count and each member as a string with its score as an 8-byte
// binary double.
func rdbZSetLength(zset *zsets.ZSet) int {
	if zset.Encoding() == "listpack" {
		var lp listpack
		zset.Walk(0, false, func(member []byte, score float64) bool {
			lp.append(member)
			lp.append([]byte(zsetScoreText(score)))
			return true
		})
		return rdbStringLength(lp.bytes(), false)
	}
	n := rdbLengthSize(zset.Len())
	zset.Walk(0, false, func(member []byte, score float64) bool {
		n += rdbStringLength(member, false) + 8
		return true
	})
	return n
}

// zsetScoreText is a score as Redis writes it into a listpack (d2string):
// a whole number within half of int64's range in plain digits, zero as
// "0" or "-0", anything else as %.17g.
func zsetScoreText(score float64) string {
	switch {
	case score == 0 && math.Signbit(score):
		return "-0"
	case score == 0:
		return "0"
	case score >= -math.MaxInt64/2 && score <= math.MaxInt64/2 && score == math.Trunc(score):
		return strconv.FormatInt(int64(score), 10)
	}
	return formatDouble(score)
}

// intsetBlob is Redis's intset of set's members: the width in bytes (2,
// 4 or 8) and the count, as 32-bit little-endian numbers, then the
// members in order at that width.
func intsetBlob(set *sets.Set) []byte {
	var values []int64
	width := 2
	set.Each(func(member []byte) bool {
		v, _ := parseInt(member)
		values = append(values, v)
		switch {
		case v < math.MinInt32 || v > math.MaxInt32:
			width = 8
		case (v < math.MinInt16 || v > math.MaxInt16) && width < 4:
			width = 4
		}
		return true
	})
	slices.Sort(values)
	blob := binary.LittleEndian.AppendUint32(nil, uint32(width))
	blob = binary.LittleEndian.AppendUint32(blob, uint32(len(values)))
	for _, v := range values {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(v))
		blob = append(blob, b[:width]...)
	}
	return blob
}

// rdbIntegerSize is the size of n in RDB's integer encodings (a type byte
// and the integer), or 0 when n needs more than 32 bits.
func rdbIntegerSize(n int64) int {
	switch {
	case n >= math.MinInt8 && n <= math.MaxInt8:
		return 2
	case n >= math.MinInt16 && n <= math.MaxInt16:
		return 3
	case n >= math.MinInt32 && n <= math.MaxInt32:
		return 5
	}
	return 0
}

// rdbLengthSize is the size of RDB's length prefix for n: 6, 14, 32 or 64
// bits, in 1, 2, 5 or 9 bytes.
func rdbLengthSize(n int) int {
	switch {
	case n < 1<<6:
		return 1
	case n < 1<<14:
		return 2
	case uint64(n) <= math.MaxUint32:
		return 5
	}
	return 9
}
