package executor

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"testing"
)

// writeMembers writes n members, each with a score in RESP3's nested
// pairs when withScores is set (the shapes of LRANGE and ZRANGE
// WITHSCORES), and returns the bytes of every buffer the reply grew into
// on the way.
func writeMembers(r *Reply, n int, withScores bool) (allocated int) {
	last := cap(r.buf)
	grown := func() {
		if cap(r.buf) != last {
			last = cap(r.buf)
			allocated += last
		}
	}
	r.Array(n)
	grown()
	for i := 0; i < n; i++ {
		if withScores {
			r.Array(2)
		}
		r.BulkString(fmt.Sprintf("member:%010d", i))
		grown()
		if withScores {
			r.Double(float64(i))
			grown()
		}
	}
	return allocated
}

// TestBigRepliesAreSizedAhead: a reply of 200,000 values grows into
// buffers of at most twice its own size in all (a reserve held back by
// growAtMost can cost one buffer of nearly the whole size); grown by append
// alone they come to about five times its size.
func TestBigRepliesAreSizedAhead(t *testing.T) {
	for _, c := range []struct {
		name       string
		form       form
		withScores bool
	}{
		{"RESP2 list", formRESP2, false},
		{"RESP3 member-score pairs", formRESP3, true},
		{"plaintext list", formHuman, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			const n = 200_000
			var plain Reply // the same reply, as append alone grows it
			plain.reset(nil, c.form)
			sizeFrom := sizeAggregatesFrom
			sizeAggregatesFrom = math.MaxInt
			plainAllocated := writeMembers(&plain, n, c.withScores)
			sizeAggregatesFrom = sizeFrom

			var sized Reply
			sized.reset(nil, c.form)
			allocated := writeMembers(&sized, n, c.withScores)
			if !bytes.Equal(sized.buf, plain.buf) {
				t.Fatalf("the sized reply differs from the plain one")
			}
			size := len(sized.buf)
			t.Logf("a %d-byte reply: buffers of %d bytes in all (%.2fx); by append alone %d (%.2fx)",
				size, allocated, float64(allocated)/float64(size), plainAllocated, float64(plainAllocated)/float64(size))
			if allocated > size*2 {
				t.Errorf("grew into %.2fx its size", float64(allocated)/float64(size))
			}
			if cap(sized.buf) > size*5/4 {
				t.Errorf("reserved %d bytes for a %d-byte reply", cap(sized.buf), size)
			}
		})
	}
}

// TestMisleadingStartReservesLittle: when the first values are much bigger
// than the rest, the reserve is bounded by what was written, not by the
// estimate.
func TestMisleadingStartReservesLittle(t *testing.T) {
	var r Reply
	r.reset(nil, formRESP2)
	const n = 100_000
	big := bytes.Repeat([]byte("x"), 1<<16)
	r.Array(n)
	for i := 0; i < n; i++ {
		if i < firstSample {
			r.Bulk(big)
		} else {
			r.BulkString(strconv.Itoa(i % 10))
		}
	}
	// 64 values of 64 KiB and about 100,000 of 7 bytes: a reply of about
	// 4.9 MB. The first estimate alone would be 100,000 x 64 KiB.
	if limit := (growAtMost + 2) * len(r.buf); cap(r.buf) > limit {
		t.Errorf("reserved %d bytes for a %d-byte reply", cap(r.buf), len(r.buf))
	}
}

// TestSmallRepliesAreNotSized: redis-benchmark's LRANGE_600 (600 values)
// and smaller replies leave append alone.
func TestSmallRepliesAreNotSized(t *testing.T) {
	var r Reply
	r.reset(nil, formRESP2)
	r.Array(sizeAggregatesFrom - 1)
	if r.sizing.expected != 0 {
		t.Fatalf("an aggregate of %d values is being sized", sizeAggregatesFrom-1)
	}
	r.reset(nil, formRESP2)
	r.Array(2)
	r.Array(sizeAggregatesFrom) // SCAN's shape: a big list inside a small one
	if r.sizing.expected != sizeAggregatesFrom {
		t.Fatalf("a big list inside a small one is not sized: %+v", r.sizing)
	}
}

// TestBigListsOneAfterAnother: a reply holding two big lists (EXEC of two
// LRANGEs, or LMPOP's key and elements) sizes the second on its own, not
// as a part of the first.
func TestBigListsOneAfterAnother(t *testing.T) {
	var r Reply
	r.reset(nil, formRESP2)
	r.Array(2)
	allocated := writeMembers(&r, 100_000, false)
	allocated += writeMembers(&r, 100_000, false)
	size := len(r.buf)
	if allocated > size*2 || cap(r.buf) > size*5/4 {
		t.Errorf("a %d-byte reply grew into buffers of %d bytes in all, the last of %d", size, allocated, cap(r.buf))
	}
}
