package executor

// expiryDocs documents the commands that set, read and remove a key's
// time to live: one part of commandDocs (command_docs.go).
var expiryDocs = map[string]*commandDoc{
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
}
