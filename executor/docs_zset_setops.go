package executor

// zsetSetOpsDocs documents the sorted set commands that combine sets
// (ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD; the commands
// are in cmd_zset_setops.go): one part of commandDocs (command_docs.go).
var zsetSetOpsDocs = map[string]*commandDoc{
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
