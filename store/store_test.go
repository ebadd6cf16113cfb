package store

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSetGetDeleteExists(t *testing.T) {
	s := New()
	if _, ok := s.Get([]byte("k")); ok {
		t.Fatal("empty store returned a value")
	}
	s.Set([]byte("k"), []byte("v1"))
	s.Set([]byte("k"), []byte("v2"))
	if v, ok := s.Get([]byte("k")); !ok || string(v) != "v2" {
		t.Fatalf("Get = %q, %v; want v2, true", v, ok)
	}
	if n := s.Exists([]byte("k"), []byte("k"), []byte("nope")); n != 2 {
		t.Fatalf("Exists = %d, want 2 (a key named twice counts twice)", n)
	}
	if n := s.Delete([]byte("k"), []byte("k"), []byte("nope")); n != 1 {
		t.Fatalf("Delete = %d, want 1", n)
	}
	if s.Len() != 0 {
		t.Fatalf("Len = %d after delete, want 0", s.Len())
	}
}

func TestValuesAreCopiedNotAliased(t *testing.T) {
	s := New()
	key := []byte("key")
	val := []byte("alice")
	s.Set(key, val)
	copy(key, "XXX")
	copy(val, "bobby")
	v, ok := s.Get([]byte("key"))
	if !ok || string(v) != "alice" {
		t.Fatalf("after the caller reused its buffers Get = %q, %v; want alice", v, ok)
	}
}

func TestBinarySafeValues(t *testing.T) {
	s := New()
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	s.Set(all, all)
	v, ok := s.Get(all)
	if !ok || !bytes.Equal(v, all) {
		t.Fatal("a key and value with every byte value did not round-trip")
	}
}

func TestUpdateIsAtomicAndCanKeepOrRemove(t *testing.T) {
	s := New()
	incr := func(cur Entry, _ bool) (Entry, Op) {
		n, _ := strconv.Atoi(string(cur.Value))
		return Entry{Value: strconv.AppendInt(nil, int64(n+1), 10)}, Put
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				s.Update([]byte("counter"), incr)
			}
		}()
	}
	wg.Wait()
	if v, _ := s.Get([]byte("counter")); string(v) != "8000" {
		t.Fatalf("counter = %s after 8x1000 concurrent increments, want 8000", v)
	}
	s.Update([]byte("counter"), func(Entry, bool) (Entry, Op) { return Entry{Value: []byte("junk")}, Keep })
	if v, _ := s.Get([]byte("counter")); string(v) != "8000" {
		t.Fatalf("a Keep update stored %q", v)
	}
	s.Update([]byte("counter"), func(Entry, bool) (Entry, Op) { return Entry{}, Remove })
	if s.Exists([]byte("counter")) != 0 {
		t.Fatal("a Remove update left the key")
	}
}

// TestConcurrentReadersAndWriters is meant for -race: readers must always
// see a complete value that some writer stored.
func TestConcurrentReadersAndWriters(t *testing.T) {
	s := New()
	const writers, readers, rounds = 4, 4, 2000
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				key := []byte("k" + strconv.Itoa(i%64))
				s.Set(key, bytes.Repeat([]byte{byte('a' + w)}, 32))
				if i%7 == 0 {
					s.Delete(key)
				}
			}
		}(w)
	}
	for r := 0; r < readers; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				v, ok := s.Get([]byte("k" + strconv.Itoa(i%64)))
				if ok && (len(v) != 32 || !bytes.Equal(v, bytes.Repeat(v[:1], 32))) {
					t.Errorf("torn value %q", v)
					return
				}
				_ = s.Len()
			}
		}()
	}
	wg.Wait()
}

func BenchmarkGet(b *testing.B) {
	s := New()
	key := []byte("key:000000000001")
	s.Set(key, []byte("val:000000000001"))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, ok := s.Get(key); !ok {
			b.Fatal("missing")
		}
	}
}

func BenchmarkSet(b *testing.B) {
	s := New()
	key := []byte("key:000000000001")
	val := []byte("val:000000000001")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s.Set(key, val)
	}
}

func TestObserverHearsEveryChangeInOrder(t *testing.T) {
	s := New()
	var got []string
	s.Observe(func(c Change) {
		switch c.Op {
		case ChangePut:
			got = append(got, "put "+string(c.Key)+"="+string(c.Entry.Value))
		case ChangeDelete:
			got = append(got, "del "+string(c.Key))
		case ChangeFlush:
			got = append(got, "flush")
		case ChangeMove:
			got = append(got, "move "+string(c.Key)+">"+string(c.To)+"="+string(c.Entry.Value))
		}
	})
	s.Set([]byte("a"), []byte("1"))
	s.Update([]byte("a"), func(Entry, bool) (Entry, Op) { return Entry{Value: []byte("2")}, Put })
	s.Update([]byte("a"), func(e Entry, _ bool) (Entry, Op) { return e, Keep })
	s.Rename([]byte("a"), []byte("b"), false)
	s.SetMany([][]byte{[]byte("c"), []byte("3")}, false)
	s.Delete([]byte("c"), []byte("nope"))
	s.Flush()
	want := "put a=1,put a=2,move a>b=2,put c=3,del c,flush"
	if strings.Join(got, ",") != want {
		t.Fatalf("observed %q, want %q", strings.Join(got, ","), want)
	}
	var visited int
	s.Set([]byte("x"), []byte("1"))
	s.Set([]byte("y"), []byte("2"))
	s.SnapshotRange(func([]byte, Entry) { visited++ }, func() bool { return true })
	if visited != 2 {
		t.Fatalf("SnapshotRange visited %d keys, want 2", visited)
	}
}

// TestKeysMatchesOutsideTheLock: the match function is the client's cost
// (a glob it chose), so it runs after the shard's lock is released: a write
// to the very shard being matched goes through while a match is stuck.
func TestKeysMatchesOutsideTheLock(t *testing.T) {
	s := New()
	for i := range 1000 {
		s.Set([]byte("key:"+strconv.Itoa(i)), []byte("v"))
	}
	entered := make(chan []byte, 1)
	release := make(chan struct{})
	go s.Keys(func(key []byte) bool {
		select {
		case entered <- key:
			<-release // the first call stays inside the match
		default:
		}
		return true
	})
	defer close(release)
	key := <-entered
	written := make(chan struct{})
	go func() {
		s.Set(key, []byte("new")) // the same key: the same shard
		close(written)
	}()
	select {
	case <-written:
	case <-time.After(10 * time.Second):
		t.Fatal("a write to the shard being matched waited for the match")
	}
}
