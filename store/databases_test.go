package store

import (
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestTransferMovesAndCopies(t *testing.T) {
	a, clock := newClockStore()
	b := a.NewSibling()
	setWithTTL(a, "k", "v", time.Minute)
	if exists, done := Transfer(a, []byte("k"), b, []byte("k"), false, true); !exists || !done {
		t.Fatalf("move = %v, %v; want true, true", exists, done)
	}
	if _, ok := a.Get([]byte("k")); ok {
		t.Fatal("the moved key is still in its source")
	}
	e, ok := b.Lookup([]byte("k"))
	if !ok || string(e.Value) != "v" || e.ExpireAt != clock.Now()+time.Minute.Milliseconds() {
		t.Fatalf("moved entry = %+v, %v; want v with its expiry", e, ok)
	}
	// A copy leaves the source, and needs replace over an existing key.
	b.Set([]byte("d"), []byte("old"))
	if _, done := Transfer(b, []byte("k"), b, []byte("d"), false, false); done {
		t.Fatal("copy over an existing key without replace happened")
	}
	if _, done := Transfer(b, []byte("k"), b, []byte("d"), true, false); !done {
		t.Fatal("copy with replace did not happen")
	}
	if v, _ := b.Get([]byte("d")); string(v) != "v" {
		t.Fatalf("copied value = %q, want v", v)
	}
	if _, ok := b.Get([]byte("k")); !ok {
		t.Fatal("a copy removed its source")
	}
	if exists, _ := Transfer(a, []byte("nope"), b, []byte("x"), true, true); exists {
		t.Fatal("an absent source was reported present")
	}
}

// TestTransfersBothWaysDoNotDeadlock: moves between two stores in both
// directions at once, each locking a shard of each store, always finish.
func TestTransfersBothWaysDoNotDeadlock(t *testing.T) {
	a := New()
	b := a.NewSibling()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from, to := a, b
			if w%2 == 1 {
				from, to = b, a
			}
			for i := range 2000 {
				k := []byte(strconv.Itoa(i % 50))
				from.Set(k, k)
				Transfer(from, k, to, k, true, true)
			}
		}()
	}
	wg.Wait()
}

func TestSwapExchangesContentsAndReportsOnce(t *testing.T) {
	a := New()
	b := a.NewSibling()
	for i := range 100 {
		a.Set([]byte("a"+strconv.Itoa(i)), []byte("x"))
	}
	b.Set([]byte("b"), []byte("y"))
	var seen []Change
	a.Observe(func(c Change) { seen = append(seen, c) })
	b.Observe(func(c Change) { seen = append(seen, c) })
	Swap(a, b)
	if a.Len() != 1 || b.Len() != 100 {
		t.Fatalf("after Swap Len = %d, %d; want 1, 100", a.Len(), b.Len())
	}
	if v, ok := a.Get([]byte("b")); !ok || string(v) != "y" {
		t.Fatalf("a's b = %q, %v; want y", v, ok)
	}
	if _, ok := b.Get([]byte("a42")); !ok {
		t.Fatal("b lacks a42 after Swap")
	}
	if len(seen) != 1 || seen[0].Op != ChangeSwap || seen[0].With != b {
		t.Fatalf("observed %+v; want one ChangeSwap with b", seen)
	}
}

func TestSweeperCoversEveryStore(t *testing.T) {
	a, clock := newClockStore()
	b := a.NewSibling()
	setWithTTL(a, "x", "v", time.Second)
	setWithTTL(b, "y", "v", time.Second)
	clock.Advance(2 * time.Second)
	sweepStores([]*Store{a, b}, 1, time.Second)
	if a.Len() != 0 || b.Len() != 0 {
		t.Fatalf("after a sweep Len = %d, %d; want 0, 0", a.Len(), b.Len())
	}
}

func TestFlushOfAnEmptyStoreIsNotReported(t *testing.T) {
	s := New()
	reported := 0
	s.Observe(func(Change) { reported++ })
	s.Flush()
	s.Set([]byte("k"), []byte("v"))
	s.Flush()
	if reported != 2 { // the Set and the second Flush
		t.Fatalf("observer heard %d changes, want 2", reported)
	}
}
