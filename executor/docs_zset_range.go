package executor

// zsetRangeDocs documents the sorted set commands that read or remove a
// range (by rank, score or lexicographic order): one part of commandDocs
// (command_docs.go), kept apart from the other sorted set commands'
// (docs_zset.go) for its length.
var zsetRangeDocs = map[string]*commandDoc{
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
}
