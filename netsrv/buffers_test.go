package netsrv

import (
	"bufio"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"redis-lite/internal/testwait"
)

func TestReadBuffersAreAlwaysEmptyAndOfTheInitialSize(t *testing.T) {
	var r readBuffers
	used := r.get()
	used = append(used, "left over from the last client"...)
	r.put(used)
	r.put(make([]byte, 100, 2*initialReadBuffer)) // grown: not kept
	for i := 0; i < 3; i++ {
		b := r.get()
		if len(b) != 0 || cap(b) != initialReadBuffer {
			t.Fatalf("get %d: len %d cap %d, want 0 and %d", i, len(b), cap(b), initialReadBuffer)
		}
	}
}

// TestAClosedConnectionsBytesNeverReachTheNext: clients that leave half a
// line behind (closing cleanly, with a reset, or after a request that grew
// their buffer) hand their buffers on, and each next client on the one
// worker is answered from its own bytes only.
func TestAClosedConnectionsBytesNeverReachTheNext(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		ts := startModel(t, 1, 4, loops)
		big := strings.Repeat("y", 2*initialReadBuffer)
		for i, left := range []string{"half a li", "ne\nand half", big + "\nmore", "x"} {
			c := dial(t, ts.addr)
			io.WriteString(c, left)
			if i%2 == 1 {
				c.(*net.TCPConn).SetLinger(0) // close with a reset
			}
			c.Close()

			next := dial(t, ts.addr)
			io.WriteString(next, "ping\n")
			got, err := bufio.NewReader(next).ReadString('\n')
			if err != nil || got != "PING\n" {
				t.Fatalf("after a client left %.20q: got %.40q (%v), want PING", left, got, err)
			}
			next.Close()
		}
	})
}

// partialEcho is lineEcho telling the test what incomplete input it is
// left with after each call.
type partialEcho struct{ left chan string }

func (p partialEcho) Handle(in, out []byte) (int, []byte, bool) {
	consumed, out, closeAfter := lineEcho{}.Handle(in, out)
	if consumed < len(in) {
		p.left <- string(in[consumed:])
	}
	return consumed, out, closeAfter
}

// TestEventLoopLendsBuffersButKeepsHalfRequests: in one event loop, two
// clients each leave half a line, a third is served in between (reading
// into the buffer the loop lends), and each half is still there, its own,
// when the rest of its line comes.
func TestEventLoopLendsBuffersButKeepsHalfRequests(t *testing.T) {
	left := make(chan string, 16)
	addr, _ := startWith(t, Config{EventLoops: 1}, func(Client) Session { return partialEcho{left} })
	a, b, c := dial(t, addr), dial(t, addr), dial(t, addr)
	leave := func(conn net.Conn, half string) {
		t.Helper()
		io.WriteString(conn, half)
		select {
		case got := <-left:
			if got != half {
				t.Fatalf("the session was left %q, want %q", got, half)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("the server never read %q", half)
		}
	}
	ask := func(conn net.Conn, rest, want string) {
		t.Helper()
		io.WriteString(conn, rest)
		got, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil || got != want {
			t.Fatalf("sent %q: got %q (%v), want %q", rest, got, err, want)
		}
	}
	leave(a, "hel")
	leave(b, "wor")
	ask(c, "x\n", "X\n")
	ask(a, "lo\n", "HELLO\n")
	ask(b, "ld\n", "WORLD\n")
	ask(c, "y\n", "Y\n")
}

// BenchmarkConnectionChurn is a client connecting, sending one line,
// reading the reply and closing, over and over: what a reused read buffer
// saves shows in B/op (client and server are both in this process).
func BenchmarkConnectionChurn(b *testing.B) {
	ts := startWorkerPool(b, 4, 4)
	b.ReportAllocs()
	for b.Loop() {
		pingedClient(b, ts.addr).Close()
	}
}

// pingedClient connects, sends a line and reads its reply.
func pingedClient(b *testing.B, addr string) net.Conn {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	io.WriteString(c, "ping\n")
	if got, err := bufio.NewReader(c).ReadString('\n'); err != nil || got != "PING\n" {
		b.Fatalf("got %q (%v)", got, err)
	}
	return c
}

// BenchmarkMemoryPerIdleClient: 500 clients each send one line, read the
// reply and stay connected; B/client is how much more heap and goroutine
// stack the process then holds per client, in each I/O model. The clients'
// own net.Conn state is counted too (the same in both).
func BenchmarkMemoryPerIdleClient(b *testing.B) {
	const clients = 500
	for _, model := range []struct {
		name  string
		loops int
	}{{"threads", 0}, {"epoll", 1}} {
		b.Run(model.name, func(b *testing.B) {
			ts := startModel(b, clients+1, clients+1, model.loops)
			var perClient float64
			for b.Loop() {
				// The last round's clients are closed once the server
				// has closed its ends too.
				testwait.Until(b, 10*time.Second, "the last clients to be closed", func() bool { return ts.Stats().Connected == 0 })
				before := heapAndStacks()
				conns := make([]net.Conn, clients)
				for i := range conns {
					conns[i] = pingedClient(b, ts.addr)
				}
				perClient = float64(heapAndStacks()-before) / clients
				for _, c := range conns {
					c.Close()
				}
			}
			b.ReportMetric(perClient, "B/client")
		})
	}
}

// heapAndStacks is the heap in use after two collections (the second frees
// what sync.Pools held through the first, such as closed clients' read
// buffers), plus goroutine stacks.
func heapAndStacks() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse + m.StackInuse)
}
