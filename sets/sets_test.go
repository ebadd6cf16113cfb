package sets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

func TestParseMember(t *testing.T) {
	cases := []struct {
		in    string
		v     int64
		isInt bool
	}{
		{"0", 0, true}, {"1", 1, true}, {"-1", -1, true}, {"123", 123, true},
		{"9223372036854775807", math.MaxInt64, true},
		{"-9223372036854775808", math.MinInt64, true},
		{"9223372036854775808", 0, false}, {"-9223372036854775809", 0, false},
		{"-0", 0, false}, {"01", 0, false}, {"+1", 0, false}, {" 1", 0, false},
		{"1 ", 0, false}, {"", 0, false}, {"-", 0, false}, {"1a", 0, false},
		{"99999999999999999999", 0, false}, {"123456789012345678901", 0, false},
	}
	for _, c := range cases {
		v, ok := parseMember([]byte(c.in))
		if ok != c.isInt || v != c.v {
			t.Errorf("parseMember(%q) = %d, %v; want %d, %v", c.in, v, ok, c.v, c.isInt)
		}
	}
}

func TestIntsetWidensAndStaysSorted(t *testing.T) {
	var s intset
	values := []int64{5, -3, 40000, math.MinInt64, 7, 70000, -70000, math.MaxInt64, 5}
	for _, v := range values {
		s.add(v)
	}
	if s.width != 8 {
		t.Fatalf("width %d, want 8", s.width)
	}
	want := []int64{math.MinInt64, -70000, -3, 5, 7, 40000, 70000, math.MaxInt64}
	var got []int64
	for i := 0; i < s.len(); i++ {
		got = append(got, s.at(i))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("members %v, want %v", got, want)
	}
	if s.has(6) || !s.has(-70000) || s.remove(6) || !s.remove(-3) || s.has(-3) {
		t.Fatal("has/remove wrong")
	}
}

func TestIntsetWidths(t *testing.T) {
	for _, c := range []struct {
		v int64
		w uint8
	}{{32767, 2}, {-32768, 2}, {32768, 4}, {-32769, 4}, {math.MaxInt32, 4}, {math.MaxInt32 + 1, 8}} {
		var s intset
		s.add(c.v)
		if s.width != c.w || !s.has(c.v) {
			t.Errorf("add(%d): width %d, want %d", c.v, s.width, c.w)
		}
	}
}

func TestEncodingIsOneWay(t *testing.T) {
	s := New()
	for i := 0; i < 3; i++ {
		s.Add([]byte(strconv.Itoa(i)), 3)
	}
	if s.Encoding() != "intset" {
		t.Fatalf("encoding %s, want intset", s.Encoding())
	}
	s.Add([]byte("3"), 3)
	if s.Encoding() != "hashtable" {
		t.Fatalf("past the limit: encoding %s, want hashtable", s.Encoding())
	}
	s.Remove([]byte("3"))
	s.Remove([]byte("2"))
	if s.Encoding() != "hashtable" || s.Len() != 2 || !s.Has([]byte("1")) {
		t.Fatalf("after removals: %s, len %d", s.Encoding(), s.Len())
	}
	w := New()
	w.Add([]byte("1"), 512)
	w.Add([]byte("a"), 512)
	if w.Encoding() != "hashtable" || !w.Has([]byte("1")) || !w.Has([]byte("a")) {
		t.Fatal("a non-integer member must convert, keeping the integers")
	}
	z := New()
	z.Add([]byte("1"), 0)
	if z.Encoding() != "hashtable" {
		t.Fatal("set-max-intset-entries 0: the first member converts")
	}
}

// TestMatchesAMap runs random adds and removes against a Go map in both
// layouts, through growth, shrinking and arena compaction.
func TestMatchesAMap(t *testing.T) {
	for _, numeric := range []bool{true, false} {
		s := New()
		ref := map[string]bool{}
		r := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < 200000; i++ {
			var m string
			if numeric {
				m = strconv.Itoa(r.IntN(3000) - 1500)
			} else {
				m = fmt.Sprintf("member:%d:%s", r.IntN(3000), string(make([]byte, r.IntN(40))))
			}
			if r.IntN(3) == 0 {
				if got, want := s.Remove([]byte(m)), ref[m]; got != want {
					t.Fatalf("Remove(%q) = %v, want %v", m, got, want)
				}
				delete(ref, m)
			} else {
				if got, want := s.Add([]byte(m), 100000), !ref[m]; got != want {
					t.Fatalf("Add(%q) = %v, want %v", m, got, want)
				}
				ref[m] = true
			}
			if i%10007 == 0 {
				checkSame(t, s, ref)
			}
		}
		checkSame(t, s, ref)
		for m := range ref { // empty it entirely: shrinking to the minimum
			if !s.Remove([]byte(m)) {
				t.Fatalf("Remove(%q) false", m)
			}
		}
		checkSame(t, s, map[string]bool{})
	}
}

func checkSame(t *testing.T, s *Set, ref map[string]bool) {
	t.Helper()
	if s.Len() != len(ref) {
		t.Fatalf("Len %d, want %d", s.Len(), len(ref))
	}
	seen := map[string]bool{}
	s.Each(func(m []byte) bool {
		if !ref[string(m)] || seen[string(m)] {
			t.Fatalf("Each gave %q: unknown or twice", m)
		}
		seen[string(m)] = true
		return true
	})
	for m := range ref {
		if !s.Has([]byte(m)) {
			t.Fatalf("Has(%q) false", m)
		}
	}
}

