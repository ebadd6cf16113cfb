package executor

import (
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeConn stands in for a netsrv connection: fixed facts, and a count of
// kills.
type fakeConn struct {
	recorder
	fd          int
	peer, local string
	kills       atomic.Int32
}

func (c *fakeConn) FD() int                            { return c.fd }
func (c *fakeConn) Addrs() (string, string)            { return c.peer, c.local }
func (c *fakeConn) Buffers() (int, int, int, int, int) { return 0, 16, 0, 32, 0 }
func (c *fakeConn) Events() string                     { return "r" }
func (c *fakeConn) Kill()                              { c.kills.Add(1) }

// handle runs input through s and returns its replies.
func handle(t *testing.T, s *Session, input string) string {
	t.Helper()
	in := []byte(input)
	consumed, out, _ := s.Handle(in, nil)
	if consumed != len(in) {
		t.Fatalf("consumed %d of %d bytes of %q", consumed, len(in), input)
	}
	return string(out)
}

func TestClientListShowsEveryConnectedSession(t *testing.T) {
	ex := newExecutor()
	a := ex.NewSession(&fakeConn{fd: 7, peer: "127.0.0.1:1000", local: "127.0.0.1:6379"})
	b := ex.NewSession(&fakeConn{fd: 8, peer: "127.0.0.1:1001", local: "127.0.0.1:6379"})
	handle(t, b, resp("CLIENT", "SETNAME", "bee"))
	handle(t, b, resp("SUBSCRIBE", "ch"))

	out := handle(t, a, resp("CLIENT", "LIST"))
	lines := strings.Split(strings.TrimSuffix(out[strings.Index(out, "\r\n")+2:len(out)-2], "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %q", out)
	}
	for _, want := range []string{"id=1 addr=127.0.0.1:1000 laddr=127.0.0.1:6379 fd=7 name= ", " flags=N ", " cmd=client|list ",
		" qbuf=26 qbuf-free=", " argv-mem=10 "} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("own line %q lacks %q", lines[0], want)
		}
	}
	for _, want := range []string{"id=2 addr=127.0.0.1:1001 ", " name=bee ", " flags=P ", " sub=1 psub=0 ", " cmd=subscribe ", " qbuf=0 qbuf-free=16 "} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("the other's line %q lacks %q", lines[1], want)
		}
	}

	b.Closed()
	if out := handle(t, a, resp("CLIENT", "LIST", "TYPE", "pubsub")); out != "$0\r\n\r\n" {
		t.Fatalf("a closed session is still listed: %q", out)
	}
}

func TestClientKillCallsKillAndLeavesTheCaller(t *testing.T) {
	ex := newExecutor()
	killer := ex.NewSession(&fakeConn{peer: "127.0.0.1:1"})
	victimConn := &fakeConn{peer: "127.0.0.1:2"}
	victim := ex.NewSession(victimConn)

	if out := handle(t, killer, resp("CLIENT", "KILL", "ADDR", "127.0.0.1:2")); out != ":1\r\n" {
		t.Fatalf("got %q", out)
	}
	if victimConn.kills.Load() != 1 {
		t.Fatal("the victim's connection was not killed")
	}
	if ex.clients.byIDOrNil(victim.id) != nil {
		t.Fatal("a killed client stays listed until its connection closes")
	}
	// The old form may kill the caller: it answers, then asks to close.
	in := []byte(resp("CLIENT", "KILL", "127.0.0.1:1") + resp("PING"))
	_, out, closing := killer.Handle(in, nil)
	if string(out) != "+OK\r\n" || !closing {
		t.Fatalf("killing oneself: got %q, closing %v", out, closing)
	}
}

func TestClientReplyModes(t *testing.T) {
	s := newExecutor().NewSession(nil)
	got := handle(t, s, "CLIENT REPLY OFF\r\nPING\r\nCLIENT REPLY ON\r\nCLIENT REPLY SKIP\r\nECHO a\r\nECHO b\r\n")
	if got != "+OK\r\n$1\r\nb\r\n" {
		t.Fatalf("got %q", got)
	}
	// RESET turns replies back on, its own included (as Redis).
	if got := handle(t, s, "CLIENT REPLY OFF\r\nRESET\r\nPING\r\n"); got != "+RESET\r\n+PONG\r\n" {
		t.Fatalf("after RESET: got %q", got)
	}
}

