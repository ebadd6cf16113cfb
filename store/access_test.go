package store

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestSlotKeepsLocationAndClockApart(t *testing.T) {
	for _, c := range []struct{ chunk, off int }{{1, 0}, {chunkMask, offMask}, {12345, 40000}} {
		for _, clock := range []uint32{0, 1, 0xffff, 0x10000, ClockMask} {
			s := newSlot(c.chunk, c.off)
			s.tag = 0xdeadbeef
			got := s.withClock(clock)
			if got.chunk() != c.chunk || got.off() != c.off || got.tag != s.tag || got.clock() != clock {
				t.Fatalf("slot(%d, %d) with clock %#x: chunk %d off %d tag %#x clock %#x",
					c.chunk, c.off, clock, got.chunk(), got.off(), got.tag, got.clock())
			}
			if got.empty() {
				t.Fatal("an occupied slot reads as empty")
			}
		}
	}
}

// idle is key's idle time as Inspect reports it (-1: absent).
func idle(s *Store, key string) int64 {
	_, m, ok := s.Inspect([]byte(key))
	if !ok {
		return -1
	}
	return m.Idle
}

func TestAccessTimes(t *testing.T) {
	s, clock := newClockStore()
	s.Set([]byte("k"), []byte("v"))
	later := func(d time.Duration) {
		clock.Advance(d)
		s.RefreshClock()
	}
	later(5 * time.Second)
	if got := idle(s, "k"); got != 5 {
		t.Fatalf("idle %d after 5 s, want 5", got)
	}
	s.Peek([]byte("k"))
	s.Exists([]byte("k"))
	s.Inspect([]byte("k"))
	if got := idle(s, "k"); got != 5 {
		t.Fatalf("Peek, Exists or Inspect counted as an access: idle %d", got)
	}
	s.Get([]byte("k"))
	if got := idle(s, "k"); got != 0 {
		t.Fatalf("idle %d after Get, want 0", got)
	}
	later(3 * time.Second)
	if n := s.Touch([]byte("k"), []byte("nosuch")); n != 1 || idle(s, "k") != 0 {
		t.Fatalf("Touch: %d, idle %d; want 1, 0", n, idle(s, "k"))
	}
	later(3 * time.Second)
	s.Update([]byte("k"), func(cur Entry, _ bool) (Entry, Op) { return cur, Keep })
	if got := idle(s, "k"); got != 0 {
		t.Fatalf("idle %d after a write's lookup, want 0", got)
	}
	if got := idle(s, "nosuch"); got != -1 {
		t.Fatal("Inspect found a missing key")
	}
}

func TestIdleTimeAcrossTheClockWrap(t *testing.T) {
	s, clock := newClockStore()
	// Start 10 s before the 24-bit clock of seconds wraps to 0.
	wrap := (int64(ClockMask) + 1) * 1000
	clock.Advance(time.Duration(wrap-clock.Now()%wrap-10_000) * time.Millisecond)
	s.RefreshClock()
	s.Set([]byte("k"), []byte("v"))
	clock.Advance(30 * time.Second)
	s.RefreshClock()
	// Redis counts across the wrap as now + max - last: one second short.
	if got := idle(s, "k"); got != 29 {
		t.Fatalf("idle %d across the wrap, want 29", got)
	}
}

// TestMovesKeepFormAndAccessTime: compaction, RENAME and Transfer move
// records; each keeps the value's form, and compaction keeps when the key
// was last accessed.
func TestMovesKeepFormAndAccessTime(t *testing.T) {
	s, clock := newClockStore()
	s.Update([]byte("edited"), func(Entry, bool) (Entry, Op) { return Entry{Value: []byte("12")}, PutEdited })
	s.Update([]byte("text"), func(Entry, bool) (Entry, Op) { return Entry{Value: []byte("12")}, PutText })
	clock.Advance(7 * time.Second)
	s.RefreshClock()
	// Enough churn in every shard to compact them all.
	for i := 0; i < 200_000; i++ {
		s.Set([]byte(fmt.Sprintf("churn%d", i%2000)), make([]byte, 100))
	}
	form := func(key string) Form {
		_, m, ok := s.Inspect([]byte(key))
		if !ok {
			t.Fatalf("%s is gone", key)
		}
		return m.Form
	}
	if form("edited") != FormEdited || form("text") != FormText || idle(s, "edited") != 7 {
		t.Fatalf("after compaction: forms %d %d, idle %d", form("edited"), form("text"), idle(s, "edited"))
	}
	// A change of expiry keeps the form; a plain Put resets it.
	s.Update([]byte("edited"), func(cur Entry, _ bool) (Entry, Op) { cur.ExpireAt = s.Now() + 1e6; return cur, Restamp })
	s.Rename([]byte("edited"), []byte("renamed"), false)
	other := s.NewSibling()
	Transfer(s, []byte("renamed"), other, []byte("copied"), false, false)
	if form("renamed") != FormEdited {
		t.Fatal("RENAME lost the form")
	}
	if _, m, _ := other.Inspect([]byte("copied")); m.Form != FormEdited {
		t.Fatal("Transfer lost the form")
	}
	s.Set([]byte("plain"), []byte("5"))
	Transfer(s, []byte("plain"), other, []byte("copy"), false, false)
	Transfer(s, []byte("plain"), other, []byte("moved"), false, true)
	if _, m, _ := other.Inspect([]byte("copy")); m.Form != FormCopied {
		t.Fatalf("a copy of a plain value: form %d, want FormCopied", m.Form)
	}
	if _, m, _ := other.Inspect([]byte("moved")); m.Form != FormPlain {
		t.Fatalf("a moved plain value: form %d, want FormPlain", m.Form)
	}
	s.Update([]byte("renamed"), func(cur Entry, _ bool) (Entry, Op) { return cur, Put })
	if form("renamed") != FormPlain {
		t.Fatal("Put kept an edited form")
	}
}

// TestConcurrentReadersTouch: readers under the read lock update access
// times while others read the same slots (run with -race).
func TestConcurrentReadersTouch(t *testing.T) {
	s, clock := newClockStore()
	for i := 0; i < 100; i++ {
		s.Set([]byte(fmt.Sprint(i)), []byte("v"))
	}
	var wg sync.WaitGroup
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 2000; n++ {
				if _, ok := s.Get([]byte(fmt.Sprint(n % 100))); !ok {
					t.Error("a key went missing")
					return
				}
				s.Keys(nil)
			}
		}()
	}
	for n := 0; n < 50; n++ {
		clock.Advance(time.Second)
		s.RefreshClock()
	}
	wg.Wait()
}

// TestKeepEditedTellsNobody: KeepEdited changes only the form, so the
// observer (the append-only file, tracking) hears nothing.
func TestKeepEditedTellsNobody(t *testing.T) {
	s, _ := newClockStore()
	s.Set([]byte("k"), []byte("12"))
	heard := 0
	s.Observe(func(Change) { heard++ })
	keepEdited := func(cur Entry, _ bool) (Entry, Op) { return cur, KeepEdited }
	s.Update([]byte("k"), keepEdited)
	s.Update([]byte("nosuch"), keepEdited)
	e, m, ok := s.Inspect([]byte("k"))
	if !ok || string(e.Value) != "12" || m.Form != FormEdited {
		t.Fatalf("after KeepEdited: %q, form %d, %v", e.Value, m.Form, ok)
	}
	if s.Exists([]byte("nosuch")) != 0 || heard != 0 {
		t.Fatalf("KeepEdited made a key or told the observer (%d)", heard)
	}
}
