package executor

import (
	"math"
	"strconv"

	"redis-lite/hashes"
)

// HINCRBY key field increment: the new value. The increment is checked
// before the key is looked at, as in Redis; the field's value must be a
// 64-bit integer in Redis's strict form.
func cmdHIncrBy(s *Session, args [][]byte) {
	incr, ok := parseInt(args[3])
	if !ok {
		s.reply.Error(errNotInteger)
		return
	}
	lim := s.hashLimits()
	var result int64
	errText := ""
	existed, _, wrong := s.editHash(args[1], true, func(h *hashes.Hash) hashEdit {
		var current int64
		if v, found := h.Get(args[2]); found {
			if current, ok = parseInt(v); !ok {
				errText = "ERR hash value is not an integer"
				return hashEdit{}
			}
		}
		if (incr < 0 && current < 0 && incr < math.MinInt64-current) || (incr > 0 && current > 0 && incr > math.MaxInt64-current) {
			errText = "ERR increment or decrement would overflow"
			return hashEdit{}
		}
		result = current + incr
		var digits [20]byte // the hash copies them
		h.Set(args[2], strconv.AppendInt(digits[:0], result, 10), lim)
		return hashEdit{changed: true, replay: args}
	})
	switch {
	case wrong:
	case errText != "":
		s.reply.Error(errText)
	default:
		s.changed(1)
		s.notifyCreated(existed, args[1])
		s.notify(classHash, "hincrby", args[1])
		s.reply.Int(result)
	}
}

// HINCRBYFLOAT key field increment: the new value, in Redis's long double
// arithmetic and formatting (longdouble.go). The append-only file gets
// HSET key field <result>, as Redis replicates it, so that a replay
// cannot round differently.
func cmdHIncrByFloat(s *Session, args [][]byte) {
	delta, ok := parseLongDouble(args[3])
	switch {
	case !ok:
		s.reply.Error("ERR value is not a valid float")
		return
	case delta.inf:
		s.reply.Error("ERR value is NaN or Infinity")
		return
	}
	lim := s.hashLimits()
	var result []byte
	errText := ""
	existed, _, wrong := s.editHash(args[1], true, func(h *hashes.Hash) hashEdit {
		current := longDouble{f: zeroLongDouble()}
		if v, found := h.Get(args[2]); found {
			if current, ok = parseLongDouble(v); !ok {
				errText = "ERR hash value is not a float"
				return hashEdit{}
			}
		}
		sum, ok := addLongDouble(current, delta)
		if !ok {
			errText = "ERR increment would produce NaN or Infinity"
			return hashEdit{}
		}
		result = formatLongDouble(sum)
		h.Set(args[2], result, lim)
		return hashEdit{changed: true, replay: [][]byte{[]byte("HSET"), args[1], args[2], result}}
	})
	switch {
	case wrong:
	case errText != "":
		s.reply.Error(errText)
	default:
		s.changed(1)
		s.notifyCreated(existed, args[1])
		s.notify(classHash, "hincrbyfloat", args[1])
		s.reply.Bulk(result)
	}
}
