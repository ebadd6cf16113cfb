package executor

// geoDocs documents the geo commands: one part of commandDocs
// (command_docs.go).
var geoDocs = map[string]*commandDoc{
	"geoadd": {
		summary:    "Add points (longitude, latitude, member) to a geo index kept as a sorted set",
		since:      "3.2.0",
		group:      "geo",
		complexity: "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
		history: []docChange{
			{"6.2.0", "The `CH`, `NX` and `XX` options appeared."},
		},
		acl: aclGeo,
		keySpecs: []keySpec{
			{flags: keyRW | keyUpdate, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "condition", typ: argOneOf, since: "6.2.0", flags: argOptional, args: []docArg{
				{name: "nx", typ: argPureToken, token: "NX"},
				{name: "xx", typ: argPureToken, token: "XX"},
			}},
			{name: "change", typ: argPureToken, token: "CH", since: "6.2.0", flags: argOptional},
			{name: "longitude_latitude_member", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "longitude", typ: argDouble},
				{name: "latitude", typ: argDouble},
				{name: "member", typ: argString},
			}},
		},
	},
	"geodist": {
		summary:    "Reply with the distance between two members of a geo index",
		since:      "3.2.0",
		group:      "geo",
		complexity: "O(log(N))",
		acl:        aclGeo,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "member1", typ: argString},
			{name: "member2", typ: argString},
			geoUnitArg(argOptional),
		},
	},
	"geohash": {
		summary:    "Reply with the standard geohash strings of members of a geo index",
		since:      "3.2.0",
		group:      "geo",
		complexity: "O(log(N)) for each member requested, where N is the number of elements in the sorted set.",
		acl:        aclGeo,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "member", typ: argString, flags: argMultiple},
		},
	},
	"geopos": {
		summary:    "Reply with the longitude and latitude of members of a geo index",
		since:      "3.2.0",
		group:      "geo",
		complexity: "O(N) where N is the number of members requested.",
		acl:        aclGeo,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "member", typ: argString, flags: argMultiple},
		},
	},
	"georadius": {
		summary:         "Find the members of a geo index within a distance of a point, or store them",
		since:           "3.2.0",
		group:           "geo",
		complexity:      geoRadiusComplexity,
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument",
		history: []docChange{
			{"6.2.0", "`COUNT` takes the `ANY` option."},
			{"7.0.0", "Units may be written in upper case."},
		},
		acl:      aclGeo,
		keySpecs: geoRadiusKeySpecs(6),
		args:     geoRadiusArgs(true, "6.2.0", true),
	},
	"georadiusbymember": {
		summary:         "Find the members of a geo index within a distance of one of them, or store them",
		since:           "3.2.0",
		group:           "geo",
		complexity:      geoRadiusComplexity,
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments",
		history: []docChange{
			{"7.0.0", "Units may be written in upper case."},
		},
		acl:      aclGeo,
		keySpecs: geoRadiusKeySpecs(5),
		args:     geoRadiusArgs(false, "", true),
	},
	"georadiusbymember_ro": {
		summary:         "GEORADIUSBYMEMBER without the STORE options, so that it only reads",
		since:           "3.2.10",
		group:           "geo",
		complexity:      geoRadiusComplexity,
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments",
		acl:             aclGeo,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: geoRadiusArgs(false, "", false),
	},
	"georadius_ro": {
		summary:         "GEORADIUS without the STORE options, so that it only reads",
		since:           "3.2.10",
		group:           "geo",
		complexity:      geoRadiusComplexity,
		docFlags:        docDeprecated,
		deprecatedSince: "6.2.0",
		replacedBy:      "`GEOSEARCH` with the `BYRADIUS` argument",
		history: []docChange{
			{"6.2.0", "`COUNT` takes the `ANY` option."},
		},
		acl: aclGeo,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: geoRadiusArgs(true, "6.2.0", false),
	},
	"geosearch": {
		summary:    "Find the members of a geo index inside a circle or a box around a point or a member.",
		since:      "6.2.0",
		group:      "geo",
		complexity: geoSearchComplexity,
		history: []docChange{
			{"7.0.0", "Units may be written in upper case."},
		},
		acl: aclGeo,
		keySpecs: []keySpec{
			{flags: keyRO | keyAccess, index: 1, step: 1},
		},
		args: append([]docArg{{name: "key", typ: argKey}}, append(geoSearchArgs(),
			docArg{name: "withcoord", typ: argPureToken, token: "WITHCOORD", flags: argOptional},
			docArg{name: "withdist", typ: argPureToken, token: "WITHDIST", flags: argOptional},
			docArg{name: "withhash", typ: argPureToken, token: "WITHHASH", flags: argOptional},
		)...),
	},
	"geosearchstore": {
		summary:    "Find the members of a geo index inside a circle or a box, and store them as a sorted set.",
		since:      "6.2.0",
		group:      "geo",
		complexity: geoSearchComplexity,
		history: []docChange{
			{"7.0.0", "Units may be written in upper case."},
		},
		acl: aclGeo,
		keySpecs: []keySpec{
			{flags: keyOW | keyUpdate, index: 1, step: 1},
			{flags: keyRO | keyAccess, index: 2, step: 1},
		},
		args: append([]docArg{
			{name: "destination", typ: argKey},
			{name: "source", typ: argKey, keySpec: 1},
		}, append(geoSearchArgs(),
			docArg{name: "storedist", typ: argPureToken, token: "STOREDIST", flags: argOptional},
		)...),
	},
}

