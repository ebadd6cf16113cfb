package executor

import (
	"bytes"
	"math"
	"strconv"
)

// Reading scores and ranges the way Redis's sorted set commands do. A
// score argument (ZADD, ZINCRBY, WEIGHTS) is C's strtod with Redis's
// extra rules; a range bound (ZRANGEBYSCORE's min and max) is plain
// strtod, which is laxer: leading spaces, an empty string (0) and a
// value that overflows (an infinity) all pass there.

const (
	errScoreRange = "ERR min or max is not a float"
	errLexRange   = "ERR min or max not valid string range item"
	errNaNScore   = "ERR resulting score is not a number (NaN)"
	errWeight     = "ERR weight value is not a float"
)

// cFloat is what strtod made of the start of a text: the value, how many
// bytes it read (0: no number) and whether a finite number overflowed
// (HUGE_VAL) or a nonzero one underflowed to zero (both ERANGE).
type cFloat struct {
	value            float64
	read             int
	overflow, toZero bool
}

// strtod reads the longest number at the start of b as C's strtod does in
// the C locale: leading white space, a sign, then "inf", "infinity",
// "nan", a hexadecimal 0x number (exponent p) or a decimal one.
func strtod(b []byte) cFloat {
	i := 0
	for i < len(b) && isCSpace(b[i]) {
		i++
	}
	start := i
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	rest := b[i:]
	switch {
	case hasFoldPrefix(rest, "infinity"):
		return cFloat{value: signed(b[start], math.Inf(1)), read: i + 8}
	case hasFoldPrefix(rest, "inf"):
		return cFloat{value: signed(b[start], math.Inf(1)), read: i + 3}
	case hasFoldPrefix(rest, "nan"):
		n := i + 3
		if j := bytes.IndexByte(b[n:], ')'); n < len(b) && b[n] == '(' && j > 0 && allNanChars(b[n+1:n+j]) {
			n += j + 1
		}
		return cFloat{value: math.NaN(), read: n}
	}
	if len(rest) > 2 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X') {
		if n := scanMantissa(rest[2:], isHexDigit); n > 0 {
			end := i + 2 + n
			end += scanExponent(b[end:], 'p')
			text := string(b[start:end])
			if !bytes.ContainsAny(b[i+2+n:end], "pP") {
				text += "p0" // Go wants the exponent that C lets go
			}
			return finishFloat(text, end, b[i+2:i+2+n])
		}
	}
	n := scanMantissa(rest, isDecimalDigit)
	if n == 0 {
		return cFloat{}
	}
	end := i + n
	end += scanExponent(b[end:], 'e')
	return finishFloat(string(b[start:end]), end, b[i:i+n])
}

// finishFloat converts a text strtod accepted; mantissa tells a true zero
// from an underflow.
func finishFloat(text string, read int, mantissa []byte) cFloat {
	f, err := strconv.ParseFloat(text, 64)
	out := cFloat{value: f, read: read}
	if err != nil && math.IsInf(f, 0) {
		out.overflow = true
	}
	if f == 0 && bytes.ContainsAny(mantissa, "123456789abcdefABCDEF") {
		out.toZero = true
	}
	return out
}

func signed(sign byte, f float64) float64 {
	if sign == '-' {
		return -f
	}
	return f
}

func hasFoldPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && equalFoldASCII(b[:len(prefix)], prefix)
}

func allNanChars(b []byte) bool {
	for _, c := range b {
		if !(isDecimalDigit(c) || c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) {
			return false
		}
	}
	return true
}

