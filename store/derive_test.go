package store

import (
	"strconv"
	"sync"
	"testing"
)

func TestDerivePutsRemovesAndKeeps(t *testing.T) {
	s := New()
	s.Set([]byte("a"), []byte("1"))
	concat := func(values [][]byte) (Entry, Op) {
		var out []byte
		for _, v := range values {
			out = append(out, v...)
		}
		if len(out) == 0 {
			return Entry{}, Remove
		}
		return Entry{Value: out}, Put
	}
	s.Derive([]byte("d"), [][]byte{[]byte("a"), []byte("missing"), []byte("a")}, concat)
	if v, ok := s.Get([]byte("d")); !ok || string(v) != "11" {
		t.Fatalf("d = %q, %v; want 11 (an absent source reads as nothing)", v, ok)
	}
	s.Derive([]byte("d"), [][]byte{[]byte("missing")}, concat)
	if _, ok := s.Get([]byte("d")); ok {
		t.Fatal("Remove left d in place")
	}
	s.Set([]byte("empty"), nil)
	s.Derive([]byte("d"), [][]byte{[]byte("empty"), []byte("missing")}, func(values [][]byte) (Entry, Op) {
		if values[0] == nil || values[1] != nil {
			t.Fatalf("values = %#v; want an empty present value, then nil for the absent one", values)
		}
		return Entry{}, Keep
	})
	s.Derive([]byte("a"), [][]byte{[]byte("a")}, func([][]byte) (Entry, Op) { return Entry{Value: []byte("x")}, Keep })
	if v, _ := s.Get([]byte("a")); string(v) != "1" {
		t.Fatalf("Keep changed a to %q", v)
	}
}

// TestDeriveSeesSourcesAtOneInstant: writers always set a and b to the same
// number together; a Derive reading both must never see them differ.
func TestDeriveSeesSourcesAtOneInstant(t *testing.T) {
	s := New()
	// The seed is random per store, so look for a b whose shard differs
	// from a's: taking both locks in order is what is under test.
	a, b := []byte("a"), []byte("b0")
	for i := 1; s.shardIndex(a) == s.shardIndex(b); i++ {
		b = []byte("b" + strconv.Itoa(i))
	}
	s.SetMany([][]byte{a, []byte("0"), b, []byte("0")}, false)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; i <= 2000; i++ {
			n := []byte(strconv.Itoa(i))
			s.SetMany([][]byte{a, n, b, n}, false)
		}
	}()
	mismatches := 0
	for i := 0; i < 2000; i++ {
		s.Derive([]byte("dst"), [][]byte{a, b}, func(values [][]byte) (Entry, Op) {
			if string(values[0]) != string(values[1]) {
				mismatches++
			}
			return Entry{Value: values[0]}, Put
		})
	}
	wg.Wait()
	if mismatches != 0 {
		t.Fatalf("%d Derive calls saw a and b at different instants", mismatches)
	}
}
