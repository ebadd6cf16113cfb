package store

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"redis-lite/internal/testclock"
)

func newClockStore() (*Store, *testclock.Clock) {
	c := testclock.New()
	return NewWithClock(c.Now), c
}

func setWithTTL(s *Store, key, value string, ttl time.Duration) {
	s.Update([]byte(key), func(Entry, bool) (Entry, Op) {
		return Entry{Value: []byte(value), ExpireAt: s.Now() + ttl.Milliseconds()}, Put
	})
}

func TestExpiredKeyIsNeverReturned(t *testing.T) {
	s, clock := newClockStore()
	setWithTTL(s, "k", "v", time.Second)
	clock.Advance(999 * time.Millisecond)
	if v, ok := s.Get([]byte("k")); !ok || string(v) != "v" {
		t.Fatal("key gone before its time")
	}
	clock.Advance(time.Millisecond) // exactly at the expiry time: gone
	if _, ok := s.Get([]byte("k")); ok {
		t.Fatal("Get returned an expired key")
	}
	if s.Exists([]byte("k")) != 0 || s.Delete([]byte("k")) != 0 {
		t.Fatal("Exists or Delete saw an expired key")
	}
	if s.Len() != 0 || s.WithExpiry() != 0 || s.ExpiredCount() != 1 {
		t.Fatalf("Len %d, WithExpiry %d, ExpiredCount %d; want the key deleted on access", s.Len(), s.WithExpiry(), s.ExpiredCount())
	}
}

func TestUpdateSeesExpiredAsAbsent(t *testing.T) {
	s, clock := newClockStore()
	setWithTTL(s, "k", "old", time.Second)
	clock.Advance(2 * time.Second)
	var sawExisting bool
	s.Update([]byte("k"), func(cur Entry, exists bool) (Entry, Op) {
		sawExisting = exists
		return Entry{Value: []byte("new")}, Put
	})
	if sawExisting {
		t.Fatal("Update saw an expired key as existing")
	}
	if e, _ := s.Lookup([]byte("k")); string(e.Value) != "new" || e.ExpireAt != 0 {
		t.Fatalf("entry = %+v", e)
	}
}

func TestSweepReclaimsKeysNobodyTouches(t *testing.T) {
	s, clock := newClockStore()
	for i := 0; i < 10000; i++ {
		setWithTTL(s, fmt.Sprintf("short:%d", i), "v", time.Second)
	}
	for i := 0; i < 1000; i++ {
		setWithTTL(s, fmt.Sprintf("long:%d", i), "v", time.Hour)
		s.Set([]byte(fmt.Sprintf("forever:%d", i)), []byte("v"))
	}
	clock.Advance(2 * time.Second)
	for cycle := 0; s.Len() > 2000; cycle++ {
		if cycle > 1000 {
			t.Fatalf("1000 sweep cycles left %d keys", s.Len())
		}
		s.SweepOnce(time.Second)
	}
	if s.Len() != 2000 || s.ExpiredCount() != 10000 {
		t.Fatalf("Len %d, expired %d; want 2000 live keys and 10000 swept", s.Len(), s.ExpiredCount())
	}
	if _, ok := s.Get([]byte("long:7")); !ok {
		t.Fatal("the sweep removed a key with time left")
	}
}

func TestSweepStopsAtItsBudget(t *testing.T) {
	s, clock := newClockStore()
	for i := 0; i < 50000; i++ {
		setWithTTL(s, fmt.Sprintf("k%d", i), "v", time.Second)
	}
	clock.Advance(time.Minute)
	st := s.SweepOnce(0) // no time at all: one sample of one shard at most
	if st.Complete || st.Sampled > sweepSample*sweepChecksBudget {
		t.Fatalf("a zero budget did %+v", st)
	}
	if s.Len() == 0 {
		t.Fatal("a zero-budget cycle swept everything")
	}
}

func TestSweeperStopsCleanly(t *testing.T) {
	s, _ := newClockStore()
	stop := s.StartSweeper()
	stop() // returns only once the goroutine has ended
}

func TestRenameKeepsExpiry(t *testing.T) {
	s, _ := newClockStore()
	setWithTTL(s, "a", "1", time.Minute)
	s.Set([]byte("b"), []byte("2"))
	if exists, done := s.Rename([]byte("a"), []byte("b"), true); !exists || done {
		t.Fatalf("RENAMENX onto an existing key: %v %v", exists, done)
	}
	if exists, done := s.Rename([]byte("a"), []byte("c"), false); !exists || !done {
		t.Fatalf("RENAME: %v %v", exists, done)
	}
	e, ok := s.Lookup([]byte("c"))
	if !ok || string(e.Value) != "1" || e.ExpireAt != s.Now()+time.Minute.Milliseconds() {
		t.Fatalf("renamed entry = %+v", e)
	}
	if exists, _ := s.Rename([]byte("a"), []byte("d"), false); exists {
		t.Fatal("renamed a key that no longer exists")
	}
}

func TestSetManyIsAllOrNothing(t *testing.T) {
	s := New()
	s.Set([]byte("b"), []byte("old"))
	if s.SetMany([][]byte{[]byte("a"), []byte("1"), []byte("b"), []byte("2")}, true) {
		t.Fatal("MSETNX stored although b exists")
	}
	if s.Exists([]byte("a")) != 0 {
		t.Fatal("MSETNX stored a key although it failed")
	}
	if !s.SetMany([][]byte{[]byte("a"), []byte("1"), []byte("b"), []byte("2")}, false) {
		t.Fatal("MSET failed")
	}
	if v, _ := s.Get([]byte("b")); string(v) != "2" {
		t.Fatalf("b = %q", v)
	}
}

