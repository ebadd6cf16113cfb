package executor

// connectionDocs documents the connection and transaction commands: one part of
// commandDocs (command_docs.go).
var connectionDocs = map[string]*commandDoc{
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
	"reset": {
		summary:    "Return the connection to its state right after connecting",
		since:      "6.2.0",
		group:      "connection",
		complexity: "O(1)",
		acl:        aclConnection,
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
}
