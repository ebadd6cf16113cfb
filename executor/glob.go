package executor

// Glob patterns, as Redis matches them in KEYS, SCAN MATCH, PSUBSCRIBE,
// PUBSUB CHANNELS and CONFIG GET.
//
// A pattern is a row of tokens, each matching exactly one byte of the
// subject, and stars between them:
//
//   - any run of bytes, the empty run included
//     ?       any one byte
//     [abc]   one of a, b, c; [^abc] any byte but those; [a-z] a range (the
//     ends may come in either order); \x inside stands for x; a class
//     with no closing bracket runs to the end of the pattern
//     \x      x itself; a backslash at the very end stands for itself
//     other   that byte
//
// Redis's quirks, kept because clients see them: an empty subject matches
// only the empty pattern (so "*" alone does not match the empty key; KEYS
// and SCAN treat a lone "*" as "everything" before matching, see
// keyMatcher); and past the 1000th star a pattern stops matching anything
// unless that star is its last token (Redis's guard against deep
// recursion).
//
// Time. The obvious matcher tries every split of the subject at every
// star, and a pattern like a*a*a*...b against a run of a's takes time
// exponential in the number of stars (Redis's CVE-2022-36021 was that). But
// since every token but the star matches exactly one byte, only the last
// star seen ever needs to be retried: whatever an earlier star swallowed
// more, the later one can swallow as well. So globMatch remembers one
// restart point, and runs in O(len(pattern) * len(subject)) at worst.
const maxGlobStars = 1000

// globMatch reports whether s matches pattern by the rules above. nocase
// folds ASCII letters (CONFIG GET uses it), except after a backslash inside
// a class, which Redis compares exactly.
func globMatch(pattern, s []byte, nocase bool) bool {
	if len(s) == 0 {
		return len(pattern) == 0
	}
	return !tooManyStars(pattern) && matchStars(pattern, s, nocase)
}

// matchStars is globMatch for a non-empty subject and a pattern within
// the star limit.
func matchStars(pattern, s []byte, nocase bool) bool {
	p, i := 0, 0
	// Where to resume when a token fails: the pattern just after the last
	// star, and the subject byte that star will swallow next.
	retryP, retryI := -1, 0
	for i < len(s) {
		if p < len(pattern) && pattern[p] == '*' {
			for p < len(pattern) && pattern[p] == '*' {
				p++
			}
			if p == len(pattern) {
				return true // a trailing star swallows the rest
			}
			retryP, retryI = p, i
			continue
		}
		if p < len(pattern) {
			if width, ok := matchToken(pattern[p:], s[i], nocase); ok {
				p += width
				i++
				continue
			}
		}
		if retryP < 0 {
			return false
		}
		// Let the last star swallow one more byte and try again from there.
		retryI++
		p, i = retryP, retryI
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// matchToken matches c against the token at the start of p (never a star)
// and returns how many pattern bytes the token spans.
func matchToken(p []byte, c byte, nocase bool) (width int, ok bool) {
	switch p[0] {
	case '?':
		return 1, true
	case '[':
		return matchClass(p, c, nocase)
	case '\\':
		if len(p) >= 2 {
			return 2, sameByte(p[1], c, nocase)
		}
	}
	return 1, sameByte(p[0], c, nocase)
}

// matchClass matches c against the class [...] at the start of p and
// returns the class's width, its brackets included.
func matchClass(p []byte, c byte, nocase bool) (width int, ok bool) {
	i := 1
	negate := i < len(p) && p[i] == '^'
	if negate {
		i++
	}
	matched := false
	for i < len(p) && p[i] != ']' {
		switch {
		case p[i] == '\\' && i+1 < len(p):
			matched = matched || p[i+1] == c
			i += 2
		case i+2 < len(p) && p[i+1] == '-':
			// A range; its far end may be a ']', which then does not close.
			lo, hi := p[i], p[i+2]
			if lo > hi {
				lo, hi = hi, lo
			}
			b := c
			if nocase {
				lo, hi, b = lower(lo), lower(hi), lower(c)
			}
			matched = matched || (lo <= b && b <= hi)
			i += 3
		default:
			matched = matched || sameByte(p[i], c, nocase)
			i++
		}
	}
	if i < len(p) {
		i++ // the closing ']'
	}
	return i, matched != negate
}

// tooManyStars reports whether the pattern has a star past the 1000th
// (counting a run of stars as one) that is not its last token: Redis gives
// up on such a pattern wherever it is matched against a non-empty subject.
func tooManyStars(pattern []byte) bool {
	stars := 0
	for p := 0; p < len(pattern); {
		if pattern[p] != '*' {
			p += tokenWidth(pattern[p:])
			continue
		}
		for p < len(pattern) && pattern[p] == '*' {
			p++
		}
		if stars++; stars > maxGlobStars && p < len(pattern) {
			return true
		}
	}
	return false
}

// tokenWidth is how many pattern bytes the token at the start of p spans.
func tokenWidth(p []byte) int {
	width, _ := matchToken(p, 0, false)
	return width
}

// keyMatcher is the filter KEYS and SCAN MATCH apply: nil (every key)
// for a lone "*", which Redis answers without matching, so the empty key is
// listed too. The star limit is checked once, not once a key.
func keyMatcher(pattern []byte) func(key []byte) bool {
	switch {
	case string(pattern) == "*":
		return nil
	case tooManyStars(pattern):
		return func([]byte) bool { return false }
	}
	return func(key []byte) bool {
		if len(key) == 0 {
			return len(pattern) == 0
		}
		return matchStars(pattern, key, false)
	}
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
