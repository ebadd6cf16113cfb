package executor

import (
	"redis-lite/store"
)

// rangeCommands read and write parts of a string, replace it whole
// (GETSET) or treat it as a floating-point number (INCRBYFLOAT).
var rangeCommands = []command{
	{name: "getset", arity: 3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdGetSet},
	{name: "getrange", arity: 4, flags: flagReadonly, run: cmdGetRange},
	{name: "substr", arity: 4, flags: flagReadonly, run: cmdGetRange},
	{name: "setrange", arity: 4, flags: flagWrite | flagDenyOOM, run: cmdSetRange},
	{name: "incrbyfloat", arity: 3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdIncrByFloat},
	{name: "lcs", arity: -3, flags: flagReadonly, run: cmdLCS},
}

const errStringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)"

// countRead adds one lookup to INFO's keyspace_hits or keyspace_misses, as
// Redis counts every read of a key by a command.
func (s *Session) countRead(found bool) {
	if found {
		s.counts.hits++
	} else {
		s.counts.misses++
	}
}

// GETSET key value: the old value (nil if none); the key now holds value,
// with no expiry, as SET without options leaves it.
func cmdGetSet(s *Session, args [][]byte) {
	value := args[2] // the store copies it
	var old []byte
	var existed bool
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		old, existed = cur.Value, exists
		return store.Entry{Value: value}, store.Put
	}) {
		return
	}
	s.changed(1)
	s.notifyCreated(existed, args[1])
	s.notify(classString, "set", args[1])
	s.countRead(existed)
	if !existed {
		s.reply.Nil()
		return
	}
	s.reply.Bulk(old)
}

// rangeArgs reads a start and an end position, or answers Redis's error
// for one that is not an integer and reports false.
func (s *Session) rangeArgs(startArg, endArg []byte) (start, end int64, ok bool) {
	start, ok = parseInt(startArg)
	if ok {
		end, ok = parseInt(endArg)
	}
	if !ok {
		s.reply.Error(errNotInteger)
	}
	return start, end, ok
}

// GETRANGE key start end (and its old name SUBSTR): the bytes from start
// to end inclusive, negative positions counting from the end; an empty
// string when the range holds nothing or the key is absent.
func cmdGetRange(s *Session, args [][]byte) {
	start, end, ok := s.rangeArgs(args[2], args[3])
	if !ok {
		return
	}
	v, found, isString := s.getString(args[1])
	if !isString {
		return
	}
	s.countRead(found)
	first, last, empty := clampRange(start, end, int64(len(v)))
	if empty {
		s.reply.Bulk(nil)
		return
	}
	s.reply.Bulk(v[first : last+1])
}

// clampRange turns a start and end that may count from the end (-1 is the
// last) into positions within a sequence of length n, Redis's way: two
// negatives in the wrong order are empty, then each is clamped into
// [0, n-1]. empty is true when nothing is left.
func clampRange(start, end, n int64) (first, last int64, empty bool) {
	if start < 0 && end < 0 && start > end {
		return 0, 0, true
	}
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	start, end = max(start, 0), max(end, 0)
	end = min(end, n-1)
	if start > end || n == 0 {
		return 0, 0, true
	}
	return start, end, false
}

// SETRANGE key offset value: writes value at offset, padding with zero
// bytes as needed, and answers the new length. The key keeps its expiry.
// An empty value changes nothing (and creates no key).
func cmdSetRange(s *Session, args [][]byte) {
	offset, ok := parseInt(args[2])
	if !ok {
		s.reply.Error(errNotInteger)
		return
	}
	if offset < 0 {
		s.reply.Error("ERR offset is out of range")
		return
	}
	patch := args[3]
	var length int
	var existed, patched bool
	errText := ""
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		length = len(cur.Value)
		if len(patch) == 0 {
			return cur, store.Keep
		}
		if !s.fitsMaxString(offset, int64(len(patch))) {
			errText = errStringTooLong
			return cur, store.Keep
		}
		next := patchedCopy(cur.Value, int(offset), patch)
		length, patched = len(next), true
		return store.Entry{Value: next, ExpireAt: cur.ExpireAt}, store.PutEdited
	}) {
		return
	}
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	if patched {
		s.changed(1)
		s.notifyCreated(existed, args[1])
		s.notify(classString, "setrange", args[1])
	}
	s.reply.Int(int64(length))
}

// fitsMaxString reports whether a string of size+extra bytes stays within
// proto-max-bulk-len, the largest string Redis lets a command build.
func (s *Session) fitsMaxString(size, extra int64) bool {
	total := size + extra
	return total >= size && total <= s.ex.maxBulkLen.Load()
}

// patchedCopy returns a new slice holding old with patch written at
// offset, zero-filled between them when offset is past the end. It never
// writes into old, which may be held by a reader (store doc).
func patchedCopy(old []byte, offset int, patch []byte) []byte {
	next := make([]byte, max(len(old), offset+len(patch)))
	copy(next, old)
	copy(next[offset:], patch)
	return next
}

// INCRBYFLOAT key increment: adds increment to the number at key (0 when
// absent), in long double arithmetic (longdouble.go), and answers the
// result as Redis formats it. The key keeps its expiry. The append-only
// file records the result, never the increment, so replaying it cannot
// give a different number.
func cmdIncrByFloat(s *Session, args [][]byte) {
	incr := args[2]
	var result []byte
	var existed bool
	errText := ""
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		current := longDouble{f: zeroLongDouble()}
		if exists {
			var ok bool
			if current, ok = parseLongDouble(cur.Value); !ok {
				errText = errNotFloat
				return cur, store.Keep
			}
		}
		delta, ok := parseLongDouble(incr)
		if !ok {
			errText = errNotFloat
			return cur, store.Keep
		}
		sum, ok := addLongDouble(current, delta)
		if !ok {
			errText = "ERR increment would produce NaN or Infinity"
			return cur, store.Keep
		}
		result = formatLongDouble(sum)
		return store.Entry{Value: result, ExpireAt: cur.ExpireAt}, store.PutText
	}) {
		return
	}
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	s.changed(1)
	s.notifyCreated(existed, args[1])
	s.notify(classString, "incrbyfloat", args[1])
	s.reply.Bulk(result)
}

const errNotFloat = "ERR value is not a valid float"
