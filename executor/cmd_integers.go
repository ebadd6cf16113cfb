package executor

import (
	"math"
	"strconv"

	"redis-lite/store"
)

// integerCommands treat a value as a signed 64-bit decimal integer.
var integerCommands = []command{
	{name: "incr", arity: 2, flags: flagWrite | flagDenyOOM | flagFast, run: cmdIncr},
	{name: "decr", arity: 2, flags: flagWrite | flagDenyOOM | flagFast, run: cmdDecr},
	{name: "incrby", arity: 3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdIncrBy},
	{name: "decrby", arity: 3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdDecrBy},
}

func cmdIncr(s *Session, args [][]byte) { s.addToKey(args[1], 1) }
func cmdDecr(s *Session, args [][]byte) { s.addToKey(args[1], -1) }

func cmdIncrBy(s *Session, args [][]byte) {
	if delta, ok := parseInt(args[2]); ok {
		s.addToKey(args[1], delta)
		return
	}
	s.reply.Error(errNotInteger)
}

func cmdDecrBy(s *Session, args [][]byte) {
	delta, ok := parseInt(args[2])
	if !ok {
		s.reply.Error(errNotInteger)
		return
	}
	if delta == math.MinInt64 {
		s.reply.Error("ERR decrement would overflow")
		return
	}
	s.addToKey(args[1], -delta)
}

// addToKey adds delta to the integer at key (0 when absent) atomically,
// keeping the key's expiry, and replies with the result.
func (s *Session) addToKey(key []byte, delta int64) {
	var result int64
	var existed bool
	errText := ""
	if !s.updateString(key, func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		var n int64
		if exists {
			var ok bool
			if n, ok = parseInt(cur.Value); !ok {
				errText = errNotInteger
				return cur, store.Keep
			}
		}
		if (delta > 0 && n > math.MaxInt64-delta) || (delta < 0 && n < math.MinInt64-delta) {
			errText = "ERR increment or decrement would overflow"
			return cur, store.Keep
		}
		result = n + delta
		return store.Entry{Value: strconv.AppendInt(nil, result, 10), ExpireAt: cur.ExpireAt}, store.Put
	}) {
		return
	}
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	s.changed(1)
	s.notifyCreated(existed, key)
	s.notify(classString, "incrby", key)
	s.reply.Int(result)
}
