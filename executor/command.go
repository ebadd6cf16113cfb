package executor

import (
	"bytes"
	"slices"
	"strings"
)

// command is one entry of the command table.
type command struct {
	// name is lowercase, as Redis prints it in errors; a subcommand's is
	// "container|sub" (Redis's fullname, as in "wrong number of arguments
	// for 'config|get' command").
	name string
	// arity follows Redis: n > 0 means exactly n words including the name,
	// n < 0 means at least -n.
	arity int
	flags cmdFlags
	run   func(s *Session, args [][]byte)

	// doc is the command's entry in commandDocs, attached once at start.
	doc *commandDoc
	// Key positions, as COMMAND reports them: the first and last argument
	// that is a key (-1: the last argument) and the step between keys.
	// They are derived from doc's key specs when the table is indexed.
	firstKey, lastKey, keyStep int

	// A container (CONFIG, CLIENT, COMMAND, PUBSUB) lists its subcommands
	// in subs; commandTable indexes them by the name after the '|'. Like
	// Redis, a request naming a container and at least one more word runs
	// the subcommand that word names, with the subcommand's own arity and
	// flags; the container's run serves the container alone (COMMAND).
	subs        []command
	subcommands map[string]*command

	// statsIndex numbers the command among every command and subcommand:
	// its place in each executor's commandStats.
	statsIndex int
}

// cmdFlags are Redis's command flags, as COMMAND reports them.
type cmdFlags uint32

// The flags in the order COMMAND lists them (Redis's order).
const (
	flagWrite cmdFlags = 1 << iota
	flagReadonly
	flagDenyOOM
	flagAdmin
	flagPubSub
	flagNoScript
	flagBlocking
	flagLoading
	flagStale
	flagSkipMonitor
	flagSkipSlowlog
	flagFast
	flagNoAuth
	flagNoMandatoryKeys
	flagNoAsyncLoading
	flagNoMulti
	// flagMovableKeys is derived, not written in the table: the command
	// has keys COMMAND's first/last/step cannot describe (a keynum,
	// keyword or unknown spec).
	flagMovableKeys
	flagAllowBusy
	// flagSubscribedOK (not a Redis flag, so not printed): allowed while
	// the connection is subscribed.
	flagSubscribedOK
)

var flagNames = []string{"write", "readonly", "denyoom", "admin", "pubsub", "noscript", "blocking", "loading", "stale",
	"skip_monitor", "skip_slowlog", "fast", "no_auth", "no_mandatory_keys", "no_async_loading", "no_multi", "movablekeys", "allow_busy"}

func (c *command) arityOK(n int) bool {
	if c.arity >= 0 {
		return n == c.arity
	}
	return n >= -c.arity
}

// commandGroups are the command lists each file of this package
// registers, so the table reads by topic.
var commandGroups = [][]command{authCommands, connectionCommands, keyCommands, stringCommands, integerCommands,
	expireCommands, keyspaceCommands, pubsubCommands, serverCommands, persistenceCommands, debugCommands,
	shutdownCommands, clockCommands, rangeCommands, bitCommands, hyperloglogCommands, databaseCommands, monitorCommands, transactionCommands,
	objectCommands, setCommands, hashCommands, memoryCommands, zsetCommands, slowlogCommands, latencyCommands, listCommands,
	geoCommands, sortCommands}

// commandTable maps each command's name to its entry.
func commandTable() map[string]*command {
	table := make(map[string]*command)
	for _, group := range commandGroups {
		for i := range group {
			table[group[i].name] = &group[i]
		}
	}
	return table
}

// init indexes each container's subcommands and attaches each command's
// documentation once, before any executor exists: the entries are shared
// by every executor, so they must not be written while one may be reading
// them.
func init() {
	for _, group := range commandGroups {
		for i := range group {
			indexSubcommands(&group[i])
			attachDoc(&group[i])
		}
	}
	numberCommands()
}

