package executor

// sortDocs documents SORT and SORT_RO: one part of commandDocs
// (command_docs.go).
var sortDocs = map[string]*commandDoc{
	"sort": {
		summary:    "Order the elements of a list, set or sorted set, and reply with them or store them as a list",
		since:      "1.0.0",
		group:      "generic",
		complexity: sortComplexity,
		acl:        aclSet | aclSortedSet | aclList | aclDangerous,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
			sortPatternKeys,
			{notes: "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array",
				flags: keyOW | keyUpdate, unknown: true},
		},
		findKeys: sortKeys,
		args:     sortArgs(true),
	},
	"sort_ro": {
		summary:    "Order the elements of a list, set or sorted set and reply with them; SORT without STORE",
		since:      "7.0.0",
		group:      "generic",
		complexity: sortComplexity,
		acl:        aclSet | aclSortedSet | aclList | aclDangerous,
		keySpecs:   []keySpec{{flags: keyRO | keyAccess, index: 1, step: 1}, sortPatternKeys},
		findKeys:   func([][]byte) []keyRef { return []keyRef{{pos: 1, flags: keyRO | keyAccess}} },
		args:       sortArgs(false),
	},
}

const sortComplexity = "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N)."

// sortPatternKeys is the key spec of the keys BY and GET patterns name.
var sortPatternKeys = keySpec{
	notes: "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort",
	flags: keyRO | keyAccess, unknown: true,
}

// sortArgs are SORT's arguments, with STORE or (SORT_RO) without.
func sortArgs(withStore bool) []docArg {
	args := []docArg{
		{name: "key", typ: argKey},
		{name: "pattern", typ: argPattern, keySpec: 1, namesKeys: true, token: "BY", flags: argOptional},
		{name: "offset_count", typ: argBlock, token: "LIMIT", flags: argOptional, args: []docArg{
			{name: "offset", typ: argInteger},
			{name: "count", typ: argInteger},
		}},
		{name: "pattern", typ: argPattern, keySpec: 1, namesKeys: true, token: "GET",
			flags: argOptional | argMultiple | argMultipleToken},
		{name: "order", typ: argOneOf, flags: argOptional, args: []docArg{
			{name: "asc", typ: argPureToken, token: "ASC"},
			{name: "desc", typ: argPureToken, token: "DESC"},
		}},
		{name: "sorting", typ: argPureToken, token: "ALPHA", flags: argOptional},
	}
	if withStore {
		args = append(args, docArg{name: "destination", typ: argKey, keySpec: 2, token: "STORE", flags: argOptional})
	}
	return args
}

// sortKeys finds SORT's keys as Redis's sortGetKeys does: the key sorted,
// and the destination of the last STORE that has one. Words it does not
// know are skipped alone; LIMIT, GET and BY skip their arguments too.
func sortKeys(line [][]byte) []keyRef {
	keys := []keyRef{{pos: 1, flags: keyRO | keyAccess}}
	dst := 0
	for i := 2; i < len(line); i++ {
		switch optionName(line[i]) {
		case "limit":
			i += 2
		case "get", "by":
			i++
		case "store":
			if i+1 < len(line) {
				dst = i + 1
			}
		}
	}
	if dst > 0 {
		keys = append(keys, keyRef{pos: dst, flags: keyOW | keyUpdate})
	}
	return keys
}
