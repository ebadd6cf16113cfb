package executor

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// debugCommands are Redis's DEBUG, for tests and for studying the daemon:
// refused unless the daemon was started with --enable-debug-command yes,
// as Redis refuses it by default.
var debugCommands = []command{
	{name: "debug", arity: -2, flags: flagAdmin | flagNoScript | flagLoading | flagStale, run: cmdDebug},
}

const errDebugDisabled = `ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", ` +
	`you can run it from a local connection, otherwise you need to set this option in the configuration file, ` +
	`and then restart the server.`

// DEBUG PROTOCOL type: a sample reply of that type (cmd_debug_protocol.go).
//
// DEBUG SLEEP seconds: OK after sleeping that long. The connection's
// worker (or, with --io epoll, its whole event loop, as all of Redis) does
// nothing else meanwhile: a command that takes as long as the caller says,
// which is what tests of stalls and of shutdown need.
func cmdDebug(s *Session, args [][]byte) {
	if !s.ex.cfg.EnableDebug {
		s.reply.Error(errDebugDisabled)
		return
	}
	switch sub := strings.ToLower(string(args[1])); {
	case sub == "help" && len(args) == 2:
		s.replyHelp(args, debugHelp)
		return
	case sub == "protocol" && len(args) == 3:
		s.debugProtocol(args[2])
		return
	case sub == "sleep" && len(args) == 3:
		time.Sleep(sleepDuration(args[2]))
		s.reply.Status("OK")
		return
	case sub == "quicklist-packed-threshold" && len(args) == 3:
		s.debugPackedThreshold(args[2])
		return
	case sub == "set-active-expire" && len(args) == 3:
		// Redis reads the flag with atoi: any non-zero number is on.
		for _, db := range s.ex.dbs {
			db.SetActiveExpiry(atoi(args[2]) != 0)
		}
		s.reply.Status("OK")
		return
	}
	s.reply.Error("ERR unknown subcommand or wrong number of arguments for '" + string(capBytes(args[1], 128)) + "'. Try DEBUG HELP.")
}

// atoi reads a number as C's atoi does: leading spaces, a sign, digits up
// to the first other byte; no number is 0.
func atoi(arg []byte) int64 {
	text := strings.TrimLeft(string(capBytes(arg, 64)), " \t\n\v\f\r")
	end := 0
	if end < len(text) && (text[end] == '-' || text[end] == '+') {
		end++
	}
	for end < len(text) && text[end] >= '0' && text[end] <= '9' {
		end++
	}
	n, _ := strconv.ParseInt(text[:end], 10, 64)
	return n
}

// sleepDuration reads seconds as C's atof does, as Redis does: the longest
// leading number counts, and no number at all is 0.
func sleepDuration(arg []byte) time.Duration {
	text := strings.TrimLeft(string(capBytes(arg, 64)), " \t\n\v\f\r")
	for n := len(text); n > 0; n-- {
		seconds, err := strconv.ParseFloat(text[:n], 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			continue
		}
		if math.IsNaN(seconds) || seconds <= 0 {
			return 0
		}
		return time.Duration(min(seconds*float64(time.Second), math.MaxInt64))
	}
	return 0
}