// TestScanReturnsEveryStableKeyDespiteWrites: keys present for the whole
// scan must all be returned while other keys come and go.
func TestScanReturnsEveryStableKeyDespiteWrites(t *testing.T) {
	s := New()
	const stable = 5000
	for i := 0; i < stable; i++ {
		s.Set([]byte(fmt.Sprintf("stable:%d", i)), []byte("v"))
	}
	stopWriters := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stopWriters:
					return
				default:
				}
				k := []byte(fmt.Sprintf("churn:%d:%d", w, i%500))
				if i%2 == 0 {
					s.Set(k, []byte("x"))
				} else {
					s.Delete(k)
				}
			}
		}(w)
	}
	seen := map[string]int{}
	cursor, calls := uint64(0), 0
	for {
		var keys [][]byte
		cursor, keys = s.Scan(cursor, 10, func([]byte) bool { return true })
		calls++
		for _, k := range keys {
			seen[string(k)]++
		}
		if cursor == 0 {
			break
		}
	}
	close(stopWriters)
	wg.Wait()
	for i := 0; i < stable; i++ {
		if n := seen[fmt.Sprintf("stable:%d", i)]; n != 1 {
			t.Fatalf("stable:%d returned %d times", i, n)
		}
	}
	if calls < 2 {
		t.Fatalf("the scan took %d call(s); COUNT should have split it", calls)
	}
}

func TestRandomKeyAndKeysAndFlush(t *testing.T) {
	s, clock := newClockStore()
	if _, ok := s.RandomKey(); ok {
		t.Fatal("RandomKey on an empty store")
	}
	setWithTTL(s, "dead", "v", time.Millisecond)
	s.Set([]byte("alive"), []byte("v"))
	clock.Advance(time.Second)
	for i := 0; i < 20; i++ {
		if k, ok := s.RandomKey(); !ok || string(k) != "alive" {
			t.Fatalf("RandomKey = %q, %v", k, ok)
		}
	}
	if keys := s.Keys(func([]byte) bool { return true }); len(keys) != 1 || string(keys[0]) != "alive" {
		t.Fatalf("Keys = %q", keys)
	}
	s.Flush()
	if s.Len() != 0 || s.WithExpiry() != 0 {
		t.Fatal("Flush left keys")
	}
}

// TestSweepCanBeTurnedOff: with the active sweep off (DEBUG
// SET-ACTIVE-EXPIRE 0) or paused with the periodic work (DEBUG PAUSE-CRON
// 1) an expired key nobody touches stays in the table; turned on again,
// the next tick reclaims it.
func TestSweepCanBeTurnedOff(t *testing.T) {
	for name, hold := range map[string]func(s *Store, held bool){
		"SET-ACTIVE-EXPIRE": func(s *Store, held bool) { s.SetActiveExpiry(!held) },
		"PAUSE-CRON":        func(s *Store, held bool) { s.PauseSweep(held) },
	} {
		s, clock := newClockStore()
		setWithTTL(s, "k", "v", time.Second)
		clock.Advance(2 * time.Second)
		hold(s, true)
		s.sweepTick(sweepCycleBudget)
		if s.Len() != 1 || s.ExpiredCount() != 0 {
			t.Fatalf("%s held: Len %d, expired %d; want the key left alone", name, s.Len(), s.ExpiredCount())
		}
		hold(s, false)
		s.sweepTick(sweepCycleBudget)
		if s.Len() != 0 || s.ExpiredCount() != 1 {
			t.Fatalf("%s released: Len %d, expired %d; want the key reclaimed", name, s.Len(), s.ExpiredCount())
		}
	}
}

// While expiry is held (CLIENT PAUSE), neither the sweep nor a read
// deletes an expired key, which reads as absent; once released, both do.
func TestHeldExpiryDeletesNothing(t *testing.T) {
	s, clock := newClockStore()
	for i := 0; i < 100; i++ {
		setWithTTL(s, fmt.Sprintf("k%d", i), "v", time.Second)
	}
	clock.Advance(2 * time.Second)
	s.HoldExpiry(true)
	s.SweepOnce(time.Second)
	s.sweepTick(time.Second)
	if _, ok := s.Get([]byte("k1")); ok {
		t.Fatal("an expired key read as present while expiry is held")
	}
	if s.Len() != 100 || s.ExpiredCount() != 0 {
		t.Fatalf("while held: Len %d, expired %d; want 100 and 0", s.Len(), s.ExpiredCount())
	}
	s.HoldExpiry(false)
	s.Get([]byte("k1"))
	if s.Len() != 99 || s.ExpiredCount() != 1 {
		t.Fatalf("after a read: Len %d, expired %d; want 99 and 1", s.Len(), s.ExpiredCount())
	}
	for cycle := 0; s.Len() > 0 && cycle < 100; cycle++ {
		s.SweepOnce(time.Second)
	}
	if s.Len() != 0 || s.ExpiredCount() != 100 {
		t.Fatalf("after a sweep: Len %d, expired %d; want 0 and 100", s.Len(), s.ExpiredCount())
	}
}