func TestIntsetIteratesInOrder(t *testing.T) {
	s := New()
	for _, m := range []string{"10", "-5", "3", "1000000", "0"} {
		s.Add([]byte(m), 512)
	}
	var got []string
	for _, m := range s.Members() {
		got = append(got, string(m))
	}
	if want := []string{"-5", "0", "3", "10", "1000000"}; !slices.Equal(got, want) {
		t.Fatalf("members %v, want %v", got, want)
	}
}

// TestScanSurvivesResizing checks SSCAN's guarantee: members present
// throughout an iteration are returned, while the table grows and shrinks
// between calls.
func TestScanSurvivesResizing(t *testing.T) {
	s := New()
	for i := 0; i < 1000; i++ {
		s.Add([]byte("keep"+strconv.Itoa(i)), 0)
	}
	seen := map[string]bool{}
	cursor, calls := uint64(0), 0
	for {
		cursor = s.Scan(cursor, 10, func(m []byte) { seen[string(m)] = true })
		calls++
		switch {
		case calls == 20:
			for i := 0; i < 5000; i++ {
				s.Add([]byte("extra"+strconv.Itoa(i)), 0)
			}
		case calls == 60:
			for i := 0; i < 5000; i++ {
				s.Remove([]byte("extra" + strconv.Itoa(i)))
			}
		}
		if cursor == 0 || calls > 100000 {
			break
		}
	}
	for i := 0; i < 1000; i++ {
		if !seen["keep"+strconv.Itoa(i)] {
			t.Fatalf("keep%d never returned", i)
		}
	}
}

func TestRandomIsUniformish(t *testing.T) {
	for _, limit := range []int{512, 0} {
		s := New()
		for i := 0; i < 10; i++ {
			s.Add([]byte(strconv.Itoa(i)), limit)
		}
		counts := map[string]int{}
		for i := 0; i < 10000; i++ {
			counts[string(s.Random(nil))]++
		}
		for m, n := range counts {
			if n < 700 || n > 1300 {
				t.Fatalf("%s: member %s picked %d times of 10000", s.Encoding(), m, n)
			}
		}
		if len(counts) != 10 {
			t.Fatalf("%s: %d distinct members picked, want 10", s.Encoding(), len(counts))
		}
	}
}

func TestCopyIsDeep(t *testing.T) {
	for _, limit := range []int{512, 0} {
		s := New()
		s.Add([]byte("1"), limit)
		s.Add([]byte("2"), limit)
		c := s.Copy()
		c.Add([]byte("3"), limit)
		c.Remove([]byte("1"))
		if s.Len() != 2 || !s.Has([]byte("1")) || s.Has([]byte("3")) || c.Encoding() != s.Encoding() {
			t.Fatalf("%s: copy shares state", s.Encoding())
		}
	}
}

func TestBigMembers(t *testing.T) {
	s := New()
	big := make([]byte, 3*chunkSize)
	for i := range 5 {
		big[0] = byte(i)
		s.Add(big, 512)
		s.Add([]byte("small"+strconv.Itoa(i)), 512)
	}
	big[0] = 3
	if s.Len() != 10 || !s.Has(big) || !s.Has([]byte("small4")) {
		t.Fatal("big members lost")
	}
}

func BenchmarkAddHashtable(b *testing.B) {
	s := New()
	key := make([]byte, 0, 32)
	for i := 0; i < b.N; i++ {
		key = strconv.AppendInt(append(key[:0], "member:"...), int64(i), 10)
		s.Add(key, 512)
	}
}

func BenchmarkHasHashtable(b *testing.B) {
	s := New()
	for i := 0; i < 100000; i++ {
		s.Add([]byte("member:"+strconv.Itoa(i)), 512)
	}
	key := make([]byte, 0, 32)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key = strconv.AppendInt(append(key[:0], "member:"...), int64(i%100000), 10)
		s.Has(key)
	}
}

func BenchmarkAddIntset(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s := New()
		for j := 0; j < 512; j++ {
			s.Add([]byte(strconv.Itoa(j*7919%1000)), 512)
		}
	}
}

func TestRebuildBatchesEveryMember(t *testing.T) {
	for _, limit := range []int{512, 0} {
		s := New()
		for i := range 200 {
			s.Add([]byte(strconv.Itoa(i*1000-70000)), limit)
		}
		var got []string
		batches := 0
		s.Rebuild([]byte("k"), func(args [][]byte) {
			batches++
			if string(args[0]) != "SADD" || string(args[1]) != "k" || len(args) > 2+rebuildBatch {
				t.Fatalf("batch %q", args[:2])
			}
			for _, a := range args[2:] {
				got = append(got, string(a))
			}
		})
		want := []string{}
		for _, m := range s.Members() {
			want = append(want, string(m))
		}
		if batches != 4 || !slices.Equal(got, want) {
			t.Fatalf("%s: %d batches, members %v, want %v", s.Encoding(), batches, got, want)
		}
	}
}
