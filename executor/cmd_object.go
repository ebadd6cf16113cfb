package executor

import (
	"math"

	"redis-lite/store"
)

// objectCommands: OBJECT, the container of per-key introspection. Every
// value here is a string, so the answers are those Redis gives for its
// string objects.
var objectCommands = []command{
	{name: "object", arity: -2, subs: objectSubcommands},
}

var objectSubcommands = []command{
	{name: "object|encoding", arity: 3, flags: flagReadonly, run: cmdObjectEncoding},
	{name: "object|refcount", arity: 3, flags: flagReadonly, run: cmdObjectRefCount},
	{name: "object|freq", arity: 3, flags: flagReadonly, run: cmdObjectFreq},
	{name: "object|idletime", arity: 3, flags: flagReadonly, run: cmdObjectIdleTime},
	{name: "object|help", arity: 2, flags: flagLoading | flagStale, run: cmdObjectHelp},
}

// objectHelp is OBJECT HELP's text, Redis 7.0's lines.
var objectHelp = []string{
	"ENCODING <key>",
	"    Return the kind of internal representation used in order to store the value",
	"    associated with a <key>.",
	"FREQ <key>",
	"    Return the access frequency index of the <key>. The returned integer is",
	"    proportional to the logarithm of the recent access frequency of the key.",
	"IDLETIME <key>",
	"    Return the idle time of the <key>, that is the approximated number of",
	"    seconds elapsed since the last access to the key.",
	"REFCOUNT <key>",
	"    Return the number of references of the value associated with the specified",
	"    <key>.",
}

func cmdObjectHelp(s *Session, args [][]byte) { s.replyHelp(args, objectHelp) }

// Redis's string representations and the limits that pick one.
const (
	// embstrLimit: a string up to this long shares one allocation with
	// its object header in Redis ("embstr").
	embstrLimit = 44
	// sharedIntegers: Redis keeps one shared object for each integer
	// 0..9999 and points every key holding one at it, unless an eviction
	// policy needs per-key access data (never here: noeviction).
	sharedIntegers = 10000
	// sharedRefCount is the reference count Redis reports for its shared,
	// never-freed objects (INT_MAX).
	sharedRefCount = math.MaxInt32
)

// stringEncoding names the representation Redis would give a value:
// "int" for a canonical 64-bit decimal that Redis turned into a number,
// "embstr" for a short string, "raw" for a long or edited one.
func stringEncoding(value []byte, form store.Form) string {
	if form == store.FormEdited {
		return "raw"
	}
	if form == store.FormPlain || form == store.FormCopied {
		if _, ok := parseInt(value); ok {
			return "int"
		}
	}
	if len(value) <= embstrLimit {
		return "embstr"
	}
	return "raw"
}

// stringRefCount is Redis's reference count of a value: its shared
// integers report INT_MAX, every other value belongs to its key alone.
func stringRefCount(value []byte, form store.Form) int64 {
	if form == store.FormPlain && stringEncoding(value, form) == "int" {
		if n, _ := parseInt(value); n >= 0 && n < sharedIntegers {
			return sharedRefCount
		}
	}
	return 1
}

// lookupObject finds the key OBJECT asks about; a missing key gets nil,
// as Redis answers. OBJECT reads without counting a hit or a miss.
func (s *Session) lookupObject(key []byte) (store.Entry, store.Meta, bool) {
	e, m, ok := s.db().Inspect(key)
	if !ok {
		s.reply.Nil()
	}
	return e, m, ok
}

// encoder is a collection that names its encoding as Redis would.
type encoder interface{ Encoding() string }

// OBJECT ENCODING key: "int", "embstr" or "raw" for a string; for a
// collection, the name its package gives (listpack, hashtable, ...).
func cmdObjectEncoding(s *Session, args [][]byte) {
	e, m, ok := s.lookupObject(args[2])
	if !ok {
		return
	}
	if e.Obj == nil {
		s.reply.BulkString(stringEncoding(e.Value, m.Form))
		return
	}
	// A collection changes under its lock, so it is asked under it.
	name := "unknown"
	s.db().PeekView(args[2], func(e store.Entry, ok bool) {
		if enc, isEncoder := e.Obj.(encoder); ok && isEncoder {
			name = enc.Encoding()
		}
	})
	s.reply.BulkString(name)
}

// OBJECT REFCOUNT key
func cmdObjectRefCount(s *Session, args [][]byte) {
	if e, m, ok := s.lookupObject(args[2]); ok {
		s.reply.Int(stringRefCount(e.Value, m.Form))
	}
}

// OBJECT FREQ key: access frequencies are kept only under an LFU eviction
// policy, which this daemon never runs, so an existing key gets Redis's
// error.
func cmdObjectFreq(s *Session, args [][]byte) {
	if _, _, ok := s.lookupObject(args[2]); ok {
		s.reply.Error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. " +
			"Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
	}
}

// OBJECT IDLETIME key: seconds since the key was last read or written by
// a command that counts as an access (not TYPE, TTL, EXISTS or OBJECT).
func cmdObjectIdleTime(s *Session, args [][]byte) {
	if _, m, ok := s.lookupObject(args[2]); ok {
		s.reply.Int(m.Idle)
	}
}
