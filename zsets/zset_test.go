package zsets

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"sort"
	"strconv"
	"testing"
)

// model is the obvious sorted set the tests check ZSet against.
type model map[string]float64

func (m model) sorted() []pair {
	out := make([]pair, 0, len(m))
	for k, v := range m {
		out = append(out, pair{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		return compare(out[i].score, []byte(out[i].member), out[j].score, []byte(out[j].member)) < 0
	})
	return out
}

type pair struct {
	member string
	score  float64
}

func walkAll(z *ZSet, reverse bool) []pair {
	var got []pair
	start := 0
	if reverse {
		start = z.Len() - 1
	}
	z.Walk(start, reverse, func(m []byte, s float64) bool {
		got = append(got, pair{string(m), s})
		return true
	})
	return got
}

func check(t *testing.T, z *ZSet, m model) {
	t.Helper()
	want := m.sorted()
	if z.Len() != len(want) {
		t.Fatalf("Len %d, want %d", z.Len(), len(want))
	}
	got := walkAll(z, false)
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("order differs at %d of %d: got %v, want %v", i, len(want), got[i:min(len(got), i+3)], want[i:min(len(want), i+3)])
		}
	}
	rev := walkAll(z, true)
	for i := range rev {
		if rev[i] != want[len(want)-1-i] {
			t.Fatalf("reverse walk differs at %d", i)
		}
	}
	for i, p := range want {
		r, s, ok := z.Rank([]byte(p.member))
		if !ok || r != i || s != p.score {
			t.Fatalf("Rank(%q) = %d %v %v, want %d %v", p.member, r, s, ok, i, p.score)
		}
		if am, as := z.At(i); string(am) != p.member || as != p.score {
			t.Fatalf("At(%d) = %q %v, want %v", i, am, as, p)
		}
	}
}

// TestAgainstModel runs random additions, score changes, removals and
// range removals on both layouts and compares every state with the model.
func TestAgainstModel(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lim     Limits
		members int
		ops     int
		every   int
	}{
		{"packed", Limits{Entries: 1 << 30, Value: 1 << 30}, 60, 2000, 1},
		{"converts", Limits{Entries: 16, Value: 64}, 80, 3000, 7},
		{"big", Limits{Entries: 0, Value: 0}, 3000, 40000, 5000},
		{"deep", Limits{Entries: 0, Value: 0}, 30000, 200000, 50000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewSource(1))
			z, m := New(), model{}
			for op := 0; op < tc.ops; op++ {
				member := []byte(fmt.Sprintf("m%d", rng.Intn(tc.members)))
				switch r := rng.Intn(10); {
				case r < 6:
					score := float64(rng.Intn(50))
					switch rng.Intn(8) {
					case 0:
						score += 0.25 // stored as 8 bytes, not as an integer
					case 1:
						score = float64(rng.Int63()) // past 2^53
					case 2:
						score = math.Inf(1 - 2*rng.Intn(2))
					case 3:
						score = -score
					}
					_, had := m[string(member)]
					if added := z.Set(member, score, tc.lim); added == had {
						t.Fatalf("Set(%s) added=%v, had=%v", member, added, had)
					}
					m[string(member)] = score
				case r < 9:
					_, had := m[string(member)]
					if z.Remove(member) != had {
						t.Fatalf("Remove(%s) != %v", member, had)
					}
					delete(m, string(member))
				default:
					if z.Len() == 0 {
						continue
					}
					start := rng.Intn(z.Len())
					end := min(z.Len()-1, start+rng.Intn(5))
					// The checks compare the whole order with the model, so
					// the ranks can be read from the set itself.
					for i := start; i <= end; i++ {
						member, _ := z.At(i)
						delete(m, string(member))
					}
					z.RemoveRange(start, end)
				}
				if op%tc.every == 0 {
					check(t, z, m)
				}
			}
			check(t, z, m)
			check(t, z.Copy(), m)
		})
	}
}

