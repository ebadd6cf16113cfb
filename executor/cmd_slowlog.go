package executor

// slowlogCommands: SLOWLOG, the container of the slow log (slowlog.go).
var slowlogCommands = []command{
	{name: "slowlog", arity: -2, subs: []command{
		{name: "slowlog|get", arity: -2, flags: flagAdmin | flagLoading | flagStale, run: cmdSlowlogGet},
		{name: "slowlog|help", arity: 2, flags: flagLoading | flagStale, run: cmdSlowlogHelp},
		{name: "slowlog|len", arity: 2, flags: flagAdmin | flagLoading | flagStale, run: cmdSlowlogLen},
		{name: "slowlog|reset", arity: 2, flags: flagAdmin | flagLoading | flagStale, run: cmdSlowlogReset},
	}},
}

// slowlogHelp is SLOWLOG HELP's text, Redis 7.0's lines.
var slowlogHelp = []string{
	"GET [<count>]",
	"    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
	"    Entries are made of:",
	"    id, timestamp, time in microseconds, arguments array, client IP and port,",
	"    client name",
	"LEN",
	"    Return the length of the slowlog.",
	"RESET",
	"    Reset the slowlog.",
}

func cmdSlowlogHelp(s *Session, args [][]byte) { s.replyHelp(args, slowlogHelp) }

// defaultSlowlogGet is how many entries SLOWLOG GET returns without a count.
const defaultSlowlogGet = 10

// SLOWLOG GET [count]: the newest count entries (-1: all), newest first,
// each as id, unix time, microseconds, arguments, address and name.
func cmdSlowlogGet(s *Session, args [][]byte) {
	if len(args) > 3 {
		s.reply.Error(subcommandSyntaxError(args))
		return
	}
	count := int64(defaultSlowlogGet)
	if len(args) == 3 {
		// Redis gives the one error for a count that is no number too.
		n, ok := parseInt(args[2])
		if !ok || n < -1 {
			s.reply.Error("ERR count should be greater than or equal to -1")
			return
		}
		count = n
	}
	n := s.ex.slowlog.length()
	if count >= 0 && count < int64(n) {
		n = int(count)
	}
	entries := s.ex.slowlog.newest(n)
	s.reply.Array(len(entries))
	for _, e := range entries {
		s.reply.Array(6)
		s.reply.Int(e.id)
		s.reply.Int(e.unixTime)
		s.reply.Int(e.micros)
		s.reply.Array(len(e.args))
		for _, a := range e.args {
			s.reply.Bulk(a)
		}
		s.reply.BulkString(e.peer)
		s.reply.BulkString(e.name)
	}
}

// SLOWLOG LEN: how many entries the log holds.
func cmdSlowlogLen(s *Session, _ [][]byte) { s.reply.Int(int64(s.ex.slowlog.length())) }

// SLOWLOG RESET: empty the log (entry ids keep counting).
func cmdSlowlogReset(s *Session, _ [][]byte) {
	s.ex.slowlog.reset()
	s.reply.Status("OK")
}
