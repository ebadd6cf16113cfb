package executor

import (
	"math/big"
	"strings"
)

// INCRBYFLOAT's arithmetic. Redis does it in C's long double, which on
// x86-64 is the 80-bit extended format: a 64-bit mantissa and a 15-bit
// exponent. Plain float64 would answer differently (10.5 + 0.1 prints as
// 10.6 in Redis but 10.599999999999999 in float64 at 17 digits), so the
// values here are big.Floats held to 64 bits of mantissa, each parse and
// each sum rounded to nearest-even as the x87 unit rounds.

const (
	longDoubleBits = 64
	// Exponent bounds in big.Float's form (mantissa in [0.5, 1)): the
	// largest finite long double is just under 2^16384; the smallest
	// subnormal is 2^-16445.
	longDoubleMaxExp = 16384
	longDoubleMinExp = -16444
	// Redis refuses a float argument this long or longer.
	maxFloatArgLen = 5 * 1024
)

// longDouble is a parsed long double: a finite value, or an infinity.
type longDouble struct {
	f   *big.Float
	inf bool
}

// parseLongDouble reads b as strtold does in the C locale, with Redis's
// extra rules: the whole argument must be the number, no leading space,
// no NaN, and no value that overflows or underflows to zero. It accepts
// a sign, decimal and hexadecimal (0x..., exponent p) forms, and "inf" or
// "infinity" in any case.
func parseLongDouble(b []byte) (longDouble, bool) {
	if len(b) == 0 || len(b) >= maxFloatArgLen {
		return longDouble{}, false
	}
	s := string(b)
	negative := false
	if s[0] == '+' || s[0] == '-' {
		negative = s[0] == '-'
		s = s[1:]
	}
	if lower := strings.ToLower(s); lower == "inf" || lower == "infinity" {
		return longDouble{f: new(big.Float).SetInf(negative), inf: true}, true
	}
	var f *big.Float
	var ok bool
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		f, ok = parseHexFloat(s[2:])
	} else {
		f, ok = parseDecimalFloat(s)
	}
	if !ok {
		return longDouble{}, false
	}
	if negative {
		f.Neg(f)
	}
	// strtold reports an overflow, or an underflow to zero, as a range
	// error, which Redis refuses.
	if f.IsInf() || (f.Sign() != 0 && !inLongDoubleRange(f)) {
		return longDouble{}, false
	}
	return longDouble{f: f}, true
}

// inLongDoubleRange reports whether a nonzero f neither overflows nor
// underflows a long double.
func inLongDoubleRange(f *big.Float) bool {
	exp := f.MantExp(nil)
	return exp <= longDoubleMaxExp && exp >= longDoubleMinExp
}

// splitMantissa splits "digits[.digits]" into the digits without the point
// and the count after it; ok is false unless there is at least one digit
// and every character is one (isDigit decides).
func splitMantissa(s string, isDigit func(byte) bool) (digits string, fraction int, ok bool) {
	intPart, fracPart, _ := strings.Cut(s, ".")
	if len(intPart)+len(fracPart) == 0 {
		return "", 0, false
	}
	for _, part := range []string{intPart, fracPart} {
		for i := 0; i < len(part); i++ {
			if !isDigit(part[i]) {
				return "", 0, false
			}
		}
	}
	return intPart + fracPart, len(fracPart), true
}

// parseExponent reads an optional exponent after marker ('e' or 'p'):
// sign and decimal digits. Huge exponents are clamped, which is enough to
// tell overflow or underflow apart later.
func parseExponent(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	negative := false
	if s[0] == '+' || s[0] == '-' {
		negative = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if !isDecimalDigit(s[i]) {
			return 0, false
		}
		if n < 1<<40 {
			n = n*10 + int64(s[i]-'0')
		}
	}
	if negative {
		n = -n
	}
	return n, true
}

func isDecimalDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHexDigit(c byte) bool {
	return isDecimalDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

// parseDecimalFloat reads digits[.digits][e[sign]digits], rounded once,
// exactly, to 64 bits.
func parseDecimalFloat(s string) (*big.Float, bool) {
	mantissa, exponentText, hasExponent := strings.Cut(strings.ToLower(s), "e")
	digits, fraction, ok := splitMantissa(mantissa, isDecimalDigit)
	if !ok {
		return nil, false
	}
	var exp10 int64
	if hasExponent {
		if exp10, ok = parseExponent(exponentText); !ok {
			return nil, false
		}
	}
	digits = strings.TrimLeft(digits, "0")
	f := new(big.Float).SetPrec(longDoubleBits)
	if digits == "" {
		return f, true // zero, whatever the exponent
	}
	exp10 -= int64(fraction)
	// The value is about 10^(len(digits)+exp10). Far outside the long
	// double range (10^±4951), say so without building huge numbers.
	magnitude := int64(len(digits)) + exp10
	if magnitude > 5000 {
		return f.SetInf(false), true
	}
	if magnitude < -5000 {
		return f.SetMantExp(big.NewFloat(0.5), 2*longDoubleMinExp), true
	}
	n, _ := new(big.Int).SetString(digits, 10)
	if exp10 >= 0 {
		n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(exp10), nil))
		return f.SetInt(n), true
	}
	r := new(big.Rat).SetFrac(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(-exp10), nil))
	return f.SetRat(r), true
}

// parseHexFloat reads the part after "0x": hexdigits[.hexdigits][p[sign]digits].
func parseHexFloat(s string) (*big.Float, bool) {
	mantissa, exponentText, hasExponent := strings.Cut(strings.ToLower(s), "p")
	digits, fraction, ok := splitMantissa(mantissa, isHexDigit)
	if !ok {
		return nil, false
	}
	var exp2 int64
	if hasExponent {
		if exp2, ok = parseExponent(exponentText); !ok {
			return nil, false
		}
	}
	n, _ := new(big.Int).SetString(digits, 16)
	exp2 -= 4 * int64(fraction)
	f := new(big.Float).SetPrec(longDoubleBits)
	if n.Sign() == 0 {
		return f, true
	}
	const limit = 1 << 20 // far beyond either end of the range
	exp2 = max(min(exp2, limit), -limit)
	exact := new(big.Float).SetInt(n)
	return f.SetMantExp(exact, int(exp2)), true
}

// addLongDouble returns a + b rounded to a long double, and false when the
// sum is not finite (an infinity in, or an overflow out).
func addLongDouble(a, b longDouble) (*big.Float, bool) {
	if a.inf || b.inf {
		return nil, false
	}
	sum := new(big.Float).SetPrec(longDoubleBits).Add(a.f, b.f)
	if sum.Sign() != 0 && sum.MantExp(nil) > longDoubleMaxExp {
		return nil, false
	}
	return sum, true
}

// formatLongDouble writes f as Redis's human-friendly form does: fixed
// point with 17 decimals, then trailing zeros (and a bare point) cut, and
// a "-0" left by that made "0".
func formatLongDouble(f *big.Float) []byte { return humanFixed(f.Text('f', 17)) }

// humanFixed cuts a fixed-point text's trailing zeros (and a bare point)
// and turns "-0" into "0": the human-friendly form's last step.
func humanFixed(text string) []byte {
	if strings.IndexByte(text, '.') >= 0 {
		text = strings.TrimRight(text, "0")
		text = strings.TrimSuffix(text, ".")
	}
	if text == "-0" {
		text = "0"
	}
	return []byte(text)
}

// zeroLongDouble is what an absent key counts as.
func zeroLongDouble() *big.Float { return new(big.Float).SetPrec(longDoubleBits) }
