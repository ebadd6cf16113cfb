package executor

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// MONITOR, as in Redis 7.0: once a connection asks, it is told of every
// command any connection runs, after it has run, as a status line
//
//	+1700000000.123456 [0 127.0.0.1:50000] "set" "key" "value"
//
// (the time it ran, the database and the client's address, and each
// argument quoted). Commands refused before running are not shown, nor
// administrative ones, nor those Redis flags skip_monitor; passwords
// given to AUTH and HELLO show as "(redacted)". The lines go through each
// monitor's pusher, so one that does not read its output is cut off like
// a subscriber that does not read. With nobody monitoring, a command pays
// one atomic load for all this.

// monitorList is the set of monitoring sessions.
//
// Locking: mu comes before a connection's outbox lock; a session joining
// confirms with +OK under it, so no line can overtake the confirmation.
type monitorList struct {
	mu       sync.RWMutex
	sessions map[*Session]form // each monitor, with the form its lines take
	count    atomic.Int64      // len(sessions), read without the lock
}

var monitorCommands = []command{
	{name: "monitor", arity: 1, flags: flagAdmin | flagNoScript | flagLoading | flagStale, run: cmdMonitor},
}

// MONITOR: +OK, then a line for each command run. A session that monitors
// already gets no reply at all, as in Redis.
func cmdMonitor(s *Session, _ [][]byte) {
	if s.monitoring.Load() || s.pusher == nil {
		return
	}
	m := &s.ex.monitors
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sessions == nil {
		m.sessions = map[*Session]form{}
	}
	s.reply.Status("OK")
	s.pushReplies() // from now on its output goes through the pusher
	m.sessions[s] = s.reply.form
	m.count.Add(1)
	s.monitoring.Store(true)
}

// stopMonitoring takes s off the monitor list: RESET, or its connection
// ended.
func (s *Session) stopMonitoring() {
	if !s.monitoring.Load() {
		return
	}
	m := &s.ex.monitors
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sessions, s)
	m.count.Add(-1)
	s.monitoring.Store(false)
}

// feedMonitors shows cmd, just run by s with args, to every monitor;
// execute calls it only while someone monitors.
func (s *Session) feedMonitors(cmd *command, args [][]byte) {
	if cmd.flags&(flagAdmin|flagSkipMonitor) != 0 || s.replaying {
		return
	}
	if s.monitoring.Load() && s.replies == repliesOn {
		// A monitor's own command: its reply goes ahead of the line. (A
		// reply CLIENT REPLY silences is dropped after the command.)
		s.pushReplies()
	}
	// A monitor whose replies CLIENT REPLY silences (OFF, or SKIP's
	// skipped command) loses its own line, as in Redis, where the line is
	// one more reply to it.
	silenced := s.replies == repliesOff || s.replies == repliesSkip
	line := s.monitorLine(cmd, args, time.Now())
	m := &s.ex.monitors
	m.mu.RLock()
	defer m.mu.RUnlock()
	var encoded [3][]byte // by monitor form, built on first need
	for monitor, f := range m.sessions {
		if monitor == s && silenced {
			continue
		}
		if encoded[f] == nil {
			var r Reply
			r.reset(nil, f)
			r.Status(string(line))
			encoded[f] = r.buf
		}
		monitor.pusher.Push(encoded[f])
	}
}

// monitorLine is a monitor's line for args, run by s at t, without the
// status reply's framing.
func (s *Session) monitorLine(cmd *command, args [][]byte, t time.Time) []byte {
	var peer string
	if s.conn != nil {
		peer, _ = s.conn.Addrs()
	}
	usec := t.Nanosecond() / 1000
	b := make([]byte, 0, 64+len(peer)+16*len(args))
	b = strconv.AppendInt(b, t.Unix(), 10)
	b = append(b, '.')
	for div := 100000; div > 1 && usec < div; div /= 10 {
		b = append(b, '0') // microseconds take six digits
	}
	b = strconv.AppendInt(b, int64(usec), 10)
	b = append(b, " ["...)
	b = strconv.AppendInt(b, int64(s.dbIndex()), 10)
	b = append(b, ' ')
	b = append(b, peer...)
	b = append(b, ']')
	redacted := redactedArgs(cmd, args)
	for i, a := range args {
		b = append(b, ' ')
		if i < len(redacted) && redacted[i] {
			b = append(b, `"(redacted)"`...)
			continue
		}
		b = appendQuoted(b, a)
	}
	return b
}

// redactedArgs marks the arguments a monitor must not see, as Redis hides
// them: AUTH's password (and user name) unless it refused the arguments
// as a syntax error first; each HELLO AUTH user and password, scanned as
// HELLO reads its options (an invalid version or an unknown option ends
// the scan: Redis answers the error before reading further); the values of
// CONFIG SET's secret settings (a monitor never sees CONFIG, an admin
// command, but the slow log does).
func redactedArgs(cmd *command, args [][]byte) []bool {
	switch cmd.name {
	case "auth":
		if len(args) > 3 {
			return nil
		}
		hide := make([]bool, len(args))
		for i := 1; i < len(args); i++ {
			hide[i] = true
		}
		return hide
	case "hello":
		if len(args) < 2 {
			return nil
		}
		if v, ok := parseInt(args[1]); !ok || v < 2 || v > 3 {
			return nil
		}
		hide := make([]bool, len(args))
		for j := 2; j < len(args); j++ {
			more := len(args) - 1 - j
			switch option := optionName(args[j]); {
			case option == "auth" && more >= 2:
				hide[j+1], hide[j+2] = true, true
				j += 2
			case option == "setname" && more >= 1:
				j++
			default:
				return hide
			}
		}
		return hide
	case "config|set":
		// CONFIG SET hides the values of Redis's secret settings once it
		// has accepted the shape of the request (name value pairs).
		if len(args) < 4 || len(args)%2 != 0 {
			return nil
		}
		hide := make([]bool, len(args))
		for j := 2; j+1 < len(args); j += 2 {
			switch optionName(args[j]) {
			case "requirepass", "masterauth", "masteruser":
				hide[j+1] = true
			}
		}
		return hide
	}
	return nil
}

// appendQuoted writes a as Redis quotes a string for people (sdscatrepr):
// in double quotes, with \\ \" \n \r \t \a \b escaped and any other byte
// outside printable ASCII as \xhh.
func appendQuoted(b, a []byte) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, c := range a {
		switch c {
		case '\\', '"':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\a':
			b = append(b, '\\', 'a')
		case '\b':
			b = append(b, '\\', 'b')
		default:
			if c < ' ' || c > '~' {
				b = append(b, '\\', 'x', hex[c>>4], hex[c&15])
			} else {
				b = append(b, c)
			}
		}
	}
	return append(b, '"')
}
