package executor

import (
	"sort"
	"strings"
	"testing"
	"time"

	"redis-lite/internal/testclock"
	"redis-lite/store"
)

func newClockedExecutor() (*Executor, *testclock.Clock) {
	c := testclock.New()
	return New(store.NewWithClock(c.Now), Config{}), c
}

// step is one plaintext request and its exact reply; advance moves the
// clock before the request.
type step struct {
	req, want string
	advance   time.Duration
}

func runSteps(t *testing.T, steps []step) {
	t.Helper()
	ex, clock := newClockedExecutor()
	s := ex.NewSession(nil)
	for _, st := range steps {
		clock.Advance(st.advance)
		_, out, _ := s.Handle([]byte(st.req+"\n"), nil)
		if got := strings.TrimSuffix(string(out), "\n"); got != st.want {
			t.Fatalf("%s: got %q, want %q", st.req, got, st.want)
		}
	}
}

func TestSetOptions(t *testing.T) {
	runSteps(t, []step{
		{req: "SET k v NX", want: "OK"},
		{req: "SET k v2 NX", want: "(nil)"},
		{req: "SET other v XX", want: "(nil)"},
		{req: "SET k v3 XX", want: "OK"},
		{req: "SET k v4 GET", want: "v3"},
		{req: "SET fresh v GET", want: "(nil)"},
		{req: "SET k v5 NX GET", want: "v4"},
		{req: "GET k", want: "v4"},
		{req: "SET k v EX 10", want: "OK"},
		{req: "TTL k", want: "(integer) 10"},
		{req: "SET k v PX 1500", want: "OK"},
		{req: "PTTL k", want: "(integer) 1500"},
		{req: "TTL k", want: "(integer) 2"},
		{req: "SET k v2 KEEPTTL", want: "OK"},
		{req: "PTTL k", want: "(integer) 1500"},
		{req: "SET k v3", want: "OK"},
		{req: "TTL k", want: "(integer) -1"},
		{req: "SET k v EXAT 1700000100", want: "OK"},
		{req: "TTL k", want: "(integer) 100"},
		{req: "SET k v PXAT 1700000000500", want: "OK"},
		{req: "PTTL k", want: "(integer) 500"},
		{req: "GET k", want: "(nil)", advance: 500 * time.Millisecond},
		{req: "SET k v EX 0", want: "(error) ERR invalid expire time in 'set' command"},
		{req: "SET k v EX -1", want: "(error) ERR invalid expire time in 'set' command"},
		{req: "SET k v PX 9223372036854775807", want: "(error) ERR invalid expire time in 'set' command"},
		{req: "SET k v EX 9223372036854775807", want: "(error) ERR invalid expire time in 'set' command"},
		{req: "SET k v EX x", want: "(error) ERR value is not an integer or out of range"},
		{req: "SET k v NX XX", want: "(error) ERR syntax error"},
		{req: "SET k v EX 10 PX 100", want: "(error) ERR syntax error"},
		{req: "SET k v KEEPTTL EX 10", want: "(error) ERR syntax error"},
		{req: "SET k v EX", want: "(error) ERR syntax error"},
		{req: "SET k v PERSIST", want: "(error) ERR syntax error"},
	})
}