func TestPauseHoldsWritesUntilUnpause(t *testing.T) {
	ex := newExecutor()
	admin, writer := ex.NewSession(nil), ex.NewSession(nil)
	handle(t, admin, resp("CLIENT", "PAUSE", "100000", "WRITE"))

	in := []byte(resp("GET", "k") + resp("SET", "k", "v") + resp("GET", "k"))
	consumed, out, _ := writer.Handle(in, nil)
	first := len(resp("GET", "k"))
	if string(out) != "$-1\r\n" || consumed != first+len(resp("SET", "k", "v")) {
		t.Fatalf("the GET runs and the SET is held: got %q, consumed %d", out, consumed)
	}
	held := writer.Held()
	if held == nil {
		t.Fatal("Held is nil while a SET is held")
	}
	// The input buffer is reused by the connection: the held SET must not
	// depend on it.
	for i := range in[:consumed] {
		in[i] = 'x'
	}
	rest := in[consumed:]
	if n, out, _ := writer.Handle(rest, nil); n != 0 || len(out) != 0 {
		t.Fatalf("while held, nothing more runs: consumed %d, got %q", n, out)
	}
	select {
	case <-held:
		t.Fatal("released before UNPAUSE")
	default:
	}
	handle(t, admin, resp("CLIENT", "UNPAUSE"))
	select {
	case <-held:
	case <-time.After(10 * time.Second):
		t.Fatal("UNPAUSE did not release the held SET")
	}
	if out := handle(t, writer, string(rest)); out != "+OK\r\n$1\r\nv\r\n" {
		t.Fatalf("after UNPAUSE: got %q", out)
	}
	if writer.Held() != nil {
		t.Fatal("still held after running")
	}
}

func TestPauseEndsAtItsTimeoutAndANewPauseReplacesIt(t *testing.T) {
	ex := newExecutor()
	admin, other := ex.NewSession(nil), ex.NewSession(nil)
	handle(t, admin, resp("CLIENT", "PAUSE", "100000", "WRITE"))
	if n, _, _ := other.Handle([]byte(resp("SET", "k", "v")), nil); n == 0 || other.Held() == nil {
		t.Fatal("PAUSE WRITE does not hold a SET")
	}
	old := other.Held()
	// CLIENT PAUSE is not a write: the admin may replace the pause, and
	// the held client looks again.
	handle(t, admin, resp("CLIENT", "PAUSE", "1", "WRITE"))
	select {
	case <-old:
	case <-time.After(10 * time.Second):
		t.Fatal("a new pause did not wake the clients the old one held")
	}
	deadline := time.Now().Add(10 * time.Second)
	for ex.pause.Load() != nil && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // polling for the timer, bounded
	}
	if out := handle(t, other, ""); out != "+OK\r\n" {
		t.Fatalf("after the timeout: got %q", out)
	}
}

func TestResetKeepsNoEvictAndDropsTheName(t *testing.T) {
	s := newExecutor().NewSession(nil)
	handle(t, s, "CLIENT SETNAME me\r\nCLIENT NO-EVICT on\r\nRESET\r\n")
	info := handle(t, s, "CLIENT INFO\r\n")
	if !strings.Contains(info, " name= ") || !strings.Contains(info, " flags=e ") {
		t.Fatalf("after RESET: %q", info)
	}
}

// TestPauseOfWritesHoldsMayReplicateAndCountsBlocked: PFCOUNT and PUBLISH,
// which Redis flags may_replicate, are held by a pause of writes like a
// write, and INFO counts each held client in blocked_clients.
func TestPauseOfWritesHoldsMayReplicateAndCountsBlocked(t *testing.T) {
	ex := newExecutor()
	admin := ex.NewSession(nil)
	handle(t, admin, resp("CLIENT", "PAUSE", "100000", "WRITE"))
	for i, req := range []string{resp("PFCOUNT", "h"), resp("PUBLISH", "ch", "m")} {
		s := ex.NewSession(nil)
		if out := handle(t, s, req); out != "" || s.Held() == nil {
			t.Fatalf("%q under a pause of writes: got %q, held %v", req, out, s.Held() != nil)
		}
		want := "blocked_clients:" + strconv.Itoa(i+1) + "\r\n"
		if info := handle(t, admin, resp("INFO", "clients")); !strings.Contains(info, want) {
			t.Fatalf("INFO after %d held: %q", i+1, info)
		}
	}
	handle(t, admin, resp("CLIENT", "UNPAUSE"))
}
