package executor

import (
	"sort"
)

// commandSubcommands: COMMAND COUNT | INFO [name ...] | DOCS [name ...] |
// LIST [FILTERBY ...] | GETKEYS cmd [arg ...] | GETKEYSANDFLAGS cmd [arg
// ...] | HELP. Everything they report comes from the command table and
// commandDocs.
var commandSubcommands = []command{
	{name: "command|count", arity: 2, flags: flagLoading | flagStale, run: cmdCommandCount},
	{name: "command|docs", arity: -2, flags: flagLoading | flagStale, run: cmdCommandDocs},
	{name: "command|getkeys", arity: -4, flags: flagLoading | flagStale, run: cmdCommandGetKeys},
	{name: "command|getkeysandflags", arity: -4, flags: flagLoading | flagStale, run: cmdCommandGetKeysAndFlags},
	{name: "command|help", arity: 2, flags: flagLoading | flagStale, run: cmdCommandHelp},
	{name: "command|info", arity: -2, flags: flagLoading | flagStale, run: cmdCommandInfo},
	{name: "command|list", arity: -2, flags: flagLoading | flagStale, run: cmdCommandList},
}

// replyStatusSet writes names as a set of status replies, the form of
// every flag list COMMAND reports.
func (s *Session) replyStatusSet(names []string) {
	s.reply.Set(len(names))
	for _, n := range names {
		s.reply.Status(n)
	}
}