// Redis lets SET and GETEX repeat an option (the last expiry wins, and
// only its number is read) but refuses two options that contradict each
// other; its option names are C strings, so a NUL ends one.
func TestSetAndGetexRepeatedOptions(t *testing.T) {
	runSteps(t, []step{
		{req: "SET k v EX 100 EX 200", want: "OK"},
		{req: "TTL k", want: "(integer) 200"},
		{req: "SET k v PX 1000 px 2000", want: "OK"},
		{req: "PTTL k", want: "(integer) 2000"},
		{req: "SET k v EXAT 1700000100 exat 1700000300", want: "OK"},
		{req: "TTL k", want: "(integer) 300"},
		{req: "SET k v PXAT 1700000001000 PXAT 1700000004000", want: "OK"},
		{req: "PTTL k", want: "(integer) 4000"},
		{req: "SET k v EX abc EX 10", want: "OK"},
		{req: "TTL k", want: "(integer) 10"},
		{req: "SET k v EX 0 EX 20", want: "OK"},
		{req: "TTL k", want: "(integer) 20"},
		{req: "SET k v EX 10 EX abc", want: "(error) ERR value is not an integer or out of range"},
		{req: "SET k v EX 10 EX 0", want: "(error) ERR invalid expire time in 'set' command"},
		{req: "SET k v EX 10 EX", want: "(error) ERR syntax error"},
		{req: "SET k v EX 10 EXAT 1700000100", want: "(error) ERR syntax error"},
		{req: "SET k v PXAT 1700000100000 PX 10", want: "(error) ERR syntax error"},
		{req: "SET k v2 KEEPTTL KEEPTTL", want: "OK"},
		{req: "TTL k", want: "(integer) 20"},
		{req: "SET k v KEEPTTL GET KEEPTTL", want: "v2"},
		{req: "SET k v EX 10 GET EX 30", want: "v"},
		{req: "TTL k", want: "(integer) 30"},
		{req: "SET k v EX 10 KEEPTTL", want: "(error) ERR syntax error"},
		{req: "SET k v KEEPTTL PX 10", want: "(error) ERR syntax error"},
		{req: "SET k v3 GET GET", want: "v"},
		{req: "SET k v NX NX", want: "(nil)"},
		{req: "SET k v4 XX xx", want: "OK"},
		{req: "SET k v XX NX", want: "(error) ERR syntax error"},
		{req: "GETEX k PX 1000 PX 2000", want: "v4"},
		{req: "PTTL k", want: "(integer) 2000"},
		{req: "GETEX k EX abc EX 50", want: "v4"},
		{req: "TTL k", want: "(integer) 50"},
		{req: "GETEX k EXAT 1 EXAT 1700000070", want: "v4"},
		{req: "TTL k", want: "(integer) 70"},
		{req: "GETEX k PERSIST PERSIST", want: "v4"},
		{req: "TTL k", want: "(integer) -1"},
		{req: "GETEX k EX 10 PERSIST", want: "(error) ERR syntax error"},
		{req: "GETEX k PERSIST PX 10", want: "(error) ERR syntax error"},
		{req: "GETEX k EX 10 PX 10", want: "(error) ERR syntax error"},
		{req: "GETEX k EX 10 EX", want: "(error) ERR syntax error"},
		{req: "GETEX k KEEPTTL", want: "(error) ERR syntax error"},
		{req: "GETEX k GET", want: "(error) ERR syntax error"},
		{req: `SET k v "NX\x00junk"`, want: "(nil)"},
		{req: `SET k v "ex\x00" 40`, want: "OK"},
		{req: "TTL k", want: "(integer) 40"},
		{req: `GETEX k "persist\x00x"`, want: "v"},
		{req: "TTL k", want: "(integer) -1"},
	})
}

