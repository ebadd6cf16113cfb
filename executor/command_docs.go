package executor

// commandDocs documents every command and subcommand in the table, keyed
// by its full name ("get", "config|get"): COMMAND INFO's ACL categories,
// tips and key specifications, COMMAND DOCS' summary, since, group,
// complexity, history and arguments, and the key positions COMMAND
// GETKEYS finds. The facts are Redis 7.0.15's (its src/commands/*.json),
// written out by hand once; the summaries and history notes are our own.
// TestEveryCommandHasDocs keeps this table and the command table in step.
//
// CLIENT's subcommands are all here, including those other work adds to
// the table, so the documentation is ready when they are.
var commandDocs = map[string]*commandDoc{
	"auth": {
		summary:    "Log the connection in with a password, or a user name and password",
		since:      "1.0.0",
		group:      "connection",
		complexity: "O(N) where N is the number of passwords defined for the user",
		acl:        aclConnection,
		history: []docChange{
			{"6.0.0", "Takes a user name before the password (ACL form)."},
		},
		args: []docArg{
			{name: "username", typ: argString, since: "6.0.0", flags: argOptional},
			{name: "password", typ: argString},
		},
	},
	"ping": {
		summary:    "Check the server answers; replies PONG or echoes the argument",
		since:      "1.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		tips:       []string{"request_policy:all_shards", "response_policy:all_succeeded"},
		args: []docArg{
			{name: "message", typ: argString, flags: argOptional},
		},
	},
	"echo": {
		summary:    "Reply with the given message",
		since:      "1.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		args: []docArg{
			{name: "message", typ: argString},
		},
	},
	"quit": {
		summary:    "Ask the server to close this connection",
		since:      "1.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
	},
	"select": {
		summary:    "Switch this connection to another numbered database",
		since:      "1.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		args: []docArg{
			{name: "index", typ: argInteger},
		},
	},
	"hello": {
		summary:    "Negotiate the protocol version and identify the connection",
		since:      "6.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		history: []docChange{
			{"6.2.0", "The protocol version is optional; with no arguments it reports the connection's current state."},
		},
		args: []docArg{
			{name: "arguments", typ: argBlock, flags: argOptional, args: []docArg{
				{name: "protover", typ: argInteger},
				{name: "username_password", typ: argBlock, token: "AUTH", flags: argOptional, args: []docArg{
					{name: "username", typ: argString},
					{name: "password", typ: argString},
				}},
				{name: "clientname", typ: argString, token: "SETNAME", flags: argOptional},
			}},
		},
	},
	"client": {
		summary:    "Commands that inspect and manage client connections",
		since:      "2.4.0",
		group:      "connection",
		complexity: "Depends on subcommand.",
	},
	"client|id": {
		summary:    "Reply with this connection's unique id",
		since:      "5.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
	},
	"client|getname": {
		summary:    "Reply with the name this connection was given",
		since:      "2.6.9",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
	},
	"client|setname": {
		summary:    "Give this connection a name",
		since:      "2.6.9",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		args: []docArg{
			{name: "connection-name", typ: argString},
		},
	},
	"client|setinfo": {
		summary:    "Record the client library's name or version on this connection",
		since:      "7.2.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		args: []docArg{
			{name: "attr", typ: argOneOf, args: []docArg{
				{name: "libname", typ: argString, token: "LIB-NAME"},
				{name: "libver", typ: argString, token: "LIB-VER"},
			}},
		},
	},
	"client|info": {
		summary:    "Describe this connection in CLIENT LIST's format",
		since:      "6.2.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		tips:       []string{"nondeterministic_output"},
	},
	"client|list": {
		summary:    "Describe every open client connection, one line each",
		since:      "2.4.0",
		group:      "connection",
		complexity: "O(N) where N is the number of client connections",
		acl:        aclConnection,
		tips:       []string{"nondeterministic_output"},
		history: []docChange{
			{"2.8.12", "The `id` field is included."},
			{"5.0.0", "The optional `TYPE` filter is accepted."},
			{"6.0.0", "The `user` field is included."},
			{"6.2.0", "The `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter were added."},
			{"7.0.0", "The `resp`, `multi-mem`, `rbs` and `rbp` fields were added."},
			{"7.0.3", "The `ssub` field was added."},
		},
		args: []docArg{
			{name: "normal_master_replica_pubsub", typ: argOneOf, token: "TYPE", since: "5.0.0", flags: argOptional, args: []docArg{
				{name: "normal", typ: argPureToken, token: "NORMAL"},
				{name: "master", typ: argPureToken, token: "MASTER"},
				{name: "replica", typ: argPureToken, token: "REPLICA"},
				{name: "pubsub", typ: argPureToken, token: "PUBSUB"},
			}},
			{name: "id", typ: argBlock, token: "ID", since: "6.2.0", flags: argOptional, args: []docArg{
				{name: "client-id", typ: argInteger, flags: argMultiple},
			}},
		},
	},
	"client|kill": {
		summary:    "Close one or more client connections chosen by address or filter",
		since:      "2.4.0",
		group:      "connection",
		complexity: "O(N) where N is the number of client connections",
		acl:        aclConnection,
		history: []docChange{
			{"2.8.12", "The filter form was introduced."},
			{"2.8.12", "The `ID` filter was introduced."},
			{"3.2.0", "`TYPE` accepts `master`."},
			{"5.0.0", "`TYPE` takes `replica` in place of `slave`, which still works."},
			{"6.2.0", "The `LADDR` filter was introduced."},
		},
		args: []docArg{
			{name: "filter", typ: argOneOf, args: []docArg{
				{name: "ip:port", typ: argString, deprecatedSince: "2.8.12"},
				{name: "new-format", typ: argOneOf, flags: argMultiple, args: []docArg{
					{name: "client-id", typ: argInteger, token: "ID", since: "2.8.12", flags: argOptional},
					{name: "normal_master_slave_pubsub", typ: argOneOf, token: "TYPE", since: "2.8.12", flags: argOptional, args: []docArg{
						{name: "normal", typ: argPureToken, token: "NORMAL"},
						{name: "master", typ: argPureToken, token: "MASTER", since: "3.2.0"},
						{name: "slave", typ: argPureToken, token: "SLAVE"},
						{name: "replica", typ: argPureToken, token: "REPLICA", since: "5.0.0"},
						{name: "pubsub", typ: argPureToken, token: "PUBSUB"},
					}},
					{name: "username", typ: argString, token: "USER", flags: argOptional},
					{name: "ip:port", typ: argString, token: "ADDR", flags: argOptional},
					{name: "ip:port", typ: argString, token: "LADDR", since: "6.2.0", flags: argOptional},
					{name: "yes/no", typ: argString, token: "SKIPME", flags: argOptional},
				}},
			}},
		},
	},
	"client|pause": {
		summary:    "Hold back clients' commands (all, or only writes) for a while",
		since:      "2.9.50",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		history: []docChange{
			{"6.2.0", "The `mode` option and `WRITE` pauses were introduced."},
		},
		args: []docArg{
			{name: "timeout", typ: argInteger},
			{name: "mode", typ: argOneOf, since: "6.2.0", flags: argOptional, args: []docArg{
				{name: "write", typ: argPureToken, token: "WRITE"},
				{name: "all", typ: argPureToken, token: "ALL"},
			}},
		},
	},
	"client|unpause": {
		summary:    "Let paused clients run their commands again",
		since:      "6.2.0",
		group:      "connection",
		complexity: "O(N) Where N is the number of paused clients",
		acl:        aclConnection,
	},
	"client|reply": {
		summary:    "Turn this connection's replies on or off, or skip the next one",
		since:      "3.2.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		args: []docArg{
			{name: "on_off_skip", typ: argOneOf, args: []docArg{
				{name: "on", typ: argPureToken, token: "ON"},
				{name: "off", typ: argPureToken, token: "OFF"},
				{name: "skip", typ: argPureToken, token: "SKIP"},
			}},
		},
	},
	"client|no-evict": {
		summary:    "Exempt this connection from client eviction, or not",
		since:      "7.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		args: []docArg{
			{name: "enabled", typ: argOneOf, args: []docArg{
				{name: "on", typ: argPureToken, token: "ON"},
				{name: "off", typ: argPureToken, token: "OFF"},
			}},
		},
	},
	"client|unblock": {
		summary:    "Release a client waiting in a blocking command",
		since:      "5.0.0",
		group:      "connection",
		complexity: "O(log N) where N is the number of client connections",
		acl:        aclConnection,
		args: []docArg{
			{name: "client-id", typ: argInteger},
			{name: "timeout_error", typ: argOneOf, flags: argOptional, args: []docArg{
				{name: "timeout", typ: argPureToken, token: "TIMEOUT"},
				{name: "error", typ: argPureToken, token: "ERROR"},
			}},
		},
	},
	"client|help": {
		summary:    "List the CLIENT subcommands and what they do",
		since:      "5.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
	},
	"client|tracking": {
		summary:    "Turn invalidation messages for client-side caching on or off",
		since:      "6.0.0",
		group:      "connection",
		complexity: "O(1). Some options may introduce additional complexity.",
		acl:        aclConnection,
		args: []docArg{
			{name: "status", typ: argOneOf, args: []docArg{
				{name: "on", typ: argPureToken, token: "ON"},
				{name: "off", typ: argPureToken, token: "OFF"},
			}},
			{name: "client-id", typ: argInteger, token: "REDIRECT", flags: argOptional},
			{name: "prefix", typ: argString, token: "PREFIX", flags: argOptional | argMultiple | argMultipleToken},
			{name: "bcast", typ: argPureToken, token: "BCAST", flags: argOptional},
			{name: "optin", typ: argPureToken, token: "OPTIN", flags: argOptional},
			{name: "optout", typ: argPureToken, token: "OPTOUT", flags: argOptional},
			{name: "noloop", typ: argPureToken, token: "NOLOOP", flags: argOptional},
		},
	},

	"client|caching": {
		summary:    "Say whether the keys the next command reads are tracked",
		since:      "6.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
		args: []docArg{
			{name: "mode", typ: argOneOf, args: []docArg{
				{name: "yes", typ: argPureToken, token: "YES"},
				{name: "no", typ: argPureToken, token: "NO"},
			}},
		},
	},

	"client|getredir": {
		summary:    "Reply with the id invalidation messages are redirected to",
		since:      "6.0.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
	},

	"client|trackinginfo": {
		summary:    "Describe this connection's client-side caching state",
		since:      "6.2.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
	},

	"debug": {
		summary:    "Commands for debugging the server",
		since:      "1.0.0",
		group:      "server",
		complexity: "Depends on subcommand.",
		docFlags:   docSyscmd,
	},
	"expire": {
		summary:    "Make a key expire after a number of seconds",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		history: []docChange{
			{"7.0.0", "The `NX`, `XX`, `GT` and `LT` conditions were introduced."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "seconds", typ: argInteger},
			{name: "condition", typ: argOneOf, since: "7.0.0", flags: argOptional, args: []docArg{
				{name: "nx", typ: argPureToken, token: "NX"},
				{name: "xx", typ: argPureToken, token: "XX"},
				{name: "gt", typ: argPureToken, token: "GT"},
				{name: "lt", typ: argPureToken, token: "LT"},
			}},
		},
	},
	"pexpire": {
		summary:    "Make a key expire after a number of milliseconds",
		since:      "2.6.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		history: []docChange{
			{"7.0.0", "The `NX`, `XX`, `GT` and `LT` conditions were introduced."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "milliseconds", typ: argInteger},
			{name: "condition", typ: argOneOf, since: "7.0.0", flags: argOptional, args: []docArg{
				{name: "nx", typ: argPureToken, token: "NX"},
				{name: "xx", typ: argPureToken, token: "XX"},
				{name: "gt", typ: argPureToken, token: "GT"},
				{name: "lt", typ: argPureToken, token: "LT"},
			}},
		},
	},
	"expireat": {
		summary:    "Make a key expire at a Unix time in seconds",
		since:      "1.2.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		history: []docChange{
			{"7.0.0", "The `NX`, `XX`, `GT` and `LT` conditions were introduced."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "unix-time-seconds", typ: argUnixTime},
			{name: "condition", typ: argOneOf, since: "7.0.0", flags: argOptional, args: []docArg{
				{name: "nx", typ: argPureToken, token: "NX"},
				{name: "xx", typ: argPureToken, token: "XX"},
				{name: "gt", typ: argPureToken, token: "GT"},
				{name: "lt", typ: argPureToken, token: "LT"},
			}},
		},
	},
	"pexpireat": {
		summary:    "Make a key expire at a Unix time in milliseconds",
		since:      "2.6.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		history: []docChange{
			{"7.0.0", "The `NX`, `XX`, `GT` and `LT` conditions were introduced."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "unix-time-milliseconds", typ: argUnixTime},
			{name: "condition", typ: argOneOf, since: "7.0.0", flags: argOptional, args: []docArg{
				{name: "nx", typ: argPureToken, token: "NX"},
				{name: "xx", typ: argPureToken, token: "XX"},
				{name: "gt", typ: argPureToken, token: "GT"},
				{name: "lt", typ: argPureToken, token: "LT"},
			}},
		},
	},
	"ttl": {
		summary:    "Reply with the seconds a key has left to live",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		tips:       []string{"nondeterministic_output"},
		history: []docChange{
			{"2.8.0", "Replies -2 for a missing key."},
		},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"pttl": {
		summary:    "Reply with the milliseconds a key has left to live",
		since:      "2.6.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		tips:       []string{"nondeterministic_output"},
		history: []docChange{
			{"2.8.0", "Replies -2 for a missing key."},
		},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"persist": {
		summary:    "Remove a key's expiry so it lives until deleted",
		since:      "2.2.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"incr": {
		summary:    "Add one to the integer stored at a key",
		since:      "1.0.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"decr": {
		summary:    "Subtract one from the integer stored at a key",
		since:      "1.0.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"incrby": {
		summary:    "Add an amount to the integer stored at a key",
		since:      "1.0.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "increment", typ: argInteger},
		},
	},
	"decrby": {
		summary:    "Subtract an amount from the integer stored at a key",
		since:      "1.0.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "decrement", typ: argInteger},
		},
	},
	"get": {
		summary:    "Reply with the string stored at a key",
		since:      "1.0.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"set": {
		summary:    "Store a string at a key, with optional expiry and conditions",
		since:      "1.0.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		history: []docChange{
			{"2.6.12", "The `EX`, `PX`, `NX` and `XX` options were introduced."},
			{"6.0.0", "The `KEEPTTL` option was introduced."},
			{"6.2.0", "The `GET`, `EXAT` and `PXAT` options were introduced."},
			{"7.0.0", "`NX` may be combined with `GET`."},
		},
		keySpecs: []keySpec{
			{notes: "RW and ACCESS due to the optional `GET` argument", flags: keyRW | keyAccess | keyUpdate | keyVariableFlags, index: 1, step: 1},
		},
		variableKeyFlags: setKeyFlags,
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "value", typ: argString},
			{name: "condition", typ: argOneOf, since: "2.6.12", flags: argOptional, args: []docArg{
				{name: "nx", typ: argPureToken, token: "NX"},
				{name: "xx", typ: argPureToken, token: "XX"},
			}},
			{name: "get", typ: argPureToken, token: "GET", since: "6.2.0", flags: argOptional},
			{name: "expiration", typ: argOneOf, flags: argOptional, args: []docArg{
				{name: "seconds", typ: argInteger, token: "EX", since: "2.6.12"},
				{name: "milliseconds", typ: argInteger, token: "PX", since: "2.6.12"},
				{name: "unix-time-seconds", typ: argUnixTime, token: "EXAT", since: "6.2.0"},
				{name: "unix-time-milliseconds", typ: argUnixTime, token: "PXAT", since: "6.2.0"},
				{name: "keepttl", typ: argPureToken, token: "KEEPTTL", since: "6.0.0"},
			}},
		},
	},
	"del": {
		summary:    "Remove keys",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).",
		acl:        aclKeyspace,
		tips:       []string{"request_policy:multi_shard", "response_policy:agg_sum"},
		keySpecs: []keySpec{
			{flags: keyRM | keyDelete, index: 1, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
		},
	},
	"unlink": {
		summary:    "Remove keys, freeing their memory in the background",
		since:      "4.0.0",
		group:      "generic",
		complexity: "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.",
		acl:        aclKeyspace,
		tips:       []string{"request_policy:multi_shard", "response_policy:agg_sum"},
		keySpecs: []keySpec{
			{flags: keyRM | keyDelete, index: 1, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
		},
	},
	"exists": {
		summary:    "Count how many of the given keys exist",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(N) where N is the number of keys to check.",
		acl:        aclKeyspace,
		tips:       []string{"request_policy:multi_shard", "response_policy:agg_sum"},
		history: []docChange{
			{"3.0.3", "Takes several keys."},
		},
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
		},
	},
	"touch": {
		summary:    "Update the last access time of keys and count those that exist",
		since:      "3.2.1",
		group:      "generic",
		complexity: "O(N) where N is the number of keys that will be touched.",
		acl:        aclKeyspace,
		tips:       []string{"request_policy:multi_shard", "response_policy:agg_sum"},
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
		},
	},
	"type": {
		summary:    "Reply with the type of the value at a key",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"rename": {
		summary:    "Give a key a new name, replacing any key of that name",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, step: 1},
			{flags: keyOW | keyUpdate, index: 2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "newkey", typ: argKey, keySpec: 1},
		},
	},
	"renamenx": {
		summary:    "Give a key a new name unless that name is taken",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		history: []docChange{
			{"3.2.0", "Renaming a key to its own name is no longer an error."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, step: 1},
			{flags: keyOW | keyInsert, index: 2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "newkey", typ: argKey, keySpec: 1},
		},
	},
	"keys": {
		summary:    "Reply with every key name that matches a glob pattern",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.",
		acl:        aclKeyspace | aclDangerous,
		tips:       []string{"request_policy:all_shards", "nondeterministic_output_order"},
		args: []docArg{
			{name: "pattern", typ: argPattern},
		},
	},
	"scan": {
		summary:    "Walk the key space a batch at a time with a cursor",
		since:      "2.8.0",
		group:      "generic",
		complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
		acl:        aclKeyspace,
		tips:       []string{"nondeterministic_output", "request_policy:special"},
		history: []docChange{
			{"6.0.0", "The `TYPE` option was introduced."},
		},
		args: []docArg{
			{name: "cursor", typ: argInteger},
			{name: "pattern", typ: argPattern, token: "MATCH", flags: argOptional},
			{name: "count", typ: argInteger, token: "COUNT", flags: argOptional},
			{name: "type", typ: argString, token: "TYPE", since: "6.0.0", flags: argOptional},
		},
	},
	"randomkey": {
		summary:    "Reply with a key name picked at random",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		tips:       []string{"request_policy:all_shards", "nondeterministic_output"},
	},
	"monitor": {
		summary: "Stream every command the server runs, as it runs it, to this connection",
		since:   "1.0.0",
		group:   "server",
	},
	"dbsize": {
		summary:    "Count the keys in the current database",
		since:      "1.0.0",
		group:      "server",
		complexity: "O(1)",
		acl:        aclKeyspace,
		tips:       []string{"request_policy:all_shards", "response_policy:agg_sum"},
	},
	"flushdb": {
		summary:    "Delete every key in the current database",
		since:      "1.0.0",
		group:      "server",
		complexity: "O(N) where N is the number of keys in the selected database",
		acl:        aclKeyspace | aclDangerous,
		tips:       []string{"request_policy:all_shards", "response_policy:all_succeeded"},
		history: []docChange{
			{"4.0.0", "The `ASYNC` mode was introduced."},
			{"6.2.0", "The `SYNC` mode was introduced."},
		},
		args: []docArg{
			{name: "async", typ: argOneOf, flags: argOptional, args: []docArg{
				{name: "async", typ: argPureToken, token: "ASYNC", since: "4.0.0"},
				{name: "sync", typ: argPureToken, token: "SYNC", since: "6.2.0"},
			}},
		},
	},
	"flushall": {
		summary:    "Delete every key in every database",
		since:      "1.0.0",
		group:      "server",
		complexity: "O(N) where N is the total number of keys in all databases",
		acl:        aclKeyspace | aclDangerous,
		tips:       []string{"request_policy:all_shards", "response_policy:all_succeeded"},
		history: []docChange{
			{"4.0.0", "The `ASYNC` mode was introduced."},
			{"6.2.0", "The `SYNC` mode was introduced."},
		},
		args: []docArg{
			{name: "async", typ: argOneOf, flags: argOptional, args: []docArg{
				{name: "async", typ: argPureToken, token: "ASYNC", since: "4.0.0"},
				{name: "sync", typ: argPureToken, token: "SYNC", since: "6.2.0"},
			}},
		},
	},
	"swapdb": {
		summary:    "Exchange the contents of two databases",
		since:      "4.0.0",
		group:      "server",
		complexity: "O(N) where N is the count of clients watching or blocking on keys from both databases.",
		acl:        aclKeyspace | aclDangerous,
		args: []docArg{
			{name: "index1", typ: argInteger},
			{name: "index2", typ: argInteger},
		},
	},
	"move": {
		summary:    "Carry a key over to another database",
		since:      "1.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "db", typ: argInteger},
		},
	},
	"copy": {
		summary:    "Duplicate a key's value under another name, possibly in another database",
		since:      "6.2.0",
		group:      "generic",
		complexity: "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.",
		acl:        aclKeyspace,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
			{flags: keyOW | keyUpdate, index: 2, step: 1},
		},
		args: []docArg{
			{name: "source", typ: argKey},
			{name: "destination", typ: argKey, keySpec: 1},
			{name: "destination-db", typ: argInteger, token: "DB", flags: argOptional},
			{name: "replace", typ: argPureToken, token: "REPLACE", flags: argOptional},
		},
	},
	"subscribe": {
		summary:    "Receive the messages published to the named channels",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N) where N is the number of channels to subscribe to.",
		args: []docArg{
			{name: "channel", typ: argString, flags: argMultiple},
		},
	},
	"psubscribe": {
		summary:    "Receive the messages published to channels matching patterns",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N) where N is the number of patterns the client is already subscribed to.",
		args: []docArg{
			{name: "pattern", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "pattern", typ: argPattern},
			}},
		},
	},
	"unsubscribe": {
		summary:    "Stop receiving messages from the named channels, or from all",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N) where N is the number of clients already subscribed to a channel.",
		args: []docArg{
			{name: "channel", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"punsubscribe": {
		summary:    "Stop receiving messages for the given patterns, or for all",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).",
		args: []docArg{
			{name: "pattern", typ: argPattern, flags: argOptional | argMultiple},
		},
	},
	"publish": {
		summary:    "Send a message to a channel's subscribers",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).",
		args: []docArg{
			{name: "channel", typ: argString},
			{name: "message", typ: argString},
		},
	},
	"pubsub": {
		summary:    "Commands that inspect the publish/subscribe state",
		since:      "2.8.0",
		group:      "pubsub",
		complexity: "Depends on subcommand.",
	},
	"pubsub|channels": {
		summary:    "List the channels that have subscribers",
		since:      "2.8.0",
		group:      "pubsub",
		complexity: "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)",
		args: []docArg{
			{name: "pattern", typ: argPattern, flags: argOptional},
		},
	},
	"pubsub|numsub": {
		summary:    "Count the subscribers of the named channels",
		since:      "2.8.0",
		group:      "pubsub",
		complexity: "O(N) for the NUMSUB subcommand, where N is the number of requested channels",
		args: []docArg{
			{name: "channel", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"pubsub|numpat": {
		summary:    "Count the patterns clients are subscribed to",
		since:      "2.8.0",
		group:      "pubsub",
		complexity: "O(1)",
	},
	"reset": {
		summary:    "Return the connection to its state right after connecting",
		since:      "6.2.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
	},
	"command": {
		summary:    "Describe every command the server has",
		since:      "2.8.13",
		group:      "server",
		complexity: "O(N) where N is the total number of Redis commands",
		acl:        aclConnection,
		tips:       []string{"nondeterministic_output_order"},
	},
	"command|count": {
		summary:    "Count the commands the server has",
		since:      "2.8.13",
		group:      "server",
		complexity: "O(1)",
		acl:        aclConnection,
	},
	"command|docs": {
		summary:    "Reply with the documentation of the named commands, or of all",
		since:      "7.0.0",
		group:      "server",
		complexity: "O(N) where N is the number of commands to look up",
		acl:        aclConnection,
		tips:       []string{"nondeterministic_output_order"},
		args: []docArg{
			{name: "command-name", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"command|info": {
		summary:    "Describe the named commands, or all of them",
		since:      "2.8.13",
		group:      "server",
		complexity: "O(N) where N is the number of commands to look up",
		acl:        aclConnection,
		tips:       []string{"nondeterministic_output_order"},
		history: []docChange{
			{"7.0.0", "With no names it describes every command."},
		},
		args: []docArg{
			{name: "command-name", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"command|list": {
		summary:    "List command names, optionally filtered",
		since:      "7.0.0",
		group:      "server",
		complexity: "O(N) where N is the total number of Redis commands",
		acl:        aclConnection,
		tips:       []string{"nondeterministic_output_order"},
		args: []docArg{
			{name: "filterby", typ: argOneOf, token: "FILTERBY", flags: argOptional, args: []docArg{
				{name: "module-name", typ: argString, token: "MODULE"},
				{name: "category", typ: argString, token: "ACLCAT"},
				{name: "pattern", typ: argPattern, token: "PATTERN"},
			}},
		},
	},
	"command|getkeys": {
		summary:    "Find the keys in a complete command line",
		since:      "2.8.13",
		group:      "server",
		complexity: "O(N) where N is the number of arguments to the command",
		acl:        aclConnection,
	},
	"command|getkeysandflags": {
		summary:    "Find the keys in a complete command line and how each is used",
		since:      "7.0.0",
		group:      "server",
		complexity: "O(N) where N is the number of arguments to the command",
		acl:        aclConnection,
	},
	"command|help": {
		summary:    "List the COMMAND subcommands and what they do",
		since:      "5.0.0",
		group:      "server",
		complexity: "O(1)",
		acl:        aclConnection,
	},
	"config": {
		summary:    "Commands that read and change the server's settings",
		since:      "2.0.0",
		group:      "server",
		complexity: "Depends on subcommand.",
	},
	"config|get": {
		summary:    "Reply with the settings matching the given names or patterns",
		since:      "2.0.0",
		group:      "server",
		complexity: "O(N) when N is the number of configuration parameters provided",
		history: []docChange{
			{"7.0.0", "Takes several parameters or patterns in one call."},
		},
		args: []docArg{
			{name: "parameter", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "parameter", typ: argString},
			}},
		},
	},
	"config|set": {
		summary:    "Change one or more settings at once",
		since:      "2.0.0",
		group:      "server",
		complexity: "O(N) when N is the number of configuration parameters provided",
		tips:       []string{"request_policy:all_nodes", "response_policy:all_succeeded"},
		history: []docChange{
			{"7.0.0", "Takes several parameter and value pairs in one call."},
		},
		args: []docArg{
			{name: "parameter_value", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "parameter", typ: argString},
				{name: "value", typ: argString},
			}},
		},
	},
	"config|resetstat": {
		summary:    "Zero the statistics INFO reports",
		since:      "2.0.0",
		group:      "server",
		complexity: "O(1)",
	},
	"config|rewrite": {
		summary:    "Write the current settings to the configuration file",
		since:      "2.8.0",
		group:      "server",
		complexity: "O(1)",
	},
	"pubsub|help": {
		summary:    "List the PUBSUB subcommands and what they do",
		since:      "6.2.0",
		group:      "pubsub",
		complexity: "O(1)",
	},
	"config|help": {
		summary:    "List the CONFIG subcommands and what they do",
		since:      "5.0.0",
		group:      "server",
		complexity: "O(1)",
	},
	"info": {
		summary:    "Report the server's state and statistics by section",
		since:      "1.0.0",
		group:      "server",
		complexity: "O(1)",
		acl:        aclDangerous,
		tips:       []string{"nondeterministic_output", "request_policy:all_shards", "response_policy:special"},
		history: []docChange{
			{"7.0.0", "Takes several section names."},
		},
		args: []docArg{
			{name: "section", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"setnx": {
		summary:    "Store a string at a key unless the key exists",
		since:      "1.0.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyOW | keyInsert, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "value", typ: argString},
		},
	},
	"setex": {
		summary:    "Store a string at a key with an expiry in seconds",
		since:      "2.0.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "seconds", typ: argInteger},
			{name: "value", typ: argString},
		},
	},
	"psetex": {
		summary:    "Store a string at a key with an expiry in milliseconds",
		since:      "2.6.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "milliseconds", typ: argInteger},
			{name: "value", typ: argString},
		},
	},
	"getdel": {
		summary:    "Reply with a key's string and delete the key",
		since:      "6.2.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"getex": {
		summary:    "Reply with a key's string and optionally change its expiry",
		since:      "6.2.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{notes: "RW and UPDATE because it changes the TTL", flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "expiration", typ: argOneOf, flags: argOptional, args: []docArg{
				{name: "seconds", typ: argInteger, token: "EX"},
				{name: "milliseconds", typ: argInteger, token: "PX"},
				{name: "unix-time-seconds", typ: argUnixTime, token: "EXAT"},
				{name: "unix-time-milliseconds", typ: argUnixTime, token: "PXAT"},
				{name: "persist", typ: argPureToken, token: "PERSIST"},
			}},
		},
	},
	"append": {
		summary:    "Add bytes to the end of the string at a key",
		since:      "2.0.0",
		group:      "string",
		complexity: "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "value", typ: argString},
		},
	},
	"strlen": {
		summary:    "Reply with the length of the string at a key",
		since:      "2.2.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"mget": {
		summary:    "Reply with the strings at several keys",
		since:      "1.0.0",
		group:      "string",
		complexity: "O(N) where N is the number of keys to retrieve.",
		acl:        aclString,
		tips:       []string{"request_policy:multi_shard"},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
		},
	},
	"mset": {
		summary:    "Store strings at several keys",
		since:      "1.0.1",
		group:      "string",
		complexity: "O(N) where N is the number of keys to set.",
		acl:        aclString,
		tips:       []string{"request_policy:multi_shard", "response_policy:all_succeeded"},
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 1, lastKey: -1, step: 2},
		},
		args: []docArg{
			{name: "key_value", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "key", typ: argKey},
				{name: "value", typ: argString},
			}},
		},
	},
	"msetnx": {
		summary:    "Store strings at several keys, only if none of them exists",
		since:      "1.0.1",
		group:      "string",
		complexity: "O(N) where N is the number of keys to set.",
		acl:        aclString,
		tips:       []string{"request_policy:multi_shard", "response_policy:agg_min"},
		keySpecs: []keySpec{
			{flags: keyOW | keyInsert, index: 1, lastKey: -1, step: 2},
		},
		args: []docArg{
			{name: "key_value", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "key", typ: argKey},
				{name: "value", typ: argString},
			}},
		},
	},
	"bgrewriteaof": {
		summary:    "Rewrite the append-only file in the background",
		since:      "1.0.0",
		group:      "server",
		complexity: "O(1)",
	},
	"shutdown": {
		summary:    "Stop the server, saving the data set first if asked to",
		since:      "1.0.0",
		group:      "server",
		complexity: "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)",
		history: []docChange{
			{"7.0.0", "NOW, FORCE and ABORT were added."},
		},
		args: []docArg{
			{name: "nosave_save", typ: argOneOf, flags: argOptional, args: []docArg{
				{name: "nosave", typ: argPureToken, token: "NOSAVE"},
				{name: "save", typ: argPureToken, token: "SAVE"},
			}},
			{name: "now", typ: argPureToken, token: "NOW", since: "7.0.0", flags: argOptional},
			{name: "force", typ: argPureToken, token: "FORCE", since: "7.0.0", flags: argOptional},
			{name: "abort", typ: argPureToken, token: "ABORT", since: "7.0.0", flags: argOptional},
		},
	},
	"time": {
		summary:    "The server's clock: seconds and microseconds",
		since:      "2.6.0",
		group:      "server",
		complexity: "O(1)",
		tips:       []string{"nondeterministic_output"},
	},
	"lastsave": {
		summary:    "When the data set was last saved to disk, as a UNIX time",
		since:      "1.0.0",
		group:      "server",
		complexity: "O(1)",
		acl:        aclAdmin | aclDangerous,
		tips:       []string{"nondeterministic_output"},
	},
	"getset": {
		summary:         "Store a new string at a key and reply with the one it replaces",
		since:           "1.0.0",
		group:           "string",
		complexity:      "O(1)",
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`SET` with the `!GET` argument",
		acl:             aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "value", typ: argString},
		},
	},
	"getrange": {
		summary:    "Reply with the bytes of a key's string between two offsets",
		since:      "2.4.0",
		group:      "string",
		complexity: "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "start", typ: argInteger},
			{name: "end", typ: argInteger},
		},
	},
	"substr": {
		summary:         "Reply with the bytes of a key's string between two offsets (the old name of GETRANGE)",
		since:           "1.0.0",
		group:           "string",
		complexity:      "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
		docFlags:        docDeprecated,
		deprecatedSince: "2.0.0",
		replacedBy:      "`GETRANGE`",
		acl:             aclString,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "start", typ: argInteger},
			{name: "end", typ: argInteger},
		},
	},
	"setrange": {
		summary:    "Write bytes into a key's string at an offset, growing it as needed",
		since:      "2.2.0",
		group:      "string",
		complexity: "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "offset", typ: argInteger},
			{name: "value", typ: argString},
		},
	},
	"incrbyfloat": {
		summary:    "Add a decimal amount to the number held at a key",
		since:      "2.6.0",
		group:      "string",
		complexity: "O(1)",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "increment", typ: argDouble},
		},
	},
	"lcs": {
		summary:    "Find the longest sequence of bytes two keys' strings have in common",
		since:      "7.0.0",
		group:      "string",
		complexity: "O(N*M) where N and M are the lengths of s1 and s2, respectively",
		acl:        aclString,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, lastKey: 1, step: 1},
		},
		args: []docArg{
			{name: "key1", typ: argKey},
			{name: "key2", typ: argKey},
			{name: "len", typ: argPureToken, token: "LEN", flags: argOptional},
			{name: "idx", typ: argPureToken, token: "IDX", flags: argOptional},
			{name: "len", typ: argInteger, token: "MINMATCHLEN", flags: argOptional},
			{name: "withmatchlen", typ: argPureToken, token: "WITHMATCHLEN", flags: argOptional},
		},
	},
	"expiretime": {
		summary:    "Reply with the UNIX time, in seconds, at which a key will expire",
		since:      "7.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"pexpiretime": {
		summary:    "Reply with the UNIX time, in milliseconds, at which a key will expire",
		since:      "7.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"setbit": {
		summary:    "Set or clear one bit of a key's string",
		since:      "2.2.0",
		group:      "bitmap",
		complexity: "O(1)",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "offset", typ: argInteger},
			{name: "value", typ: argInteger},
		},
	},
	"getbit": {
		summary:    "Reply with one bit of a key's string",
		since:      "2.2.0",
		group:      "bitmap",
		complexity: "O(1)",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "offset", typ: argInteger},
		},
	},
	"bitcount": {
		summary:    "Count the bits set to 1 in a key's string, or in a range of it",
		since:      "2.6.0",
		group:      "bitmap",
		complexity: "O(N)",
		history: []docChange{
			{"7.0.0", "The range may be given in bits (BIT) as well as bytes (BYTE)."},
		},
		acl: aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "index", typ: argBlock, flags: argOptional, args: []docArg{
				{name: "start", typ: argInteger},
				{name: "end", typ: argInteger},
				{name: "index_unit", typ: argOneOf, since: "7.0.0", flags: argOptional, args: []docArg{
					{name: "byte", typ: argPureToken, token: "BYTE"},
					{name: "bit", typ: argPureToken, token: "BIT"},
				}},
			}},
		},
	},
	"bitpos": {
		summary:    "Find the first bit set to 1, or to 0, in a key's string",
		since:      "2.8.7",
		group:      "bitmap",
		complexity: "O(N)",
		history: []docChange{
			{"7.0.0", "The range may be given in bits (BIT) as well as bytes (BYTE)."},
		},
		acl: aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "bit", typ: argInteger},
			{name: "index", typ: argBlock, flags: argOptional, args: []docArg{
				{name: "start", typ: argInteger},
				{name: "end_index", typ: argBlock, flags: argOptional, args: []docArg{
					{name: "end", typ: argInteger},
					{name: "index_unit", typ: argOneOf, since: "7.0.0", flags: argOptional, args: []docArg{
						{name: "byte", typ: argPureToken, token: "BYTE"},
						{name: "bit", typ: argPureToken, token: "BIT"},
					}},
				}},
			}},
		},
	},
	"bitop": {
		summary:    "Combine strings bit by bit (AND, OR, XOR, NOT) into a key",
		since:      "2.6.0",
		group:      "bitmap",
		complexity: "O(N)",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 2, step: 1},
			{flags: keyRO | keyAccess, index: 3, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "operation", typ: argString},
			{name: "destkey", typ: argKey},
			{name: "key", typ: argKey, keySpec: 1, flags: argMultiple},
		},
	},
	"bitfield": {
		summary:    "Read, write and add to integers of any width stored as bits of a string",
		since:      "3.2.0",
		group:      "bitmap",
		complexity: "O(1) for each subcommand specified",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{notes: "This command allows both access and modification of the key", flags: keyRW | keyUpdate | keyAccess | keyVariableFlags, index: 1, step: 1},
		},
		variableKeyFlags: bitfieldKeyFlags,
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "operation", typ: argOneOf, flags: argOptional | argMultiple, args: []docArg{
				{name: "encoding_offset", typ: argBlock, token: "GET", args: []docArg{
					{name: "encoding", typ: argString},
					{name: "offset", typ: argInteger},
				}},
				{name: "write", typ: argBlock, args: []docArg{
					{name: "wrap_sat_fail", typ: argOneOf, token: "OVERFLOW", flags: argOptional, args: []docArg{
						{name: "wrap", typ: argPureToken, token: "WRAP"},
						{name: "sat", typ: argPureToken, token: "SAT"},
						{name: "fail", typ: argPureToken, token: "FAIL"},
					}},
					{name: "write_operation", typ: argOneOf, args: []docArg{
						{name: "encoding_offset_value", typ: argBlock, token: "SET", args: []docArg{
							{name: "encoding", typ: argString},
							{name: "offset", typ: argInteger},
							{name: "value", typ: argInteger},
						}},
						{name: "encoding_offset_increment", typ: argBlock, token: "INCRBY", args: []docArg{
							{name: "encoding", typ: argString},
							{name: "offset", typ: argInteger},
							{name: "increment", typ: argInteger},
						}},
					}},
				}},
			}},
		},
	},
	"bitfield_ro": {
		summary:    "Read integers of any width stored as bits of a string (BITFIELD's GET only)",
		since:      "6.0.0",
		group:      "bitmap",
		complexity: "O(1) for each subcommand specified",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "encoding_offset", typ: argBlock, token: "GET", flags: argOptional | argMultiple | argMultipleToken, args: []docArg{
				{name: "encoding", typ: argString},
				{name: "offset", typ: argInteger},
			}},
		},
	},
	"pfadd": {
		summary:    "Count elements into a HyperLogLog, creating it if needed",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "O(1) to add every element.",
		acl:        aclHyperLogLog,
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "element", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"pfcount": {
		summary:    "Estimate how many distinct elements the HyperLogLogs at the keys have seen together",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.",
		acl:        aclHyperLogLog,
		keySpecs: []keySpec{
			{notes: "RW because it may change the internal representation of the key, and propagate to replicas",
				flags: keyRW | keyAccess, index: 1, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
		},
	},
	"pfmerge": {
		summary:    "Fold HyperLogLogs into a destination one that estimates their union",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "O(N) to merge N HyperLogLogs, but with high constant times.",
		acl:        aclHyperLogLog,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyInsert, index: 1, step: 1},
			{flags: keyRO | keyAccess, index: 2, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "destkey", typ: argKey},
			{name: "sourcekey", typ: argKey, keySpec: 1, flags: argMultiple},
		},
	},
	"pfdebug": {
		summary:    "Look inside a HyperLogLog value: its registers, opcodes or encoding (internal)",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "N/A",
		docFlags:   docSyscmd,
		acl:        aclHyperLogLog,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess, index: 2, step: 1},
		},
		args: []docArg{
			{name: "subcommand", typ: argString},
			{name: "key", typ: argKey},
		},
	},
	"pfselftest": {
		summary:    "Check the HyperLogLog implementation against itself (internal)",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "N/A",
		docFlags:   docSyscmd,
		acl:        aclHyperLogLog,
	},
	"multi": {
		summary:    "Begin a transaction: later commands are queued until EXEC",
		since:      "1.2.0",
		group:      "transactions",
		complexity: "O(1)",
		acl:        aclTransaction,
	},
	"exec": {
		summary:    "Run every command queued since MULTI, as one step",
		since:      "1.2.0",
		group:      "transactions",
		complexity: "Depends on commands in the transaction",
		acl:        aclTransaction,
	},
	"discard": {
		summary:    "Drop the commands queued since MULTI and leave the transaction",
		since:      "2.0.0",
		group:      "transactions",
		complexity: "O(N), when N is the number of queued commands",
		acl:        aclTransaction,
	},
	"watch": {
		summary:    "Make the next EXEC fail if any of these keys changes first",
		since:      "2.2.0",
		group:      "transactions",
		complexity: "O(1) for every key.",
		acl:        aclTransaction,
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
		},
	},
	"unwatch": {
		summary:    "Stop watching every key this connection watches",
		since:      "2.2.0",
		group:      "transactions",
		complexity: "O(1)",
		acl:        aclTransaction,
	},
	"object": {
		summary:    "Commands that show how a key's value is kept",
		since:      "2.2.3",
		group:      "generic",
		complexity: "Depends on subcommand.",
	},
	"object|encoding": {
		summary:    "Name the internal representation of a key's value",
		since:      "2.2.3",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		tips:       []string{"nondeterministic_output"},
		keySpecs: []keySpec{
			{flags: keyRO, index: 2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"object|freq": {
		summary:    "Report the logarithmic access-frequency counter of a key's value",
		since:      "4.0.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		tips:       []string{"nondeterministic_output"},
		keySpecs: []keySpec{
			{flags: keyRO, index: 2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"object|idletime": {
		summary:    "Report how many seconds ago a key was last read or written",
		since:      "2.2.3",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		tips:       []string{"nondeterministic_output"},
		keySpecs: []keySpec{
			{flags: keyRO, index: 2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"object|refcount": {
		summary:    "Report how many references a key's value has",
		since:      "2.2.3",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
		tips:       []string{"nondeterministic_output"},
		keySpecs: []keySpec{
			{flags: keyRO, index: 2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"object|help": {
		summary:    "List the OBJECT subcommands and what they do",
		since:      "6.2.0",
		group:      "generic",
		complexity: "O(1)",
		acl:        aclKeyspace,
	},
}
