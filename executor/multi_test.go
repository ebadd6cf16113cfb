package executor

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"redis-lite/store"
)

func TestTransactionInPlaintext(t *testing.T) {
	got, _ := converse(t, newExecutor(), "MULTI\nSET a 1\nINCR a\nGET nokey\nEXEC\nEXEC\n")
	want := "OK\nQUEUED\nQUEUED\nQUEUED\n1) OK\n2) (integer) 2\n3) (nil)\n(error) ERR EXEC without MULTI\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// flagsAndMulti are CLIENT LIST's flags= and multi= for the session.
func flagsAndMulti(t *testing.T, s *Session) string {
	t.Helper()
	line := handle(t, s, "CLIENT INFO\r\n")
	m := regexp.MustCompile(`flags=(\S+) .* multi=(-?\d+) `).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no flags or multi in %q", line)
	}
	return m[1] + " " + m[2]
}

func TestClientListShowsTransactions(t *testing.T) {
	ex := newExecutor()
	s, other := ex.NewSession(nil), ex.NewSession(nil)
	if got := flagsAndMulti(t, s); got != "N -1" {
		t.Fatalf("before MULTI: %s", got)
	}
	handle(t, s, "WATCH k\r\nMULTI\r\nSET a 1\r\nSET b 2\r\n")
	handle(t, other, "SET k changed\r\n")
	// CLIENT INFO is queued inside MULTI, so another session looks.
	line := handle(t, other, "CLIENT LIST ID "+strconv.FormatInt(s.id, 10)+"\r\n")
	// multi-mem: "SET a 1" and "SET b 2", 5 bytes and 3 pointers each.
	if !regexp.MustCompile(`flags=xd .* multi=2 .* multi-mem=58 `).MatchString(line) {
		t.Fatalf("in MULTI with a touched watched key: %q", line)
	}
	if got := handle(t, s, "EXEC\r\n"); got != "*-1\r\n" {
		t.Fatalf("EXEC after the watched key changed: %q", got)
	}
	if got := flagsAndMulti(t, s); got != "N -1" {
		t.Fatalf("after EXEC: %s", got)
	}
}

func TestWatch(t *testing.T) {
	tests := []struct {
		name, before, other, want string
	}{
		{"untouched", "SET k 1\r\nWATCH k\r\nGET k\r\n", "GET k\r\nEXISTS k\r\n", "*1\r\n+PONG\r\n"},
		{"changed by another session", "SET k 1\r\nWATCH k\r\n", "SET k 1\r\n", "*-1\r\n"},
		{"deleted by another session", "SET k 1\r\nWATCH k\r\n", "DEL k\r\n", "*-1\r\n"},
		{"created by another session", "WATCH k\r\n", "SET k 1\r\n", "*-1\r\n"},
		{"a failed SET NX is no change", "SET k 1\r\nWATCH k\r\n", "SET k 2 NX\r\n", "*1\r\n+PONG\r\n"},
		{"changed by the session itself", "WATCH k\r\nAPPEND k x\r\n", "", "*-1\r\n"},
		{"renamed away", "SET k 1\r\nWATCH k\r\n", "RENAME k j\r\n", "*-1\r\n"},
		{"renamed onto", "SET j 1\r\nWATCH k\r\n", "RENAME j k\r\n", "*-1\r\n"},
		{"flushed", "SET k 1\r\nWATCH k\r\n", "FLUSHALL\r\n", "*-1\r\n"},
		{"a flush of a key that did not exist", "WATCH k\r\n", "FLUSHDB\r\n", "*1\r\n+PONG\r\n"},
		{"unwatched", "WATCH k\r\nUNWATCH\r\n", "SET k 1\r\n", "*1\r\n+PONG\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := newExecutor()
			s, other := ex.NewSession(nil), ex.NewSession(nil)
			handle(t, s, tt.before)
			handle(t, other, tt.other)
			if got := handle(t, s, "MULTI\r\nPING\r\nEXEC\r\n"); got != "+OK\r\n+QUEUED\r\n"+tt.want {
				t.Fatalf("got %q, want %q", got, "+OK\r\n+QUEUED\r\n"+tt.want)
			}
			if n := ex.watches.keys.Load(); n != 0 {
				t.Fatalf("%d keys still watched after EXEC", n)
			}
		})
	}
}

