package lists

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// model is the obvious list, to check List against.
type model []string

func contents(l *List) []string {
	var got []string
	l.Range(0, l.Len()-1, func(e []byte) bool {
		got = append(got, string(e))
		return true
	})
	return got
}

func check(t *testing.T, step string, l *List, want model) {
	t.Helper()
	got := contents(l)
	if l.Len() != len(want) || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("after %s: got %d %q, want %d %q", step, l.Len(), got, len(want), []string(want))
	}
	total := 0
	for _, n := range l.nodes {
		if n.count == 0 {
			t.Fatalf("after %s: an empty node is left", step)
		}
		total += int(n.count)
	}
	if total != l.Len() {
		t.Fatalf("after %s: nodes count %d, length %d", step, total, l.Len())
	}
	var back []string
	l.Backward(func(e []byte) bool { back = append(back, string(e)); return true })
	for i := range back {
		if back[i] != want[len(want)-1-i] {
			t.Fatalf("after %s: backward walk differs at %d", step, i)
		}
	}
}

// TestAgainstModel runs random operations on a List and on a slice and
// compares them after each, with small nodes so that every operation
// crosses node boundaries.
func TestAgainstModel(t *testing.T) {
	for _, fill := range []Fill{3, -1, 1, -2} {
		rng := rand.New(rand.NewSource(int64(fill) + 7))
		l, m := New(), model{}
		elem := func() string {
			if rng.Intn(10) == 0 {
				return strings.Repeat("x", rng.Intn(300))
			}
			return fmt.Sprint(rng.Intn(20))
		}
		for step := 0; step < 3000; step++ {
			var name string
			switch op := rng.Intn(9); op {
			case 0:
				e := elem()
				name = "PushBack " + e
				l.PushBack(fill, []byte(e))
				m = append(m, e)
			case 1:
				e := elem()
				name = "PushFront " + e
				l.PushFront(fill, []byte(e))
				m = append(model{e}, m...)
			case 2:
				k := rng.Intn(4)
				name = fmt.Sprint("PopFront ", k)
				var got []string
				l.PopFront(k, func(e []byte) { got = append(got, string(e)) })
				want := m[:min(k, len(m))]
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Fatalf("%s: got %q want %q", name, got, want)
				}
				m = append(model{}, m[len(want):]...)
			case 3:
				k := rng.Intn(4)
				name = fmt.Sprint("PopBack ", k)
				var got []string
				l.PopBack(k, func(e []byte) { got = append(got, string(e)) })
				n := min(k, len(m))
				for i := 0; i < n; i++ {
					if got[i] != m[len(m)-1-i] {
						t.Fatalf("%s: got %q", name, got)
					}
				}
				m = m[:len(m)-n]
			case 4:
				i := rng.Intn(len(m)+2) - 1
				e := elem()
				name = fmt.Sprint("Set ", i, e)
				ok := l.Set(fill, i, []byte(e))
				j := i
				if j < 0 {
					j += len(m)
				}
				if ok != (j >= 0 && j < len(m)) {
					t.Fatalf("%s: ok %v", name, ok)
				}
				if ok {
					m[j] = e
				}
			case 5:
				pivot, e, after := elem(), elem(), rng.Intn(2) == 0
				name = fmt.Sprint("Insert ", pivot, e, after)
				ok := l.Insert(fill, []byte(pivot), []byte(e), after)
				at := -1
				for i, x := range m {
					if x == pivot {
						at = i
						break
					}
				}
				if ok != (at >= 0) {
					t.Fatalf("%s: ok %v", name, ok)
				}
				if ok {
					if after {
						at++
					}
					m = append(m[:at], append(model{e}, m[at:]...)...)
				}
			case 6:
				count, e := rng.Intn(5)-2, elem()
				name = fmt.Sprint("Remove ", count, e)
				got := l.Remove(count, []byte(e))
				want := modelRemove(&m, count, e)
				if got != want {
					t.Fatalf("%s: removed %d, want %d", name, got, want)
				}
			case 7:
				if rng.Intn(20) != 0 {
					continue
				}
				start, stop := rng.Intn(len(m)+2), rng.Intn(len(m)+2)-1
				name = fmt.Sprint("Trim ", start, stop)
				l.Trim(start, stop)
				if stop >= len(m) {
					stop = len(m) - 1
				}
				if start > stop || start >= len(m) {
					m = model{}
				} else {
					m = append(model{}, m[start:stop+1]...)
				}
			case 8:
				i := rng.Intn(len(m)+2) - 1
				name = fmt.Sprint("Index ", i)
				got, ok := l.Index(i)
				j := i
				if j < 0 {
					j += len(m)
				}
				if ok != (j >= 0 && j < len(m)) || ok && string(got) != m[j] {
					t.Fatalf("%s: got %q %v", name, got, ok)
				}
			}
			check(t, name, l, m)
		}
	}
}

