package executor

import (
	"strconv"
	"strings"
	"time"
)

// latencyCommands: LATENCY, the container of the latency monitor
// (latency_monitor.go) and of the per-command run time histograms
// (latency.go).
var latencyCommands = []command{
	{name: "latency", arity: -2, subs: []command{
		{name: "latency|doctor", arity: 2, flags: latencyFlags, run: cmdLatencyDoctor},
		{name: "latency|graph", arity: 3, flags: latencyFlags, run: cmdLatencyGraph},
		{name: "latency|help", arity: 2, flags: flagLoading | flagStale, run: cmdLatencyHelp},
		{name: "latency|histogram", arity: -2, flags: latencyFlags, run: cmdLatencyHistogram},
		{name: "latency|history", arity: 3, flags: latencyFlags, run: cmdLatencyHistory},
		{name: "latency|latest", arity: 2, flags: latencyFlags, run: cmdLatencyLatest},
		{name: "latency|reset", arity: -2, flags: latencyFlags, run: cmdLatencyReset},
	}},
}

const latencyFlags = flagAdmin | flagNoScript | flagLoading | flagStale

// latencyHelp is LATENCY HELP's text, Redis 7.0's lines.
var latencyHelp = []string{
	"DOCTOR",
	"    Return a human readable latency analysis report.",
	"GRAPH <event>",
	"    Return an ASCII latency graph for the <event> class.",
	"HISTORY <event>",
	"    Return time-latency samples for the <event> class.",
	"LATEST",
	"    Return the latest latency samples for all events.",
	"RESET [<event> ...]",
	"    Reset latency data of one or more <event> classes.",
	"    (default: reset all data for all event classes)",
	"HISTOGRAM [COMMAND ...]",
	"    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
	"    If no commands are specified then all histograms are replied.",
}

func cmdLatencyHelp(s *Session, args [][]byte) { s.replyHelp(args, latencyHelp) }

// LATENCY LATEST: each event as its name, the time and milliseconds of
// its newest sample, and its worst ever.
func cmdLatencyLatest(s *Session, _ [][]byte) {
	events := s.ex.latencyEvents.latest()
	s.reply.Array(len(events))
	for _, e := range events {
		s.reply.Array(4)
		s.reply.BulkString(e.name)
		s.reply.Int(e.latest.unixTime)
		s.reply.Int(e.latest.millis)
		s.reply.Int(e.worst)
	}
}

// LATENCY HISTORY event: the event's samples, oldest first, as time and
// milliseconds; none for an event never seen.
func cmdLatencyHistory(s *Session, args [][]byte) {
	samples, _, _ := s.ex.latencyEvents.history(string(args[2]))
	s.reply.Array(len(samples))
	for _, sample := range samples {
		s.reply.Array(2)
		s.reply.Int(sample.unixTime)
		s.reply.Int(sample.millis)
	}
}

// LATENCY RESET [event ...]: forget those events, or all; the reply is
// how many were forgotten.
func cmdLatencyReset(s *Session, args [][]byte) {
	s.reply.Int(int64(s.ex.latencyEvents.reset(args[2:])))
}

// LATENCY GRAPH event: the event's samples drawn as text (latency_graph.go).
func cmdLatencyGraph(s *Session, args [][]byte) {
	event := string(args[2])
	samples, worst, ok := s.ex.latencyEvents.history(event)
	if !ok {
		s.reply.Error("ERR No samples available for event '" + string(cString(args[2])) + "'")
		return
	}
	s.reply.Verbatim("txt", latencyGraph(event, samples, worst, time.Now().Unix()))
}

// LATENCY DOCTOR: a report on the events recorded (latency_doctor.go).
func cmdLatencyDoctor(s *Session, _ [][]byte) {
	s.reply.Verbatim("txt", s.ex.latencyReport(time.Now().Unix()))
}

// LATENCY HISTOGRAM [command ...]: for each command named (a container
// stands for itself and each of its subcommands), or for every command,
// its run time distribution as INFO latencystats keeps it. Commands
// without any recorded run, and names that are no command, are left out.
func cmdLatencyHistogram(s *Session, args [][]byte) {
	var chosen []*command
	if len(args) == 2 {
		chosen = everyCommand
	} else {
		for _, name := range args[2:] {
			c := s.commandByFullName(name)
			if c == nil {
				continue
			}
			chosen = append(chosen, c)
			for i := range c.subs {
				chosen = append(chosen, &c.subs[i])
			}
		}
	}
	type withData struct {
		cmd  *command
		hist *latencyHistogram
	}
	var found []withData
	for _, c := range chosen {
		if h := s.ex.statsOf(c).latency.Load(); h != nil {
			found = append(found, withData{c, h})
		}
	}
	s.reply.Map(len(found))
	for _, f := range found {
		s.reply.BulkString(f.cmd.name)
		s.replyHistogram(f.hist)
	}
}

// replyHistogram answers one command's distribution as Redis does: a map
// of "calls" and "histogram_usec", the latter a map from run time limits
// in microseconds (powers of two from 1024 ns, as Redis's histogram
// reports them) to how many runs took at most that long, listing only
// the limits where the count grows.
func (s *Session) replyHistogram(h *latencyHistogram) {
	levels, counts := h.cumulative()
	s.reply.Map(2)
	s.reply.BulkString("calls")
	var total int64
	if len(counts) > 0 {
		total = counts[len(counts)-1]
	}
	s.reply.Int(total)
	s.reply.BulkString("histogram_usec")
	s.reply.Map(len(levels))
	for i := range levels {
		s.reply.Int(levels[i])
		s.reply.Int(counts[i])
	}
}

