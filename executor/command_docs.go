package executor

// commandDocs documents every command and subcommand in the table, keyed
// by its full name ("get", "config|get"): COMMAND INFO's ACL categories,
// tips and key specifications, COMMAND DOCS' summary, since, group,
// complexity, history and arguments, and the key positions COMMAND
// GETKEYS finds. The facts are Redis 7.0.15's (its src/commands/*.json),
// written out by hand once; the summaries and history notes are our own.
// TestEveryCommandHasDocs keeps this table and the command table in step.
// The entries are kept by group, a file each (docs_*.go).
var commandDocs = mergeDocs(connectionDocs, pubsubDocs, serverDocs, keyDocs, expiryDocs, stringDocs, bitDocs, setDocs, hashDocs, memoryDocs, zsetDocs, zsetRangeDocs, zsetSetOpsDocs, listDocs,
	geoDocs, sortDocs)

// mergeDocs joins the groups' tables; a name in two of them is a mistake
// found at start.
func mergeDocs(parts ...map[string]*commandDoc) map[string]*commandDoc {
	all := map[string]*commandDoc{}
	for _, part := range parts {
		for name, doc := range part {
			if _, twice := all[name]; twice {
				panic("executor: " + name + " is documented twice")
			}
			all[name] = doc
		}
	}
	return all
}
