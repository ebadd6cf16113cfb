package executor

import (
	"math"
	"math/rand"
	"slices"
	"strconv"
	"testing"
)

func TestSortRange(t *testing.T) {
	cases := []struct {
		offset, count    int64
		n                int
		wantStart, wantE int
	}{
		{0, -1, 5, 0, 4}, {1, 2, 5, 1, 2}, {-3, 2, 5, 0, 1}, {3, 100, 5, 3, 4}, {5, 1, 5, 4, 3},
		{100, 1, 5, 4, 3}, {0, 0, 5, 0, -1}, {2, -7, 5, 2, 4}, {0, -1, 0, -1, -2},
		{1 << 62, 1 << 62, 3, 2, 1}, {-1 << 63, 2, 3, 0, 1},
	}
	for _, c := range cases {
		start, end := sortRange(c.offset, c.count, c.n)
		if start != c.wantStart || end != c.wantE {
			t.Errorf("LIMIT %d %d of %d: %d..%d, want %d..%d", c.offset, c.count, c.n, start, end, c.wantStart, c.wantE)
		}
	}
}

func TestPatternKey(t *testing.T) {
	cases := []struct {
		pattern, elem, key, field string
		ok                        bool
	}{
		{"w_*", "1", "w_1", "", true},
		{"w_*_x", "ab", "w_ab_x", "", true},
		{"o_*->f", "1", "o_1", "f", true},
		{"o_*->", "1", "o_1->", "", true}, // nothing after the arrow: no field
		{"o_*->f->g", "1", "o_1", "f->g", true},
		{"a->b*", "1", "a->b1", "", true}, // the arrow must follow the '*'
		{"*x*", "1", "1x*", "", true},     // only the first '*' is replaced
		{"const", "1", "", "", false},
		{"no\x00*", "1", "", "", false}, // a NUL hides what follows from the search
		{"k*\x00->f", "1", "k1\x00->f", "", true},
	}
	for _, c := range cases {
		key, field, ok := patternKey([]byte(c.pattern), []byte(c.elem))
		if ok != c.ok || string(key) != c.key || string(field) != c.field || (c.field == "" && field != nil) {
			t.Errorf("%q with %q: %q %q %v, want %q %q %v", c.pattern, c.elem, key, field, ok, c.key, c.field, c.ok)
		}
	}
}

func TestSortScore(t *testing.T) {
	if v, ok := sortScore([]byte("-inf")); !ok || !math.IsInf(v, -1) {
		t.Errorf("-inf: %v %v", v, ok)
	}
	good := map[string]float64{"1": 1, " 2.5": 2.5, "": 0, "0x10": 16, "3\x00junk": 3, "1e3": 1000}
	for in, want := range good {
		if got, ok := sortScore([]byte(in)); !ok || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"abc", "1x", "2 ", " ", "nan", "1e400", "1e-400"} {
		if _, ok := sortScore([]byte(in)); ok {
			t.Errorf("%q: accepted", in)
		}
	}
}

// The partial quicksort puts in lo..hi what a full sort puts there, for
// any range and with many equal values.
func TestPartialQuicksort(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	cmp := func(a, b *sortItem) int { return int(a.score) - int(b.score) }
	for round := 0; round < 300; round++ {
		n := 1 + r.Intn(200)
		items := make([]sortItem, n)
		for i := range items {
			items[i] = sortItem{elem: []byte(strconv.Itoa(i)), score: float64(r.Intn(1 + n/4))}
		}
		want := slices.Clone(items)
		slices.SortStableFunc(want, func(a, b sortItem) int { return cmp(&a, &b) })
		lo := r.Intn(n)
		hi := lo + r.Intn(n-lo)
		partialQuicksort(items, lo, hi, cmp)
		for i := lo; i <= hi; i++ {
			if items[i].score != want[i].score {
				t.Fatalf("n %d range %d..%d: position %d has %v, want %v", n, lo, hi, i, items[i].score, want[i].score)
			}
		}
	}
}

func TestSortKeys(t *testing.T) {
	line := func(words ...string) [][]byte {
		out := make([][]byte, len(words))
		for i, w := range words {
			out[i] = []byte(w)
		}
		return out
	}
	cases := []struct {
		line [][]byte
		want []int
	}{
		{line("sort", "k"), []int{1}},
		{line("sort", "k", "store", "d"), []int{1, 3}},
		{line("sort", "k", "STORE", "a", "LIMIT", "1", "2", "store", "b"), []int{1, 8}},
		{line("sort", "k", "store"), []int{1}},
		{line("sort", "k", "get", "store", "d"), []int{1}},
		{line("sort", "k", "by", "x", "store", "store", "d"), []int{1, 6}},
	}
	for _, c := range cases {
		var got []int
		for _, k := range sortKeys(c.line) {
			got = append(got, k.pos)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.line, got, c.want)
		}
	}
}
