package executor

// globMatch reports whether s matches pattern with Redis's glob rules (used
// by CONFIG GET now, and by KEYS and SCAN MATCH): a star matches any run of
// bytes, the empty run included; a question mark matches any one byte;
// [abc] matches one of a, b, c, [^abc] any byte but those, [a-z] a range;
// and a backslash makes the next byte stand for itself.
//
// Matching is on bytes, so binary keys work. nocase folds ASCII letters.
func globMatch(pattern, s []byte, nocase bool) bool {
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for len(pattern) > 1 && pattern[1] == '*' {
				pattern = pattern[1:]
			}
			if len(pattern) == 1 {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if globMatch(pattern[1:], s[i:], nocase) {
					return true
				}
			}
			return false
		case '?':
			if len(s) == 0 {
				return false
			}
			s = s[1:]
			pattern = pattern[1:]
			continue
		case '[':
			if len(s) == 0 {
				return false
			}
			matched, rest := matchClass(pattern[1:], s[0], nocase)
			if !matched {
				return false
			}
			pattern, s = rest, s[1:]
			continue
		case '\\':
			if len(pattern) >= 2 {
				pattern = pattern[1:]
			}
		}
		if len(s) == 0 || !sameByte(pattern[0], s[0], nocase) {
			return false
		}
		pattern, s = pattern[1:], s[1:]
	}
	return len(s) == 0
}

// matchClass matches c against a [...] class whose body starts at p, and
// returns the pattern after the closing bracket. An unclosed class runs to
// the end of the pattern, as in Redis.
func matchClass(p []byte, c byte, nocase bool) (bool, []byte) {
	negate := len(p) > 0 && p[0] == '^'
	if negate {
		p = p[1:]
	}
	matched := false
	for len(p) > 0 && p[0] != ']' {
		switch {
		case p[0] == '\\' && len(p) >= 2:
			matched = matched || sameByte(p[1], c, nocase)
			p = p[2:]
		case len(p) >= 3 && p[1] == '-':
			lo, hi := p[0], p[2]
			if lo > hi {
				lo, hi = hi, lo
			}
			if nocase {
				lo, hi, c = lower(lo), lower(hi), lower(c)
			}
			matched = matched || (c >= lo && c <= hi)
			p = p[3:]
		default:
			matched = matched || sameByte(p[0], c, nocase)
			p = p[1:]
		}
	}
	if len(p) > 0 {
		p = p[1:] // the ']'
	}
	return matched != negate, p
}

func sameByte(a, b byte, nocase bool) bool {
	if nocase {
		return lower(a) == lower(b)
	}
	return a == b
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
