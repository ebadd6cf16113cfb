package executor

// serverDocs documents the server commands (INFO, CONFIG, COMMAND, DEBUG, ...): one part of
// commandDocs (command_docs.go).
var serverDocs = map[string]*commandDoc{
	"debug": {
		summary:    "Commands for debugging the server",
		since:      "1.0.0",
		group:      "server",
		complexity: "Depends on subcommand.",
		docFlags:   docSyscmd,
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
}
