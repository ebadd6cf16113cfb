package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"redis-lite/internal/testclock"
)

// TestMatchesAModelMapUnderChurn drives the table and arena through many
// random sets, overwrites, deletes, expiries and renames (so through
// growth, backward-shift deletion and compaction, with small and large
// records) and compares every key with a plain map after each step.
func TestMatchesAModelMapUnderChurn(t *testing.T) {
	clock := testclock.New()
	s := NewWithClock(clock.Now)
	model := map[string]Entry{}
	rng := rand.New(rand.NewPCG(1, 2))
	value := func() []byte {
		n := rng.IntN(40)
		if rng.IntN(50) == 0 {
			n = largeRecord + rng.IntN(4096) // a chunk of its own
		}
		v := make([]byte, n)
		for i := range v {
			v[i] = byte(rng.IntN(256))
		}
		return v
	}
	key := func() string { return fmt.Sprintf("k%d", rng.IntN(3000)) }
	for step := 0; step < 200_000; step++ {
		k := key()
		switch op := rng.IntN(10); {
		case op < 5:
			v := value()
			s.Set([]byte(k), v)
			model[k] = Entry{Value: v}
		case op < 8:
			delete(model, k)
			s.Delete([]byte(k))
		case op < 9:
			at := clock.Now() + int64(rng.IntN(2000))
			v := value()
			s.Update([]byte(k), func(Entry, bool) (Entry, Op) { return Entry{Value: v, ExpireAt: at}, Put })
			model[k] = Entry{Value: v, ExpireAt: at}
		default:
			dst := key()
			if _, ok := s.Rename([]byte(k), []byte(dst), false); ok && dst != k {
				model[dst] = model[k]
				delete(model, k)
			}
		}
		if step%1000 == 0 {
			clock.Advance(100 * time.Millisecond)
			for mk, e := range model {
				if expired(e, clock.Now()) {
					delete(model, mk)
				}
			}
			s.SweepOnce(time.Second)
			compareWithModel(t, s, model)
		}
	}
	compareWithModel(t, s, model)
}

func compareWithModel(t *testing.T, s *Store, model map[string]Entry) {
	t.Helper()
	for k, want := range model {
		got, ok := s.Lookup([]byte(k))
		if !ok || !bytes.Equal(got.Value, want.Value) || got.ExpireAt != want.ExpireAt {
			t.Fatalf("key %q: got %v %v (%d bytes), want %d bytes expiring %d", k, ok, got.ExpireAt, len(got.Value), len(want.Value), want.ExpireAt)
		}
	}
	if live := len(s.Keys(nil)); live != len(model) {
		t.Fatalf("store has %d live keys, model %d", live, len(model))
	}
}

// TestReturnedValuesNeverChange holds on to values read before their keys
// were overwritten and deleted many times over (forcing compactions), and
// checks that appending to one does not write into the store.
func TestReturnedValuesNeverChange(t *testing.T) {
	s := New()
	s.Set([]byte("k"), []byte("first"))
	s.Set([]byte("other"), []byte("neighbour"))
	held, _ := s.Get([]byte("k"))
	_ = append(held, "XXXXXXXX"...) // must not reach the record after it
	for i := 0; i < 10_000; i++ {
		s.Set([]byte("k"), bytes.Repeat([]byte{byte(i)}, 10))
		if i%3 == 0 {
			s.Delete([]byte("k"))
		}
	}
	if string(held) != "first" {
		t.Fatalf("a value read earlier changed to %q", held)
	}
	if v, _ := s.Get([]byte("other")); string(v) != "neighbour" {
		t.Fatalf("other = %q after appending to a returned value", v)
	}
	sh, _ := s.locate([]byte("k"))
	if sh.arena.wasteful() { // the last step (i = 9999) was a delete, which compacts
		t.Fatalf("%d of %d bytes dead: the shard was never compacted", sh.arena.dead, sh.arena.written)
	}
}