const (
	geoRadiusComplexity = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index."
	geoSearchComplexity = "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape"
)

// geoUnitArg is the unit a distance is given or wanted in.
func geoUnitArg(flags argFlags) docArg {
	return docArg{name: "unit", typ: argOneOf, flags: flags, args: []docArg{
		{name: "m", typ: argPureToken, token: "M"},
		{name: "km", typ: argPureToken, token: "KM"},
		{name: "ft", typ: argPureToken, token: "FT"},
		{name: "mi", typ: argPureToken, token: "MI"},
	}}
}

// geoCountArg is COUNT n [ANY]; anySince is when ANY appeared, if the
// command's docs say.
func geoCountArg(anySince string) docArg {
	return docArg{name: "count", typ: argBlock, flags: argOptional, args: []docArg{
		{name: "count", typ: argInteger, token: "COUNT"},
		{name: "any", typ: argPureToken, token: "ANY", since: anySince, flags: argOptional},
	}}
}

func geoOrderArg() docArg {
	return docArg{name: "order", typ: argOneOf, flags: argOptional, args: []docArg{
		{name: "asc", typ: argPureToken, token: "ASC"},
		{name: "desc", typ: argPureToken, token: "DESC"},
	}}
}

// geoRadiusKeySpecs are GEORADIUS's (and GEORADIUSBYMEMBER's) keys: the
// source, and the key after STORE or STOREDIST, searched for from
// argument startFrom on.
func geoRadiusKeySpecs(startFrom int) []keySpec {
	return []keySpec{
		{flags: keyRO | keyAccess, index: 1, step: 1},
		{flags: keyOW | keyUpdate, keyword: "STORE", index: startFrom, step: 1},
		{flags: keyOW | keyUpdate, keyword: "STOREDIST", index: startFrom, step: 1},
	}
}

// geoRadiusArgs are the GEORADIUS family's arguments: the center as a
// point (or a member), the radius, the options and (store) STORE and
// STOREDIST.
func geoRadiusArgs(byPoint bool, anySince string, store bool) []docArg {
	args := []docArg{{name: "key", typ: argKey}}
	if byPoint {
		args = append(args, docArg{name: "longitude", typ: argDouble}, docArg{name: "latitude", typ: argDouble})
	} else {
		args = append(args, docArg{name: "member", typ: argString})
	}
	args = append(args,
		docArg{name: "radius", typ: argDouble},
		geoUnitArg(0),
		docArg{name: "withcoord", typ: argPureToken, token: "WITHCOORD", flags: argOptional},
		docArg{name: "withdist", typ: argPureToken, token: "WITHDIST", flags: argOptional},
		docArg{name: "withhash", typ: argPureToken, token: "WITHHASH", flags: argOptional},
		geoCountArg(anySince),
		geoOrderArg(),
	)
	if store {
		args = append(args,
			docArg{name: "key", typ: argKey, token: "STORE", keySpec: 1, flags: argOptional},
			docArg{name: "key", typ: argKey, token: "STOREDIST", keySpec: 2, flags: argOptional},
		)
	}
	return args
}

// geoSearchArgs are GEOSEARCH's center, shape, order and count.
func geoSearchArgs() []docArg {
	return []docArg{
		{name: "from", typ: argOneOf, args: []docArg{
			{name: "member", typ: argString, token: "FROMMEMBER"},
			{name: "longitude_latitude", typ: argBlock, token: "FROMLONLAT", args: []docArg{
				{name: "longitude", typ: argDouble},
				{name: "latitude", typ: argDouble},
			}},
		}},
		{name: "by", typ: argOneOf, args: []docArg{
			{name: "circle", typ: argBlock, args: []docArg{
				{name: "radius", typ: argDouble, token: "BYRADIUS"},
				geoUnitArg(0),
			}},
			{name: "box", typ: argBlock, args: []docArg{
				{name: "width", typ: argDouble, token: "BYBOX"},
				{name: "height", typ: argDouble},
				geoUnitArg(0),
			}},
		}},
		geoOrderArg(),
		geoCountArg(""),
	}
}