// scanMantissa is the length of digits[.digits] at the start of b, 0
// unless there is at least one digit.
func scanMantissa(b []byte, isDigit func(byte) bool) int {
	i, digits := 0, 0
	for i < len(b) && isDigit(b[i]) {
		i, digits = i+1, digits+1
	}
	if i < len(b) && b[i] == '.' {
		i++
		for i < len(b) && isDigit(b[i]) {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return 0
	}
	return i
}

// scanExponent is the length of an exponent (marker, sign, decimal
// digits) at the start of b, 0 when there is no complete one.
func scanExponent(b []byte, marker byte) int {
	if len(b) == 0 || (b[0]|0x20) != marker {
		return 0
	}
	i := 1
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	digits := i
	for i < len(b) && isDecimalDigit(b[i]) {
		i++
	}
	if i == digits {
		return 0
	}
	return i
}

// parseScore reads a score or increment as Redis's string2d: the whole
// argument, no leading space, not NaN, no overflow, no underflow to zero.
func parseScore(b []byte) (float64, bool) {
	f := strtod(b)
	if len(b) == 0 || isCSpace(b[0]) || f.read != len(b) || f.overflow || f.toZero || math.IsNaN(f.value) {
		return 0, false
	}
	return f.value, true
}

// scoreRange is ZRANGEBYSCORE's interval; an exclusive end is "(".
type scoreRange struct {
	min, max       float64
	minExc, maxExc bool
}

// parseScoreBound reads one end of a score range: strtod must read up to
// the end of the argument (or a NUL byte, where C's string ends).
func parseScoreBound(b []byte) (f float64, exclusive bool, ok bool) {
	if len(b) > 0 && b[0] == '(' {
		b, exclusive = b[1:], true
	}
	if nul := bytes.IndexByte(b, 0); nul >= 0 {
		b = b[:nul]
	}
	// strtod reads nothing from a text that is no number, so only an
	// empty one passes (as 0).
	v := strtod(b)
	if v.read != len(b) || math.IsNaN(v.value) {
		return 0, false, false
	}
	return v.value, exclusive, true
}

func parseScoreRange(minArg, maxArg []byte) (scoreRange, bool) {
	var r scoreRange
	var ok1, ok2 bool
	r.min, r.minExc, ok1 = parseScoreBound(minArg)
	r.max, r.maxExc, ok2 = parseScoreBound(maxArg)
	return r, ok1 && ok2
}

// below is "score is before the range" and within "score is not after
// it": CountWhile with them gives where the range starts and ends.
func (r scoreRange) below(_ []byte, s float64) bool {
	if r.minExc {
		return s <= r.min
	}
	return s < r.min
}

func (r scoreRange) notAbove(_ []byte, s float64) bool {
	if r.maxExc {
		return s < r.max
	}
	return s <= r.max
}

// empty reports a range no score can fall in.
func (r scoreRange) empty() bool {
	return r.min > r.max || (r.min == r.max && (r.minExc || r.maxExc))
}

// lexRange is ZRANGEBYLEX's interval: "-" and "+" are the ends of all
// strings, "[" includes a bound and "(" excludes it.
type lexRange struct {
	min, max       []byte
	minInf, maxInf int // -1: "-", 1: "+", 0: a string
	minExc, maxExc bool
}

func parseLexBound(b []byte) (value []byte, inf int, exclusive bool, ok bool) {
	if len(b) == 0 {
		return nil, 0, false, false
	}
	switch b[0] {
	case '+', '-':
		if len(b) != 1 {
			return nil, 0, false, false
		}
		if b[0] == '+' {
			return nil, 1, true, true
		}
		return nil, -1, true, true
	case '(':
		return b[1:], 0, true, true
	case '[':
		return b[1:], 0, false, true
	}
	return nil, 0, false, false
}

func parseLexRange(minArg, maxArg []byte) (lexRange, bool) {
	var r lexRange
	var ok1, ok2 bool
	r.min, r.minInf, r.minExc, ok1 = parseLexBound(minArg)
	r.max, r.maxInf, r.maxExc, ok2 = parseLexBound(maxArg)
	return r, ok1 && ok2
}

// compareBound orders member against a bound (inf -1 or 1 for "-", "+").
func compareBound(member, bound []byte, inf int) int {
	if inf != 0 {
		return -inf
	}
	return bytes.Compare(member, bound)
}

func (r lexRange) below(m []byte, _ float64) bool {
	c := compareBound(m, r.min, r.minInf)
	if r.minExc {
		return c <= 0
	}
	return c < 0
}

func (r lexRange) notAbove(m []byte, _ float64) bool {
	c := compareBound(m, r.max, r.maxInf)
	if r.maxExc {
		return c < 0
	}
	return c <= 0
}

// empty reports a range no string can fall in.
func (r lexRange) empty() bool {
	if r.minInf == 1 || r.maxInf == -1 {
		return true
	}
	if r.minInf == -1 || r.maxInf == 1 {
		return false
	}
	c := bytes.Compare(r.min, r.max)
	return c > 0 || (c == 0 && (r.minExc || r.maxExc))
}
