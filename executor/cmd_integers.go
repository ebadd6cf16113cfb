package executor

import (
	"errors"
	"math"
	"strconv"
)

// integerCommands treat a value as a signed 64-bit decimal integer.
var integerCommands = []command{
	{name: "incr", arity: 2, flags: flagWrite | flagDenyOOM | flagFast, firstKey: 1, lastKey: 1, keyStep: 1, run: cmdIncr},
	{name: "decr", arity: 2, flags: flagWrite | flagDenyOOM | flagFast, firstKey: 1, lastKey: 1, keyStep: 1, run: cmdDecr},
	{name: "incrby", arity: 3, flags: flagWrite | flagDenyOOM | flagFast, firstKey: 1, lastKey: 1, keyStep: 1, run: cmdIncrBy},
	{name: "decrby", arity: 3, flags: flagWrite | flagDenyOOM | flagFast, firstKey: 1, lastKey: 1, keyStep: 1, run: cmdDecrBy},
}

var (
	errValueNotInteger = errors.New(errNotInteger)
	errOverflow        = errors.New("ERR increment or decrement would overflow")
)

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

// addToKey adds delta to the integer at key (0 when absent) atomically and
// replies with the result.
func (s *Session) addToKey(key []byte, delta int64) {
	var result int64
	err := s.ex.store.Update(key, func(cur []byte, exists bool) ([]byte, error) {
		var n int64
		if exists {
			var ok bool
			if n, ok = parseInt(cur); !ok {
				return nil, errValueNotInteger
			}
		}
		if (delta > 0 && n > math.MaxInt64-delta) || (delta < 0 && n < math.MinInt64-delta) {
			return nil, errOverflow
		}
		result = n + delta
		return strconv.AppendInt(nil, result, 10), nil
	})
	if err != nil {
		s.reply.Error(err.Error())
		return
	}
	s.reply.Int(result)
}