func TestExpireFamily(t *testing.T) {
	runSteps(t, []step{
		{req: "TTL nokey", want: "(integer) -2"},
		{req: "PTTL nokey", want: "(integer) -2"},
		{req: "EXPIRE nokey 10", want: "(integer) 0"},
		{req: "SET k v", want: "OK"},
		{req: "TTL k", want: "(integer) -1"},
		{req: "EXPIRE k 10 XX", want: "(integer) 0"},
		{req: "EXPIRE k 10 GT", want: "(integer) 0"},
		{req: "EXPIRE k 10 LT", want: "(integer) 1"},
		{req: "EXPIRE k 20 NX", want: "(integer) 0"},
		{req: "EXPIRE k 20 GT", want: "(integer) 1"},
		{req: "TTL k", want: "(integer) 20"},
		{req: "EXPIRE k 5 GT", want: "(integer) 0"},
		{req: "PEXPIRE k 5000 XX", want: "(integer) 1"},
		{req: "PTTL k", want: "(integer) 5000"},
		{req: "PTTL k", want: "(integer) 4000", advance: time.Second},
		{req: "PERSIST k", want: "(integer) 1"},
		{req: "PERSIST k", want: "(integer) 0"},
		{req: "TTL k", want: "(integer) -1"},
		{req: "EXPIREAT k 1700000060", want: "(integer) 1"},
		{req: "TTL k", want: "(integer) 59"},
		{req: "PEXPIREAT k 1700000061500", want: "(integer) 1"},
		{req: "PTTL k", want: "(integer) 60500"},
		{req: "GET k", want: "v", advance: time.Minute},
		{req: "GET k", want: "(nil)", advance: 500 * time.Millisecond},
		{req: "SET gone v", want: "OK"},
		{req: "EXPIRE gone -1", want: "(integer) 1"},
		{req: "EXISTS gone", want: "(integer) 0"},
		{req: "SET gone v", want: "OK"},
		{req: "EXPIREAT gone 5", want: "(integer) 1"},
		{req: "EXISTS gone", want: "(integer) 0"},
		{req: "EXPIRE k 10 NX XX", want: "(error) ERR NX and XX, GT or LT options at the same time are not compatible"},
		{req: "EXPIRE k 10 GT LT", want: "(error) ERR GT and LT options at the same time are not compatible"},
		{req: "EXPIRE k 10 FOO", want: "(error) ERR Unsupported option FOO"},
		{req: "EXPIRE k x", want: "(error) ERR value is not an integer or out of range"},
		{req: "EXPIRE k 9223372036854775807", want: "(error) ERR invalid expire time in 'expire' command"},
		{req: "PEXPIRE k 9223372036854775807", want: "(error) ERR invalid expire time in 'pexpire' command"},
		{req: "EXPIRE k", want: "(error) ERR wrong number of arguments for 'expire' command"},
	})
}

func TestStringCommands(t *testing.T) {
	runSteps(t, []step{
		{req: "SETNX k v", want: "(integer) 1"},
		{req: "SETNX k v2", want: "(integer) 0"},
		{req: "APPEND k alue", want: "(integer) 5"},
		{req: "APPEND new abc", want: "(integer) 3"},
		{req: "STRLEN k", want: "(integer) 5"},
		{req: "STRLEN nokey", want: "(integer) 0"},
		{req: "GETDEL k", want: "value"},
		{req: "GETDEL k", want: "(nil)"},
		{req: "SETEX k 10 v", want: "OK"},
		{req: "TTL k", want: "(integer) 10"},
		{req: "PSETEX k 1500 v", want: "OK"},
		{req: "PTTL k", want: "(integer) 1500"},
		{req: "SETEX k 0 v", want: "(error) ERR invalid expire time in 'setex' command"},
		{req: "PSETEX k -1 v", want: "(error) ERR invalid expire time in 'psetex' command"},
		{req: "SETEX k x v", want: "(error) ERR value is not an integer or out of range"},
		{req: "GETEX k", want: "v"},
		{req: "PTTL k", want: "(integer) 1500"},
		{req: "GETEX k EX 100", want: "v"},
		{req: "TTL k", want: "(integer) 100"},
		{req: "GETEX k PERSIST", want: "v"},
		{req: "TTL k", want: "(integer) -1"},
		{req: "GETEX k PXAT 1700000002000", want: "v"},
		{req: "PTTL k", want: "(integer) 2000"},
		{req: "GETEX nokey EX 0", want: "(nil)"},
		{req: "GETEX k EX 0", want: "(error) ERR invalid expire time in 'getex' command"},
		{req: "GETEX k FOO", want: "(error) ERR syntax error"},
		{req: "GETEX k PERSIST EX 10", want: "(error) ERR syntax error"},
		{req: "GETEX k NX", want: "(error) ERR syntax error"},
		{req: "MSET a 1 b 2", want: "OK"},
		{req: "MGET a nokey b", want: "1) 1\n2) (nil)\n3) 2"},
		{req: "MSETNX a 9 c 3", want: "(integer) 0"},
		{req: "EXISTS c", want: "(integer) 0"},
		{req: "MSETNX c 3 d 4", want: "(integer) 1"},
		{req: "MSET a", want: "(error) ERR wrong number of arguments for 'mset' command"},
		{req: "MSETNX a 1 b", want: "(error) ERR wrong number of arguments for 'msetnx' command"},
		{req: "SET n 5", want: "OK"},
		{req: "EXPIRE n 100", want: "(integer) 1"},
		{req: "INCR n", want: "(integer) 6"},
		{req: "TTL n", want: "(integer) 100"},
		{req: "APPEND n 0", want: "(integer) 2"},
		{req: "TTL n", want: "(integer) 100"},
		{req: "INCR k", want: "(error) ERR value is not an integer or out of range"},
		{req: "GET k", want: "(nil)", advance: time.Hour},
		{req: "INCR k", want: "(integer) 1"},
	})
}

