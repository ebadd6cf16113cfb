package executor

// zsetDocs documents the sorted set commands: one part of commandDocs
// (command_docs.go).
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
	"zdiff": {
		summary:    "Reply with the members of the first sorted set that none of the others has",
		since:      "6.2.0",
		group:      "sorted-set",
		complexity: "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "withscores", typ: argPureToken, token: "WITHSCORES", flags: argOptional},
		},
	},
	"zdiffstore": {
		summary:    "Store the members of the first sorted set that none of the others has",
		since:      "6.2.0",
		group:      "sorted-set",
		complexity: "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 1, step: 1},
			{flags: keyRO | keyAccess, index: 2, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "destination", typ: argKey},
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, keySpec: 1, flags: argMultiple},
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
	"zinter": {
		summary:    "Reply with the members every given sorted set has, with combined scores",
		since:      "6.2.0",
		group:      "sorted-set",
		complexity: "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "weight", typ: argInteger, token: "WEIGHTS", flags: argOptional | argMultiple},
			{name: "aggregate", typ: argOneOf, token: "AGGREGATE", flags: argOptional, args: []docArg{
				{name: "sum", typ: argPureToken, token: "SUM"},
				{name: "min", typ: argPureToken, token: "MIN"},
				{name: "max", typ: argPureToken, token: "MAX"},
			}},
			{name: "withscores", typ: argPureToken, token: "WITHSCORES", flags: argOptional},
		},
	},
	"zintercard": {
		summary:    "Count the members every given sorted set has",
		since:      "7.0.0",
		group:      "sorted-set",
		complexity: "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "limit", typ: argInteger, token: "LIMIT", flags: argOptional},
		},
	},
	"zinterstore": {
		summary:    "Store the members every given sorted set has, with combined scores",
		since:      "2.0.0",
		group:      "sorted-set",
		complexity: "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 1, step: 1},
			{flags: keyRO | keyAccess, index: 2, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "destination", typ: argKey},
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, keySpec: 1, flags: argMultiple},
			{name: "weight", typ: argInteger, token: "WEIGHTS", flags: argOptional | argMultiple},
			{name: "aggregate", typ: argOneOf, token: "AGGREGATE", flags: argOptional, args: []docArg{
				{name: "sum", typ: argPureToken, token: "SUM"},
				{name: "min", typ: argPureToken, token: "MIN"},
				{name: "max", typ: argPureToken, token: "MAX"},
			}},
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
	"zrange": {
		summary:    "Reply with the members of a sorted set in a range of ranks, scores or strings",
		since:      "1.2.0",
		group:      "sorted-set",
		complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
		history: []docChange{
			{"6.2.0", "The `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options appeared."},
		},
		acl: aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "start", typ: argString},
			{name: "stop", typ: argString},
			{name: "sortby", typ: argOneOf, since: "6.2.0", flags: argOptional, args: []docArg{
				{name: "byscore", typ: argPureToken, token: "BYSCORE"},
				{name: "bylex", typ: argPureToken, token: "BYLEX"},
			}},
			{name: "rev", typ: argPureToken, token: "REV", since: "6.2.0", flags: argOptional},
			{name: "offset_count", typ: argBlock, token: "LIMIT", since: "6.2.0", flags: argOptional, args: []docArg{
				{name: "offset", typ: argInteger},
				{name: "count", typ: argInteger},
			}},
			{name: "withscores", typ: argPureToken, token: "WITHSCORES", flags: argOptional},
		},
	},
	"zrangebylex": {
		summary:         "Reply with the members of a sorted set between two strings",
		since:           "2.8.9",
		group:           "sorted-set",
		complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`ZRANGE` with the `BYLEX` argument",
		acl:             aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "min", typ: argString},
			{name: "max", typ: argString},
			{name: "offset_count", typ: argBlock, token: "LIMIT", flags: argOptional, args: []docArg{
				{name: "offset", typ: argInteger},
				{name: "count", typ: argInteger},
			}},
		},
	},
	"zrangebyscore": {
		summary:         "Reply with the members of a sorted set whose scores lie in a range",
		since:           "1.0.5",
		group:           "sorted-set",
		complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`ZRANGE` with the `BYSCORE` argument",
		history: []docChange{
			{"2.0.0", "The `WITHSCORES` option appeared."},
		},
		acl: aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "min", typ: argDouble},
			{name: "max", typ: argDouble},
			{name: "withscores", typ: argPureToken, token: "WITHSCORES", since: "2.0.0", flags: argOptional},
			{name: "offset_count", typ: argBlock, token: "LIMIT", flags: argOptional, args: []docArg{
				{name: "offset", typ: argInteger},
				{name: "count", typ: argInteger},
			}},
		},
	},
	"zrangestore": {
		summary:    "Store a range of a sorted set as a new sorted set",
		since:      "6.2.0",
		group:      "sorted-set",
		complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 1, step: 1},
			{flags: keyRO | keyAccess, index: 2, step: 1},
		},
		args: []docArg{
			{name: "dst", typ: argKey},
			{name: "src", typ: argKey, keySpec: 1},
			{name: "min", typ: argString},
			{name: "max", typ: argString},
			{name: "sortby", typ: argOneOf, flags: argOptional, args: []docArg{
				{name: "byscore", typ: argPureToken, token: "BYSCORE"},
				{name: "bylex", typ: argPureToken, token: "BYLEX"},
			}},
			{name: "rev", typ: argPureToken, token: "REV", flags: argOptional},
			{name: "offset_count", typ: argBlock, token: "LIMIT", flags: argOptional, args: []docArg{
				{name: "offset", typ: argInteger},
				{name: "count", typ: argInteger},
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
	"zremrangebylex": {
		summary:    "Remove the members of a sorted set between two strings",
		since:      "2.8.9",
		group:      "sorted-set",
		complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "min", typ: argString},
			{name: "max", typ: argString},
		},
	},
	"zremrangebyrank": {
		summary:    "Remove the members of a sorted set in a range of positions",
		since:      "2.0.0",
		group:      "sorted-set",
		complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "start", typ: argInteger},
			{name: "stop", typ: argInteger},
		},
	},
	"zremrangebyscore": {
		summary:    "Remove the members of a sorted set whose scores lie in a range",
		since:      "1.2.0",
		group:      "sorted-set",
		complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRW | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "min", typ: argDouble},
			{name: "max", typ: argDouble},
		},
	},
	"zrevrange": {
		summary:         "Reply with the members of a sorted set in a range of positions, highest score first",
		since:           "1.2.0",
		group:           "sorted-set",
		complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`ZRANGE` with the `REV` argument",
		acl:             aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "start", typ: argInteger},
			{name: "stop", typ: argInteger},
			{name: "withscores", typ: argPureToken, token: "WITHSCORES", flags: argOptional},
		},
	},
	"zrevrangebylex": {
		summary:         "Reply with the members of a sorted set between two strings, in reverse order",
		since:           "2.8.9",
		group:           "sorted-set",
		complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`ZRANGE` with the `REV` and `BYLEX` arguments",
		acl:             aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "max", typ: argString},
			{name: "min", typ: argString},
			{name: "offset_count", typ: argBlock, token: "LIMIT", flags: argOptional, args: []docArg{
				{name: "offset", typ: argInteger},
				{name: "count", typ: argInteger},
			}},
		},
	},
	"zrevrangebyscore": {
		summary:         "Reply with the members of a sorted set in a score range, highest score first",
		since:           "2.2.0",
		group:           "sorted-set",
		complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`ZRANGE` with the `REV` and `BYSCORE` arguments",
		history: []docChange{
			{"2.1.6", "`min` and `max` may exclude their bound."},
		},
		acl: aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "max", typ: argDouble},
			{name: "min", typ: argDouble},
			{name: "withscores", typ: argPureToken, token: "WITHSCORES", flags: argOptional},
			{name: "offset_count", typ: argBlock, token: "LIMIT", flags: argOptional, args: []docArg{
				{name: "offset", typ: argInteger},
				{name: "count", typ: argInteger},
			}},
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
	"zunion": {
		summary:    "Reply with the members of any of the given sorted sets, with combined scores",
		since:      "6.2.0",
		group:      "sorted-set",
		complexity: "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "weight", typ: argInteger, token: "WEIGHTS", flags: argOptional | argMultiple},
			{name: "aggregate", typ: argOneOf, token: "AGGREGATE", flags: argOptional, args: []docArg{
				{name: "sum", typ: argPureToken, token: "SUM"},
				{name: "min", typ: argPureToken, token: "MIN"},
				{name: "max", typ: argPureToken, token: "MAX"},
			}},
			{name: "withscores", typ: argPureToken, token: "WITHSCORES", flags: argOptional},
		},
	},
	"zunionstore": {
		summary:    "Store the members of any of the given sorted sets, with combined scores",
		since:      "2.0.0",
		group:      "sorted-set",
		complexity: "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
		acl:        aclSortedSet,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 1, step: 1},
			{flags: keyRO | keyAccess, index: 2, byKeyNum: true, keyNumIdx: 0, firstKey: 1, step: 1},
		},
		args: []docArg{
			{name: "destination", typ: argKey},
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, keySpec: 1, flags: argMultiple},
			{name: "weight", typ: argInteger, token: "WEIGHTS", flags: argOptional | argMultiple},
			{name: "aggregate", typ: argOneOf, token: "AGGREGATE", flags: argOptional, args: []docArg{
				{name: "sum", typ: argPureToken, token: "SUM"},
				{name: "min", typ: argPureToken, token: "MIN"},
				{name: "max", typ: argPureToken, token: "MAX"},
			}},
		},
	},
}
