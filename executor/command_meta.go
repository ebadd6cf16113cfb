package executor

// What COMMAND INFO and COMMAND DOCS say about a command beyond what
// running it needs: the types of the entries in commandDocs
// (command_docs.go). The facts (versions, complexity, argument names,
// types and flags, ACL categories, key specifications, tips) are Redis
// 7.0.15's, so clients and redis-cli see the same command set as against
// redis-server; the summaries and history notes are our own words.

// commandDoc documents one command or subcommand.
type commandDoc struct {
	summary    string
	since      string // the Redis version that introduced it
	group      string // "string", "generic", "connection", ...
	complexity string
	docFlags   docFlags

	deprecatedSince, replacedBy string

	history []docChange
	// acl holds the categories Redis assigns the command explicitly; those
	// its flags imply (@write, @read, @fast or @slow, ...) are added by
	// aclCategories, so no fact is written twice.
	acl      aclCategory
	tips     []string
	keySpecs []keySpec
	// variableKeyFlags works out the key flags from the command line, for
	// a command whose key spec has keyVariableFlags.
	variableKeyFlags func(line [][]byte) keyFlags
	// findKeys finds the keys of a command line for a command whose key
	// specs cannot (Redis's getkeys_proc, used when a spec is unknown).
	findKeys func(line [][]byte) []keyRef
	args     []docArg
}

// docChange is one line of a command's history: the version and what
// changed in it.
type docChange struct{ since, change string }

// docFlags mark a command as deprecated or as a system command.
type docFlags uint8

const (
	docDeprecated docFlags = 1 << iota
	docSyscmd
)

var docFlagNames = []string{"deprecated", "syscmd"}

// keySpec says where a command's keys are and how it uses them. Every
// command here finds its keys the simplest way Redis describes: begin at
// argument index, then take a range of arguments up to lastKey (relative
// to index; -1 is the last argument, -2 the one before), stepping by step
// (limit, when not 0, divides the rest of the arguments instead).
type keySpec struct {
	notes                       string
	flags                       keyFlags
	index, lastKey, step, limit int
	// byKeyNum finds the keys Redis's "keynum" way instead: the argument
	// keyNumIdx after index says how many keys there are, and they begin
	// firstKey after index, step apart (SINTERCARD). lastKey and limit
	// are unused then.
	byKeyNum            bool
	keyNumIdx, firstKey int
	// keyword, when set, begins the search right after the first argument
	// equal to it (in any case), looking from argument index on but not
	// at the last argument (Redis's "keyword" begin_search, whose
	// startfrom is index): GEORADIUS's STORE key. A line without the
	// keyword has no key for this spec.
	keyword string
	// unknown: where the keys are cannot be said in advance (SORT's BY,
	// GET and STORE); the command's findKeys finds them. Redis reports
	// both begin_search and find_keys as "unknown".
	unknown bool
}

// keyFlags say how a command uses a key (Redis's key-spec flags).
type keyFlags uint16

const (
	keyRO keyFlags = 1 << iota
	keyRW
	keyOW
	keyRM
	keyAccess
	keyUpdate
	keyInsert
	keyDelete
	keyNotKey
	keyIncomplete
	keyVariableFlags
)

var keyFlagNames = []string{"RO", "RW", "OW", "RM", "access", "update", "insert", "delete", "not_key",
	"incomplete", "variable_flags"}

// docArg is one argument in COMMAND DOCS: what redis-cli builds its help
// line, hints and completion from.
type docArg struct {
	name  string
	typ   argType
	token string // the literal word that introduces it ("EX"), if any
	// keySpec is the index in keySpecs of the spec that finds this
	// argument; key arguments have one, and so do the arguments marked
	// namesKeys (SORT's BY and GET patterns).
	keySpec                int
	namesKeys              bool
	since, deprecatedSince string
	flags                  argFlags
	args                   []docArg // the choices of a oneof, the parts of a block
}

// argType is an argument's type, in Redis's order of names.
type argType uint8

const (
	argString argType = iota
	argInteger
	argDouble
	argKey
	argPattern
	argUnixTime
	argPureToken
	argOneOf
	argBlock
)

var argTypeNames = []string{"string", "integer", "double", "key", "pattern", "unix-time", "pure-token", "oneof", "block"}

// argFlags: whether an argument may be left out or repeated, and whether
// its token repeats with it.
type argFlags uint8

const (
	argOptional argFlags = 1 << iota
	argMultiple
	argMultipleToken
)

var argFlagNames = []string{"optional", "multiple", "multiple_token"}

// aclCategory is a set of Redis's ACL categories, in Redis's order.
type aclCategory uint32

const (
	aclKeyspace aclCategory = 1 << iota
	aclRead
	aclWrite
	aclSet
	aclSortedSet
	aclList
	aclHash
	aclString
	aclBitmap
	aclHyperLogLog
	aclGeo
	aclStream
	aclPubSub
	aclAdmin
	aclFast
	aclSlow
	aclBlocking
	aclDangerous
	aclConnection
	aclTransaction
	aclScripting
)

var aclCategoryNames = []string{"keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap",
	"hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection",
	"transaction", "scripting"}

// aclCategoryByName finds a category by its name in any case; 0 if there
// is none.
func aclCategoryByName(name []byte) aclCategory {
	for i, n := range aclCategoryNames {
		if equalFoldASCII(name, n) {
			return 1 << i
		}
	}
	return 0
}

// impliedCategories are the ACL categories a command's flags put it in.
var impliedCategories = []struct {
	flag cmdFlags
	cat  aclCategory
}{
	{flagWrite, aclWrite},
	{flagReadonly, aclRead},
	{flagAdmin, aclAdmin | aclDangerous},
	{flagPubSub, aclPubSub},
	{flagFast, aclFast},
	{flagBlocking, aclBlocking},
}

// aclCategories are c's ACL categories as Redis reports them: the explicit
// ones plus those its flags imply. A command is @fast or else @slow.
func (c *command) aclCategories() aclCategory {
	cats := c.doc.acl
	for _, i := range impliedCategories {
		if c.flags&i.flag != 0 {
			cats |= i.cat
		}
	}
	if c.doc.acl&aclScripting != 0 {
		cats &^= aclRead // Redis keeps read-only scripts (EVAL_RO) out of @read
	}
	if cats&aclFast == 0 {
		cats |= aclSlow
	}
	return cats
}

// legacyKeyRange is the first key, last key and step that COMMAND's older
// fields report, derived from the key specs as Redis does: one spec is
// used as it is; several are merged while each steps by one and starts
// right after the previous one ends (RENAME's two keys are 1, 2, 1).
func legacyKeyRange(specs []keySpec) (first, last, step int) {
	if len(specs) == 1 && !specs[0].byKeyNum && specs[0].keyword == "" && !specs[0].unknown {
		s := specs[0]
		return s.index, absoluteLastKey(s), s.step
	}
	for _, s := range specs {
		if s.byKeyNum || s.keyword != "" || s.unknown || s.step != 1 || (last != 0 && last != s.index-1) {
			continue
		}
		if first == 0 || s.index < first {
			first = s.index
		}
		// Compared unsigned, as Redis does, so -1 (through the end) wins.
		if l := absoluteLastKey(s); uint(l) > uint(last) {
			last = l
		}
	}
	if first == 0 {
		return 0, 0, 0
	}
	return first, last, 1
}

// absoluteLastKey is a spec's last key as an argument index, or negative
// (counting from the end) as the spec gives it.
func absoluteLastKey(s keySpec) int {
	if s.lastKey >= 0 {
		return s.index + s.lastKey
	}
	return s.lastKey
}
