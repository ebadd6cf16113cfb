package store

import (
	"fmt"
	"strconv"
	"testing"
)

// bag is the smallest collection: a list of strings, enough to see the
// store keep, change, copy and report a collection.
type bag struct{ items []string }

func (b *bag) Type() Type    { return TypeList }
func (b *bag) Len() int      { return len(b.items) }
func (b *bag) Clone() Object { return &bag{items: append([]string(nil), b.items...)} }
func (b *bag) Rebuild(key []byte, emit func([][]byte)) {
	args := [][]byte{[]byte("RPUSH"), key}
	for _, it := range b.items {
		args = append(args, []byte(it))
	}
	emit(args)
}

// push appends v to the bag at key, making it if need be, as RPUSH does.
func push(s *Store, key, v string) {
	s.Edit([]byte(key), func(cur Entry, ok bool) Edit {
		if !ok {
			return Edit{Op: Put, Entry: Entry{Obj: &bag{items: []string{v}}}}
		}
		b := cur.Obj.(*bag)
		b.items = append(b.items, v)
		return Edit{Op: Mutated, Replay: [][]byte{[]byte("RPUSH"), []byte(key), []byte(v)}}
	})
}

func items(s *Store, key string) (out []string, typ Type, ok bool) {
	s.View([]byte(key), func(e Entry, found bool) {
		if ok = found; found {
			typ = e.Type()
			if e.Obj != nil {
				out = append(out, e.Obj.(*bag).items...)
			}
		}
	})
	return out, typ, ok
}

func TestCollectionIsKeptChangedAndReported(t *testing.T) {
	s := New()
	var changes []string
	s.Observe(func(c Change) {
		switch c.Op {
		case ChangePut:
			changes = append(changes, fmt.Sprintf("put %s obj=%v", c.Key, c.Entry.Obj != nil))
		case ChangeApply:
			changes = append(changes, fmt.Sprintf("apply %q", c.Args))
		case ChangeDelete:
			changes = append(changes, "del "+string(c.Key))
		}
	})
	push(s, "l", "a")
	push(s, "l", "b")
	got, typ, ok := items(s, "l")
	if !ok || typ != TypeList || fmt.Sprint(got) != "[a b]" {
		t.Fatalf("View = %v %v %v, want [a b] list true", got, typ, ok)
	}
	if e, ok := s.Peek([]byte("l")); !ok || e.Type() != TypeList || e.Value != nil {
		t.Fatalf("Peek = %+v %v, want a list with no string value", e, ok)
	}
	s.Set([]byte("str"), []byte("v"))
	if e, _ := s.Peek([]byte("str")); e.Type() != TypeString {
		t.Fatalf("a string reports type %v", e.Type())
	}
	s.Delete([]byte("l"))
	want := `[put l obj=true apply ["RPUSH" "l" "b"] put str obj=false del l]`
	if fmt.Sprint(changes) != want {
		t.Fatalf("observed %v\nwant     %v", changes, want)
	}
	if _, _, ok := items(s, "l"); ok {
		t.Fatal("deleted collection still there")
	}
}

func TestDeletedCollectionsPlacesAreReused(t *testing.T) {
	s := New()
	for round := 0; round < 3; round++ {
		for i := 0; i < 100; i++ {
			push(s, "k"+strconv.Itoa(i), "x")
		}
		for i := 0; i < 100; i++ {
			s.Delete([]byte("k" + strconv.Itoa(i)))
		}
	}
	places := 0
	for i := range s.shards {
		places += len(s.shards[i].objects.list)
	}
	if places > 100 {
		t.Fatalf("%d object places after three rounds of 100, want at most 100", places)
	}
}

func TestCollectionsSurviveCompaction(t *testing.T) {
	s := New()
	for i := 0; i < 50; i++ {
		push(s, "c"+strconv.Itoa(i), strconv.Itoa(i))
	}
	// Overwrite strings until every shard has compacted several times.
	big := make([]byte, 4096)
	for round := 0; round < 40; round++ {
		for i := 0; i < 256; i++ {
			s.Set([]byte("s"+strconv.Itoa(i)), big)
		}
	}
	for i := 0; i < 50; i++ {
		got, _, ok := items(s, "c"+strconv.Itoa(i))
		if !ok || len(got) != 1 || got[0] != strconv.Itoa(i) {
			t.Fatalf("collection c%d after compactions = %v %v", i, got, ok)
		}
	}
}

