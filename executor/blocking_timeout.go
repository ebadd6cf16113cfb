package executor

import (
	"math"
	"math/big"
	"time"
)

// A blocking command's timeout, read as Redis 7.0 reads it: seconds with
// fractions, in long double, rounded up to a millisecond.

// parseTimeout reads a blocking command's timeout in seconds, fractions
// allowed, as Redis does (rounded up to a millisecond); it writes Redis's
// error and reports false for a bad one.
func (s *Session) parseTimeout(arg []byte) (time.Duration, bool) {
	secs, ok := parseLongDouble(arg)
	if !ok {
		s.reply.Error("ERR timeout is not a float or out of range")
		return 0, false
	}
	ms := ceilMillis(secs)
	if ms < 0 {
		s.reply.Error("ERR timeout is negative")
		return 0, false
	}
	if ms > int64(math.MaxInt64/time.Millisecond) {
		return math.MaxInt64, true // centuries: as good as no timeout
	}
	return time.Duration(ms) * time.Millisecond, true
}

// ceilMillis is Redis's conversion of a timeout in seconds to whole
// milliseconds: multiplied in long double and rounded up. A value that
// does not fit a 64-bit integer converts, as on x86-64, to the most
// negative one, which then reads as a negative timeout.
func ceilMillis(secs longDouble) int64 {
	if secs.inf {
		return math.MinInt64
	}
	ms := new(big.Float).SetPrec(longDoubleBits).Mul(secs.f, big.NewFloat(1000))
	i, acc := ms.Int(nil)
	if acc == big.Below { // positive with a fraction: Int truncated it down
		i.Add(i, big.NewInt(1))
	}
	if !i.IsInt64() {
		return math.MinInt64
	}
	return i.Int64()
}
