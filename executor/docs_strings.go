package executor

// stringDocs documents the string commands: one part of
// commandDocs (command_docs.go).
var stringDocs = map[string]*commandDoc{
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
}
