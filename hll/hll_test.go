package hll

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestPositionMatchesRedis: the register and run each element gets, as
// redis-server 7.0.15 placed them (PFDEBUG DECODE of a one-element HLL),
// for every tail length of the hash's last word.
func TestPositionMatchesRedis(t *testing.T) {
	cases := []struct {
		element    string
		index, run int
	}{
		{"", 5938, 2}, {"a", 12711, 2}, {"ab", 719, 1}, {"abc", 9474, 1}, {"abcd", 11070, 8},
		{"abcde", 3726, 4}, {"abcdef", 13647, 2}, {"abcdefg", 5634, 2}, {"abcdefgh", 1383, 1},
		{"abcdefghi", 6903, 1}, {"hello world, 17b!", 11095, 1},
	}
	for _, c := range cases {
		index, run := position([]byte(c.element))
		if index != c.index || int(run) != c.run {
			t.Errorf("%q: register %d run %d, Redis: register %d run %d", c.element, index, run, c.index, c.run)
		}
		sk := New()
		sk.Add([]byte(c.element), 3000)
		want := "Z:" + strconv.Itoa(c.index) + " v:" + strconv.Itoa(c.run) + ",1 Z:" + strconv.Itoa(NumRegisters-c.index-1)
		if got := sk.Decode(); got != want {
			t.Errorf("%q: decoded %q, Redis %q", c.element, got, want)
		}
	}
}

// TestValuesMatchRedis: PFADD of "1" .. "n" one at a time, then PFCOUNT,
// leaves exactly the bytes redis-server 7.0.15 leaves (their sha256) and
// the same estimate, sparse and dense, across the promotion at 3000 bytes.
func TestValuesMatchRedis(t *testing.T) {
	cases := []struct {
		n        int
		estimate uint64
		length   int
		sha256   string // first 8 bytes, hex
	}{
		{10, 10, 47, "898c84a63b6247e1"},
		{1000, 1001, 1922, "719dd6d68459551c"},
		{5000, 4985, DenseSize, "8ac9da7e3738a0c4"},
		{100000, 99562, DenseSize, "c65d9bc48e944a83"},
	}
	for _, c := range cases {
		sk := New()
		for i := 1; i <= c.n; i++ {
			sk.Add([]byte(strconv.Itoa(i)), 3000)
		}
		got, err := sk.Estimate()
		if err != nil || got != c.estimate {
			t.Errorf("n=%d: estimate %d (%v), Redis %d", c.n, got, err, c.estimate)
		}
		sk.SetCachedCount(got)
		sum := sha256.Sum256(sk.Bytes())
		if len(sk.Bytes()) != c.length || hex.EncodeToString(sum[:8]) != c.sha256 {
			t.Errorf("n=%d: %d bytes, sha256 %x...; Redis %d bytes, %s...", c.n, len(sk.Bytes()), sum[:8], c.length, c.sha256)
		}
	}
}

func TestNewIsRedisEmptyValue(t *testing.T) {
	want := []byte("HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff")
	if got := New().Bytes(); !bytes.Equal(got, want) {
		t.Fatalf("New() = %q, want %q", got, want)
	}
	if n, ok := New().CachedCount(); !ok || n != 0 {
		t.Fatalf("a new value's cached estimate: %d %v, want 0 true", n, ok)
	}
}

// TestDenseRegistersKeepNeighbours is PFSELFTEST's first half, fewer
// rounds (PFSELFTEST itself runs in e2e_hyperloglog_test.go).
func TestDenseRegistersKeepNeighbours(t *testing.T) {
	if err := selfTestRegisters(50); err != nil {
		t.Fatal(err)
	}
}

// TestSparseAgreesWithDense: the same elements added to a sparse and a
// dense value leave the same registers and estimate, at every limit on
// the sparse size, and a value still sparse is never past the limit.
func TestSparseAgreesWithDense(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, limit := range []int64{0, 20, 300, 3000, 1 << 20} {
		sparse := New()
		dense := New()
		dense.ToDense()
		for batch := 0; batch < 40; batch++ {
			for i := r.IntN(200); i > 0; i-- {
				e := []byte(strconv.FormatUint(r.Uint64(), 36))
				a, errA := sparse.Add(e, limit)
				b, _ := dense.Add(e, limit)
				if errA != nil || a != b {
					t.Fatalf("limit %d: sparse add says %v (%v), dense %v", limit, a, errA, b)
				}
			}
			compareSketches(t, sparse, dense)
			if sparse.Encoding() == Sparse && int64(len(sparse.Bytes())) > max(limit, HeaderSize+4) {
				t.Fatalf("limit %d: sparse value of %d bytes", limit, len(sparse.Bytes()))
			}
		}
	}
}