func TestKeyspaceCommands(t *testing.T) {
	runSteps(t, []step{
		{req: "TYPE nokey", want: "none"},
		{req: "SET k v", want: "OK"},
		{req: "TYPE k", want: "string"},
		{req: "RENAME nokey x", want: "(error) ERR no such key"},
		{req: "RENAMENX nokey x", want: "(error) ERR no such key"},
		{req: "EXPIRE k 100", want: "(integer) 1"},
		{req: "RENAME k k2", want: "OK"},
		{req: "TTL k2", want: "(integer) 100"},
		{req: "EXISTS k", want: "(integer) 0"},
		{req: "SET other o", want: "OK"},
		{req: "RENAMENX k2 other", want: "(integer) 0"},
		{req: "RENAMENX k2 k3", want: "(integer) 1"},
		{req: "RENAME k3 k3", want: "OK"},
		{req: "RENAMENX other other", want: "(integer) 0"},
		{req: "RENAME k3 other", want: "OK"},
		{req: "GET other", want: "v"},
		{req: "TOUCH other other nokey", want: "(integer) 2"},
		{req: "UNLINK other nokey", want: "(integer) 1"},
		{req: "RANDOMKEY", want: "(nil)"},
		{req: "SET only one", want: "OK"},
		{req: "RANDOMKEY", want: "only"},
		{req: "DBSIZE", want: "(integer) 1"},
		{req: "FLUSHDB", want: "OK"},
		{req: "DBSIZE", want: "(integer) 0"},
		{req: "FLUSHALL ASYNC", want: "OK"},
		{req: "FLUSHALL sync", want: "OK"},
		{req: "FLUSHDB foo", want: "(error) ERR syntax error"},
		{req: "KEYS", want: "(error) ERR wrong number of arguments for 'keys' command"},
		{req: "KEYS *", want: "(empty array)"},
		{req: "SCAN x", want: "(error) ERR invalid cursor"},
		{req: "SCAN 0 COUNT 0", want: "(error) ERR syntax error"},
		{req: "SCAN 0 COUNT x", want: "(error) ERR value is not an integer or out of range"},
		{req: "SCAN 0 FOO bar", want: "(error) ERR syntax error"},
		{req: "SCAN 0 MATCH", want: "(error) ERR syntax error"},
		{req: "SCAN 0", want: "1) 0\n2) (empty array)"},
	})
}

