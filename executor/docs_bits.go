package executor

// bitDocs documents the bitmap and HyperLogLog commands: one part of
// commandDocs (command_docs.go).
var bitDocs = map[string]*commandDoc{
	"setbit": {
		summary:    "Set or clear one bit of a key's string",
		since:      "2.2.0",
		group:      "bitmap",
		complexity: "O(1)",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "offset", typ: argInteger},
			{name: "value", typ: argInteger},
		},
	},
	"getbit": {
		summary:    "Reply with one bit of a key's string",
		since:      "2.2.0",
		group:      "bitmap",
		complexity: "O(1)",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "offset", typ: argInteger},
		},
	},
	"bitcount": {
		summary:    "Count the bits set to 1 in a key's string, or in a range of it",
		since:      "2.6.0",
		group:      "bitmap",
		complexity: "O(N)",
		history: []docChange{
			{"7.0.0", "The range may be given in bits (BIT) as well as bytes (BYTE)."},
		},
		acl: aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "index", typ: argBlock, flags: argOptional, args: []docArg{
				{name: "start", typ: argInteger},
				{name: "end", typ: argInteger},
				{name: "index_unit", typ: argOneOf, since: "7.0.0", flags: argOptional, args: []docArg{
					{name: "byte", typ: argPureToken, token: "BYTE"},
					{name: "bit", typ: argPureToken, token: "BIT"},
				}},
			}},
		},
	},
	"bitpos": {
		summary:    "Find the first bit set to 1, or to 0, in a key's string",
		since:      "2.8.7",
		group:      "bitmap",
		complexity: "O(N)",
		history: []docChange{
			{"7.0.0", "The range may be given in bits (BIT) as well as bytes (BYTE)."},
		},
		acl: aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "bit", typ: argInteger},
			{name: "index", typ: argBlock, flags: argOptional, args: []docArg{
				{name: "start", typ: argInteger},
				{name: "end_index", typ: argBlock, flags: argOptional, args: []docArg{
					{name: "end", typ: argInteger},
					{name: "index_unit", typ: argOneOf, since: "7.0.0", flags: argOptional, args: []docArg{
						{name: "byte", typ: argPureToken, token: "BYTE"},
						{name: "bit", typ: argPureToken, token: "BIT"},
					}},
				}},
			}},
		},
	},
	"bitop": {
		summary:    "Combine strings bit by bit (AND, OR, XOR, NOT) into a key",
		since:      "2.6.0",
		group:      "bitmap",
		complexity: "O(N)",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 2, step: 1},
			{flags: keyRO | keyAccess, index: 3, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "operation", typ: argString},
			{name: "destkey", typ: argKey},
			{name: "key", typ: argKey, keySpec: 1, flags: argMultiple},
		},
	},
	"bitfield": {
		summary:    "Read, write and add to integers of any width stored as bits of a string",
		since:      "3.2.0",
		group:      "bitmap",
		complexity: "O(1) for each subcommand specified",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{notes: "This command allows both access and modification of the key", flags: keyRW | keyUpdate | keyAccess | keyVariableFlags, index: 1, step: 1},
		},
		variableKeyFlags: bitfieldKeyFlags,
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "operation", typ: argOneOf, flags: argOptional | argMultiple, args: []docArg{
				{name: "encoding_offset", typ: argBlock, token: "GET", args: []docArg{
					{name: "encoding", typ: argString},
					{name: "offset", typ: argInteger},
				}},
				{name: "write", typ: argBlock, args: []docArg{
					{name: "wrap_sat_fail", typ: argOneOf, token: "OVERFLOW", flags: argOptional, args: []docArg{
						{name: "wrap", typ: argPureToken, token: "WRAP"},
						{name: "sat", typ: argPureToken, token: "SAT"},
						{name: "fail", typ: argPureToken, token: "FAIL"},
					}},
					{name: "write_operation", typ: argOneOf, args: []docArg{
						{name: "encoding_offset_value", typ: argBlock, token: "SET", args: []docArg{
							{name: "encoding", typ: argString},
							{name: "offset", typ: argInteger},
							{name: "value", typ: argInteger},
						}},
						{name: "encoding_offset_increment", typ: argBlock, token: "INCRBY", args: []docArg{
							{name: "encoding", typ: argString},
							{name: "offset", typ: argInteger},
							{name: "increment", typ: argInteger},
						}},
					}},
				}},
			}},
		},
	},
	"bitfield_ro": {
		summary:    "Read integers of any width stored as bits of a string (BITFIELD's GET only)",
		since:      "6.0.0",
		group:      "bitmap",
		complexity: "O(1) for each subcommand specified",
		acl:        aclBitmap,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "encoding_offset", typ: argBlock, token: "GET", flags: argOptional | argMultiple | argMultipleToken, args: []docArg{
				{name: "encoding", typ: argString},
				{name: "offset", typ: argInteger},
			}},
		},
	},
	"pfadd": {
		summary:    "Count elements into a HyperLogLog, creating it if needed",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "O(1) to add every element.",
		acl:        aclHyperLogLog,
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "element", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"pfcount": {
		summary:    "Estimate how many distinct elements the HyperLogLogs at the keys have seen together",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.",
		acl:        aclHyperLogLog,
		keySpecs: []keySpec{
			{notes: "RW because it may change the internal representation of the key, and propagate to replicas",
				flags: keyRW | keyAccess, index: 1, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey, flags: argMultiple},
		},
	},
	"pfmerge": {
		summary:    "Fold HyperLogLogs into a destination one that estimates their union",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "O(N) to merge N HyperLogLogs, but with high constant times.",
		acl:        aclHyperLogLog,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyInsert, index: 1, step: 1},
			{flags: keyRO | keyAccess, index: 2, lastKey: -1, step: 1},
		},
		args: []docArg{
			{name: "destkey", typ: argKey},
			{name: "sourcekey", typ: argKey, keySpec: 1, flags: argMultiple},
		},
	},
	"pfdebug": {
		summary:    "Look inside a HyperLogLog value: its registers, opcodes or encoding (internal)",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "N/A",
		docFlags:   docSyscmd,
		acl:        aclHyperLogLog,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess, index: 2, step: 1},
		},
		args: []docArg{
			{name: "subcommand", typ: argString},
			{name: "key", typ: argKey},
		},
	},
	"pfselftest": {
		summary:    "Check the HyperLogLog implementation against itself (internal)",
		since:      "2.8.9",
		group:      "hyperloglog",
		complexity: "N/A",
		docFlags:   docSyscmd,
		acl:        aclHyperLogLog,
	},
}
