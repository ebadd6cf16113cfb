package executor

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"
)

// serverCommands are about the server rather than the data.
var serverCommands = []command{
	{name: "command", arity: -1, flags: flagLoading | flagStale, run: cmdCommand, subs: commandSubcommands},
	{name: "config", arity: -2, subs: configSubcommands},
	{name: "info", arity: -1, flags: flagLoading | flagStale, run: cmdInfo},
}

// commandSubcommands: COMMAND COUNT | INFO [name ...] | DOCS [name ...] |
// LIST [FILTERBY ...].
var commandSubcommands = []command{
	{name: "command|count", arity: 2, flags: flagLoading | flagStale, run: cmdCommandCount},
	{name: "command|docs", arity: -2, flags: flagLoading | flagStale, run: cmdCommandDocs},
	{name: "command|info", arity: -2, flags: flagLoading | flagStale, run: cmdCommandInfo},
	{name: "command|list", arity: -2, flags: flagLoading | flagStale, run: cmdCommandList},
}

// COMMAND: every command, described.
func cmdCommand(s *Session, _ [][]byte) { s.describeAll() }

func (s *Session) describeAll() {
	s.reply.Array(len(s.ex.commands))
	for _, name := range s.ex.commandNames {
		s.describeCommand(s.ex.commands[name])
	}
}

func cmdCommandCount(s *Session, _ [][]byte) { s.reply.Int(int64(len(s.ex.commands))) }

// COMMAND INFO [name ...]: each named command ("get", or "config|get"
// for a subcommand), nil for one that does not exist; with no names, every
// command, as Redis 7 does.
func cmdCommandInfo(s *Session, args [][]byte) {
	if len(args) == 2 {
		s.describeAll()
		return
	}
	s.reply.Array(len(args) - 2)
	for _, name := range args[2:] {
		if c := s.commandByFullName(name); c != nil {
			s.describeCommand(c)
		} else {
			s.reply.Nil()
		}
	}
}

// COMMAND DOCS: documentation lives at redis.io; an empty map tells
// redis-cli to use its built-in hints.
func cmdCommandDocs(s *Session, _ [][]byte) { s.reply.Array(0) }

// COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]:
// the names of the commands and subcommands ("config|get"), as Redis lists
// them. FILTERBY must be the last three words; anything else is a syntax
// error.
func cmdCommandList(s *Session, args [][]byte) {
	keep := func(string) bool { return true }
	if len(args) > 2 {
		if len(args) != 5 || optionName(args[2]) != "filterby" {
			s.reply.Error(errSyntax)
			return
		}
		var errText string
		if keep, errText = commandListFilter(args[3], args[4]); errText != "" {
			s.reply.Error(errText)
			return
		}
	}
	var names []string
	for _, name := range s.ex.commandNames {
		c := s.ex.commands[name]
		for _, n := range append([]string{c.name}, subcommandNames(c)...) {
			if keep(n) {
				names = append(names, n)
			}
		}
	}
	s.reply.Array(len(names))
	for _, n := range names {
		s.reply.BulkString(n)
	}
}

// commandListFilter is the test COMMAND LIST FILTERBY kind arg applies to
// a command's full name. No modules are loaded, so MODULE keeps nothing;
// PATTERN is a case-insensitive glob; ACLCAT keeps nothing for a name that
// is no ACL category, as in Redis, but this daemon does not classify its
// commands into categories yet, so for a real one it says so rather than
// answer a list that would be wrong.
func commandListFilter(kind, arg []byte) (func(string) bool, string) {
	switch optionName(kind) {
	case "module":
		return func(string) bool { return false }, ""
	case "pattern":
		return func(name string) bool { return globMatch(arg, []byte(name), true) }, ""
	case "aclcat":
		if isACLCategory(arg) {
			return nil, "ERR COMMAND LIST FILTERBY ACLCAT is not supported: commands have no ACL categories here yet"
		}
		return func(string) bool { return false }, ""
	}
	return nil, errSyntax
}

// isACLCategory reports whether name is one of Redis 7.0's ACL categories.
func isACLCategory(name []byte) bool {
	switch optionName(name) {
	case "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog",
		"geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction", "scripting":
		return true
	}
	return false
}

// subcommandNames are c's subcommands' full names, sorted.
func subcommandNames(c *command) []string {
	names := make([]string, 0, len(c.subs))
	for i := range c.subs {
		names = append(names, c.subs[i].name)
	}
	sort.Strings(names)
	return names
}

// describeCommand writes one COMMAND entry in Redis 7's ten-field layout:
// name, arity, flags, first key, last key, step, ACL categories, tips, key
// specifications (these three left empty), and the subcommands, each
// described the same way.
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
	for i := 0; i < 3; i++ {
		s.reply.Array(0)
	}
	names := subcommandNames(c)
	s.reply.Array(len(names))
	for _, name := range names {
		s.describeCommand(c.subcommands[name[len(c.name)+1:]])
	}
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
// "SAVE"); a pattern answers each matching parameter under its own name.
// A parameter already answered, in any case, is not repeated.
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
			if p, ok := findParam(params, arg); ok && !seen(p.Name) {
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

// findParam finds a parameter by its name in any ASCII case (as Redis's
// strcasecmp: no Unicode folding).
func findParam(params []Param, name []byte) (Param, bool) {
	for _, p := range params {
		if equalFoldASCII(name, p.Name) {
			return p, true
		}
	}
	return Param{}, false
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

// CONFIG HELP: a header naming the command as typed, in upper case, then
// the lines, then HELP itself, each a status reply, as Redis's
// addReplyHelp writes them.
func cmdConfigHelp(s *Session, args [][]byte) {
	s.reply.Array(len(configHelp) + 3)
	s.reply.Status(strings.ToUpper(string(cString(args[0]))) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
	for _, line := range configHelp {
		s.reply.Status(line)
	}
	s.reply.Status("HELP")
	s.reply.Status("    Prints this help.")
}

func cmdConfigResetStat(s *Session, _ [][]byte) {
	s.ex.stats.reset()
	s.reply.Status("OK")
}

// fixedSettings are an executor's settings when the daemon gives none
// (tests): CONFIG GET shows them, CONFIG SET knows none of them, and
// there is no config file to rewrite.
type fixedSettings []Param

func (f fixedSettings) Params() []Param { return f }

func (f fixedSettings) Set(pairs []string) error {
	return errors.New("Unknown option or number of arguments for CONFIG SET - '" + pairs[0] + "'")
}

func (f fixedSettings) Rewrite() error {
	//lint:ignore ST1005 Redis's own wording, which clients and tests compare
	return errors.New("The server is running without a config file")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
