package executor

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// Each case's answer is what redis-server 7.0.15 gives for KEYS or CONFIG
// GET with the same pattern (TestGlobMatchesRedis at the repository root
// checks the matcher against a live redis-server).
func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", false}, // an empty subject matches only the empty pattern
		{"", "", true},
		{"", "a", false},
		{"*", "anything", true},
		{"user:*", "user:1", true},
		{"user:*", "user:", true},
		{"user:*", "users", false},
		{"h?llo", "hello", true},
		{"h?llo", "hllo", false},
		{"h*llo", "heeeello", true},
		{"h[ae]llo", "hallo", true},
		{"h[ae]llo", "hillo", false},
		{"h[^e]llo", "hallo", true},
		{"h[^e]llo", "hello", false},
		{"h[a-b]llo", "hbllo", true},
		{"h[a-b]llo", "hcllo", false},
		{"h[b-a]llo", "hallo", true},
		{`h\*llo`, "h*llo", true},
		{`h\*llo`, "hello", false},
		{`h[\]]llo`, "h]llo", true},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"a*b*c", "abcbc", true},
		{"*ab", "abab", true},
		{"*a", "ab", false},
		{"**a", "bba", true},
		{"a**", "a", true},
		{"[abc", "a", true},  // an unclosed class runs to the end
		{"[abc", "d", false}, //
		{"[a-]", "b", false}, // "a-]" is the range ']'..'a', and unclosed
		{"[a-]", "^", true},  //
		{"[]]", "]", false},  // "[]" is an empty class, then a literal ']'
		{"[]]", "]]", false}, //
		{`a\`, `a\`, true},   // a trailing backslash stands for itself
		{`[\`, `\`, true},    //
		{"[^]a", "xa", true}, // "[^]" is any byte
		{"a[", "a", false},   // a class always takes a byte
		{"*[", "x", false},   //
		{"?", "", false},     //
		{"a*", "a", true},    //
		{"*?", "x", true},    //
		{"proto-*", "proto-max-bulk-len", true},
	}
	for _, tt := range tests {
		if got := globMatch([]byte(tt.pattern), []byte(tt.s), false); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func TestGlobMatchNoCase(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"SAVE", "save", true},
		{"[A-C]x", "bX", true},
		{`[\A]`, "a", false}, // an escape inside a class compares exactly
		{`\A`, "a", true},    // outside one it folds
	}
	for _, tt := range tests {
		if got := globMatch([]byte(tt.pattern), []byte(tt.s), true); got != tt.want {
			t.Errorf("globMatch(%q, %q, nocase) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

// Redis stops matching past its 1000th star unless that star ends the
// pattern.
func TestGlobMatchStarLimit(t *testing.T) {
	subject := []byte(strings.Repeat("a", 2000))
	tests := []struct {
		pattern string
		want    bool
	}{
		{strings.Repeat("a*", 1000), true},
		{strings.Repeat("a*", 1001), true},        // the 1001st star is the last token
		{strings.Repeat("a*", 1001) + "a", false}, // it is not
		{strings.Repeat("*a", 1000), true},
		{strings.Repeat("*a", 1001), false},
		{strings.Repeat("**a", 1000), true}, // a run of stars counts once
	}
	for _, tt := range tests {
		if got := globMatch([]byte(tt.pattern), subject, false); got != tt.want {
			t.Errorf("globMatch(%.12q... (%d bytes), 2000 a's) = %v, want %v", tt.pattern, len(tt.pattern), got, tt.want)
		}
	}
}

// The pattern of Redis's CVE-2022-36021: with a matcher that tries every
// split at every star, each star multiplies the time (20 stars never
// returned). The deadline is generous: it proves the match returns at all;
// BenchmarkGlobPathological gives its time.
func TestGlobMatchPathologicalPatternReturns(t *testing.T) {
	key := []byte(strings.Repeat("a", 40))
	pattern := []byte(strings.Repeat("a*", 20) + "b")
	done := make(chan bool, 1)
	go func() { done <- globMatch(pattern, key, false) }()
	select {
	case got := <-done:
		if got {
			t.Fatal("a pattern ending in b matched a key of a's")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the match did not return within 10s")
	}
}

func BenchmarkGlobPathological(b *testing.B) {
	key := []byte(strings.Repeat("a", 40))
	for _, stars := range []int{10, 20, 100} {
		pattern := []byte(strings.Repeat("a*", stars) + "b")
		b.Run("stars="+strconv.Itoa(stars), func(b *testing.B) {
			for range b.N {
				globMatch(pattern, key, false)
			}
		})
	}
}

// referenceGlob is the rules stated as plainly as possible: a star tries
// every split of the subject. Exponential, so only for short inputs; it
// leaves out the star limit, which short patterns never reach.
func referenceGlob(pattern, s []byte, nocase bool) bool {
	if len(s) == 0 {
		return len(pattern) == 0
	}
	return referenceRest(pattern, s, nocase)
}

func referenceRest(pattern, s []byte, nocase bool) bool {
	if len(pattern) == 0 {
		return len(s) == 0
	}
	if pattern[0] == '*' {
		for i := 0; i <= len(s); i++ {
			if referenceRest(pattern[1:], s[i:], nocase) {
				return true
			}
		}
		return false
	}
	if len(s) == 0 {
		return false
	}
	width, ok := referenceToken(pattern, s[0], nocase)
	return ok && referenceRest(pattern[width:], s[1:], nocase)
}

// referenceToken reads one token the long way round, as Redis's parser
// does: byte by byte, a class's members in order.
func referenceToken(p []byte, c byte, nocase bool) (int, bool) {
	fold := func(b byte) byte {
		if nocase && b >= 'A' && b <= 'Z' {
			return b + 32
		}
		return b
	}
	switch {
	case p[0] == '?':
		return 1, true
	case p[0] == '\\' && len(p) > 1:
		return 2, fold(p[1]) == fold(c)
	case p[0] != '[':
		return 1, fold(p[0]) == fold(c)
	}
	i, not, hit := 1, false, false
	if i < len(p) && p[i] == '^' {
		not, i = true, i+1
	}
	for ; i < len(p); i++ {
		if p[i] == '\\' && i+1 < len(p) {
			i++
			hit = hit || p[i] == c
		} else if p[i] == ']' {
			return i + 1, hit != not
		} else if i+2 < len(p) && p[i+1] == '-' {
			lo, hi := min(p[i], p[i+2]), max(p[i], p[i+2])
			hit = hit || (fold(lo) <= fold(c) && fold(c) <= fold(hi))
			i += 2
		} else {
			hit = hit || fold(p[i]) == fold(c)
		}
	}
	return len(p), hit != not
}

// FuzzGlobMatch checks the linear-time matcher against the reference on
// short patterns and subjects (go test -fuzz FuzzGlobMatch ./executor/).
func FuzzGlobMatch(f *testing.F) {
	for _, seed := range []struct{ pattern, s string }{
		{"a*b*c", "aXXbYYc"}, {"[a-]", "^"}, {`[\`, `\`}, {"*ab", "abab"},
		{"[^]a", "xa"}, {"h[b-a]llo", "hallo"}, {"a*a*a*b", "aaaaaaa"}, {"", ""},
		{"*", ""}, {"?*?", "ab"}, {"[*]", "*"}, {`\`, `\`}, {"[A-C]x", "bX"},
	} {
		f.Add([]byte(seed.pattern), []byte(seed.s), false)
		f.Add([]byte(seed.pattern), []byte(seed.s), true)
	}
	f.Fuzz(func(t *testing.T, pattern, s []byte, nocase bool) {
		if len(pattern) > 24 || len(s) > 24 {
			return // the reference is exponential
		}
		if got, want := globMatch(pattern, s, nocase), referenceGlob(pattern, s, nocase); got != want {
			t.Fatalf("globMatch(%q, %q, %v) = %v, the reference says %v", pattern, s, nocase, got, want)
		}
	})
}
