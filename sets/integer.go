package sets

import "math"

// parseMember reads member as a 64-bit integer the strict way Redis
// decides whether a string may live in an intset (string2ll): optional
// '-', then digits without a leading zero ("0" alone is fine, "-0" is
// not), nothing else, and within int64. Only such strings round-trip
// through their integer unchanged, which is what lets an intset hand the
// same bytes back.
func parseMember(member []byte) (int64, bool) {
	n := len(member)
	if n == 0 || n > 20 {
		return 0, false
	}
	if n == 1 && member[0] == '0' {
		return 0, true
	}
	negative := member[0] == '-'
	digits := member
	if negative {
		digits = member[1:]
	}
	if len(digits) == 0 || digits[0] < '1' || digits[0] > '9' {
		return 0, false
	}
	var v uint64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if v > (math.MaxUint64-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	if negative {
		if v > 1<<63 {
			return 0, false
		}
		return -int64(v), true // -(1<<63) wraps to itself: MinInt64
	}
	if v > math.MaxInt64 {
		return 0, false
	}
	return int64(v), true
}
