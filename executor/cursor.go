package executor

// parseScanCursor reads SCAN's cursor the way Redis does, with C's
// strtoul: so "+0", "-0", "007" and "" (no digits at all) are accepted,
// and "-1" wraps around to 2^64-1 (which, like any cursor the store never
// handed out, ends the iteration). Refused, with "ERR invalid cursor":
// a leading blank (strtoul would skip it, Redis checks first), any byte
// after the digits, a sign with no digits, and a value over 64 bits. The
// argument is a C string there, so a NUL ends it.
func parseScanCursor(arg []byte) (uint64, bool) {
	b := cString(arg)
	if len(b) == 0 {
		return 0, true // strtoul reads nothing and stops at the end
	}
	if isCSpace(b[0]) {
		return 0, false
	}
	negative := b[0] == '-'
	if b[0] == '+' || b[0] == '-' {
		b = b[1:]
		if len(b) == 0 {
			return 0, false // no digits: strtoul stops before the sign
		}
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if n > (^uint64(0)-d)/10 {
			return 0, false // ERANGE
		}
		n = n*10 + d
	}
	if negative {
		n = -n // strtoul negates in unsigned arithmetic
	}
	return n, true
}

// isCSpace is C's isspace() in the C locale.
func isCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
