package parser

import (
	"math"
	"strconv"
)

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

// ParseMemory reads a byte count as Redis's memtoull does: digits, then an
// optional unit, in any case: b, k (1000), kb (1024), m (1000^2), mb
// (1024^2), g (1000^3) or gb (1024^3). No sign, no fraction, no space.
// Like Redis, a unit with no digits ("mb", or "") is 0. overflow reports a
// count too large for an int64.
func ParseMemory(w string) (n int64, ok, overflow bool) {
	end := 0
	for end < len(w) && w[end] >= '0' && w[end] <= '9' {
		end++
	}
	var unit uint64
	switch asciiLower(w[end:]) {
	case "", "b":
		unit = 1
	case "k":
		unit = 1000
	case "kb":
		unit = 1024
	case "m":
		unit = 1000 * 1000
	case "mb":
		unit = 1024 * 1024
	case "g":
		unit = 1000 * 1000 * 1000
	case "gb":
		unit = 1024 * 1024 * 1024
	default:
		return 0, false, false
	}
	if end == 0 {
		return 0, true, false
	}
	count, err := strconv.ParseUint(w[:end], 10, 64)
	if err != nil || count > (1<<63-1)/unit {
		return 0, true, true
	}
	return int64(count * unit), true, false
}

// asciiLower folds only ASCII letters, as strcasecmp does (strings.ToLower
// would also turn the Kelvin sign into a 'k').
func asciiLower(w string) string {
	b := []byte(w)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
