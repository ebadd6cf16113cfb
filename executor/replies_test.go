package executor

import (
	"strings"
	"syscall"
	"testing"

	"redis-lite/store"
)

// exchange is one plaintext request and its exact reply (without the
// final newline).
type exchange struct{ req, want string }

// runExchanges sends each request in turn on one session of ex.
func runExchanges(t *testing.T, ex *Executor, steps []exchange) {
	t.Helper()
	s := ex.NewSession(&recorder{})
	for _, st := range steps {
		_, out, _ := s.Handle([]byte(st.req+"\n"), nil)
		if got := strings.TrimSuffix(string(out), "\n"); got != st.want {
			t.Fatalf("%.60s: got %q, want %q", st.req, got, st.want)
		}
	}
}

// Subcommands are looked up and checked as Redis checks them: an unknown
// one and a wrong arity are answered with the subcommand's full name
// ('config|resetstat'), before NOAUTH; a handler's own refusals use Redis's
// texts.
func TestSubcommandReplies(t *testing.T) {
	unknown := func(sub, container string) string {
		return "(error) ERR unknown subcommand '" + sub + "'. Try " + container + " HELP."
	}
	tests := []struct {
		name     string
		password string
		steps    []exchange
	}{
		{"CONFIG", "", []exchange{
			{"CONFIG RESETSTAT x", "(error) ERR wrong number of arguments for 'config|resetstat' command"},
			{"config resetstat", "OK"},
			{"CONFIG GET", "(error) ERR wrong number of arguments for 'config|get' command"},
			{"CONFIG", "(error) ERR wrong number of arguments for 'config' command"},
			{"CONFIG FOO", unknown("FOO", "CONFIG")},
			{"config foo", unknown("foo", "CONFIG")},
			{`CONFIG "F\x00OO" x`, unknown("F", "CONFIG")},
			{"CONFIG " + strings.Repeat("s", 200), unknown(strings.Repeat("s", 128), "CONFIG")},
		}},
		{"PUBSUB", "", []exchange{
			{"PUBSUB CHANNELS a b", "(error) ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."},
			{"pubsub Channels a b c", "(error) ERR unknown subcommand or wrong number of arguments for 'Channels'. Try PUBSUB HELP."},
			{"PUBSUB CHANNELS *", "(empty array)"},
			{"PUBSUB NUMPAT x", "(error) ERR wrong number of arguments for 'pubsub|numpat' command"},
			{"PUBSUB", "(error) ERR wrong number of arguments for 'pubsub' command"},
			{"PUBSUB FOO", unknown("FOO", "PUBSUB")},
		}},
		{"COMMAND", "", []exchange{
			{"COMMAND LIST x", "(error) ERR syntax error"},
			{"COMMAND LIST FILTERBY pattern get", "1) get"},
			{"COMMAND LIST FILTERBY PATTERN CONFIG|*", "1) config|get\n2) config|help\n3) config|resetstat\n4) config|rewrite\n5) config|set"},
			{"COMMAND LIST FILTERBY MODULE x", "(empty array)"},
			{"COMMAND LIST FILTERBY ACLCAT nosuch", "(empty array)"},
			{"COMMAND LIST FILTERBY foo x", "(error) ERR syntax error"},
			{"COMMAND LIST FILTERBY pattern", "(error) ERR syntax error"},
			{"COMMAND LIST FILTERBY pattern get x", "(error) ERR syntax error"},
			{"COMMAND COUNT x", "(error) ERR wrong number of arguments for 'command|count' command"},
			{"COMMAND INFO nosuch get|x a|b|c config|", "1) (nil)\n2) (nil)\n3) (nil)\n4) (nil)"},
			{"COMMAND FOO", unknown("FOO", "COMMAND")},
		}},
		{"CLIENT", "", []exchange{
			{"CLIENT ID x", "(error) ERR wrong number of arguments for 'client|id' command"},
			{"CLIENT SETNAME", "(error) ERR wrong number of arguments for 'client|setname' command"},
			{"CLIENT FOO", unknown("FOO", "CLIENT")},
			{"CLIENT SETINFO " + strings.Repeat("o", 200) + " x", "(error) ERR Unrecognized option '" + strings.Repeat("o", 200) + "'"},
		}},
		{"before AUTH", "pw", []exchange{
			{"CONFIG FOO", unknown("FOO", "CONFIG")},
			{"CONFIG RESETSTAT x", "(error) ERR wrong number of arguments for 'config|resetstat' command"},
			{"CONFIG GET save", "(error) NOAUTH Authentication required."},
			{"CLIENT ID", "(error) NOAUTH Authentication required."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runExchanges(t, New(store.New(), Config{RequirePass: tt.password}), tt.steps)
		})
	}
}

// COMMAND INFO takes a subcommand by its full name, describes the
// subcommands of a container, and with no name describes every command.
func TestCommandInfoKnowsSubcommands(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	_, out, _ := s.Handle([]byte(resp("COMMAND", "INFO", "CONFIG|get")), nil)
	if want := "*1\r\n*10\r\n$10\r\nconfig|get\r\n:-3\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n*0\r\n"; string(out) != want {
		t.Fatalf("COMMAND INFO config|get:\n%q\nwant\n%q", out, want)
	}
	_, out, _ = s.Handle([]byte(resp("COMMAND", "INFO", "config")), nil)
	if !strings.Contains(string(out), "*5\r\n*10\r\n$10\r\nconfig|get\r\n:-3\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n*0\r\n") ||
		!strings.HasSuffix(string(out), "*10\r\n$10\r\nconfig|set\r\n:-4\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n"+
			"*2\r\n$24\r\nrequest_policy:all_nodes\r\n$29\r\nresponse_policy:all_succeeded\r\n*0\r\n*0\r\n") {
		t.Fatalf("COMMAND INFO config does not end with its five subcommands: %q", out)
	}
	_, all, _ := s.Handle([]byte(resp("COMMAND")), nil)
	_, info, _ := s.Handle([]byte(resp("COMMAND", "INFO")), nil)
	if string(info) != string(all) || !strings.HasPrefix(string(all), "*"+itoa(int64(len(ex.commands)))+"\r\n") {
		t.Fatalf("COMMAND INFO with no names (%d bytes) is not COMMAND (%d bytes)", len(info), len(all))
	}
}

// In subscribed mode a refused subcommand is named as Redis names it.
func TestSubscribedContextNamesSubcommands(t *testing.T) {
	can := func(name string) string {
		return "(error) ERR Can't execute '" + name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
	}
	runExchanges(t, newExecutor(), []exchange{
		{"SUBSCRIBE ch", ""},
		{"PUBSUB NUMPAT", can("pubsub|numpat")},
		{"CLIENT ID", can("client|id")},
		{"CONFIG GET save", can("config|get")},
		{"COMMAND", can("command")},
		{"PUBSUB FOO", "(error) ERR unknown subcommand 'FOO'. Try PUBSUB HELP."},
		{"PUBSUB", "(error) ERR wrong number of arguments for 'pubsub' command"},
	})
}

// Texts that differed from Redis 7.0.15's, byte for byte.
func TestRedisTexts(t *testing.T) {
	runExchanges(t, newExecutor(), []exchange{
		{"SELECT 4294967296", "(error) ERR value is out of range, value must between -2147483648 and 2147483647"},
		{"SELECT -2147483649", "(error) ERR value is out of range, value must between -2147483648 and 2147483647"},
		{"SELECT 2147483647", "(error) ERR DB index is out of range"},
		{"SELECT -1", "(error) ERR DB index is out of range"},
		{"SELECT 99999999999999999999", "(error) ERR value is not an integer or out of range"},
		{"CONFIG GET SAVE", "1) SAVE\n2) "},
		{"CONFIG GET save SAVE", "1) save\n2) "},
		{"CONFIG GET SAVE sa*", "1) SAVE\n2) "},
		{"CONFIG GET sa* SAVE", "1) save\n2) "},
		{"CONFIG GET Appendonly nosuch", "1) Appendonly\n2) no"},
		{"CONFIG GET \"sav\\x00\"", "(empty array)"},
		{"SET k v", "OK"},
		{"EXPIRE k 10 " + strings.Repeat("x", 200), "(error) ERR Unsupported option " + strings.Repeat("x", 200)},
		{`EXPIRE k 10 "ab\x00cd"`, "(error) ERR Unsupported option ab"},
		{`EXPIRE k 10 "ab\r\n"`, "(error) ERR Unsupported option ab"},
		{`EXPIRE k 10 "a\nb"`, "(error) ERR Unsupported option a b"},
		{`EXPIRE k 10 "GT\x00x"`, "(integer) 0"},
	})
}

// brokenDisk is a Persistence whose file cannot be written.
type brokenDisk struct{}

func (brokenDisk) WaitDurable() error      { return nil }
func (brokenDisk) WriteError() error       { return syscall.ENOSPC }
func (brokenDisk) StartRewrite() error     { return nil }
func (brokenDisk) InfoFields() [][2]string { return nil }

// Redis refuses a write for memory (OOM) first, then for the disk
// (MISCONF, PING included), and only then for subscribed mode.
func TestRefusalsComeInRedisOrder(t *testing.T) {
	misconf := "(error) MISCONF Errors writing to the AOF file: No space left on device"
	can := "(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
	disk := newExecutor()
	disk.UsePersistence(brokenDisk{})
	full := New(store.New(), Config{MaxMemory: 1}) // any heap is over one byte
	full.sampleMemory()
	tests := []struct {
		name  string
		ex    *Executor
		steps []exchange
	}{
		{"disk, subscribed", disk, []exchange{
			{"SUBSCRIBE ch", ""},
			{"SET k v", misconf},
			{"PING", misconf},
			{"GET k", can},
		}},
		{"disk", disk, []exchange{
			{"PING", misconf},
			{"GET k", "(nil)"},
		}},
		{"memory, subscribed", full, []exchange{
			{"SUBSCRIBE ch", ""},
			{"SET k v", "(error) OOM command not allowed when used memory > 'maxmemory'."},
			{"GET k", can},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runExchanges(t, tt.ex, tt.steps) })
	}
}

// Option words are compared as Redis's strcasecmp compares them: ASCII
// letters only (Go's EqualFold would also match "ſtring", with a long s,
// to "string") and up to the first NUL.
func TestOptionNamesAreASCIICStrings(t *testing.T) {
	runExchanges(t, newExecutor(), []exchange{
		{"SET k v", "OK"},
		{"SCAN 0 TYPE ſtring", "1) 0\n2) (empty array)"},
		{`SCAN 0 TYPE "STRING\x00x"`, "1) 0\n2) 1) k"},
		{`SCAN 0 "count\x00" 5`, "1) 0\n2) 1) k"},
		{"EXPIRE k 10 ſx", "(error) ERR Unsupported option ſx"},
		{"SET k v ſx", "(error) ERR syntax error"},
		{"FLUSHALL ſync", "(error) ERR syntax error"},
		{`FLUSHALL "sync\x00x"`, "OK"},
	})
}
