package executor

// listDocs documents the list commands: one part of commandDocs
// (command_docs.go).
var listDocs = map[string]*commandDoc{
	"blmove": {
		summary:    "Move an element from one list to another, waiting for one if the source is empty",
		since:      "6.2.0",
		group:      "list",
		complexity: "O(1)",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, lastKey: 0, step: 1},
			{flags: keyRW | keyInsert, index: 2, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "source", typ: argKey},
			{name: "destination", typ: argKey, keySpec: 1},
			{name: "wherefrom", typ: argOneOf, args: []docArg{
				{name: "left", typ: argPureToken, token: "LEFT"},
				{name: "right", typ: argPureToken, token: "RIGHT"},
			}},
			{name: "whereto", typ: argOneOf, args: []docArg{
				{name: "left", typ: argPureToken, token: "LEFT"},
				{name: "right", typ: argPureToken, token: "RIGHT"},
			}},
			{name: "timeout", typ: argDouble},
		},
	},
	"blmpop": {
		summary:    "Pop elements from the first non-empty list of several, waiting for one if all are empty",
		since:      "7.0.0",
		group:      "list",
		complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 2, step: 1, byKeyNum: true, keyNumIdx: 0, firstKey: 1},
		},
		args: []docArg{
			{name: "timeout", typ: argDouble},
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "where", typ: argOneOf, args: []docArg{
				{name: "left", typ: argPureToken, token: "LEFT"},
				{name: "right", typ: argPureToken, token: "RIGHT"},
			}},
			{name: "count", typ: argInteger, token: "COUNT", flags: argOptional},
		},
	},
	"blpop": {
		summary:    "Take the first element of the first non-empty list, waiting for one if all are empty",
		since:      "2.0.0",
		group:      "list",
		complexity: "O(N) where N is the number of provided keys.",
		acl:        aclList,
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
	"brpop": {
		summary:    "Take the last element of the first non-empty list, waiting for one if all are empty",
		since:      "2.0.0",
		group:      "list",
		complexity: "O(N) where N is the number of provided keys.",
		acl:        aclList,
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
	"brpoplpush": {
		summary:         "Move a list's last element to the head of another, waiting for one if the source is empty",
		since:           "2.2.0",
		group:           "list",
		complexity:      "O(1)",
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`BLMOVE` with the `RIGHT` and `LEFT` arguments",
		acl:             aclList,
		history: []docChange{
			{"6.0.0", "`timeout` is interpreted as a double instead of an integer."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, lastKey: 0, step: 1},
			{flags: keyRW | keyInsert, index: 2, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "source", typ: argKey},
			{name: "destination", typ: argKey, keySpec: 1},
			{name: "timeout", typ: argDouble},
		},
	},
	"lindex": {
		summary:    "Reply with the element at a position of a list",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "index", typ: argInteger},
		},
	},
	"linsert": {
		summary:    "Add an element just before or just after the first occurrence of another",
		since:      "2.2.0",
		group:      "list",
		complexity: "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "where", typ: argOneOf, args: []docArg{
				{name: "before", typ: argPureToken, token: "BEFORE"},
				{name: "after", typ: argPureToken, token: "AFTER"},
			}},
			{name: "pivot", typ: argString},
			{name: "element", typ: argString},
		},
	},
	"llen": {
		summary:    "Reply with the number of elements in a list",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(1)",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRO, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
		},
	},
	"lmove": {
		summary:    "Move an element from one end of a list to an end of another list",
		since:      "6.2.0",
		group:      "list",
		complexity: "O(1)",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, lastKey: 0, step: 1},
			{flags: keyRW | keyInsert, index: 2, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "source", typ: argKey},
			{name: "destination", typ: argKey, keySpec: 1},
			{name: "wherefrom", typ: argOneOf, args: []docArg{
				{name: "left", typ: argPureToken, token: "LEFT"},
				{name: "right", typ: argPureToken, token: "RIGHT"},
			}},
			{name: "whereto", typ: argOneOf, args: []docArg{
				{name: "left", typ: argPureToken, token: "LEFT"},
				{name: "right", typ: argPureToken, token: "RIGHT"},
			}},
		},
	},
	"lmpop": {
		summary:    "Pop elements from the first non-empty list of several",
		since:      "7.0.0",
		group:      "list",
		complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, step: 1, byKeyNum: true, keyNumIdx: 0, firstKey: 1},
		},
		args: []docArg{
			{name: "numkeys", typ: argInteger},
			{name: "key", typ: argKey, flags: argMultiple},
			{name: "where", typ: argOneOf, args: []docArg{
				{name: "left", typ: argPureToken, token: "LEFT"},
				{name: "right", typ: argPureToken, token: "RIGHT"},
			}},
			{name: "count", typ: argInteger, token: "COUNT", flags: argOptional},
		},
	},
	"lpop": {
		summary:    "Take one or more elements off the head of a list",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(N) where N is the number of elements returned",
		acl:        aclList,
		history: []docChange{
			{"6.2.0", "Added the `count` argument."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "count", typ: argInteger, since: "6.2.0", flags: argOptional},
		},
	},
	"lpos": {
		summary:    "Reply with the positions of the elements equal to a value",
		since:      "6.0.6",
		group:      "list",
		complexity: "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "element", typ: argString},
			{name: "rank", typ: argInteger, token: "RANK", flags: argOptional},
			{name: "num-matches", typ: argInteger, token: "COUNT", flags: argOptional},
			{name: "len", typ: argInteger, token: "MAXLEN", flags: argOptional},
		},
	},
	"lpush": {
		summary:    "Add elements at the head of a list, making the list if needed",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		acl:        aclList,
		history: []docChange{
			{"2.4.0", "Accepts multiple `element` arguments."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "element", typ: argString, flags: argMultiple},
		},
	},
	"lpushx": {
		summary:    "Add elements at the head of a list that already exists",
		since:      "2.2.0",
		group:      "list",
		complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		acl:        aclList,
		history: []docChange{
			{"4.0.0", "Accepts multiple `element` arguments."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "element", typ: argString, flags: argMultiple},
		},
	},
	"lrange": {
		summary:    "Reply with the elements of a list between two positions",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "start", typ: argInteger},
			{name: "stop", typ: argInteger},
		},
	},
	"lrem": {
		summary:    "Delete the elements equal to a value, from either end or all of them",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(N+M) where N is the length of the list and M is the number of elements removed.",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "count", typ: argInteger},
			{name: "element", typ: argString},
		},
	},
	"lset": {
		summary:    "Replace the element at a position of a list",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "index", typ: argInteger},
			{name: "element", typ: argString},
		},
	},
	"ltrim": {
		summary:    "Keep only the elements of a list between two positions",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(N) where N is the number of elements to be removed by the operation.",
		acl:        aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyDelete, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "start", typ: argInteger},
			{name: "stop", typ: argInteger},
		},
	},
	"rpop": {
		summary:    "Take one or more elements off the tail of a list",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(N) where N is the number of elements returned",
		acl:        aclList,
		history: []docChange{
			{"6.2.0", "Added the `count` argument."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "count", typ: argInteger, since: "6.2.0", flags: argOptional},
		},
	},
	"rpoplpush": {
		summary:         "Move a list's last element to the head of another list",
		since:           "1.2.0",
		group:           "list",
		complexity:      "O(1)",
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`LMOVE` with the `RIGHT` and `LEFT` arguments",
		acl:             aclList,
		keySpecs: []keySpec{
			{flags: keyRW | keyAccess | keyDelete, index: 1, lastKey: 0, step: 1},
			{flags: keyRW | keyInsert, index: 2, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "source", typ: argKey},
			{name: "destination", typ: argKey, keySpec: 1},
		},
	},
	"rpush": {
		summary:    "Add elements at the tail of a list, making the list if needed",
		since:      "1.0.0",
		group:      "list",
		complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		acl:        aclList,
		history: []docChange{
			{"2.4.0", "Accepts multiple `element` arguments."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "element", typ: argString, flags: argMultiple},
		},
	},
	"rpushx": {
		summary:    "Add elements at the tail of a list that already exists",
		since:      "2.2.0",
		group:      "list",
		complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		acl:        aclList,
		history: []docChange{
			{"4.0.0", "Accepts multiple `element` arguments."},
		},
		keySpecs: []keySpec{
			{flags: keyRW | keyInsert, index: 1, lastKey: 0, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "element", typ: argString, flags: argMultiple},
		},
	},
}
