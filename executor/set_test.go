package executor

import (
	"slices"
	"strings"
	"testing"

	"redis-lite/sets"
	"redis-lite/store"
)

// setSession is a session on a fresh executor whose first database
// reports every change to changes, as the append-only file hears them.
func setSession(t *testing.T) (do func(req string) string, changes *[]store.Change) {
	ex := newExecutor()
	var seen []store.Change
	ex.dbs[0].Observe(func(c store.Change) {
		c.Key = slices.Clone(c.Key)
		c.Args = slices.Clone(c.Args)
		for i := range c.Args {
			c.Args[i] = slices.Clone(c.Args[i])
		}
		seen = append(seen, c)
	})
	s := ex.NewSession(nil)
	return func(req string) string {
		t.Helper()
		_, out, _ := s.Handle([]byte(req+"\r\n"), nil)
		return string(out)
	}, &seen
}

// changeCase is a request, its reply, and what it tells the append-only
// file: "put k", "del k" or the replay's words.
type changeCase struct {
	req, reply string
	want       []string
}

// checkChanges runs each case in turn through do and compares its reply
// and the changes recorded (setSession) with the case's.
func checkChanges(t *testing.T, do func(string) string, changes *[]store.Change, cases []changeCase) {
	t.Helper()
	for _, c := range cases {
		*changes = nil
		if got := do(c.req); got != c.reply {
			t.Fatalf("%s: reply %q, want %q", c.req, got, c.reply)
		}
		if got := changeWords(*changes); !slices.Equal(got, c.want) {
			t.Errorf("%s: changes %q, want %q", c.req, got, c.want)
		}
	}
}

func changeWords(changes []store.Change) []string {
	var got []string
	for _, ch := range changes {
		switch ch.Op {
		case store.ChangePut:
			got = append(got, "put "+string(ch.Key))
		case store.ChangeDelete:
			got = append(got, "del "+string(ch.Key))
		case store.ChangeApply:
			got = append(got, words(ch.Args))
		}
	}
	return got
}

func words(args [][]byte) string {
	var parts []string
	for _, a := range args {
		parts = append(parts, string(a))
	}
	return strings.Join(parts, " ")
}

// TestSetChangesReplay: what each set command tells the append-only file.
// A new key is Put whole, an in-place change is the command that redoes
// it, a set left empty is deleted; a command that changes nothing says
// nothing.
func TestSetChangesReplay(t *testing.T) {
	do, changes := setSession(t)
	checkChanges(t, do, changes, []changeCase{
		{"SADD s 1 2 3", ":3\r\n", []string{"put s"}},
		{"SADD s 3 4", ":1\r\n", []string{"SADD s 3 4"}},
		{"SADD s 4", ":0\r\n", nil},
		{"SREM s 9", ":0\r\n", nil},
		{"SREM s 1 9", ":1\r\n", []string{"SREM s 1 9"}},
		{"SMOVE s t 2", ":1\r\n", []string{"SREM s 2", "put t"}},
		{"SMOVE s t 3", ":1\r\n", []string{"SREM s 3", "SADD t 3"}},
		{"SMOVE s t 4", ":1\r\n", []string{"del s", "SADD t 4"}},
		{"SINTERSTORE u t t", ":3\r\n", []string{"put u"}},
		{"SINTERSTORE u t nokey", ":0\r\n", []string{"del u"}},
		{"SINTER t t", "*3\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n", nil},
		{"SREM t 2 3 4", ":3\r\n", []string{"del t"}},
	})
}

