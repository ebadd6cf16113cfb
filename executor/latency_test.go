package executor

import (
	"math/rand"
	"testing"
	"time"
)

// TestLatencyBuckets: every run time falls in a bucket whose highest value
// is at least the time and within 1/64 above it, and buckets follow each
// other without gaps or overlaps.
func TestLatencyBuckets(t *testing.T) {
	for b := 1; b < latencyBuckets; b++ {
		if lowest := bucketHighest(b-1) + 1; bucketOf(lowest) != b {
			t.Fatalf("bucket %d: its lowest value %d falls in bucket %d", b, lowest, bucketOf(lowest))
		}
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 100000; i++ {
		ns := uint64(rng.Int63n(int64(8 * time.Second)))
		high := bucketHighest(bucketOf(ns))
		if high < ns || float64(high-ns) > float64(ns)/64+1 {
			t.Fatalf("%d ns is reported as %d", ns, high)
		}
	}
	if b := bucketOf(uint64(time.Hour)); b != latencyBuckets-1 {
		t.Fatalf("an hour falls in bucket %d, want the last", b)
	}
}

func TestLatencyPercentiles(t *testing.T) {
	var st commandStats
	for i := 1; i <= 1000; i++ {
		st.recordLatency(time.Duration(i) * time.Microsecond)
	}
	got := st.latency.Load().percentiles([]float64{0, 50, 99, 99.9, 100})
	want := []time.Duration{1 * time.Microsecond, 500 * time.Microsecond, 990 * time.Microsecond, 999 * time.Microsecond, 1000 * time.Microsecond}
	for i := range want {
		if d := time.Duration(got[i]); d < want[i] || d > want[i]+want[i]/64 {
			t.Errorf("percentile %d: %v, want %v within 1/64", i, d, want[i])
		}
	}
	line := latencyLine(st.latency.Load(), []float64{50, 99.9})
	if line != "p50=503.807,p99.9=999.423" {
		t.Errorf("latencyLine: %q", line)
	}
}
