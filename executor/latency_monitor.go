package executor

import (
	"sort"
	"strings"
	"sync"
)

// The latency monitor (LATENCY LATEST, HISTORY, RESET, GRAPH, DOCTOR):
// for each kind of event that took at least latency-monitor-threshold
// milliseconds, the worst time of each of its latest 160 seconds with
// one, and its worst time ever. Events this daemon records:
//
//   - "command": a command not flagged fast ran that long
//     (Session.noteRunTime);
//   - "fast-command": a command flagged fast (GET, SET, ...) did;
//   - "aof-write", "aof-fsync-always": writing, or fsyncing after each
//     command with appendfsync always, the append-only file did
//     (Executor.RecordLatency, called by the daemon's wiring).

// latencyHistoryLen is how many samples an event keeps, as in Redis.
const latencyHistoryLen = 160

// latencySample is an event's worst time in one second.
type latencySample struct {
	unixTime int64
	millis   int64
}

// latencySeries is one event's samples, a ring of the latest ones.
type latencySeries struct {
	samples [latencyHistoryLen]latencySample
	next    int   // where the next second's sample goes
	max     int64 // the worst ever, in milliseconds
}

// latencyEvents are the series by event name.
type latencyEvents struct {
	mu     sync.Mutex
	series map[string]*latencySeries
}

// add records that event took millis at unixTime: a new sample, or a
// worse time for the sample of the same second.
func (le *latencyEvents) add(event string, millis, unixTime int64) {
	le.mu.Lock()
	defer le.mu.Unlock()
	ts := le.series[event]
	if ts == nil {
		if le.series == nil {
			le.series = map[string]*latencySeries{}
		}
		ts = new(latencySeries)
		le.series[event] = ts
	}
	ts.max = max(ts.max, millis)
	if last := &ts.samples[(ts.next+latencyHistoryLen-1)%latencyHistoryLen]; last.unixTime == unixTime {
		last.millis = max(last.millis, millis)
		return
	}
	ts.samples[ts.next] = latencySample{unixTime: unixTime, millis: millis}
	ts.next = (ts.next + 1) % latencyHistoryLen
}

// history is event's samples, oldest first, and its worst time ever; ok
// is false when the event has none.
func (le *latencyEvents) history(event string) (samples []latencySample, worst int64, ok bool) {
	le.mu.Lock()
	defer le.mu.Unlock()
	ts := le.series[event]
	if ts == nil {
		return nil, 0, false
	}
	for i := range latencyHistoryLen {
		if sample := ts.samples[(ts.next+i)%latencyHistoryLen]; sample.unixTime != 0 {
			samples = append(samples, sample)
		}
	}
	return samples, ts.max, true
}

// latestEvent is LATENCY LATEST's row for one event.
type latestEvent struct {
	name   string
	latest latencySample
	worst  int64
}

// latest lists every event with its newest sample, by name.
func (le *latencyEvents) latest() []latestEvent {
	le.mu.Lock()
	defer le.mu.Unlock()
	out := make([]latestEvent, 0, len(le.series))
	for name, ts := range le.series {
		last := ts.samples[(ts.next+latencyHistoryLen-1)%latencyHistoryLen]
		out = append(out, latestEvent{name: name, latest: last, worst: ts.max})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// reset forgets the events named (in any case, as Redis compares them),
// or every event when names is empty, and says how many it forgot.
func (le *latencyEvents) reset(names [][]byte) int {
	le.mu.Lock()
	defer le.mu.Unlock()
	if len(names) == 0 {
		n := len(le.series)
		le.series = nil
		return n
	}
	n := 0
	for _, name := range names {
		for event := range le.series {
			if strings.EqualFold(event, string(name)) {
				delete(le.series, event)
				n++
			}
		}
	}
	return n
}

// count is how many events have samples.
func (le *latencyEvents) count() int {
	le.mu.Lock()
	defer le.mu.Unlock()
	return len(le.series)
}

// SetLatencyMonitorThreshold sets latency-monitor-threshold, in
// milliseconds (0: the monitor records nothing).
func (ex *Executor) SetLatencyMonitorThreshold(millis int64) { ex.latencyThreshold.Store(millis) }

// RecordLatency records that event took millis milliseconds, if that is
// at least latency-monitor-threshold: for the daemon's own work (writing
// the append-only file), which no command measures.
func (ex *Executor) RecordLatency(event string, millis, unixTime int64) {
	if th := ex.latencyThreshold.Load(); th > 0 && millis >= th {
		ex.latencyEvents.add(event, millis, unixTime)
	}
}