func compareSketches(t *testing.T, a, b Sketch) {
	t.Helper()
	if err := a.Check(); err != nil {
		t.Fatalf("%v after edits: %s", err, a.Decode())
	}
	if *a.Registers() != *b.Registers() {
		t.Fatalf("registers differ")
	}
	ea, _ := a.Estimate()
	eb, _ := b.Estimate()
	if ea != eb {
		t.Fatalf("estimates differ: %d and %d", ea, eb)
	}
}

// FuzzSparseEdits: any elements, any limit: the sparse edits keep a value
// whose registers are those of the dense one.
func FuzzSparseEdits(f *testing.F) {
	f.Add([]byte("a b c d e f g"), uint16(3000))
	f.Add([]byte(strings.Repeat("xy ", 300)), uint16(40))
	f.Fuzz(func(t *testing.T, data []byte, limit uint16) {
		sparse, dense := New(), New()
		dense.ToDense()
		for _, e := range bytes.Fields(data) {
			sparse.Add(e, int64(limit))
			dense.Add(e, int64(limit))
		}
		compareSketches(t, sparse, dense)
	})
}

// TestRaiseSparseSplitsAndJoins walks the edit rules on registers chosen
// directly: XZERO and VAL splits, and VALs joined after an edit.
func TestRaiseSparseSplitsAndJoins(t *testing.T) {
	sk := New()
	steps := []struct {
		index int
		value uint8
		want  string
	}{
		{100, 3, "Z:100 v:3,1 Z:16283"},
		{101, 3, "Z:100 v:3,2 Z:16282"},                            // joined with the VAL before
		{0, 1, "v:1,1 Z:99 v:3,2 Z:16282"},                         // 99 zeros need an XZERO
		{102, 3, "v:1,1 Z:99 v:3,3 Z:16281"},                       // joined
		{103, 3, "v:1,1 Z:99 v:3,4 Z:16280"},                       // joined
		{104, 3, "v:1,1 Z:99 v:3,4 v:3,1 Z:16279"},                 // a VAL holds at most 4
		{101, 5, "v:1,1 Z:99 v:3,1 v:5,1 v:3,3 Z:16279"},           // VAL split in three, its tail joined
		{101, 3, "v:1,1 Z:99 v:3,1 v:5,1 v:3,3 Z:16279"},           // lower: no change
		{16383, 32, "v:1,1 Z:99 v:3,1 v:5,1 v:3,3 Z:16278 v:32,1"}, // the last register
	}
	for _, s := range steps {
		sk.raiseSparse(s.index, s.value, 3000)
		if got := sk.Decode(); got != s.want {
			t.Fatalf("after register %d = %d: %q, want %q", s.index, s.value, got, s.want)
		}
	}
	if _, err := sk.raiseSparse(5, 33, 3000); err != nil || sk.Encoding() != Dense {
		t.Fatalf("a value over 32 must turn the value dense: %v %v", sk.Encoding(), err)
	}
	if got := getDense(sk.registers(), 5); got != 33 {
		t.Fatalf("register 5 = %d after promotion, want 33", got)
	}
}

func TestOpenRefusesWhatIsNotAnHLL(t *testing.T) {
	valid := New().Bytes()
	dense := New()
	dense.ToDense()
	cases := map[string][]byte{
		"short":               valid[:HeaderSize-1],
		"magic":               append([]byte("HYLX"), valid[4:]...),
		"encoding 2":          append(append([]byte{}, valid[:4]...), append([]byte{2}, valid[5:]...)...),
		"dense, wrong size":   dense.Bytes()[:DenseSize-1],
		"sparse marked dense": append(append([]byte{}, valid[:4]...), append([]byte{0}, valid[5:]...)...),
	}
	for name, b := range cases {
		if _, err := Open(b); !errors.Is(err, ErrNotHLL) {
			t.Errorf("%s: Open = %v, want ErrNotHLL", name, err)
		}
	}
	if _, err := Open(dense.Bytes()); err != nil {
		t.Errorf("dense: %v", err)
	}
}

// TestCorruptSparse: opcodes covering too few or too many registers are
// caught by every reader of the opcodes.
func TestCorruptSparse(t *testing.T) {
	for name, ops := range map[string]string{
		"no opcodes":    "",
		"too few":       "\x7f\xfe",
		"too many":      "\x7f\xff\x00",
		"VAL past end":  "\x7f\xff\xff",
		"overlong runs": strings.Repeat("\x7f\xff", 3),
	} {
		sk, err := Open([]byte(emptyHeader + ops))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var r Registers
		if err := sk.Check(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: Check = %v", name, err)
		}
		if _, err := sk.Estimate(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: Estimate = %v", name, err)
		}
		if err := r.MergeFrom(sk); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: MergeFrom = %v", name, err)
		}
		if _, err := sk.ToDense(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: ToDense = %v", name, err)
		}
	}
}