func TestKeysAndScanMatch(t *testing.T) {
	ex, clock := newClockedExecutor()
	s := ex.NewSession(nil)
	s.Handle([]byte("MSET user:1 a user:2 b user:10 c admin x\nSET user:dead v PX 10\n"), nil)
	clock.Advance(time.Second)
	_, out, _ := s.Handle([]byte("*2\r\n$4\r\nKEYS\r\n$6\r\nuser:?\r\n"), nil)
	keys := respStrings(t, string(out))
	sort.Strings(keys)
	if strings.Join(keys, ",") != "user:1,user:2" {
		t.Fatalf("KEYS user:? = %v", keys)
	}
	// SCAN with MATCH, followed to the end, gathers each match once.
	var all []string
	cursor := "0"
	for {
		_, out, _ = s.Handle([]byte("SCAN "+cursor+" MATCH user:* COUNT 1\n"), nil)
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		cursor = strings.TrimPrefix(lines[0], "1) ")
		for _, l := range lines[1:] {
			l = strings.TrimSpace(l)
			if i := strings.LastIndex(l, ") "); i >= 0 && l != "2) (empty array)" {
				all = append(all, l[i+2:])
			}
		}
		if cursor == "0" {
			break
		}
	}
	sort.Strings(all)
	if strings.Join(all, ",") != "user:1,user:10,user:2" {
		t.Fatalf("SCAN MATCH user:* gathered %v", all)
	}
	_, out, _ = s.Handle([]byte("SCAN 0 TYPE hash COUNT 1000\n"), nil)
	if string(out) != "1) 0\n2) (empty array)\n" {
		t.Fatalf("SCAN TYPE hash = %q", out)
	}
}

// respStrings reads a RESP array of bulk strings.
func respStrings(t *testing.T, reply string) []string {
	t.Helper()
	parts := strings.Split(reply, "\r\n")
	var out []string
	for i := 1; i+1 < len(parts); i += 2 {
		out = append(out, parts[i+1])
	}
	return out
}

func TestInfoCountsExpiries(t *testing.T) {
	ex, clock := newClockedExecutor()
	s := ex.NewSession(nil)
	s.Handle([]byte("SET a 1 EX 10\nSET b 2\n"), nil)
	_, out, _ := s.Handle([]byte("INFO keyspace\n"), nil)
	if !strings.Contains(string(out), "db0:keys=2,expires=1,") {
		t.Fatalf("INFO keyspace = %q", out)
	}
	clock.Advance(time.Minute)
	s.Handle([]byte("GET a\n"), nil)
	_, out, _ = s.Handle([]byte("INFO stats\n"), nil)
	if !strings.Contains(string(out), "expired_keys:1\r\n") {
		t.Fatalf("INFO stats = %q", out)
	}
}

// A time already past deletes the key at once, so DBSIZE and INFO
// keyspace stop counting it, as in Redis; SET with a past EXAT is the
// exception Redis makes: the key is stored, dead, until it is next touched
// or swept.
func TestPastExpiryDeletesAtOnce(t *testing.T) {
	tests := []struct {
		req, reply string
		dbsize     int
	}{
		{"GETEX k EXAT 1", "v", 0},
		{"GETEX k PXAT 1", "v", 0},
		{"GETEX k PXAT 1700000000000", "v", 0}, // the very millisecond counts as past
		{"GETEX k EXAT 1700000001", "v", 1},
		{"EXPIRE k -1", "(integer) 1", 0},
		{"EXPIRE k 0", "(integer) 1", 0},
		{"PEXPIRE k -5", "(integer) 1", 0},
		{"EXPIREAT k 1", "(integer) 1", 0},
		{"PEXPIREAT k 1700000000000", "(integer) 1", 0},
		{"SET k v EXAT 1", "OK", 1},
		{"SET k v PXAT 1", "OK", 1},
	}
	for _, tt := range tests {
		t.Run(tt.req, func(t *testing.T) {
			ex, _ := newClockedExecutor()
			s := ex.NewSession(nil)
			s.Handle([]byte("SET k v\n"), nil)
			_, out, _ := s.Handle([]byte(tt.req+"\n"), nil)
			if got := strings.TrimSuffix(string(out), "\n"); got != tt.reply {
				t.Fatalf("reply %q, want %q", got, tt.reply)
			}
			_, out, _ = s.Handle([]byte("DBSIZE\nINFO keyspace\n"), nil)
			wantKeyspace := "# Keyspace\r\n"
			if tt.dbsize > 0 {
				wantKeyspace += "db0:keys=1,expires=1,avg_ttl=0\r\n"
			}
			if want := "(integer) " + itoa(int64(tt.dbsize)) + "\n" + wantKeyspace + "\n"; string(out) != want {
				t.Fatalf("then DBSIZE, INFO keyspace: %q, want %q", out, want)
			}
		})
	}
}
