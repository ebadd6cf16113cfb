package executor

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"redis-lite/store"
)

func argsOf(ws ...string) [][]byte {
	out := make([][]byte, len(ws))
	for i, w := range ws {
		out[i] = []byte(w)
	}
	return out
}

func TestSlowArgsTrimsAndRedactsAsRedis(t *testing.T) {
	var many []string
	for i := range 40 {
		many = append(many, strconv.Itoa(i))
	}
	tests := []struct {
		name string
		cmd  *command
		args [][]byte
		want []string
	}{
		{"32 arguments are kept", &command{name: "mset"}, argsOf(many[:32]...), many[:32]},
		{"33 and more: 31 and a count", &command{name: "mset"}, argsOf(many[:33]...),
			append(append([]string{}, many[:31]...), "... (2 more arguments)")},
		{"40", &command{name: "mset"}, argsOf(many...), append(append([]string{}, many[:31]...), "... (9 more arguments)")},
		{"128 bytes are kept", &command{name: "set"}, argsOf("set", strings.Repeat("k", 128)), []string{"set", strings.Repeat("k", 128)}},
		{"129 bytes are cut", &command{name: "set"}, argsOf("set", strings.Repeat("k", 129)),
			[]string{"set", strings.Repeat("k", 128) + "... (1 more bytes)"}},
		{"AUTH's password", &command{name: "auth"}, argsOf("AUTH", "user", "pw"), []string{"AUTH", "(redacted)", "(redacted)"}},
		{"CONFIG SET's secrets only", &command{name: "config|set"}, argsOf("CONFIG", "SET", "maxmemory", "1", "REQUIREPASS", "pw"),
			[]string{"CONFIG", "SET", "maxmemory", "1", "REQUIREPASS", "(redacted)"}},
		{"CONFIG SET of the wrong shape is not read", &command{name: "config|set"}, argsOf("CONFIG", "SET", "requirepass"),
			[]string{"CONFIG", "SET", "requirepass"}},
	}
	for _, tt := range tests {
		got := slowArgs(tt.cmd, tt.args)
		var gotS []string
		for _, a := range got {
			gotS = append(gotS, string(a))
		}
		if fmt.Sprint(gotS) != fmt.Sprint(tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, gotS, tt.want)
		}
	}
	// The entry owns its bytes: the request's buffer is reused.
	args := argsOf("set", "value")
	kept := slowArgs(&command{name: "set"}, args)
	args[1][0] = 'X'
	if string(kept[1]) != "value" {
		t.Errorf("the entry shares the request's bytes: %q", kept[1])
	}
}

func TestSlowLogKeepsTheNewestAndCountsOn(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	ex.SetSlowlog(0, 3)
	for i := range 5 {
		ex.slowlog.add(s, &command{name: "get"}, argsOf("GET", strconv.Itoa(i)), time.Duration(i)*time.Microsecond)
	}
	got := ex.slowlog.newest(10)
	if len(got) != 3 || got[0].id != 4 || string(got[0].args[1]) != "4" || got[2].id != 2 || got[0].micros != 4 {
		t.Fatalf("newest: %+v", got)
	}
	ex.slowlog.reset()
	ex.slowlog.add(s, &command{name: "get"}, argsOf("GET", "x"), 0)
	if got := ex.slowlog.newest(10); len(got) != 1 || got[0].id != 5 {
		t.Fatalf("after RESET ids go on: %+v", got)
	}
	// A smaller slowlog-max-len trims at the next entry, as in Redis.
	ex.SetSlowlog(0, 1)
	ex.slowlog.add(s, &command{name: "get"}, argsOf("GET", "y"), 0)
	if ex.slowlog.length() != 1 {
		t.Fatalf("length %d after slowlog-max-len 1", ex.slowlog.length())
	}
}

func TestSlowLogThresholdAndFlags(t *testing.T) {
	ex := New(store.New(), Config{EnableDebug: true})
	ex.SetSlowlog(0, 128)
	out, _ := converse(t, ex, "MULTI\r\nSET a 1\r\nEXEC\r\nSLOWLOG LEN\r\n")
	// MULTI and SET (run by EXEC) are logged; EXEC and the queuing are not.
	if !strings.HasSuffix(out, ":2\r\n") {
		t.Errorf("after MULTI, SET, EXEC: %q", out)
	}
	ex.SetSlowlog(-1, 128)
	ex.slowlog.reset()
	if out, _ := converse(t, ex, "DEBUG SLEEP 0\r\nSLOWLOG LEN\r\n"); !strings.HasSuffix(out, ":0\r\n") {
		t.Errorf("with the log off: %q", out)
	}
	ex.SetSlowlog(int64(time.Hour/time.Microsecond), 128)
	if out, _ := converse(t, ex, "GET a\r\nSLOWLOG LEN\r\n"); !strings.HasSuffix(out, ":0\r\n") {
		t.Errorf("under the threshold: %q", out)
	}
}

// TestEXECLockWaitIsNoCommandsRunTime: the time EXEC waits for other
// sessions' batches to end is not counted to the commands it runs, so a
// fast SET inside it is not logged as slow.
func TestEXECLockWaitIsNoCommandsRunTime(t *testing.T) {
	ex := New(store.New(), Config{})
	ex.SetSlowlog(int64(100*time.Millisecond/time.Microsecond), 128)
	other := ex.NewSession(nil)
	other.lockForBatch() // another session in the middle of its batch
	done := make(chan string, 1)
	go func() {
		out, _ := converse(t, ex, "MULTI\r\nSET a 1\r\nEXEC\r\n")
		done <- out
	}()
	// Wait until EXEC waits for the lock (a waiting writer makes readers
	// fail to get it), then keep it waiting past the threshold.
	deadline := time.Now().Add(10 * time.Second)
	for ex.exclusive.TryRLock() {
		ex.exclusive.RUnlock()
		if time.Now().After(deadline) {
			t.Fatal("EXEC never waited for the lock")
		}
		runtime.Gosched()
	}
	time.Sleep(150 * time.Millisecond) // the wait to be left out, not a synchronisation
	other.unlockAfterBatch()
	if out := <-done; out != "+OK\r\n+QUEUED\r\n*1\r\n+OK\r\n" {
		t.Fatalf("EXEC: %q", out)
	}
	if n := ex.slowlog.length(); n != 0 {
		t.Fatalf("%d entries: %+v", n, ex.slowlog.newest(n))
	}
}