const emptyHeader = "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80"

// TestXZeroCutShort: an XZERO whose second byte is missing at the end
// reads it as zero, as Redis reads the string's terminating NUL, and an
// edit of it shortens the value by the missing byte. The bytes are
// redis-server 7.0.15's for the same SET and PFADD.
func TestXZeroCutShort(t *testing.T) {
	sk, err := Open([]byte(emptyHeader + "\x3f\x3f\x3f\x3e\x7f")) // 64+64+64+63 zeros, then XZERO 63<<8+1
	if err != nil {
		t.Fatal(err)
	}
	if err := sk.Check(); err != nil {
		t.Fatalf("16384 registers with the implied zero byte, but: %v", err)
	}
	sk = sk.Clone()
	if changed, err := sk.Add([]byte("a"), 3000); !changed || err != nil {
		t.Fatalf("PFADD a: %v %v", changed, err)
	}
	want := emptyHeader + "\x3f\x3f\x3f\x3e\x70\xa7\x84\x4e"
	if got := string(sk.Bytes()); got != want {
		t.Fatalf("after PFADD a: %q, Redis: %q", got, want)
	}
}

// TestEstimatesWithinBounds is PFSELFTEST's second half up to a
// million elements: the sparse and dense values agree at each power of
// ten, and the estimate is within six standard errors.
func TestEstimatesWithinBounds(t *testing.T) {
	if err := selfTestEstimates(3000, 1_000_000); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeForms(t *testing.T) {
	sk, _ := Open([]byte(emptyHeader + "\x00\x81\x3e\x7f\x3f"))
	if got, want := sk.Decode(), "z:1 v:1,2 z:63 Z:16192"; got != want {
		t.Fatalf("Decode = %q, want %q", got, want)
	}
}

// TestJoinStopsAfterFiveSteps: the tidy-up after an edit looks at five
// opcodes at most (joins included), so joinable VALs further on stay as
// they are. Redis 7.0.15 leaves exactly this for the same SET and PFADD.
func TestJoinStopsAfterFiveSteps(t *testing.T) {
	ops := appendZeroRun(nil, 1383)
	ops = append(ops, 0x00) // ZERO of 1: register 1383, where "abcdefgh" lands with a run of 1
	ops = append(ops, bytes.Repeat([]byte{valOp(1, 1)}, 10)...)
	ops = appendZeroRun(ops, NumRegisters-1394)
	sk, err := Open(append([]byte(emptyHeader), ops...))
	if err != nil {
		t.Fatal(err)
	}
	sk.Add([]byte("abcdefgh"), 3000)
	want := "Z:1383 v:1,4 v:1,1 v:1,1 v:1,1 v:1,1 v:1,1 v:1,1 v:1,1 Z:14990"
	if got := sk.Decode(); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// FuzzHostileValues: any bytes after a sparse or dense header are read,
// counted, merged, converted and edited without a panic, and a value
// that passes Check means the same registers to every reader.
func FuzzHostileValues(f *testing.F) {
	f.Add([]byte("\x7f\xff"), false, []byte("a b"))
	f.Add([]byte("\x3f\x3f\x3f\x3e\x7f"), false, []byte("a abcdefgh"))
	f.Add([]byte("\x80\x81\x82\x7f\xf0"), false, []byte("x"))
	f.Add(bytes.Repeat([]byte{0xff}, denseBytes), true, []byte("y"))
	f.Fuzz(func(t *testing.T, body []byte, dense bool, elements []byte) {
		if !dense && len(body) > 2048 {
			return // every edit walks the opcodes: keep the fuzzer quick
		}
		header := []byte(emptyHeader)
		if dense {
			header[encodingIndex] = byte(Dense)
		}
		sk, err := Open(append(header, body...))
		if err != nil {
			return
		}
		var merged Registers
		mergeErr := merged.MergeFrom(sk)
		_, countErr := sk.Estimate()
		sk.Decode()
		converted := sk
		_, denseErr := converted.ToDense()
		if checkErr := sk.Check(); (checkErr == nil) != (mergeErr == nil) || (checkErr == nil) != (countErr == nil) ||
			(checkErr == nil) != (denseErr == nil) {
			t.Fatalf("readers disagree: check %v merge %v count %v dense %v", checkErr, mergeErr, countErr, denseErr)
		}
		if denseErr == nil && merged != *converted.Registers() {
			t.Fatal("the dense conversion has other registers than the merge")
		}
		edited := sk.Clone()
		for _, e := range bytes.Fields(elements) {
			sk.Holds(e)
			edited.Add(e, 3000)
		}
		edited.RaiseAll(&merged, false, 100)
	})
}