// waitPastExpiry polls the store's clock until key's expiry time is past,
// without touching the key (which would delete it).
func waitPastExpiry(t *testing.T, ex *Executor, expireAt int64) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for ex.dbs[0].Now() <= expireAt {
		if time.Now().After(deadline) {
			t.Fatal("the store's clock did not pass the expiry time")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestWatchAndExpiry: a watched key that expires fails EXEC, whether
// something deleted it or not yet; one already stale when watched does
// not, as in Redis.
func TestWatchAndExpiry(t *testing.T) {
	for _, deleteIt := range []bool{false, true} {
		ex := newExecutor()
		s := ex.NewSession(nil)
		expireAt := ex.dbs[0].Now() + 300 // alive when watched, even on a loaded machine
		handle(t, s, "SET k 1 PXAT "+strconv.FormatInt(expireAt, 10)+"\r\nWATCH k\r\n")
		waitPastExpiry(t, ex, expireAt)
		if deleteIt {
			handle(t, s, "GET k\r\n")
		}
		if got := handle(t, s, "MULTI\r\nPING\r\nEXEC\r\n"); got != "+OK\r\n+QUEUED\r\n*-1\r\n" {
			t.Fatalf("deleted %v: EXEC after the watched key expired: %q", deleteIt, got)
		}
	}
	ex := newExecutor()
	s := ex.NewSession(nil)
	expireAt := ex.dbs[0].Now() + 30
	handle(t, s, "SET k 1 PXAT "+strconv.FormatInt(expireAt, 10)+"\r\n")
	waitPastExpiry(t, ex, expireAt)
	if got := handle(t, s, "WATCH k\r\nEXISTS k\r\nFLUSHALL\r\nMULTI\r\nPING\r\nEXEC\r\n"); got != "+OK\r\n:0\r\n+OK\r\n+OK\r\n+QUEUED\r\n*1\r\n+PONG\r\n" {
		t.Fatalf("a key stale when watched: %q", got)
	}
}

func TestQueuingWhenOutOfMemory(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	handle(t, s, "MULTI\r\nGET x\r\n")
	ex.SetMaxMemory(1)
	if got := handle(t, s, "PING\r\nEXEC\r\n"); got != "-OOM command not allowed when used memory > 'maxmemory'.\r\n-EXECABORT Transaction discarded because of previous errors.\r\n" {
		t.Fatalf("queuing over maxmemory: %q", got)
	}
	if got := handle(t, s, "MULTI\r\nDISCARD\r\n"); got != "+OK\r\n+OK\r\n" {
		t.Fatalf("DISCARD over maxmemory: %q", got)
	}
	ex.SetMaxMemory(0)
	handle(t, s, "MULTI\r\nSET x 1\r\nGET x\r\n")
	ex.SetMaxMemory(1)
	if got := handle(t, s, "EXEC\r\n"); got != "-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n" {
		t.Fatalf("EXEC of a write over maxmemory: %q", got)
	}
	ex.SetMaxMemory(0)
	handle(t, s, "MULTI\r\nGET x\r\nPING\r\n")
	ex.SetMaxMemory(1)
	if got := handle(t, s, "EXEC\r\n"); got != "*2\r\n$-1\r\n+PONG\r\n" {
		t.Fatalf("EXEC of reads over maxmemory: %q", got)
	}
}

// TestReplayedTransaction: the append-only file's MULTI ... EXEC replays
// as one transaction.
func TestReplayedTransaction(t *testing.T) {
	st := store.New()
	ex := New(st, Config{})
	for _, cmd := range []string{"MULTI", "SET a 1", "SET b 2", "EXEC"} {
		var args [][]byte
		for _, f := range regexp.MustCompile(` `).Split(cmd, -1) {
			args = append(args, []byte(f))
		}
		if err := ex.Replay(args); err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
	}
	if v, _ := st.Get([]byte("b")); string(v) != "2" {
		t.Fatalf("b = %q after the replayed EXEC", v)
	}
}

// BenchmarkSessionSetWhileAnotherWatches is SET's cost once some session
// watches a key (not the one set): a map lookup under a mutex per write.
func BenchmarkSessionSetWhileAnotherWatches(b *testing.B) {
	ex := newExecutor()
	watcher := ex.NewSession(nil)
	watcher.Handle([]byte("WATCH other\r\n"), nil)
	s := ex.NewSession(nil)
	req := []byte("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n")
	out := make([]byte, 0, 64)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, out, _ = s.Handle(req, out[:0])
	}
}

// TestBroadcastTrackingOfATransaction: in BCAST mode what one EXEC changed
// comes after its reply, one message per prefix, as Redis gathers it.
func TestBroadcastTrackingOfATransaction(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	handle(t, s, "HELLO 3\r\nCLIENT TRACKING ON BCAST PREFIX a: PREFIX b:\r\n")
	got := handle(t, s, "MULTI\r\nINCR a:1\r\nINCR a:2\r\nINCR b:1\r\nINCR c:1\r\nEXEC\r\n")
	want := "+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n*4\r\n:1\r\n:1\r\n:1\r\n:1\r\n" +
		">2\r\n$10\r\ninvalidate\r\n*2\r\n$3\r\na:1\r\n$3\r\na:2\r\n" +
		">2\r\n$10\r\ninvalidate\r\n*1\r\n$3\r\nb:1\r\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestPauseWriteAndTransactions: under CLIENT PAUSE WRITE a transaction
// of reads runs, and EXEC of one that writes waits, as in Redis.
func TestPauseWriteAndTransactions(t *testing.T) {
	ex := newExecutor()
	admin, reader, writer := ex.NewSession(nil), ex.NewSession(nil), ex.NewSession(nil)
	handle(t, writer, "MULTI\r\nSET k v\r\n")
	handle(t, admin, "CLIENT PAUSE 100000 WRITE\r\n")
	if got := handle(t, reader, "MULTI\r\nPING\r\nGET k\r\nEXEC\r\n"); got != "+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n+PONG\r\n$-1\r\n" {
		t.Fatalf("reads in a transaction under a write pause: %q", got)
	}
	if _, out, _ := writer.Handle([]byte("EXEC\r\n"), nil); len(out) != 0 || writer.Held() == nil {
		t.Fatalf("EXEC of a write ran under the pause: %q", out)
	}
	handle(t, admin, "CLIENT UNPAUSE\r\n")
	select {
	case <-writer.Held():
	case <-time.After(10 * time.Second):
		t.Fatal("UNPAUSE did not release the held EXEC")
	}
	if got := handle(t, writer, ""); got != "*1\r\n+OK\r\n" {
		t.Fatalf("EXEC after UNPAUSE: %q", got)
	}
}

// TestWatchIsPerDatabase: WATCH watches the key of the database selected
// when it ran. The same name written in another database leaves EXEC
// alone; written in the watched one, or moved there by SWAPDB, it fails.
func TestWatchIsPerDatabase(t *testing.T) {
	exec := func(writer string) string {
		ex := newExecutor()
		s, other := ex.NewSession(nil), ex.NewSession(nil)
		handle(t, other, "SELECT 3\nSET k before\nSELECT 5\nSET k other\n")
		handle(t, s, "SELECT 3\nWATCH k\n")
		handle(t, other, writer)
		return handle(t, s, "MULTI\nGET k\nEXEC\n")
	}
	for _, tt := range []struct{ writer, want string }{
		{"SELECT 0\nSET k elsewhere\n", "OK\nQUEUED\n1) before\n"},
		{"SELECT 3\nSET k changed\n", "OK\nQUEUED\n(nil)\n"},
		{"SWAPDB 3 5\n", "OK\nQUEUED\n(nil)\n"},
		{"SWAPDB 0 1\n", "OK\nQUEUED\n1) before\n"},
	} {
		if got := exec(tt.writer); got != tt.want {
			t.Errorf("after %q: EXEC gave %q, want %q", tt.writer, got, tt.want)
		}
	}
}