// TestTailIndexAgainstModel works on the tail of a long list, whose last
// node holds hundreds of short elements (so tail pops use the index of
// tail.go), mixing every kind of change, and compares with the model.
func TestTailIndexAgainstModel(t *testing.T) {
	for seed := int64(0); seed < 20; seed++ {
		rng := rand.New(rand.NewSource(seed))
		l, m := New(), model{}
		for i := 0; i < 600; i++ {
			e := fmt.Sprint(rng.Intn(100))
			l.PushBack(DefaultFill, []byte(e))
			m = append(m, e)
		}
		for step := 0; step < 400; step++ {
			e := fmt.Sprint(rng.Intn(100))
			var name string
			switch rng.Intn(7) {
			case 0, 1:
				name = "PopBack"
				var got string
				l.PopBack(1, func(v []byte) { got = string(v) })
				if len(m) > 0 {
					if got != m[len(m)-1] {
						t.Fatalf("seed %d step %d: PopBack %q, want %q", seed, step, got, m[len(m)-1])
					}
					m = m[:len(m)-1]
				}
			case 2, 3:
				name = "PushBack " + e
				l.PushBack(DefaultFill, []byte(e))
				m = append(m, e)
			case 4:
				name = "Trim off the last two"
				l.Trim(0, l.Len()-3)
				m = m[:max(0, len(m)-2)]
			case 5:
				i := len(m) - 1 - rng.Intn(min(len(m), 5))
				name = fmt.Sprint("Set ", i, " ", e)
				l.Set(DefaultFill, i, []byte(e))
				m[i] = e
			case 6:
				name = "PushFront " + e
				l.PushFront(DefaultFill, []byte(e))
				m = append(model{e}, m...)
			}
			check(t, name, l, m)
		}
	}
}

func modelRemove(m *model, count int, e string) int {
	var kept model
	removed := 0
	old := *m
	if count >= 0 {
		for _, x := range old {
			if x == e && (count == 0 || removed < count) {
				removed++
				continue
			}
			kept = append(kept, x)
		}
	} else {
		for i := len(old) - 1; i >= 0; i-- {
			if old[i] == e && removed < -count {
				removed++
				continue
			}
			kept = append(model{old[i]}, kept...)
		}
	}
	*m = kept
	return removed
}

func TestNodesFollowFill(t *testing.T) {
	l := New()
	e := bytes.Repeat([]byte("a"), 16)
	for i := 0; i < 10000; i++ {
		l.PushBack(DefaultFill, e)
	}
	for i, n := range l.nodes[:len(l.nodes)-1] {
		if len(n.buf) > 8192 || len(n.buf)+17+entryOverhead <= 8192 {
			t.Fatalf("node %d holds %d bytes, want just under 8192", i, len(n.buf))
		}
	}
	c := New()
	for i := 0; i < 100; i++ {
		c.PushFront(Fill(5), e)
	}
	if len(c.nodes) != 20 {
		t.Fatalf("fill 5: %d nodes for 100 elements, want 20", len(c.nodes))
	}
}

func TestCloneSharesNothing(t *testing.T) {
	l := New()
	l.PushBack(DefaultFill, []byte("a"), []byte("b"))
	c := l.Clone().(*List)
	l.Set(DefaultFill, 0, []byte("z"))
	c.PushBack(DefaultFill, []byte("c"))
	if got := strings.Join(contents(c), ","); got != "a,b,c" {
		t.Fatalf("clone holds %s", got)
	}
	if got := strings.Join(contents(l), ","); got != "z,b" {
		t.Fatalf("original holds %s", got)
	}
}

func TestRebuildBatches(t *testing.T) {
	l := New()
	for i := 0; i < 130; i++ {
		l.PushBack(DefaultFill, []byte(fmt.Sprint(i)))
	}
	var sizes []int
	var all []string
	l.Rebuild([]byte("k"), func(args [][]byte) {
		if string(args[0]) != "RPUSH" || string(args[1]) != "k" {
			t.Fatalf("command %q", args[:2])
		}
		sizes = append(sizes, len(args)-2)
		for _, a := range args[2:] {
			all = append(all, string(a))
		}
	})
	if fmt.Sprint(sizes) != "[64 64 2]" || strings.Join(all, ",") != strings.Join(contents(l), ",") {
		t.Fatalf("batches %v", sizes)
	}
}

// TestMemoryPerElement is the budget: a million 16-byte elements
// must cost no more per element than redis-server's 18.2 bytes (measured
// with INFO memory around an RPUSH of the same list: see the README).
func TestMemoryPerElement(t *testing.T) {
	l := New()
	e := make([]byte, 16)
	for i := 0; i < 1_000_000; i++ {
		copy(e, fmt.Sprintf("%016d", i))
		l.PushBack(DefaultFill, e)
	}
	per := float64(l.Bytes()) / 1e6
	t.Logf("%.2f bytes per element", per)
	if per > 18.2 {
		t.Fatalf("%.2f bytes per element, over Redis's 18.2", per)
	}
}

func BenchmarkPushBackPopFront(b *testing.B) {
	l := New()
	e := []byte("0123456789abcdef")
	for i := 0; i < 1000; i++ {
		l.PushBack(DefaultFill, e)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		l.PushBack(DefaultFill, e)
		l.PopFront(1, func([]byte) {})
	}
}

func BenchmarkPushFrontPopBack(b *testing.B) {
	l := New()
	e := []byte("0123456789abcdef")
	for i := 0; i < 1000; i++ {
		l.PushFront(DefaultFill, e)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		l.PushFront(DefaultFill, e)
		l.PopBack(1, func([]byte) {})
	}
}

// TestTailIndexAfterTrim: a trim then pushes that leave the last node
// with its old length and count, but elements split differently, must
// not pop from stale starts.
func TestTailIndexAfterTrim(t *testing.T) {
	l := New()
	for i := 0; i < 100; i++ {
		l.PushBack(DefaultFill, []byte("e"))
	}
	l.PushBack(DefaultFill, []byte("ab"), []byte("cde"), []byte("last"))
	l.PopBack(1, func([]byte) {}) // indexes the last node
	l.Trim(0, l.Len()-3)          // drops "ab" and "cde"
	l.PushBack(DefaultFill, []byte("xyz"), []byte("uv"))
	var got []string
	l.PopBack(2, func(v []byte) { got = append(got, string(v)) })
	if strings.Join(got, ",") != "uv,xyz" {
		t.Fatalf("popped %q after the trim and pushes", got)
	}
}
