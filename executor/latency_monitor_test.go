package executor

import (
	"strings"
	"testing"
	"time"

	"redis-lite/store"
)

func TestLatencyEventsKeepEachSecondsWorst(t *testing.T) {
	var le latencyEvents
	le.add("command", 10, 100)
	le.add("command", 30, 100) // the same second: the worse time stays
	le.add("command", 20, 100)
	le.add("command", 5, 101)
	samples, worst, ok := le.history("command")
	if !ok || len(samples) != 2 || samples[0] != (latencySample{100, 30}) || samples[1] != (latencySample{101, 5}) || worst != 30 {
		t.Fatalf("history: %v worst %d ok %v", samples, worst, ok)
	}
	for i := range 2 * latencyHistoryLen {
		le.add("command", int64(i), int64(200+i))
	}
	samples, worst, _ = le.history("command")
	if len(samples) != latencyHistoryLen || samples[0].unixTime != 200+latencyHistoryLen || worst != 2*latencyHistoryLen-1 {
		t.Fatalf("after wrapping: %d samples from %d, worst %d", len(samples), samples[0].unixTime, worst)
	}
	if latest := le.latest(); len(latest) != 1 || latest[0].latest.unixTime != 200+2*latencyHistoryLen-1 {
		t.Fatalf("latest: %+v", latest)
	}
	le.add("fast-command", 1, 1)
	if n := le.reset(argsOf("FAST-COMMAND", "nosuch")); n != 1 || le.count() != 1 {
		t.Fatalf("reset by name: %d, %d left", n, le.count())
	}
	if n := le.reset(nil); n != 1 || le.count() != 0 {
		t.Fatalf("reset all: %d, %d left", n, le.count())
	}
}

func TestLatencyMonitorRecordsOnlyOverTheThreshold(t *testing.T) {
	ex := New(store.New(), Config{EnableDebug: true})
	ex.RecordLatency("aof-write", 500, 1)
	if ex.latencyEvents.count() != 0 {
		t.Fatal("recorded while the monitor is off")
	}
	ex.SetLatencyMonitorThreshold(200) // well above what a GET takes on a loaded machine
	ex.RecordLatency("aof-write", 199, 1)
	ex.RecordLatency("aof-fsync-always", 200, 1)
	converse(t, ex, "DEBUG SLEEP 0.21\r\nGET k\r\n")
	var names []string
	for _, e := range ex.latencyEvents.latest() {
		names = append(names, e.name)
	}
	if strings.Join(names, " ") != "aof-fsync-always command" {
		t.Fatalf("events: %v", names)
	}
}

func TestHistogramCumulatesAtRedisLevels(t *testing.T) {
	var st commandStats
	for _, d := range []time.Duration{500, 900, 3000, 3000, 40 * time.Microsecond, 2 * time.Second} {
		st.recordLatency(d)
	}
	micros, counts := st.latency.Load().cumulative()
	// Levels 1024 ns (label 1), 4096 (4), 65536 (66), and past a second
	// the last: Redis caps run times at one second.
	want := "[1 4 66 1073741] [2 4 5 6]"
	if got := strings.Trim(strings.Join([]string{fmtInts(micros), fmtInts(counts)}, " "), " "); got != want {
		t.Fatalf("cumulative: got %s, want %s", got, want)
	}
}

func fmtInts(ns []int64) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, itoa(n))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// TestLatencyGraphDrawsAsRedis: the drawing of two samples, worked out
// from Redis's sparkline code: the lower sample is the floor ('_'), the
// higher a full bar ('#' topped, '|' under it), labelled with their age.
func TestLatencyGraphDrawsAsRedis(t *testing.T) {
	got := latencyGraph("command", []latencySample{{98, 10}, {99, 20}}, 25, 100)
	want := "command - high 20 ms, low 10 ms (all time high 25 ms)\n" + strings.Repeat("-", 80) + "\n" +
		" #\n |\n |\n_|\n  \n21\nss\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// 81 samples: a second block for the 81st.
	many := make([]latencySample, 81)
	for i := range many {
		many[i] = latencySample{int64(i + 1), 5}
	}
	if blocks := strings.Count(latencyGraph("e", many, 5, 100), "\n\n"); blocks != 1 {
		t.Fatalf("blocks separated: %d", blocks)
	}
	for _, tt := range []struct {
		secs int64
		want string
	}{{59, "59s"}, {60, "1m"}, {3599, "59m"}, {3600, "1h"}, {86400, "1d"}} {
		if got := agoLabel(tt.secs); got != tt.want {
			t.Errorf("agoLabel(%d) = %s, want %s", tt.secs, got, tt.want)
		}
	}
}