// bitNames are the names of the bits set in bits, in bit order.
func bitNames[T ~uint8 | ~uint16 | ~uint32](bits T, names []string) []string {
	var out []string
	for i, name := range names {
		if bits&(1<<i) != 0 {
			out = append(out, name)
		}
	}
	return out
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

// describeCommand writes one COMMAND entry in Redis 7's ten-field layout:
// name, arity, flags, first key, last key, step, ACL categories, tips, key
// specifications, and the subcommands, each described the same way.
func (s *Session) describeCommand(c *command) {
	s.reply.Array(10)
	s.reply.BulkString(c.name)
	s.reply.Int(int64(c.arity))
	s.replyStatusSet(bitNames(c.flags, flagNames))
	s.reply.Int(int64(c.firstKey))
	s.reply.Int(int64(c.lastKey))
	s.reply.Int(int64(c.keyStep))
	cats := bitNames(c.aclCategories(), aclCategoryNames)
	for i := range cats {
		cats[i] = "@" + cats[i]
	}
	s.replyStatusSet(cats)
	s.reply.Set(len(c.doc.tips))
	for _, tip := range c.doc.tips {
		s.reply.BulkString(tip)
	}
	s.reply.Set(len(c.doc.keySpecs))
	for _, spec := range c.doc.keySpecs {
		s.describeKeySpec(spec)
	}
	subs := sortedSubcommands(c)
	if len(subs) == 0 {
		s.reply.Set(0) // Redis's form for "no subcommands"
		return
	}
	s.reply.Array(len(subs))
	for _, sub := range subs {
		s.describeCommand(sub)
	}
}

// describeKeySpec writes a key spec as Redis's map: notes (if any), flags,
// where the search begins and how keys are found from there.
func (s *Session) describeKeySpec(spec keySpec) {
	fields := 3
	if spec.notes != "" {
		fields++
	}
	s.reply.Map(fields)
	if spec.notes != "" {
		s.reply.BulkString("notes")
		s.reply.BulkString(spec.notes)
	}
	s.reply.BulkString("flags")
	s.replyStatusSet(bitNames(spec.flags, keyFlagNames))
	s.reply.BulkString("begin_search")
	s.reply.Map(2)
	s.reply.BulkString("type")
	switch {
	case spec.unknown:
		s.reply.BulkString("unknown")
		s.reply.BulkString("spec")
		s.reply.Map(0)
		s.reply.BulkString("find_keys")
		s.reply.Map(2)
		s.reply.BulkString("type")
		s.reply.BulkString("unknown")
		s.reply.BulkString("spec")
		s.reply.Map(0)
		return
	case spec.keyword != "":
		s.reply.BulkString("keyword")
		s.reply.BulkString("spec")
		s.reply.Map(2)
		s.reply.BulkString("keyword")
		s.reply.BulkString(spec.keyword)
		s.reply.BulkString("startfrom")
	default:
		s.reply.BulkString("index")
		s.reply.BulkString("spec")
		s.reply.Map(1)
		s.reply.BulkString("index")
	}
	s.reply.Int(int64(spec.index))
	s.reply.BulkString("find_keys")
	s.reply.Map(2)
	s.reply.BulkString("type")
	type field struct {
		name  string
		value int
	}
	finder := []field{{"lastkey", spec.lastKey}, {"keystep", spec.step}, {"limit", spec.limit}}
	if spec.byKeyNum {
		s.reply.BulkString("keynum")
		finder = []field{{"keynumidx", spec.keyNumIdx}, {"firstkey", spec.firstKey}, {"keystep", spec.step}}
	} else {
		s.reply.BulkString("range")
	}
	s.reply.BulkString("spec")
	s.reply.Map(len(finder))
	for _, f := range finder {
		s.reply.BulkString(f.name)
		s.reply.Int(int64(f.value))
	}
}

// sortedSubcommands are c's subcommands in name order.
func sortedSubcommands(c *command) []*command {
	subs := make([]*command, 0, len(c.subs))
	for i := range c.subs {
		subs = append(subs, &c.subs[i])
	}
	sort.Slice(subs, func(i, j int) bool { return subs[i].name < subs[j].name })
	return subs
}

// COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]:
// the names of the commands and subcommands ("config|get"), as Redis lists
// them. FILTERBY must be the last three words; anything else is a syntax
// error.
func cmdCommandList(s *Session, args [][]byte) {
	keep := func(*command) bool { return true }
	if len(args) > 2 {
		if len(args) != 5 || optionName(args[2]) != "filterby" {
			s.reply.Error(errSyntax)
			return
		}
		if keep = commandListFilter(args[3], args[4]); keep == nil {
			s.reply.Error(errSyntax)
			return
		}
	}
	var names []string
	for _, name := range s.ex.commandNames {
		c := s.ex.commands[name]
		for _, c := range append([]*command{c}, sortedSubcommands(c)...) {
			if keep(c) {
				names = append(names, c.name)
			}
		}
	}
	s.reply.Array(len(names))
	for _, n := range names {
		s.reply.BulkString(n)
	}
}

// commandListFilter is the test COMMAND LIST FILTERBY kind arg applies to
// a command, nil for an unknown kind. No modules are loaded, so MODULE
// keeps nothing; ACLCAT keeps nothing for a name that is no category, as
// in Redis; PATTERN is a case-insensitive glob on the full name.
func commandListFilter(kind, arg []byte) func(*command) bool {
	switch optionName(kind) {
	case "module":
		return func(*command) bool { return false }
	case "aclcat":
		cat := aclCategoryByName(arg)
		return func(c *command) bool { return c.aclCategories()&cat != 0 }
	case "pattern":
		return func(c *command) bool { return globMatch(arg, []byte(c.name), true) }
	}
	return nil
}

// commandHelp is COMMAND HELP's text, Redis 7.0's lines, as every container's
// HELP is (help.go).
var commandHelp = []string{
	"(no subcommand)",
	"    Return details about all Redis commands.",
	"COUNT",
	"    Return the total number of commands in this Redis server.",
	"LIST",
	"    Return a list of all commands in this Redis server.",
	"INFO [<command-name> ...]",
	"    Return details about multiple Redis commands.",
	"    If no command names are given, documentation details for all",
	"    commands are returned.",
	"DOCS [<command-name> ...]",
	"    Return documentation details about multiple Redis commands.",
	"    If no command names are given, documentation details for all",
	"    commands are returned.",
	"GETKEYS <full-command>",
	"    Return the keys from a full Redis command.",
	"GETKEYSANDFLAGS <full-command>",
	"    Return the keys and the access flags from a full Redis command.",
}

func cmdCommandHelp(s *Session, args [][]byte) { s.replyHelp(args, commandHelp) }
