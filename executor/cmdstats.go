package executor

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Per-command statistics, for INFO's commandstats, errorstats and
// latencystats sections.
//
// A session adds up its calls locally and hands them over once per batch
// of requests (flushCalls), as it does the other counters: a pipeline of a
// thousand GETs then touches the shared counters once, not a thousand
// times. Errors are rare, so each is counted where it happens.

// commandStats are one command's counters since start or CONFIG RESETSTAT.
type commandStats struct {
	calls    atomic.Int64 // runs of its handler
	nanos    atomic.Int64 // time spent in them
	rejected atomic.Int64 // refused before running (arity, NOAUTH, OOM, ...)
	failed   atomic.Int64 // ran and answered with an error
	latency  atomic.Pointer[latencyHistogram]
}

// pendingCalls are a session's calls of one command not yet handed over.
type pendingCalls struct {
	cmd                  *command
	calls, nanos, failed int64
	rejected             int64
}

// maxPendingCommands bounds the distinct commands a session holds between
// flushes; a batch that runs more flushes early.
const maxPendingCommands = 8

// countCall records that cmd ran for d and whether it answered an error.
func (s *Session) countCall(cmd *command, d time.Duration, failed bool) {
	p := s.pendingFor(cmd)
	p.calls++
	p.nanos += int64(d)
	if failed {
		p.failed++
	}
	if s.ex.latencyTracking.Load() {
		s.ex.statsOf(cmd).recordLatency(d)
	}
}

// countBlocked records that cmd ran for d and blocked: a call, whose time
// goes to its latency histogram only once it is served.
func (s *Session) countBlocked(cmd *command, d time.Duration) {
	p := s.pendingFor(cmd)
	p.calls++
	p.nanos += int64(d)
}

// countRejected records that cmd was refused before it ran.
func (s *Session) countRejected(cmd *command) { s.pendingFor(cmd).rejected++ }

func (s *Session) pendingFor(cmd *command) *pendingCalls {
	for i := range s.pending {
		if s.pending[i].cmd == cmd {
			return &s.pending[i]
		}
	}
	if len(s.pending) == maxPendingCommands {
		s.flushCalls()
	}
	s.pending = append(s.pending, pendingCalls{cmd: cmd})
	return &s.pending[len(s.pending)-1]
}

// flushCalls adds the session's pending calls to the executor's counters.
func (s *Session) flushCalls() {
	for _, p := range s.pending {
		st := s.ex.statsOf(p.cmd)
		if p.calls != 0 {
			st.calls.Add(p.calls)
			st.nanos.Add(p.nanos)
		}
		if p.failed != 0 {
			st.failed.Add(p.failed)
		}
		if p.rejected != 0 {
			st.rejected.Add(p.rejected)
		}
	}
	s.pending = s.pending[:0]
}

// statsOf is the executor's counters for cmd: every command and
// subcommand has a number (command.statsIndex), given once at start.
func (ex *Executor) statsOf(cmd *command) *commandStats { return &ex.commandStats[cmd.statsIndex] }

// commandsProcessed is how many commands have run: as in Redis, the
// refused ones are not counted.
func (ex *Executor) commandsProcessed() int64 {
	var n int64
	for i := range ex.commandStats {
		n += ex.commandStats[i].calls.Load()
	}
	return n
}

// everyCommand lists each command and subcommand once, in the order their
// statistics are kept; init numbers them by it.
var everyCommand []*command

// numberCommands gives each command and subcommand its statsIndex.
func numberCommands() {
	for _, group := range commandGroups {
		for i := range group {
			c := &group[i]
			c.statsIndex = len(everyCommand)
			everyCommand = append(everyCommand, c)
			for j := range c.subs {
				c.subs[j].statsIndex = len(everyCommand)
				everyCommand = append(everyCommand, &c.subs[j])
			}
		}
	}
}

// errorStats counts error replies by their code, the first word ("ERR",
// "WRONGTYPE"), for INFO's errorstats and total_error_replies. Like
// Redis, it keeps at most maxErrorCodes codes: a client could otherwise
// grow it without end with made-up codes (a script's error replies are
// the client's text). Past that, only the total goes on counting.
type errorStats struct {
	total atomic.Int64
	mu    sync.Mutex
	codes map[string]int64
	full  bool // maxErrorCodes reached: codes are no longer counted
}

const maxErrorCodes = 128

// count records one error reply with the message msg ("ERR ...").
func (e *errorStats) count(msg string) {
	e.total.Add(1)
	code, _, _ := strings.Cut(msg, " ")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.full {
		return
	}
	if _, known := e.codes[code]; !known && len(e.codes) == maxErrorCodes {
		e.full = true
		return
	}
	if e.codes == nil {
		e.codes = map[string]int64{}
	}
	e.codes[code]++
}

// sorted lists the codes counted, by name, with their counts.
func (e *errorStats) sorted() (codes []string, counts []int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for code := range e.codes {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		counts = append(counts, e.codes[code])
	}
	return codes, counts
}

func (e *errorStats) reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.total.Store(0)
	e.codes, e.full = nil, false
}

// SetLatencyTracking turns the keeping of run times on or off
// (latency-tracking) and sets the percentiles INFO latencystats shows
// (latency-tracking-info-percentiles).
func (ex *Executor) SetLatencyTracking(on bool, percentiles []float64) {
	ex.latencyTracking.Store(on)
	ex.percentiles.Store(&percentiles)
}

// resetStats zeroes INFO's counters (CONFIG RESETSTAT).
func (ex *Executor) resetStats() {
	ex.stats.reset()
	for i := range ex.commandStats {
		st := &ex.commandStats[i]
		st.calls.Store(0)
		st.nanos.Store(0)
		st.rejected.Store(0)
		st.failed.Store(0)
		st.latency.Store(nil)
	}
	ex.errors.reset()
}
