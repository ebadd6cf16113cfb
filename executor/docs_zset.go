package executor

// zsetDocs documents the sorted set commands, but for the range commands
// (docs_zset_range.go) and the set operations (docs_zset_setops.go): one
// part of commandDocs (command_docs.go).
var zsetDocs = map[string]*commandDoc{
	"bzmpop": {
		summary:    "Pop the lowest or highest scoring members of the first non-empty sorted set, waiting for one if all are empty",
		since:      "7.0.0",
		group:      "sorted-set",
		complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 2, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "timeout", typ: argDouble},
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "where", typ: argOneOf, args: []docArg{
				{name: "min", typ: argPureToken, token: "MIN"},
				{name: "max", typ: argPureToken, token: "MAX"},
			}},
			{name: "count", typ: argInteger, token: "COUNT", flags: argOptional},
		},
	},
	"bzpopmax": {
		summary:    "Pop the highest scoring member of the first non-empty sorted set, waiting for one if all are empty",
		since:      "5.0.0",
		group:      "sorted-set",
		complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		acl:        aclSortedSet,
		history: []docChange{
			{"6.0.0", "`timeout` is interpreted as a double instead of an integer."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, lastKey: -2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "timeout", typ: argDouble},
		},
	},
	"bzpopmin": {
		summary:    "Pop the lowest scoring member of the first non-empty sorted set, waiting for one if all are empty",
		since:      "5.0.0",
		group:      "sorted-set",
		complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		acl:        aclSortedSet,
		history: []docChange{
			{"6.0.0", "`timeout` is interpreted as a double instead of an integer."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, lastKey: -2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "timeout", typ: argDouble},
		},
	},
	"zadd": {
		summary:    "Add members with scores to a sorted set, or change the scores of members it has",
		since:      "1.2.0",
		group:      "sorted-set",
		complexity: "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
		history: []docChange{
			{"2.4.0", "Takes several members in one call."},
			{"3.0.2", "The `XX`, `NX`, `CH` and `INCR` options appeared."},
			{"6.2.0", "The `GT` and `LT` options appeared."},
		},
		acl: aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "condition", typ: argOneOf, since: "3.0.2", flags: argOptional, args: []docArg{
				{name: "nx", typ: argPureToken, token: "NX"},
				{name: "xx", typ: argPureToken, token: "XX"},
			}},
			{name: "comparison", typ: argOneOf, since: "6.2.0", flags: argOptional, args: []docArg{
				{name: "gt", typ: argPureToken, token: "GT"},
				{name: "lt", typ: argPureToken, token: "LT"},
			}},
			{name: "change", typ: argPureToken, token: "CH", since: "3.0.2", flags: argOptional},
			{name: "increment", typ: argPureToken, token: "INCR", since: "3.0.2", flags: argOptional},
			{name: "score_member", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "score", typ: argDouble},
				{name: "member", typ: argString},
			}},
		},
	},
	"zcard": {
		summary:    "Reply with how many members a sorted set has",
		since:      "1.2.0",
		group:      "sorted-set",
		complexity: "O(1)",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"zcount": {
		summary:    "Count the members of a sorted set whose scores lie in a range",
		since:      "2.0.0",
		group:      "sorted-set",
		complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "min", typ: argDouble},
			{name: "max", typ: argDouble},
		},
	},
	"zincrby": {
		summary:    "Add an increment to the score of a sorted set member",
		since:      "1.2.0",
		group:      "sorted-set",
		complexity: "O(log(N)) where N is the number of elements in the sorted set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "increment", typ: argInteger},
			{name: "member", typ: argString},
		},
	},
	"zlexcount": {
		summary:    "Count the members of a sorted set that lie between two strings",
		since:      "2.8.9",
		group:      "sorted-set",
		complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "min", typ: argString},
			{name: "max", typ: argString},
		},
	},
	"zmpop": {
		summary:    "Remove and reply with the lowest or highest scoring members of the first non-empty sorted set",
		since:      "7.0.0",
		group:      "sorted-set",
		complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "where", typ: argOneOf, args: []docArg{
				{name: "min", typ: argPureToken, token: "MIN"},
				{name: "max", typ: argPureToken, token: "MAX"},
			}},
			{name: "count", typ: argInteger, token: "COUNT", flags: argOptional},
		},
	},
	"zmscore": {
		summary:    "Reply with the scores of several sorted set members",
		since:      "6.2.0",
		group:      "sorted-set",
		complexity: "O(N) where N is the number of members being requested.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "member", typ: argString, flags: argMultiple},
		},
	},
	"zpopmax": {
		summary:    "Remove and reply with the highest scoring members of a sorted set",
		since:      "5.0.0",
		group:      "sorted-set",
		complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "count", typ: argInteger, flags: argOptional},
		},
	},
	"zpopmin": {
		summary:    "Remove and reply with the lowest scoring members of a sorted set",
		since:      "5.0.0",
		group:      "sorted-set",
		complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "count", typ: argInteger, flags: argOptional},
		},
	},
	"zrandmember": {
		summary:    "Reply with random members of a sorted set",
		since:      "6.2.0",
		group:      "sorted-set",
		complexity: "O(N) where N is the number of elements returned",
		acl:        aclSortedSet,
		tips:       []string{"nondeterministic_output"},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "options", typ: argBlock, flags: argOptional, args: []docArg{
				{name: "count", typ: argInteger},
				{name: "withscores", typ: argPureToken, token: "WITHSCORES", flags: argOptional},
			}},
		},
	},
	"zrank": {
		summary:    "Reply with a member's position in a sorted set, lowest score first",
		since:      "2.0.0",
		group:      "sorted-set",
		complexity: "O(log(N))",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "member", typ: argString},
		},
	},
	"zrem": {
		summary:    "Remove members from a sorted set",
		since:      "1.2.0",
		group:      "sorted-set",
		complexity: "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.",
		history: []docChange{
			{"2.4.0", "Takes several members in one call."},
		},
		acl: aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "member", typ: argString, flags: argMultiple},
		},
	},
	"zrevrank": {
		summary:    "Reply with a member's position in a sorted set, highest score first",
		since:      "2.0.0",
		group:      "sorted-set",
		complexity: "O(log(N))",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "member", typ: argString},
		},
	},
	"zscan": {
		summary:    "Iterate over the members and scores of a sorted set",
		since:      "2.8.0",
		group:      "sorted-set",
		complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
		acl:        aclSortedSet,
		tips:       []string{"nondeterministic_output"},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "cursor", typ: argInteger},
			{name: "pattern", typ: argPattern, token: "MATCH", flags: argOptional},
			{name: "count", typ: argInteger, token: "COUNT", flags: argOptional},
		},
	},
	"zscore": {
		summary:    "Reply with the score of a sorted set member",
		since:      "1.2.0",
		group:      "sorted-set",
		complexity: "O(1)",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "member", typ: argString},
		},
	},
}
