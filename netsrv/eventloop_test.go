package netsrv

import (
	"bufio"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
)

// ioModels are the two I/O models as NewServer is told them: the worker
// pool (no event loops), and two event loops, so that connections are
// handed over between loops. Named as --io names them.
var ioModels = []struct {
	name  string
	loops int
}{{"threads", 0}, {"epoll", 2}}

// eachModel runs test in each I/O model, as a subtest named after it;
// test gets the Config.EventLoops of its model. A test whose behaviour
// depends on the model runs so; a test about one model starts that one.
func eachModel(t *testing.T, test func(t *testing.T, loops int)) {
	t.Helper()
	for _, m := range ioModels {
		t.Run(m.name, func(t *testing.T) { test(t, m.loops) })
	}
}

// TestEventLoopHoldsIdleClientsWithoutGoroutines is section 11's point: 300
// idle connections cost the event-loop server no goroutine (and so no
// thread) each, and a 301st client is served at once among them.
func TestEventLoopHoldsIdleClientsWithoutGoroutines(t *testing.T) {
	ts := startModel(t, 1, 1, 1)
	before := runtime.NumGoroutine()
	var idle []net.Conn
	for i := 0; i < 300; i++ {
		c := dial(t, ts.addr)
		idle = append(idle, c)
	}
	waitFor(t, "300 connections to be registered", func() bool { return ts.Stats().Connected == 300 })
	if grown := runtime.NumGoroutine() - before; grown > 10 {
		t.Fatalf("300 idle connections added %d goroutines; the event loop should add none", grown)
	}
	active := dial(t, ts.addr)
	r := bufio.NewReader(active)
	for _, msg := range []string{"one", "two", "three"} {
		io.WriteString(active, msg+"\n")
		if line, err := r.ReadString('\n'); err != nil || line != strings.ToUpper(msg)+"\n" {
			t.Fatalf("active client got %q (%v) among 300 idle ones", line, err)
		}
	}
	for _, c := range idle[:150] {
		c.Close()
	}
	waitFor(t, "the closed half to be released", func() bool { return ts.Stats().Connected == 151 })
}

// TestEventLoopsShareConnections checks the accept loop's hand-over: with
// three loops, connections accepted in turn land on every loop, and each
// is served.
func TestEventLoopsShareConnections(t *testing.T) {
	ts := startModel(t, 1, 1, 3)
	for i := 0; i < 9; i++ {
		c := dial(t, ts.addr)
		io.WriteString(c, "ping\n")
		if line, err := bufio.NewReader(c).ReadString('\n'); err != nil || line != "PING\n" {
			t.Fatalf("client %d got %q (%v)", i, line, err)
		}
	}
	for i, l := range ts.model.(*eventLoops).loops {
		if n := l.served.Load(); n != 3 {
			t.Fatalf("loop %d took %d connections, want 3 of 9", i, n)
		}
	}
}
