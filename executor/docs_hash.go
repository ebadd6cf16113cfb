package executor

// hashDocs documents the hash commands: one part of commandDocs
// (command_docs.go). The facts are Redis 7.0.15's (commands.c).
var hashDocs = map[string]*commandDoc{
	"hdel": {
		summary:    "Remove fields from a hash; an emptied hash is deleted",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(N) where N is the number of fields to be removed.",
		acl:        aclHash,
		history: []docChange{
			{"2.4.0", "Accepts multiple `field` arguments."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field", typ: argString, flags: argMultiple},
		},
	},
	"hexists": {
		summary:    "Tell whether a hash has a field",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(1)",
		acl:        aclHash,
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field", typ: argString},
		},
	},
	"hget": {
		summary:    "Reply with the value of one field of a hash",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(1)",
		acl:        aclHash,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field", typ: argString},
		},
	},
	"hgetall": {
		summary:    "Reply with every field of a hash and its value",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(N) where N is the size of the hash.",
		acl:        aclHash,
		tips:       []string{"nondeterministic_output_order"},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"hincrby": {
		summary:    "Add an integer to the integer stored in a hash field",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(1)",
		acl:        aclHash,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field", typ: argString},
			{name: "increment", typ: argInteger},
		},
	},
	"hincrbyfloat": {
		summary:    "Add a decimal number to the number stored in a hash field",
		since:      "2.6.0",
		group:      "hash",
		complexity: "O(1)",
		acl:        aclHash,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field", typ: argString},
			{name: "increment", typ: argDouble},
		},
	},
	"hkeys": {
		summary:    "Reply with every field name of a hash",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(N) where N is the size of the hash.",
		acl:        aclHash,
		tips:       []string{"nondeterministic_output_order"},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"hlen": {
		summary:    "Reply with how many fields a hash has",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(1)",
		acl:        aclHash,
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"hmget": {
		summary:    "Reply with the values of several fields of a hash",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(N) where N is the number of fields being requested.",
		acl:        aclHash,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field", typ: argString, flags: argMultiple},
		},
	},
	"hmset": {
		summary:         "Store several fields of a hash (the older form of HSET)",
		since:           "2.0.0",
		group:           "hash",
		complexity:      "O(N) where N is the number of fields being set.",
		docFlags:        docDeprecated,
		deprecatedSince: "4.0.0",
		replacedBy:      "`HSET` with multiple field-value pairs",
		acl:             aclHash,
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field_value", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "field", typ: argString},
				{name: "value", typ: argString},
			}},
		},
	},
	"hrandfield": {
		summary:    "Reply with fields of a hash picked at random, with or without their values",
		since:      "6.2.0",
		group:      "hash",
		complexity: "O(N) where N is the number of fields returned",
		acl:        aclHash,
		tips:       []string{"nondeterministic_output"},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "options", typ: argBlock, flags: argOptional, args: []docArg{
				{name: "count", typ: argInteger},
				{name: "withvalues", typ: argPureToken, token: "WITHVALUES", flags: argOptional},
			}},
		},
	},
	"hscan": {
		summary:    "Walk the fields and values of a hash a batch at a time with a cursor",
		since:      "2.8.0",
		group:      "hash",
		complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
		acl:        aclHash,
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
	"hset": {
		summary:    "Store fields of a hash, creating the hash if needed",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.",
		acl:        aclHash,
		history: []docChange{
			{"4.0.0", "Accepts multiple `field` and `value` arguments."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field_value", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "field", typ: argString},
				{name: "value", typ: argString},
			}},
		},
	},
	"hsetnx": {
		summary:    "Store a field of a hash only if the hash lacks it",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(1)",
		acl:        aclHash,
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field", typ: argString},
			{name: "value", typ: argString},
		},
	},
	"hstrlen": {
		summary:    "Reply with the length in bytes of one field's value",
		since:      "3.2.0",
		group:      "hash",
		complexity: "O(1)",
		acl:        aclHash,
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "field", typ: argString},
		},
	},
	"hvals": {
		summary:    "Reply with every value of a hash",
		since:      "2.0.0",
		group:      "hash",
		complexity: "O(N) where N is the size of the hash.",
		acl:        aclHash,
		tips:       []string{"nondeterministic_output_order"},
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
}