func TestEncodingIsOneWay(t *testing.T) {
	lim := Limits{Entries: 2, Value: 4}
	z := New()
	z.Set([]byte("a"), 1, lim)
	z.Set([]byte("b"), 2, lim)
	if z.Encoding() != "listpack" {
		t.Fatalf("two members: %s", z.Encoding())
	}
	z.Set([]byte("c"), 3, lim)
	if z.Encoding() != "skiplist" {
		t.Fatalf("three members: %s", z.Encoding())
	}
	z.Remove([]byte("c"))
	z.Remove([]byte("b"))
	if z.Encoding() != "skiplist" {
		t.Fatalf("after removals: %s", z.Encoding())
	}
	long := New()
	long.Set([]byte("abcde"), 1, lim)
	if long.Encoding() != "skiplist" {
		t.Fatalf("long member: %s", long.Encoding())
	}
}

func TestCountWhileFindsRanges(t *testing.T) {
	for _, z := range []*ZSet{New(), NewBig()} {
		for i := 0; i < 1000; i++ {
			z.Set([]byte(fmt.Sprintf("%04d", i)), float64(i/10), Limits{Entries: 1 << 20, Value: 64})
		}
		below := z.CountWhile(func(_ []byte, s float64) bool { return s < 50 })
		upTo := z.CountWhile(func(_ []byte, s float64) bool { return s <= 50 })
		if below != 500 || upTo != 510 {
			t.Fatalf("%s: below %d upTo %d", z.Encoding(), below, upTo)
		}
		lex := z.CountWhile(func(m []byte, _ float64) bool { return bytes.Compare(m, []byte("0123")) < 0 })
		if lex != 123 {
			t.Fatalf("%s: lex %d", z.Encoding(), lex)
		}
	}
}

// TestBigMemory reports the heap a million-member set takes (Redis 7.0.15
// used_memory grows by about 110 bytes a member for these members).
func TestBigMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("a million members")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	z := NewBig()
	for i := 0; i < 1000000; i++ {
		z.Set([]byte(fmt.Sprintf("member:%d", i)), float64(i), Limits{})
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perMember := float64(after.HeapAlloc-before.HeapAlloc) / 1e6
	t.Logf("%.1f bytes per member", perMember)
	if perMember > 110 {
		t.Fatalf("%.1f bytes per member, Redis takes about 110", perMember)
	}
	runtime.KeepAlive(z)
}

func BenchmarkSetBig(b *testing.B) {
	z := NewBig()
	member := []byte("member:00000000")
	for i := 0; i < b.N; i++ {
		copy(member[7:], fmt.Sprintf("%08d", i%1000000))
		z.Set(member, float64(i%1000), Limits{})
	}
}

func BenchmarkScoreBig(b *testing.B) {
	z := NewBig()
	for i := 0; i < 100000; i++ {
		z.Set([]byte(fmt.Sprintf("member:%d", i)), float64(i), Limits{})
	}
	member := []byte("member:12345")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		z.Score(member)
	}
}

// TestRebuild: the rewrite's ZADD batches hold every member once, 64 a
// command, with scores that read back exactly.
func TestRebuild(t *testing.T) {
	z := New()
	lim := Limits{Entries: 128, Value: 64}
	for i := 0; i < 150; i++ {
		z.Set([]byte(fmt.Sprintf("m%d", i)), float64(i)/3, lim)
	}
	z.Set([]byte("top"), math.Inf(1), lim)
	z.Set([]byte("bottom"), math.Inf(-1), lim)
	back := New()
	batches := 0
	z.Rebuild([]byte("k"), func(args [][]byte) {
		batches++
		if string(args[0]) != "ZADD" || string(args[1]) != "k" || len(args) > 2+2*64 || len(args)%2 != 0 {
			t.Fatalf("batch %d: %q", batches, args[:2])
		}
		for i := 2; i < len(args); i += 2 {
			s, err := strconv.ParseFloat(string(args[i]), 64)
			if err != nil {
				t.Fatalf("score %q: %v", args[i], err)
			}
			back.Set(append([]byte(nil), args[i+1]...), s, lim)
		}
	})
	if batches != 3 || fmt.Sprint(walkAll(back, false)) != fmt.Sprint(walkAll(z, false)) {
		t.Fatalf("%d batches; rebuilt %v", batches, walkAll(back, false))
	}
}

