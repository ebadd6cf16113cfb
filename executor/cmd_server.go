package executor

import (
	"strconv"
	"strings"
)

// serverCommands are about the server rather than the data.
var serverCommands = []command{
	{name: "command", arity: -1, flags: flagLoading | flagStale, run: cmdCommand},
	{name: "config", arity: -2, flags: flagAdmin | flagNoScript | flagLoading | flagStale, run: cmdConfig},
	{name: "info", arity: -1, flags: flagLoading | flagStale, run: cmdInfo},
}

// COMMAND [COUNT | INFO name... | DOCS [name...] | LIST]
func cmdCommand(s *Session, args [][]byte) {
	if len(args) == 1 {
		s.reply.Array(len(s.ex.commands))
		for _, name := range s.ex.commandNames {
			s.describeCommand(s.ex.commands[name])
		}
		return
	}
	switch sub := strings.ToLower(string(args[1])); {
	case sub == "count" && len(args) == 2:
		s.reply.Int(int64(len(s.ex.commands)))
	case sub == "list" && len(args) == 2:
		s.reply.Array(len(s.ex.commandNames))
		for _, name := range s.ex.commandNames {
			s.reply.BulkString(name)
		}
	case sub == "info":
		s.reply.Array(len(args) - 2)
		for _, name := range args[2:] {
			if c := s.lookup(name); c != nil {
				s.describeCommand(c)
			} else {
				s.reply.Nil()
			}
		}
	case sub == "docs":
		// Documentation lives at redis.io; an empty map tells redis-cli to
		// use its built-in hints.
		s.reply.Array(0)
	case sub == "count" || sub == "list":
		s.reply.Error(wrongArity("command|" + sub))
	default:
		s.reply.Error(unknownSubcommand(args[1], "COMMAND"))
	}
}

// describeCommand writes one COMMAND entry in Redis 7's ten-field layout:
// name, arity, flags, first key, last key, step, ACL categories, tips, key
// specifications, subcommands (the last four left empty).
func (s *Session) describeCommand(c *command) {
	s.reply.Array(10)
	s.reply.BulkString(c.name)
	s.reply.Int(int64(c.arity))
	flags := c.flags.names()
	s.reply.Array(len(flags))
	for _, f := range flags {
		s.reply.Status(f)
	}
	s.reply.Int(int64(c.firstKey))
	s.reply.Int(int64(c.lastKey))
	s.reply.Int(int64(c.keyStep))
	for i := 0; i < 4; i++ {
		s.reply.Array(0)
	}
}

// CONFIG GET pattern [pattern ...]: the matching parameters and values,
// as a flat list of name, value pairs.
func cmdConfig(s *Session, args [][]byte) {
	switch sub := strings.ToLower(string(args[1])); {
	case sub == "get" && len(args) >= 3:
		var pairs []string
		for _, p := range s.ex.params {
			for _, pattern := range args[2:] {
				if globMatch(pattern, []byte(p.Name), true) {
					pairs = append(pairs, p.Name, p.Value)
					break
				}
			}
		}
		s.reply.Array(len(pairs))
		for _, v := range pairs {
			s.reply.BulkString(v)
		}
	case sub == "get":
		s.reply.Error(wrongArity("config|get"))
	case sub == "resetstat" && len(args) == 2:
		s.ex.stats.reset()
		s.reply.Status("OK")
	default:
		s.reply.Error(unknownSubcommand(args[1], "CONFIG"))
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