// TestSPopReplaysItsDraw: SPOP's changes name exactly the members it
// replied with, so the file repeats the draw; popping all of a set
// deletes it, and drawing most of a big one puts the rest whole.
func TestSPopReplaysItsDraw(t *testing.T) {
	do, changes := setSession(t)
	do("SADD s a b c d e f g h i j")
	*changes = nil
	reply := do("SPOP s 2")
	if len(*changes) != 1 || (*changes)[0].Op != store.ChangeApply {
		t.Fatalf("SPOP s 2: changes %+v", *changes)
	}
	replay := (*changes)[0].Args
	popped := strings.Split(strings.TrimSpace(reply), "\r\n")
	if len(replay) != 4 || string(replay[0]) != "SREM" || !strings.Contains(reply, "\r\n"+string(replay[2])+"\r\n") ||
		!strings.Contains(reply, "\r\n"+string(replay[3])+"\r\n") || len(popped) != 5 {
		t.Fatalf("SPOP s 2 replied %q, replay %q", reply, words(replay))
	}
	*changes = nil
	do("SPOP s 7") // 1 left: a fifth of 7 or less, so the rest is drawn into a new set
	if len(*changes) != 1 || (*changes)[0].Op != store.ChangePut || do("SCARD s") != ":1\r\n" {
		t.Fatalf("SPOP s 7: changes %+v", *changes)
	}
	*changes = nil
	do("SPOP s")
	if len(*changes) != 1 || (*changes)[0].Op != store.ChangeDelete {
		t.Fatalf("SPOP of the last member: changes %+v", *changes)
	}
}

func TestScanOptions(t *testing.T) {
	for _, c := range []struct {
		opts  string
		count int
		err   string
	}{
		{"", 10, ""}, {"COUNT 5", 5, ""}, {"count 5 MATCH a*", 5, ""}, {"COUNT 0", 0, errSyntax},
		{"COUNT -1", 0, errSyntax}, {"COUNT x", 0, errNotInteger}, {"MATCH", 0, errSyntax},
		{"TYPE set", 0, errSyntax}, {"COUNT 99999999999", 1 << 30, ""},
	} {
		var opts [][]byte
		for _, w := range strings.Fields(c.opts) {
			opts = append(opts, []byte(w))
		}
		count, _, err := scanOptions(opts)
		if err != c.err || (err == "" && count != c.count) {
			t.Errorf("%q: count %d, error %q; want %d, %q", c.opts, count, err, c.count, c.err)
		}
	}
}

func TestKeyNumRange(t *testing.T) {
	spec := keySpec{index: 1, byKeyNum: true, firstKey: 1, step: 1}
	for _, c := range []struct {
		line        string
		first, last int
		ok          bool
	}{
		{"sintercard 2 a b", 2, 3, true}, {"sintercard 2 a b LIMIT 1", 2, 3, true}, {"sintercard 1 a b", 2, 2, true},
		{"sintercard 3 a b", 0, 0, false}, {"sintercard 0 a", 0, 0, false}, {"sintercard x a", 0, 0, false},
		{"sintercard 2abc a b", 2, 3, true}, {"sintercard -1 a", 0, 0, false},
	} {
		var line [][]byte
		for _, w := range strings.Fields(c.line) {
			line = append(line, []byte(w))
		}
		first, last, ok := keyNumRange(spec, line)
		if ok != c.ok || (ok && (first != c.first || last != c.last)) {
			t.Errorf("%q: %d..%d %v; want %d..%d %v", c.line, first, last, ok, c.first, c.last, c.ok)
		}
	}
}

// TestSetMaxIntsetEntriesIsLive: the setting applies to the next member
// added, and a set already a hashtable stays one.
func TestSetMaxIntsetEntriesIsLive(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	do := func(req string) string {
		t.Helper()
		_, out, _ := s.Handle([]byte(req+"\r\n"), nil)
		return string(out)
	}
	ex.SetSetMaxIntsetEntries(2)
	do("SADD a 1 2")
	encoding := func(key string) string {
		var enc string
		ex.dbs[0].View([]byte(key), func(e store.Entry, ok bool) { enc = e.Obj.(*sets.Set).Encoding() })
		return enc
	}
	if encoding("a") != "intset" {
		t.Fatal("2 integers with the limit at 2: not an intset")
	}
	do("SADD a 3")
	ex.SetSetMaxIntsetEntries(512)
	do("SADD b 1 2 3")
	if encoding("a") != "hashtable" || encoding("b") != "intset" {
		t.Fatalf("a %s, b %s; want hashtable, intset", encoding("a"), encoding("b"))
	}
}
