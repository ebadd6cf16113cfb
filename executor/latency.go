package executor

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// latencyHistogram counts a command's run times, for INFO latencystats'
// percentiles (latency-tracking). Buckets are log-linear: exact below 128
// ns, then 64 buckets per power of two, so any value is reported within
// 1/64 (1.6%) of itself, over 1 ns to about 9 s, in 1,600 counters. That is
// the precision of Redis's histogram (two significant digits) in a fixed,
// lock-free layout. A histogram is made on a command's first call, so
// commands nobody runs cost nothing.
type latencyHistogram struct {
	counts [latencyBuckets]atomic.Int64
}

// defaultPercentiles are latency-tracking-info-percentiles' default.
var defaultPercentiles = []float64{50, 99, 99.9}

const (
	exactBelow     = 128 // nanoseconds counted one by one
	bucketsPerStep = 64  // buckets per power of two above that
	// latencySteps powers of two above exactBelow: up to 2^(7+26) ns,
	// about 8.6 s; longer runs are counted in the last bucket.
	latencySteps   = 26
	latencyBuckets = exactBelow + latencySteps*bucketsPerStep
)

// bucketOf is the bucket counting a run of ns nanoseconds.
func bucketOf(ns uint64) int {
	if ns < exactBelow {
		return int(ns)
	}
	// ns has length bits; its top 7 bits, 64..127, pick the bucket
	// within its power of two.
	shift := bits.Len64(ns) - 7
	if shift > latencySteps {
		return latencyBuckets - 1
	}
	return exactBelow + (shift-1)*bucketsPerStep + int(ns>>shift) - bucketsPerStep
}

// bucketHighest is the largest run time bucket b counts, the value a
// percentile falling in it reports.
func bucketHighest(b int) uint64 {
	if b < exactBelow {
		return uint64(b)
	}
	step := (b-exactBelow)/bucketsPerStep + 1
	top := uint64((b-exactBelow)%bucketsPerStep + bucketsPerStep)
	return (top+1)<<step - 1
}

// recordLatency counts one run of d in st's histogram, making it on the
// first call.
func (st *commandStats) recordLatency(d time.Duration) {
	h := st.latency.Load()
	if h == nil {
		st.latency.CompareAndSwap(nil, new(latencyHistogram))
		h = st.latency.Load()
	}
	h.counts[bucketOf(uint64(max(d, 0)))].Add(1)
}

// percentiles are the run times, in nanoseconds, at each percentile of
// ps (0 to 100), read from one pass over a snapshot of the counts.
func (h *latencyHistogram) percentiles(ps []float64) []uint64 {
	var counts [latencyBuckets]int64
	var total int64
	for i := range h.counts {
		counts[i] = h.counts[i].Load()
		total += counts[i]
	}
	out := make([]uint64, len(ps))
	for i, p := range ps {
		// The rank of the run at percentile p, at least the first. (The
		// small margin keeps 99.9% of 1000 at 999: in binary floating
		// point the product comes out a hair above.)
		rank := max(int64(math.Ceil(p/100*float64(total)-1e-9)), 1)
		var seen int64
		for b, n := range counts {
			seen += n
			if seen >= rank {
				out[i] = bucketHighest(b)
				break
			}
		}
	}
	return out
}

// latencyLine is INFO's "p50=1.003,p99=2.007,p99.9=3.023": each
// percentile's run time in microseconds, with three decimals, named by
// the percentile as %f would print it with trailing zeros dropped.
func latencyLine(h *latencyHistogram, ps []float64) string {
	var b strings.Builder
	for i, ns := range h.percentiles(ps) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("p" + strconv.FormatFloat(ps[i], 'f', -1, 64) + "=")
		b.WriteString(strconv.FormatFloat(float64(ns)/1000, 'f', 3, 64))
	}
	return b.String()
}
