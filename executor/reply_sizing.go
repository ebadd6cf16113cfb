package executor

// A big reply is made in one buffer, and append grows a large buffer by a
// quarter at a time: a 23 MB LRANGE reply allocated about 115 MB on the
// way, and the heap (and so the resident set, which the collector keeps
// until its next cycle) grew by 90 MB to answer it. So once an aggregate
// of at least sizeAggregatesFrom values has started, the reply looks at
// what its first values took and reserves room for the rest, and looks
// again when most of the reserve is used. A reserve is at most growAtMost
// times the reply so far, and at most maxReserve until the reply is four
// times that (then a quarter of it, append's own pace), so a misleading
// start, or a count the command cuts short (SRANDMEMBER's negative count
// stops at 1 GiB of reply), costs at most 64 MiB more than append would.
// The buffers grown into come to between 1.1 and 2 times the reply
// (TestBigRepliesAreSizedAhead), where append alone came to 5. EXEC sizes
// each command's reply on its own.

// sizeAggregatesFrom is the smallest aggregate sized ahead: below it,
// append's own growth costs little (redis-benchmark's LRANGE_600 is not
// touched). A variable only so that a test can compare with append alone.
var sizeAggregatesFrom = 1024

const (
	// firstSample is how many values are written before the first
	// reserve.
	firstSample = 64
	growAtMost  = 16
	maxReserve  = 64 << 20
)

// replySizing follows the one aggregate being sized; zero when none is.
type replySizing struct {
	start    int // len(buf) at its header
	expected int // values (or nested aggregates) it holds
	values   int // values written since its header
	nested   int // aggregates opened inside it
	checkAt  int // len(buf) at which to look again, once past firstSample
}

// aggregate notes a header for n values: the start of one to size, or
// one element of the aggregate being sized.
func (r *Reply) aggregate(n int) {
	if z := &r.sizing; z.expected != 0 {
		if z.nested < z.expected {
			z.nested++
			return
		}
		*z = replySizing{} // it held that many aggregates: this one follows it
	}
	if n >= sizeAggregatesFrom {
		r.sizing = replySizing{start: len(r.buf), expected: n}
	}
}

// value counts a value about to be written; at a checkpoint it reserves
// room for the rest of the aggregate.
func (r *Reply) value() {
	z := &r.sizing
	if z.expected == 0 {
		return
	}
	z.values++
	switch {
	case z.nested == 0 && z.values >= z.expected:
		*z = replySizing{} // its last value: what follows is not in it
	case z.values >= firstSample && len(r.buf) >= z.checkAt:
		r.reserveRest()
	}
}

func (r *Reply) reserveRest() {
	z := &r.sizing
	// Look again once seven eighths of what is free now are used.
	defer func() { z.checkAt = len(r.buf) + (cap(r.buf)-len(r.buf))*7/8 }()
	// An aggregate of aggregates (RESP3's member-score pairs) counts its
	// elements by their headers; a flat one by its values.
	done := z.values
	if z.nested > 0 {
		done = z.nested
	}
	written := len(r.buf) - z.start
	if done >= z.expected || written <= 0 {
		return
	}
	// In floating point: the product of two large counts can pass int's range.
	estimate := float64(z.expected-done) * float64(written) / float64(done) * 17 / 16
	// Bounded by the whole buffer, not by this aggregate alone: a second
	// big list after a first would otherwise copy the first at each of
	// many small steps.
	want := int(min(estimate, float64(growAtMost*len(r.buf)), float64(max(maxReserve, len(r.buf)/4))))
	if cap(r.buf)-len(r.buf) >= want {
		return
	}
	grown := make([]byte, len(r.buf), len(r.buf)+want)
	copy(grown, r.buf)
	r.buf = grown
}
