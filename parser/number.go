package parser

import "math"

// parseInt converts a decimal integer the strict way Redis's string2ll does:
// an optional '-', then digits with no leading zero (except "0" itself), no
// '+', no spaces, and no overflow of 64 bits. Lengths and counts in the
// protocol, and integer arguments of commands, are read this way.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	if len(b) == 1 && b[0] == '0' {
		return 0, true
	}
	negative := b[0] == '-'
	if negative {
		b = b[1:]
		if len(b) == 0 {
			return 0, false
		}
	}
	if b[0] < '1' || b[0] > '9' {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		if v > (math.MaxUint64-9)/10 {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	if negative {
		if v > -math.MinInt64 {
			return 0, false
		}
		return -int64(v), true
	}
	if v > math.MaxInt64 {
		return 0, false
	}
	return int64(v), true
}

// ParseInt exposes the protocol's strict integer rule for command
// arguments (INCRBY's increment, EXPIRE's seconds, ...).
func ParseInt(b []byte) (int64, bool) { return parseInt(b) }