func TestCopyClonesMoveKeepsAndSwapCarries(t *testing.T) {
	a := New()
	b := a.NewSibling()
	push(a, "src", "x")
	Transfer(a, []byte("src"), a, []byte("dup"), false, false)
	push(a, "dup", "y")
	if got, _, _ := items(a, "src"); fmt.Sprint(got) != "[x]" {
		t.Fatalf("changing a copy changed the original: %v", got)
	}
	Transfer(a, []byte("dup"), b, []byte("moved"), false, true)
	if got, _, ok := items(b, "moved"); !ok || fmt.Sprint(got) != "[x y]" {
		t.Fatalf("moved collection = %v %v", got, ok)
	}
	a.Rename([]byte("src"), []byte("renamed"), false)
	if got, _, ok := items(a, "renamed"); !ok || fmt.Sprint(got) != "[x]" {
		t.Fatalf("renamed collection = %v %v", got, ok)
	}
	Swap(a, b)
	if got, _, ok := items(a, "moved"); !ok || fmt.Sprint(got) != "[x y]" {
		t.Fatalf("after SWAPDB = %v %v", got, ok)
	}
	if _, _, ok := items(b, "renamed"); !ok {
		t.Fatal("the other store lost its collection in the swap")
	}
}

func TestEditManyAppliesInOrder(t *testing.T) {
	s := New()
	push(s, "a", "1")
	push(s, "a", "2")
	// Move the head of a to the tail of a and of b in one step, naming a
	// twice, as LMOVE a a does.
	s.EditMany([][]byte{[]byte("a"), []byte("a"), []byte("b")}, func(cur []Entry, ok []bool) []Edit {
		if !ok[0] || !ok[1] || ok[2] || cur[0].Obj != cur[1].Obj {
			t.Errorf("EditMany entries = %v %v", ok, cur)
		}
		src := cur[0].Obj.(*bag)
		head := src.items[0]
		src.items = append(src.items[1:], head)
		return []Edit{
			{Op: Mutated, Replay: [][]byte{[]byte("LMOVE"), []byte("a"), []byte("a"), []byte("LEFT"), []byte("RIGHT")}},
			{Op: Keep},
			{Op: Put, Entry: Entry{Obj: &bag{items: []string{head}}}},
		}
	})
	if got, _, _ := items(s, "a"); fmt.Sprint(got) != "[2 1]" {
		t.Fatalf("a = %v, want [2 1]", got)
	}
	if got, _, _ := items(s, "b"); fmt.Sprint(got) != "[1]" {
		t.Fatalf("b = %v, want [1]", got)
	}
}

func TestCollectionExpires(t *testing.T) {
	now := int64(1000)
	s := NewWithClock(func() int64 { return now })
	s.Edit([]byte("l"), func(Entry, bool) Edit {
		return Edit{Op: Put, Entry: Entry{Obj: &bag{items: []string{"a"}}, ExpireAt: 2000}}
	})
	if _, _, ok := items(s, "l"); !ok {
		t.Fatal("collection missing before its time")
	}
	now = 2000
	if _, _, ok := items(s, "l"); ok {
		t.Fatal("collection still there at its expiry time")
	}
	if s.Len() != 0 {
		t.Fatalf("expired collection not deleted: Len %d", s.Len())
	}
}

// A snapshot includes the changes made before it reads their shard and
// reports the others, so a rewrite replays each change exactly once.
func TestSnapshotSaysWhichChangesItHas(t *testing.T) {
	s := New()
	var after []bool
	s.Observe(func(c Change) { after = append(after, s.SnapshotMisses(c)) })
	push(s, "l", "before")
	s.BeginSnapshot()
	push(s, "l", "during, before the read")
	var seen []string
	s.SnapshotRange(func(k []byte, e Entry) { seen = append(seen, e.Obj.(*bag).items...) }, func() bool { return true })
	push(s, "l", "after the read")
	s.EndSnapshot()
	push(s, "l", "after the end")
	if fmt.Sprint(after) != "[false false true false]" {
		t.Fatalf("SnapshotMisses per change = %v, want [false false true false]", after)
	}
	if fmt.Sprint(seen) != "[before during, before the read]" {
		t.Fatalf("snapshot read %v", seen)
	}
}
