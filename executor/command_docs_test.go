package executor

import (
	"sort"
	"strings"
	"testing"
)

// allCommands are every command and subcommand of the table.
func allCommands() []*command {
	var all []*command
	for _, group := range commandGroups {
		for i := range group {
			all = append(all, &group[i])
			for j := range group[i].subs {
				all = append(all, &group[i].subs[j])
			}
		}
	}
	return all
}

// The documentation table and the command table name the same commands,
// and each entry is complete and consistent with itself.
func TestEveryCommandHasDocs(t *testing.T) {
	inTable := map[string]bool{}
	for _, c := range allCommands() {
		inTable[c.name] = true
		d, ok := commandDocs[c.name]
		if !ok {
			t.Errorf("%s: no entry in commandDocs", c.name)
			continue
		}
		if c.doc != d {
			t.Errorf("%s: its doc is not its commandDocs entry", c.name)
		}
	}
	for name, d := range commandDocs {
		if !inTable[name] {
			t.Errorf("%s: documented but not in the command table", name)
		}
		// Redis gives MONITOR no complexity; every other command has one.
		if d.summary == "" || d.since == "" || d.group == "" || (d.complexity == "" && name != "monitor") {
			t.Errorf("%s: summary, since, group and complexity are all needed", name)
		}
		checkArgs(t, name, d, d.args)
		for _, spec := range d.keySpecs {
			if !spec.unknown && (spec.index < 1 || spec.step < 1) {
				t.Errorf("%s: key spec %+v", name, spec)
			}
			if spec.unknown && d.findKeys == nil {
				t.Errorf("%s: an unknown key spec and no function to find the keys", name)
			}
			if spec.flags&keyVariableFlags != 0 && d.variableKeyFlags == nil {
				t.Errorf("%s: variable key flags and no function to work them out", name)
			}
		}
	}
}

func checkArgs(t *testing.T, name string, d *commandDoc, args []docArg) {
	t.Helper()
	for _, a := range args {
		if a.typ == argKey && a.keySpec >= len(d.keySpecs) {
			t.Errorf("%s: argument %s names key spec %d of %d", name, a.name, a.keySpec, len(d.keySpecs))
		}
		if (a.typ == argOneOf || a.typ == argBlock) != (len(a.args) > 0) {
			t.Errorf("%s: argument %s: only a oneof or a block has nested arguments", name, a.name)
		}
		checkArgs(t, name, d, a.args)
	}
}

// The key positions COMMAND reports come from the key specs, merged as
// Redis merges them.
func TestLegacyKeyRange(t *testing.T) {
	tests := []struct {
		name              string
		first, last, step int
	}{
		{"get", 1, 1, 1}, {"del", 1, -1, 1}, {"mset", 1, -1, 2}, {"rename", 1, 2, 1}, {"ping", 0, 0, 0},
		{"config|get", 0, 0, 0},
	}
	table := commandTable()
	for _, tt := range tests {
		c := table[tt.name]
		if before, sub, ok := strings.Cut(tt.name, "|"); ok {
			c = table[before].subcommands[sub]
		}
		if c.firstKey != tt.first || c.lastKey != tt.last || c.keyStep != tt.step {
			t.Errorf("%s: %d %d %d, want %d %d %d", tt.name, c.firstKey, c.lastKey, c.keyStep, tt.first, tt.last, tt.step)
		}
	}
}

func TestCommandGetKeys(t *testing.T) {
	runExchanges(t, newExecutor(), []exchange{
		{"COMMAND GETKEYS get k", "1) k"},
		{"COMMAND GETKEYS MSET a 1 b 2", "1) a\n2) b"},
		{"COMMAND GETKEYS rename a b", "1) a\n2) b"},
		{"COMMAND GETKEYSANDFLAGS set k v", "1) 1) k\n   2) 1) OW\n      2) update"},
		{"COMMAND GETKEYSANDFLAGS set k v GET", "1) 1) k\n   2) 1) RW\n      2) access\n      3) update"},
		{"COMMAND GETKEYSANDFLAGS del a b", "1) 1) a\n   2) 1) RM\n      2) delete\n2) 1) b\n   2) 1) RM\n      2) delete"},
		{"COMMAND GETKEYS nosuch a", "(error) ERR Invalid command specified"},
		{"COMMAND GETKEYS config nosuch", "(error) ERR Invalid command specified"},
		{"COMMAND GETKEYS ping a", "(error) ERR The command has no key arguments"},
		{"COMMAND GETKEYS config get a", "(error) ERR The command has no key arguments"},
		{"COMMAND GETKEYS get a b", "(error) ERR Invalid number of arguments specified for command"},
		{"COMMAND GETKEYS set a", "(error) ERR Invalid number of arguments specified for command"},
		{"COMMAND GETKEYS get", "(error) ERR wrong number of arguments for 'command|getkeys' command"},
	})
}

// COMMAND LIST FILTERBY ACLCAT lists exactly the commands and subcommands
// in the category, whatever the table holds.
func TestCommandListByCategory(t *testing.T) {
	for _, cat := range []string{"read", "write", "string", "keyspace", "pubsub", "connection", "admin", "slow", "fast"} {
		var want []string
		for _, c := range allCommands() {
			if c.aclCategories()&aclCategoryByName([]byte(cat)) != 0 {
				want = append(want, c.name)
			}
		}
		if len(want) == 0 {
			t.Fatalf("no command is in @%s", cat)
		}
		sort.Strings(want)
		s := newExecutor().NewSession(nil)
		_, out, _ := s.Handle([]byte(resp("COMMAND", "LIST", "FILTERBY", "ACLCAT", strings.ToUpper(cat))), nil)
		var got []string
		for _, line := range strings.Split(string(out), "\r\n") {
			if line != "" && line[0] != '*' && line[0] != '$' {
				got = append(got, line)
			}
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("@%s: got %v, want %v", cat, got, want)
		}
	}
}

// redis-cli reads COMMAND DOCS as maps of fields, flat name-value lists
// in RESP2: every entry and every argument.
func TestCommandDocsShape(t *testing.T) {
	s := newExecutor().NewSession(nil)
	summary := commandDocs["get"].summary
	_, out, _ := s.Handle([]byte(resp("COMMAND", "DOCS", "nosuch")+resp("COMMAND", "DOCS", "get", "nosuch")), nil)
	want := "*0\r\n" + "*2\r\n$3\r\nget\r\n*10\r\n" +
		"$7\r\nsummary\r\n$" + itoa(int64(len(summary))) + "\r\n" + summary + "\r\n" +
		"$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n" +
		"$9\r\narguments\r\n*1\r\n*6\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n"
	if string(out) != want {
		t.Fatalf("COMMAND DOCS:\n%q\nwant\n%q", out, want)
	}
}

func TestCommandHelp(t *testing.T) {
	s := newExecutor().NewSession(nil)
	_, out, _ := s.Handle([]byte("command help\n"), nil)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(commandHelp)+3 || !strings.HasSuffix(lines[0], "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:") ||
		!strings.HasSuffix(lines[len(lines)-1], "Prints this help.") {
		t.Fatalf("COMMAND HELP: %q", out)
	}
	for _, sub := range commandSubcommands {
		word := strings.ToUpper(strings.TrimPrefix(sub.name, "command|"))
		if !strings.Contains(string(out), ") "+word) {
			t.Errorf("COMMAND HELP does not mention %s", word)
		}
	}
}
