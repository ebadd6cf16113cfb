package executor

import (
	"math"
	"strconv"
	"unsafe"

	"redis-lite/store"
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
		" encoding:" + stringEncoding(e.Value, meta.Form) +
		" serializedlength:" + strconv.Itoa(rdbStringLength(e.Value, stringEncoding(e.Value, meta.Form) == "int")) +
		" lru:" + strconv.FormatInt(lru, 10) +
		" lru_seconds_idle:" + strconv.FormatInt(idle, 10)
	s.reply.Status(line)
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