// Redis's histogram reports its distribution at 1024 ns and each power of
// two above, and keeps run times up to one second.
const (
	histogramFirstLevel = 1024
	histogramMaxNanos   = 1_000_000_000
)

// cumulative is the histogram as LATENCY HISTOGRAM reports it: at each
// power of two L from 1024 ns, how many runs took less than L, labelled
// with the microseconds Redis prints for that level (its bucket at L
// spans L/128 ns, and Redis names the level by that bucket's top). Only
// the levels where the count grows are listed. Run times over a second
// count at the last level, as Redis caps them at one second.
func (h *latencyHistogram) cumulative() (micros, counts []int64) {
	var snapshot [latencyBuckets]int64
	var total int64
	for i := range h.counts {
		snapshot[i] = h.counts[i].Load()
		total += snapshot[i]
	}
	var seen, reported int64
	b := 0
	for level := uint64(histogramFirstLevel); reported < total; level *= 2 {
		label := int64(level+level/128-1) / 1000
		if level > histogramMaxNanos {
			seen = total
			label = int64(level-1) / 1000
		}
		for ; b < latencyBuckets && bucketHighest(b) < level; b++ {
			seen += snapshot[b]
		}
		if seen > reported {
			micros = append(micros, label)
			counts = append(counts, seen)
			reported = seen
		}
	}
	return micros, counts
}

// latencyReport is LATENCY DOCTOR's text: each event's spikes summed up,
// then what could be done about them.
func (ex *Executor) latencyReport(now int64) string {
	threshold := ex.latencyThreshold.Load()
	events := ex.latencyEvents.latest()
	var b strings.Builder
	switch {
	case len(events) == 0 && threshold == 0:
		b.WriteString("The latency monitor is off (latency-monitor-threshold is 0) and has recorded nothing. " +
			"Turn it on with CONFIG SET latency-monitor-threshold <milliseconds>: from then on, every command " +
			"and every append-only file write or fsync that takes at least that long is recorded, and this report " +
			"sums them up.\n")
		return b.String()
	case len(events) == 0:
		b.WriteString("No latency spike of " + strconv.FormatInt(threshold, 10) +
			" ms or more has been recorded since the start or the last LATENCY RESET.\n")
		return b.String()
	}
	b.WriteString("Latency spikes recorded (latency-monitor-threshold: " + strconv.FormatInt(threshold, 10) + " ms):\n\n")
	advice := map[string]bool{}
	for i, e := range events {
		samples, worst, _ := ex.latencyEvents.history(e.name)
		st := summarize(samples, now)
		b.WriteString(strconv.Itoa(i+1) + ". " + e.name + ": " + strconv.Itoa(len(samples)) + " spikes over the last " +
			strconv.FormatInt(st.span, 10) + " s, average " + strconv.FormatInt(st.avg, 10) + " ms, mean deviation " +
			strconv.FormatInt(st.meanDeviation, 10) + " ms, worst " + strconv.FormatInt(st.worst, 10) +
			" ms; worst ever " + strconv.FormatInt(worst, 10) + " ms.\n")
		advice[e.name] = true
	}
	b.WriteString("\nWhat may help:\n")
	if advice["command"] {
		slow := ex.slowlog.threshold.Load()
		switch {
		case slow < 0:
			b.WriteString("- Slow commands ran. The slow log is off: CONFIG SET slowlog-log-slower-than " +
				strconv.FormatInt(threshold*1000, 10) + " makes it record them, then SLOWLOG GET shows which they are.\n")
		case slow/1000 > threshold:
			b.WriteString("- Slow commands ran. The slow log only records commands slower than " +
				strconv.FormatInt(slow, 10) + " us, more than this threshold: CONFIG SET slowlog-log-slower-than " +
				strconv.FormatInt(threshold*1000, 10) + " records these too.\n")
		default:
			b.WriteString("- Slow commands ran: SLOWLOG GET shows which, with their arguments.\n")
		}
		b.WriteString("- Commands over many elements (KEYS, FLUSHALL, deleting a big value) hold their connection's " +
			"thread, or with --io epoll their whole event loop, for their whole run: prefer SCAN and smaller values.\n")
	}
	if advice["fast-command"] {
		b.WriteString("- Commands that normally take microseconds took milliseconds: the machine is likely short of CPU " +
			"(other processes, a busy virtual machine, CPU limits of a container) or the process was swapped out.\n")
	}
	if advice["aof-write"] || advice["aof-fsync-always"] {
		b.WriteString("- Writing the append-only file was slow: the disk is busy or slow. A local SSD helps")
		if advice["aof-fsync-always"] {
			b.WriteString("; appendfsync everysec fsyncs once a second instead of after every write")
		}
		b.WriteString(".\n")
	}
	return b.String()
}

// sampleStats sum up an event's samples for the report.
type sampleStats struct {
	avg, meanDeviation, worst int64
	span                      int64 // seconds from the oldest sample to now, at least 1
}

func summarize(samples []latencySample, now int64) sampleStats {
	var st sampleStats
	if len(samples) == 0 {
		return st
	}
	var sum int64
	oldest := samples[0].unixTime
	for _, sample := range samples {
		sum += sample.millis
		st.worst = max(st.worst, sample.millis)
		oldest = min(oldest, sample.unixTime)
	}
	st.avg = sum / int64(len(samples))
	var deviation int64
	for _, sample := range samples {
		d := sample.millis - st.avg
		deviation += max(d, -d)
	}
	st.meanDeviation = deviation / int64(len(samples))
	st.span = max(now-oldest, 1)
	return st
}
