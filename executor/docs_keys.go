package executor

// keyDocs documents the commands on keys of any type (DEL, EXPIRE, SCAN, ...): one part of
// commandDocs (command_docs.go).
var keyDocs = map[string]*commandDoc{
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