// TestScoreEncodings: every kind of score reads back as written, the
// sign of zero included (the big layout keeps -0, as Redis's skiplist
// does).
func TestScoreEncodings(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 31, 32, -32, 4095, 4096, 1 << 53, -(1 << 53), 1<<53 + 2, 0.5, -2.25,
		math.Inf(1), math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64, math.Copysign(0, -1)} {
		buf := appendRecord([]byte{7}, []byte("m"), f)
		m, got, next := readRecord(buf, 1)
		if string(m) != "m" || got != f || math.Signbit(got) != math.Signbit(f) || next != len(buf) ||
			len(buf)-1 != recordSize([]byte("m"), f) {
			t.Errorf("%v: read %v %q, %d of %d bytes", f, got, m, next, len(buf))
		}
	}
	z := NewBig()
	z.Set([]byte("a"), math.Copysign(0, -1), Limits{})
	if s, _ := z.Score([]byte("a")); !math.Signbit(s) {
		t.Fatal("the big layout lost -0")
	}
}

// TestScanSeesEveryLastingMember: members present from the start to the
// end of a ZSCAN iteration are all visited, while others come and go and
// the table grows and shrinks.
func TestScanSeesEveryLastingMember(t *testing.T) {
	z := NewBig()
	for i := 0; i < 1000; i++ {
		z.Set([]byte(fmt.Sprintf("keep%d", i)), float64(i), Limits{})
	}
	seen := map[string]bool{}
	cursor, calls := uint64(0), 0
	for {
		cursor = z.Scan(cursor, 10, func(m []byte, _ float64) { seen[string(m)] = true })
		calls++
		// Churn between calls: enough additions to double the table, then
		// removals of them all, so it also shrinks when compacted.
		for i := 0; i < 40; i++ {
			z.Set([]byte(fmt.Sprintf("tmp%d-%d", calls, i)), float64(i), Limits{})
		}
		if calls%10 == 0 {
			for c := calls - 9; c <= calls; c++ {
				for i := 0; i < 40; i++ {
					z.Remove([]byte(fmt.Sprintf("tmp%d-%d", c, i)))
				}
			}
		}
		if cursor == 0 || calls > 100000 {
			break
		}
	}
	for i := 0; i < 1000; i++ {
		if !seen[fmt.Sprintf("keep%d", i)] {
			t.Fatalf("keep%d was never visited in %d calls", i, calls)
		}
	}
	packed := New()
	packed.Set([]byte("a"), 1, Limits{Entries: 128, Value: 64})
	if next := packed.Scan(99, 1, func([]byte, float64) {}); next != 0 {
		t.Fatalf("a packed set's scan goes on at %d", next)
	}
}

// TestBytes: MEMORY USAGE's figure grows with the members, and stays
// near what the layouts are meant to cost.
func TestBytes(t *testing.T) {
	small, big := New(), NewBig()
	lim := Limits{Entries: 128, Value: 64}
	for i := 0; i < 100; i++ {
		m := []byte(fmt.Sprintf("member:%d", i))
		small.Set(m, float64(i), lim)
		big.Set(m, float64(i), lim)
	}
	if b := small.Bytes(); b < 100*12 || b > 100*40 {
		t.Fatalf("a packed set of 100: %d bytes", b)
	}
	if b := big.Bytes(); b < 100*20 || b > 100*120 {
		t.Fatalf("a big set of 100: %d bytes", b)
	}
}
