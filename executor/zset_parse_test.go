package executor

import (
	"math"
	"testing"
)

// TestParseScore: the score rules of Redis's string2d (C strtod, then no
// leading space, nothing left over, no NaN, no overflow or underflow to 0).
func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1", 1, true}, {"-2.5", -2.5, true}, {"+3", 3, true}, {".5", 0.5, true}, {"5.", 5, true},
		{"1e3", 1000, true}, {"1E-2", 0.01, true}, {"0x10", 16, true}, {"0x1p-2", 0.25, true}, {"0X.8", 0.5, true},
		{"inf", math.Inf(1), true}, {"-Infinity", math.Inf(-1), true}, {"+INF", math.Inf(1), true},
		{"4.9e-324", 4.9e-324, true}, {"-0", math.Copysign(0, -1), true},
		{"", 0, false}, {" 1", 0, false}, {"1 ", 0, false}, {"nan", 0, false}, {"-nan", 0, false},
		{"1e400", 0, false}, {"1e-400", 0, false}, {"1x", 0, false}, {"e3", 0, false}, {".", 0, false},
		{"1e", 0, false}, {"0x", 0, false}, {"infinit", 0, false}, {"1_000", 0, false}, {"--1", 0, false},
	} {
		got, ok := parseScore([]byte(tc.in))
		if ok != tc.ok || (ok && (got != tc.want || math.Signbit(got) != math.Signbit(tc.want))) {
			t.Errorf("parseScore(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestParseScoreBound: range ends are plain strtod, which lets through
// what a score may not be: leading space, an empty text, overflow.
func TestParseScoreBound(t *testing.T) {
	for _, tc := range []struct {
		in        string
		want      float64
		exclusive bool
		ok        bool
	}{
		{"1", 1, false, true}, {"(1", 1, true, true}, {"", 0, false, true}, {"(", 0, true, true},
		{" 2", 2, false, true}, {"1e400", math.Inf(1), false, true}, {"-inf", math.Inf(-1), false, true},
		{"+inf", math.Inf(1), false, true}, {"1\x00junk", 1, false, true},
		{"nan", 0, false, false}, {"a", 0, false, false}, {"1 ", 0, false, false}, {" ", 0, false, false}, {"[1", 0, false, false},
	} {
		got, exclusive, ok := parseScoreBound([]byte(tc.in))
		if ok != tc.ok || (ok && (got != tc.want || exclusive != tc.exclusive)) {
			t.Errorf("parseScoreBound(%q) = %v, %v, %v; want %v, %v, %v", tc.in, got, exclusive, ok, tc.want, tc.exclusive, tc.ok)
		}
	}
}

// TestRangesAreEmpty: the ranges no member can fall in, as Redis finds
// them before looking at the set.
func TestRangesAreEmpty(t *testing.T) {
	for _, tc := range []struct {
		min, max string
		empty    bool
	}{
		{"1", "2", false}, {"2", "1", true}, {"1", "1", false}, {"(1", "1", true}, {"1", "(1", true}, {"-inf", "+inf", false},
	} {
		r, ok := parseScoreRange([]byte(tc.min), []byte(tc.max))
		if !ok || r.empty() != tc.empty {
			t.Errorf("score range %s %s: empty %v, want %v", tc.min, tc.max, r.empty(), tc.empty)
		}
	}
	for _, tc := range []struct {
		min, max string
		empty    bool
	}{
		{"-", "+", false}, {"+", "-", true}, {"-", "-", true}, {"+", "+", true}, {"[a", "[a", false}, {"(a", "[a", true},
		{"[b", "[a", true}, {"[a", "-", true}, {"+", "[a", true}, {"-", "(a", false},
	} {
		r, ok := parseLexRange([]byte(tc.min), []byte(tc.max))
		if !ok || r.empty() != tc.empty {
			t.Errorf("lex range %s %s: empty %v, want %v", tc.min, tc.max, r.empty(), tc.empty)
		}
	}
	for _, bad := range [][2]string{{"a", "+"}, {"-", "b"}, {"--", "+"}, {"", "+"}} {
		if _, ok := parseLexRange([]byte(bad[0]), []byte(bad[1])); ok {
			t.Errorf("lex range %q %q accepted", bad[0], bad[1])
		}
	}
}

// TestRandomRanks: distinct ranks, or every rank from the top when the
// count covers the set.
func TestRandomRanks(t *testing.T) {
	for _, count := range []int64{1, 3, 9, 10} {
		ranks := randomRanks(10, count)
		seen := map[int]bool{}
		for _, r := range ranks {
			if r < 0 || r >= 10 || seen[r] {
				t.Fatalf("count %d: ranks %v", count, ranks)
			}
			seen[r] = true
		}
		if int64(len(ranks)) != count {
			t.Fatalf("count %d: %d ranks", count, len(ranks))
		}
	}
	if got := randomRanks(3, 5); len(got) != 3 || got[0] != 2 || got[2] != 0 {
		t.Fatalf("whole set: %v", got)
	}
}
