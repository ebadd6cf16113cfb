package executor

import (
	"sort"
	"strings"
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

// replyMap starts a map of n pairs. RESP2 (and the plaintext form) has no
// maps: Redis writes a flat array of keys and values, as here. A RESP3
// connection gets a map from Redis: this is the one place to switch.
func (s *Session) replyMap(n int) { s.reply.Array(2 * n) }

// replySet starts a set of n elements; an array before RESP3, like
// replyMap.
func (s *Session) replySet(n int) { s.reply.Array(n) }

// replyStatusSet writes names as a set of status replies, the form of
// every flag list COMMAND reports.
func (s *Session) replyStatusSet(names []string) {
	s.replySet(len(names))
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
	s.replySet(len(c.doc.tips))
	for _, tip := range c.doc.tips {
		s.reply.BulkString(tip)
	}
	s.replySet(len(c.doc.keySpecs))
	for _, spec := range c.doc.keySpecs {
		s.describeKeySpec(spec)
	}
	subs := sortedSubcommands(c)
	if len(subs) == 0 {
		s.replySet(0) // Redis's form for "no subcommands"
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
	s.replyMap(fields)
	if spec.notes != "" {
		s.reply.BulkString("notes")
		s.reply.BulkString(spec.notes)
	}
	s.reply.BulkString("flags")
	s.replyStatusSet(bitNames(spec.flags, keyFlagNames))
	s.reply.BulkString("begin_search")
	s.replyMap(2)
	s.reply.BulkString("type")
	s.reply.BulkString("index")
	s.reply.BulkString("spec")
	s.replyMap(1)
	s.reply.BulkString("index")
	s.reply.Int(int64(spec.index))
	s.reply.BulkString("find_keys")
	s.replyMap(2)
	s.reply.BulkString("type")
	s.reply.BulkString("range")
	s.reply.BulkString("spec")
	s.replyMap(3)
	for _, f := range []struct {
		name  string
		value int
	}{{"lastkey", spec.lastKey}, {"keystep", spec.step}, {"limit", spec.limit}} {
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

// COMMAND DOCS [name ...]: a map from each named command that exists (all
// of them when none is named) to its documentation.
func cmdCommandDocs(s *Session, args [][]byte) {
	var found []*command
	if len(args) == 2 {
		for _, name := range s.ex.commandNames {
			found = append(found, s.ex.commands[name])
		}
	} else {
		for _, name := range args[2:] {
			if c := s.commandByFullName(name); c != nil {
				found = append(found, c)
			}
		}
	}
	s.replyMap(len(found))
	for _, c := range found {
		s.reply.BulkString(c.name)
		s.documentCommand(c)
	}
}

// documentCommand writes a command's documentation map, the fields in
// Redis's order, each present only when the command has it (group always).
func (s *Session) documentCommand(c *command) {
	d := c.doc
	fields := 1
	for _, has := range []bool{d.summary != "", d.since != "", d.complexity != "", d.docFlags != 0,
		d.deprecatedSince != "", d.replacedBy != "", d.history != nil, d.args != nil, len(c.subs) > 0} {
		if has {
			fields++
		}
	}
	s.replyMap(fields)
	s.optionalField("summary", d.summary)
	s.optionalField("since", d.since)
	s.reply.BulkString("group")
	s.reply.BulkString(d.group)
	s.optionalField("complexity", d.complexity)
	if d.docFlags != 0 {
		s.reply.BulkString("doc_flags")
		s.replyStatusSet(bitNames(d.docFlags, docFlagNames))
	}
	s.optionalField("deprecated_since", d.deprecatedSince)
	s.optionalField("replaced_by", d.replacedBy)
	if d.history != nil {
		s.reply.BulkString("history")
		s.replySet(len(d.history))
		for _, h := range d.history {
			s.reply.Array(2)
			s.reply.BulkString(h.since)
			s.reply.BulkString(h.change)
		}
	}
	if d.args != nil {
		s.reply.BulkString("arguments")
		s.documentArgs(d.args)
	}
	if len(c.subs) > 0 {
		s.reply.BulkString("subcommands")
		subs := sortedSubcommands(c)
		s.replyMap(len(subs))
		for _, sub := range subs {
			s.reply.BulkString(sub.name)
			s.documentCommand(sub)
		}
	}
}

// optionalField writes name and value, unless value is empty.
func (s *Session) optionalField(name, value string) {
	if value != "" {
		s.reply.BulkString(name)
		s.reply.BulkString(value)
	}
}

// documentArgs writes an argument list: a map per argument, the fields in
// Redis's order, nested for the choices of a oneof and the parts of a
// block.
func (s *Session) documentArgs(args []docArg) {
	s.reply.Array(len(args))
	for _, a := range args {
		fields := 2
		for _, has := range []bool{a.typ == argKey, a.token != "", a.since != "", a.deprecatedSince != "",
			a.flags != 0, a.args != nil} {
			if has {
				fields++
			}
		}
		s.replyMap(fields)
		s.optionalField("name", a.name)
		s.optionalField("type", argTypeNames[a.typ])
		if a.typ == argKey {
			s.reply.BulkString("key_spec_index")
			s.reply.Int(int64(a.keySpec))
		}
		s.optionalField("token", a.token)
		s.optionalField("since", a.since)
		s.optionalField("deprecated_since", a.deprecatedSince)
		if a.flags != 0 {
			s.reply.BulkString("flags")
			s.replyStatusSet(bitNames(a.flags, argFlagNames))
		}
		if a.args != nil {
			s.reply.BulkString("arguments")
			s.documentArgs(a.args)
		}
	}
}

// COMMAND GETKEYS cmd [arg ...]: the keys of the command line that follows.
func cmdCommandGetKeys(s *Session, args [][]byte) { s.getKeys(args[2:], false) }

// COMMAND GETKEYSANDFLAGS cmd [arg ...]: the keys, each with how the
// command uses it.
func cmdCommandGetKeysAndFlags(s *Session, args [][]byte) { s.getKeys(args[2:], true) }

// getKeys answers GETKEYS for the command line line, with Redis's errors:
// the command (a container's subcommand when one is named) must exist,
// have keys, and be given a number of arguments its arity allows.
func (s *Session) getKeys(line [][]byte, withFlags bool) {
	c := s.lookup(line[0])
	if c != nil && len(c.subs) > 0 && len(line) > 1 {
		c = s.subcommand(c, line[1])
	}
	switch {
	case c == nil:
		s.reply.Error("ERR Invalid command specified")
		return
	case !c.hasKeys():
		s.reply.Error("ERR The command has no key arguments")
		return
	case !c.arityOK(len(line)):
		s.reply.Error("ERR Invalid number of arguments specified for command")
		return
	}
	keys, ok := c.keyPositions(line)
	switch {
	case !ok && c.flags&flagNoMandatoryKeys != 0:
		s.reply.Array(0)
		return
	case !ok:
		s.reply.Error("ERR Invalid arguments specified for command")
		return
	}
	s.reply.Array(len(keys))
	for _, k := range keys {
		if !withFlags {
			s.reply.Bulk(line[k.pos])
			continue
		}
		s.reply.Array(2)
		s.reply.Bulk(line[k.pos])
		s.replyStatusSet(bitNames(k.flags, keyFlagNames))
	}
}

// hasKeys reports whether c has a key spec for a real key.
func (c *command) hasKeys() bool {
	for _, spec := range c.doc.keySpecs {
		if spec.flags&keyNotKey == 0 {
			return true
		}
	}
	return false
}

// keyRef is one key of a command line: its position and how it is used.
type keyRef struct {
	pos   int
	flags keyFlags
}

// keyPositions finds the keys of line, whose arity is already checked, by
// c's key specs; false if a spec points past the line. A spec with
// variable flags has them worked out from the line.
func (c *command) keyPositions(line [][]byte) ([]keyRef, bool) {
	var keys []keyRef
	for _, spec := range c.doc.keySpecs {
		if spec.flags&keyNotKey != 0 {
			continue
		}
		flags := spec.flags
		if spec.flags&keyVariableFlags != 0 && c.doc.variableKeyFlags != nil {
			flags = c.doc.variableKeyFlags(line)
		}
		first, last := spec.index, spec.index+spec.lastKey
		switch {
		case spec.lastKey < 0 && spec.limit == 0:
			last = len(line) + spec.lastKey
		case spec.lastKey < 0:
			last = first + (len(line)-first)/spec.limit + spec.lastKey
		}
		if first >= len(line) || last >= len(line) || last < first {
			return nil, false
		}
		for i := first; i <= last; i += spec.step {
			keys = append(keys, keyRef{pos: i, flags: flags})
		}
	}
	return keys, true
}

// setKeyFlags are SET's key flags for one command line (its key spec has
// variable flags): with GET it reads and updates its key, without it only
// overwrites it.
func setKeyFlags(line [][]byte) keyFlags {
	for _, a := range line[3:] {
		if equalFoldASCII(a, "get") {
			return keyRW | keyAccess | keyUpdate
		}
	}
	return keyOW | keyUpdate
}

// bitfieldKeyFlags are BITFIELD's key flags, from its operations: a
// line of GETs (and OVERFLOWs) only reads; a SET or INCRBY, or anything
// not understood, is taken as a write, as Redis takes it.
func bitfieldKeyFlags(line [][]byte) keyFlags {
	for i := 2; i < len(line); i++ {
		rest := len(line) - i - 1
		switch {
		case equalFoldASCII(line[i], "get") && rest >= 2:
			i += 2
		case equalFoldASCII(line[i], "overflow") && rest >= 1:
			i++
		default:
			return keyRW | keyAccess | keyUpdate
		}
	}
	return keyRO | keyAccess
}

// commandHelp is COMMAND HELP's text: each subcommand's syntax and what it
// does.
var commandHelp = []string{
	"(no subcommand)",
	"    Describe every command.",
	"COUNT",
	"    Count the commands.",
	"LIST",
	"    List the names of every command and subcommand.",
	"INFO [<command-name> ...]",
	"    Describe the named commands; all of them when none is named.",
	"DOCS [<command-name> ...]",
	"    Document the named commands; all of them when none is named.",
	"GETKEYS <full-command>",
	"    Find the keys in a complete command line.",
	"GETKEYSANDFLAGS <full-command>",
	"    Find the keys in a complete command line and how each is used.",
}

func cmdCommandHelp(s *Session, args [][]byte) { s.replyHelp(args, commandHelp) }

// replyHelp writes a container's HELP as Redis's addReplyHelp does, each
// line a status: a header naming the command as typed, in upper case,
// then the lines, then HELP itself.
func (s *Session) replyHelp(args [][]byte, lines []string) {
	s.reply.Array(len(lines) + 3)
	s.reply.Status(strings.ToUpper(string(cString(args[0]))) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
	for _, line := range lines {
		s.reply.Status(line)
	}
	s.reply.Status("HELP")
	s.reply.Status("    Prints this help.")
}