// attachDoc links c and its subcommands to their commandDocs entries and
// derives their key positions from the key specs. A command without an
// entry (a test says there is none) gets an empty one, so COMMAND still
// describes it.
func attachDoc(c *command) {
	c.doc = commandDocs[c.name]
	if c.doc == nil {
		c.doc = &commandDoc{}
	}
	c.firstKey, c.lastKey, c.keyStep = legacyKeyRange(c.doc.keySpecs)
	if slices.ContainsFunc(c.doc.keySpecs, func(s keySpec) bool { return s.byKeyNum || s.keyword != "" || s.unknown }) {
		c.flags |= flagMovableKeys
	}
	for i := range c.subs {
		attachDoc(&c.subs[i])
	}
}

func indexSubcommands(c *command) {
	if len(c.subs) == 0 {
		return
	}
	c.subcommands = make(map[string]*command, len(c.subs))
	for i := range c.subs {
		sub := &c.subs[i]
		c.subcommands[sub.name[strings.IndexByte(sub.name, '|')+1:]] = sub
	}
}

// maxCommandName bounds the lowercase buffer: no command name is longer.
const maxCommandName = 32

// lookup finds a command by its case-insensitive name without allocating.
func (s *Session) lookup(name []byte) *command {
	if s.last != nil && equalFoldASCII(name, s.last.name) {
		return s.last // a pipeline of GETs hashes "get" once
	}
	lower, ok := s.lowerName(name)
	if !ok {
		return nil
	}
	cmd := s.ex.commands[string(lower)]
	if cmd != nil {
		s.last = cmd
	}
	return cmd
}

// subcommand finds a container's subcommand by its case-insensitive name.
func (s *Session) subcommand(container *command, name []byte) *command {
	lower, ok := s.lowerName(name)
	if !ok {
		return nil
	}
	return container.subcommands[string(lower)]
}

// lowerName lowercases name into the session's buffer; false if it is
// longer than any command name.
func (s *Session) lowerName(name []byte) ([]byte, bool) {
	if len(name) > maxCommandName {
		return nil, false
	}
	lower := s.nameBuf[:len(name)]
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return lower, true
}

// commandByFullName finds "get" or "config|get", any case, as COMMAND INFO
// takes them; nil for anything else ("get|x", "config|nosuch", "a|b|c").
func (s *Session) commandByFullName(name []byte) *command {
	container, sub, isSub := bytes.Cut(name, []byte("|"))
	c := s.lookup(container)
	if c == nil || !isSub {
		return c
	}
	return s.subcommand(c, sub)
}

// equalFoldASCII reports whether name, in any case, is the lower-case
// command name lower.
func equalFoldASCII(name []byte, lower string) bool {
	if len(name) != len(lower) {
		return false
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// unknownCommand writes Redis's error for a name not in the table: the name
// as typed, then the first arguments quoted, together capped near 128 bytes.
// Redis prints each as a C string (%.128s), so a NUL ends it.
func unknownCommand(args [][]byte) string {
	var b strings.Builder
	b.WriteString("ERR unknown command '")
	b.Write(capBytes(cString(args[0]), 128))
	b.WriteString("', with args beginning with: ")
	written := 0
	for _, a := range args[1:] {
		if written >= 128 {
			break
		}
		part := capBytes(cString(a), 128-written)
		b.WriteByte('\'')
		b.Write(part)
		b.WriteString("' ")
		written += len(part) + 3
	}
	return b.String()
}

func capBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func wrongArity(name string) string {
	return "ERR wrong number of arguments for '" + name + "' command"
}

// unknownSubcommand is Redis's error for CONFIG FOO, CLIENT FOO, ...: the
// subcommand as typed, a C string capped at 128 bytes.
func unknownSubcommand(container *command, sub []byte) string {
	return "ERR unknown subcommand '" + string(capBytes(cString(sub), 128)) + "'. Try " + strings.ToUpper(container.name) + " HELP."
}

// subcommandSyntaxError is Redis's answer when a subcommand's handler
// refuses its arguments (PUBSUB CHANNELS a b): the subcommand as typed.
func subcommandSyntaxError(args [][]byte) string {
	return "ERR unknown subcommand or wrong number of arguments for '" + string(capBytes(cString(args[1]), 128)) +
		"'. Try " + strings.ToUpper(string(cString(args[0]))) + " HELP."
}

// Redis's texts for errors several commands share.
const (
	errSyntax     = "ERR syntax error"
	errNotInteger = "ERR value is not an integer or out of range"
)
