package executor

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// The slow log: the latest commands that ran for at least
// slowlog-log-slower-than microseconds (SLOWLOG GET, LEN, RESET).
//
// The run time is the one INFO commandstats already measures for every
// command (Session.call), so watching for slow commands costs one atomic
// load and a comparison per command; an entry is only built, with copies
// of the arguments, for a command that is slow.

// slowLog holds the entries, newest last, and the two settings.
type slowLog struct {
	// threshold is slowlog-log-slower-than in microseconds: negative
	// logs nothing, 0 logs every command.
	threshold atomic.Int64
	// maxLen is slowlog-max-len. As in Redis, a smaller value trims the
	// log at its next entry, not at once.
	maxLen atomic.Int64

	mu      sync.Mutex
	entries []slowEntry // oldest first
	nextID  int64       // the id of the next entry; RESET keeps counting
}

// slowEntry is one logged command.
type slowEntry struct {
	id       int64
	unixTime int64
	micros   int64
	args     [][]byte // trimmed copies (slowArgs)
	peer     string   // the client's "ip:port"
	name     string   // the client's name then
}

// Redis's defaults and the limits of what an entry keeps of a command.
const (
	defaultSlowlogThreshold = 10000 // microseconds
	defaultSlowlogMaxLen    = 128
	slowMaxArgs             = 32  // arguments kept; the last says how many more there were
	slowMaxArgBytes         = 128 // bytes kept of an argument
)

// SetSlowlog sets slowlog-log-slower-than (microseconds; negative: off)
// and slowlog-max-len.
func (ex *Executor) SetSlowlog(thresholdMicros, maxLen int64) {
	ex.slowlog.threshold.Store(thresholdMicros)
	ex.slowlog.maxLen.Store(maxLen)
}

// noteRunTime is what the slow log and the latency monitor make of a
// command that ran for d. Both compare the time measured for INFO with
// their settings as they are after the command: CONFIG SET
// slowlog-log-slower-than 0 is itself the first command it logs, as in
// Redis.
func (s *Session) noteRunTime(cmd *command, args [][]byte, d time.Duration) {
	s.noteSlow(cmd, args, d)
	s.noteLatency(latencyEventOf(cmd), d)
}

// latencyEventOf is the latency monitor's event for a command's run.
func latencyEventOf(cmd *command) string {
	if cmd.flags&flagFast != 0 {
		return "fast-command"
	}
	return "command"
}

// noteSlow puts the command in the slow log if it ran for long enough.
func (s *Session) noteSlow(cmd *command, args [][]byte, d time.Duration) {
	if us := s.ex.slowlog.threshold.Load(); us >= 0 && d.Microseconds() >= us &&
		cmd.flags&flagSkipSlowlog == 0 && !s.replaying {
		s.ex.slowlog.add(s, cmd, args, d)
	}
}

// noteLatency records a latency monitor event that lasted d, if that is
// over latency-monitor-threshold.
func (s *Session) noteLatency(event string, d time.Duration) {
	if ms := s.ex.latencyThreshold.Load(); ms > 0 && d.Milliseconds() >= ms && !s.replaying {
		s.ex.latencyEvents.add(event, d.Milliseconds(), time.Now().Unix())
	}
}

// add logs args, run by s for d, and drops the oldest entries past
// slowlog-max-len.
func (l *slowLog) add(s *Session, cmd *command, args [][]byte, d time.Duration) {
	e := slowEntry{unixTime: time.Now().Unix(), micros: d.Microseconds(), args: slowArgs(cmd, args), name: s.clientName()}
	if s.conn != nil {
		e.peer, _ = s.conn.Addrs()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e.id = l.nextID
	l.nextID++
	l.entries = append(l.entries, e)
	if limit := l.maxLen.Load(); int64(len(l.entries)) > limit {
		// Reslicing forward is amortised by append's next reallocation,
		// which copies only the entries still in the log.
		drop := len(l.entries) - int(limit)
		clear(l.entries[:drop])
		l.entries = l.entries[drop:]
	}
}

// slowArgs copies what an entry keeps of a command's arguments: the first
// 31 and then "... (N more arguments)" when there are more than 32, each
// cut to 128 bytes plus "... (N more bytes)", and secrets (AUTH's
// password, a password set with CONFIG SET) as "(redacted)".
func slowArgs(cmd *command, args [][]byte) [][]byte {
	kept := len(args)
	if kept > slowMaxArgs {
		kept = slowMaxArgs
	}
	hidden := redactedArgs(cmd, args)
	out := make([][]byte, kept)
	for i := range out {
		a := args[i]
		switch {
		case kept != len(args) && i == kept-1:
			out[i] = []byte("... (" + strconv.Itoa(len(args)-kept+1) + " more arguments)")
		case i < len(hidden) && hidden[i]:
			out[i] = []byte("(redacted)")
		case len(a) > slowMaxArgBytes:
			cut := append([]byte(nil), a[:slowMaxArgBytes]...)
			out[i] = append(cut, "... ("+strconv.Itoa(len(a)-slowMaxArgBytes)+" more bytes)"...)
		default:
			out[i] = append([]byte(nil), a...)
		}
	}
	return out
}

// newest returns up to n entries, newest first.
func (l *slowLog) newest(n int) []slowEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	n = min(n, len(l.entries))
	out := make([]slowEntry, n)
	for i := range out {
		out[i] = l.entries[len(l.entries)-1-i]
	}
	return out
}

func (l *slowLog) length() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

func (l *slowLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = nil
}
