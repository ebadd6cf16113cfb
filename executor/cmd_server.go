package executor

import (
	"bytes"
	"errors"
	"strconv"
)

// serverCommands are about the server rather than the data.
var serverCommands = []command{
	{name: "command", arity: -1, flags: flagLoading | flagStale, run: cmdCommand, subs: commandSubcommands},
	{name: "config", arity: -2, subs: configSubcommands},
	{name: "info", arity: -1, flags: flagLoading | flagStale, run: cmdInfo},
}

// configSubcommands: CONFIG GET parameter [parameter ...] | SET parameter
// value [parameter value ...] | RESETSTAT | REWRITE | HELP.
var configSubcommands = []command{
	{name: "config|get", arity: -3, flags: flagAdmin | flagNoScript | flagLoading | flagStale, run: cmdConfigGet},
	{name: "config|set", arity: -4, flags: flagAdmin | flagNoScript | flagLoading | flagStale, run: cmdConfigSet},
	{name: "config|resetstat", arity: 2, flags: flagAdmin | flagNoScript | flagLoading | flagStale, run: cmdConfigResetStat},
	{name: "config|rewrite", arity: 2, flags: flagAdmin | flagNoScript | flagLoading | flagStale, run: cmdConfigRewrite},
	{name: "config|help", arity: 2, flags: flagLoading | flagStale, run: cmdConfigHelp},
}

// CONFIG GET parameter [parameter ...]: name, value pairs, each parameter
// once. As in Redis, a name without glob characters is looked up in any
// case and answered under the name as typed (CONFIG GET SAVE answers
// "SAVE"); a pattern answers each matching parameter under its own name,
// hidden ones excepted. A parameter already answered, in any case, is not
// repeated.
func cmdConfigGet(s *Session, args [][]byte) {
	params := s.ex.settings.Params()
	var pairs []string
	seen := func(name string) bool {
		for i := 0; i < len(pairs); i += 2 {
			if equalFoldASCII([]byte(pairs[i]), name) {
				return true
			}
		}
		return false
	}
	for _, arg := range args[2:] {
		if !bytes.ContainsAny(arg, "[*?") {
			if p, ok := s.ex.settings.Lookup(string(arg)); ok && !seen(p.Name) {
				pairs = append(pairs, string(arg), p.Value)
			}
			continue
		}
		for _, p := range params {
			if !seen(p.Name) && globMatch(arg, []byte(p.Name), true) {
				pairs = append(pairs, p.Name, p.Value)
			}
		}
	}
	s.reply.Map(len(pairs) / 2)
	for _, v := range pairs {
		s.reply.BulkString(v)
	}
}

// CONFIG SET parameter value [parameter value ...]: all or nothing, each
// change taking effect at once; the checks and their texts are Redis's
// (the daemon's Settings make them). Names and values must pair up.
func cmdConfigSet(s *Session, args [][]byte) {
	if len(args)%2 != 0 {
		s.reply.Error(errSyntax)
		return
	}
	pairs := make([]string, 0, len(args)-2)
	for _, a := range args[2:] {
		pairs = append(pairs, string(a))
	}
	if err := s.ex.settings.Set(pairs); err != nil {
		s.reply.Error("ERR " + err.Error())
		return
	}
	s.reply.Status("OK")
}

// CONFIG REWRITE: the settings as they are now, written to the config file
// the daemon was started with.
func cmdConfigRewrite(s *Session, _ [][]byte) {
	if err := s.ex.settings.Rewrite(); err != nil {
		s.reply.Error("ERR " + err.Error())
		return
	}
	s.reply.Status("OK")
}

// configHelp is CONFIG HELP's text: Redis's lines, which clients may show
// or parse, for the subcommands there are.
var configHelp = []string{
	"GET <pattern>",
	"    Return parameters matching the glob-like <pattern> and their values.",
	"SET <directive> <value>",
	"    Set the configuration <directive> to <value>.",
	"RESETSTAT",
	"    Reset statistics reported by the INFO command.",
	"REWRITE",
	"    Rewrite the configuration file.",
}

// CONFIG HELP: Redis's help (help.go).
func cmdConfigHelp(s *Session, args [][]byte) { s.replyHelp(args, configHelp) }

func cmdConfigResetStat(s *Session, _ [][]byte) {
	s.ex.resetStats()
	s.reply.Status("OK")
}

// fixedSettings are an executor's settings when the daemon gives none
// (tests): CONFIG GET shows them, CONFIG SET knows none of them, and
// there is no config file to rewrite.
type fixedSettings []Param

func (f fixedSettings) Params() []Param { return f }

// Lookup finds a parameter by its name in any ASCII case (as Redis's
// strcasecmp: no Unicode folding).
func (f fixedSettings) Lookup(name string) (Param, bool) {
	for _, p := range f {
		if equalFoldASCII([]byte(name), p.Name) {
			return p, true
		}
	}
	return Param{}, false
}

func (f fixedSettings) Set(pairs []string) error {
	return errors.New("Unknown option or number of arguments for CONFIG SET - '" + pairs[0] + "'")
}

func (f fixedSettings) Rewrite() error {
	//lint:ignore ST1005 Redis's own wording, which clients and tests compare
	return errors.New("The server is running without a config file")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
