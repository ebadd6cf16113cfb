package executor

import (
	"errors"
	"math"
	"math/rand/v2"
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

// cmdDebug runs the DEBUG subcommand named, if it exists here and the
// number of arguments fits it; otherwise Redis's error.
func cmdDebug(s *Session, args [][]byte) {
	if !s.ex.cfg.EnableDebug {
		s.reply.Error(errDebugDisabled)
		return
	}
	sub, ok := debugSubcommands[strings.ToLower(string(args[1]))]
	if !ok || len(args) < sub.minArgs || (sub.maxArgs > 0 && len(args) > sub.maxArgs) {
		s.reply.Error("ERR unknown subcommand or wrong number of arguments for '" + string(capBytes(args[1], 128)) + "'. Try DEBUG HELP.")
		return
	}
	sub.run(s, args)
}

// debugSubcommand is one DEBUG subcommand and the words it takes, DEBUG
// and its name included (maxArgs 0: no limit).
type debugSubcommand struct {
	minArgs, maxArgs int
	run              func(s *Session, args [][]byte)
}

// debugSubcommands are the DEBUG subcommands this daemon has; DEBUG HELP
// lists Redis's (help.go).
var debugSubcommands = map[string]debugSubcommand{
	"help":              {2, 2, func(s *Session, args [][]byte) { s.replyHelp(args, debugHelp) }},
	"protocol":          {3, 3, func(s *Session, args [][]byte) { s.debugProtocol(args[2]) }}, // cmd_debug_protocol.go
	"sleep":             {3, 3, debugSleep},
	"set-active-expire": {3, 3, debugSetActiveExpire},
	"pause-cron":        {3, 3, debugPauseCron},
	"object":            {3, 3, debugObject},      // debug_object.go
	"listpack":          {3, 3, debugListpack},    // debug_object.go
	"digest":            {2, 2, debugDigest},      // debug_digest.go
	"digest-value":      {2, 0, debugDigestValue}, // debug_digest.go
	"change-repl-id":    {2, 2, debugChangeReplID},
	"stringmatch-test":  {2, 2, debugStringMatchTest}, // glob.go's matcher
	"error":             {3, 3, debugError},
	"loadaof":           {2, 0, debugLoadAOF}, // debug_reload.go
	"reload":            {2, 0, debugReload},  // debug_reload.go
}

// DEBUG SLEEP seconds: OK after sleeping that long. The connection's
// worker (or, with --io epoll, its whole event loop, as all of Redis) does
// nothing else meanwhile: a command that takes as long as the caller says,
// which is what tests of stalls and of shutdown need.
func debugSleep(s *Session, args [][]byte) {
	time.Sleep(sleepDuration(args[2]))
	s.reply.Status("OK")
}

// DEBUG SET-ACTIVE-EXPIRE 0|1: stop or restart reclaiming expired keys
// nobody reads. Redis reads the flag with atoi: any non-zero number is on.
func debugSetActiveExpire(s *Session, args [][]byte) {
	for _, db := range s.ex.dbs {
		db.SetActiveExpiry(atoi(args[2]) != 0)
	}
	s.reply.Status("OK")
}

// DEBUG PAUSE-CRON 0|1 holds the daemon's periodic work while it is 1, as
// Redis holds its serverCron: the active expiry sweep of every database,
// and the sampling of memory against maxmemory and maxmemory-clients. The
// argument is read as C's atoi reads it, as Redis does.
func debugPauseCron(s *Session, args [][]byte) {
	paused := atoi(args[2]) != 0
	s.ex.cronPaused.Store(paused)
	for _, db := range s.ex.dbs {
		db.PauseSweep(paused)
	}
	s.reply.Status("OK")
}

// DEBUG CHANGE-REPL-ID: a new replication id (INFO master_replid), as
// Redis draws one; there are no replicas to tell.
func debugChangeReplID(s *Session, _ [][]byte) {
	s.ex.changeReplID()
	s.reply.Status("OK")
}

// changeReplID draws a new replication id.
func (ex *Executor) changeReplID() {
	id := randomID()
	ex.replID.Store(&id)
}

// DEBUG ERROR text: an error reply with text as its message, line breaks
// made spaces, for testing clients.
func debugError(s *Session, args [][]byte) {
	s.reply.Error(string(args[2])) // Error makes line breaks spaces
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

// stringMatchRounds is how many pairs DEBUG STRINGMATCH-TEST tries (a
// variable so that tests may try fewer).
var stringMatchRounds = 10_000_000

// DEBUG STRINGMATCH-TEST: run the glob matcher over as many random
// patterns and subjects as Redis fuzzes its own with (ten million pairs,
// each up to 31 ASCII bytes); a crash, or a run that does not end, is the
// failure, so the reply is Redis's text for surviving.
func debugStringMatchTest(s *Session, _ [][]byte) {
	const maxLen = 32
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	var pattern, subject [maxLen]byte
	for range stringMatchRounds {
		p, str := pattern[:rng.IntN(maxLen)], subject[:rng.IntN(maxLen)]
		for i := range p {
			p[i] = byte(rng.IntN(128))
		}
		for i := range str {
			str[i] = byte(rng.IntN(128))
		}
		globMatch(p, str, false)
	}
	s.reply.Status("Apparently Redis did not crash: test passed")
}
