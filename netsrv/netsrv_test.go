package netsrv

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"redis-lite/internal/testwait"
)

// lineEcho is a minimal Session for testing the networking layer alone: it
// answers each complete line with the line upper-cased, and "quit" closes.
type lineEcho struct{}

func (lineEcho) Handle(in, out []byte) (int, []byte, bool) {
	consumed := 0
	for {
		i := bytes.IndexByte(in[consumed:], '\n')
		if i < 0 {
			return consumed, out, false
		}
		line := in[consumed : consumed+i]
		consumed += i + 1
		if string(line) == "quit" {
			return consumed, append(out, "bye\n"...), true
		}
		out = append(out, bytes.ToUpper(line)...)
		out = append(out, '\n')
	}
}

type testServer struct {
	*Server
	addr   string
	served chan struct{}
}

// startWorkerPool starts a server in the worker model: for tests about
// that model, and for those about what both models share (the listener).
func startWorkerPool(t testing.TB, workers, queue int) *testServer {
	t.Helper()
	return startModel(t, workers, queue, 0)
}

// fullReply is the tests' FullReply: Redis's, as the daemon passes it.
var fullReply = []byte("-ERR max number of clients reached\r\n")

// startModel starts a server with loops event loops, or workers workers
// and a queue of queue connections when loops is 0.
func startModel(t testing.TB, workers, queue, loops int) *testServer {
	t.Helper()
	log := logrus.New()
	log.SetOutput(io.Discard)
	ln, err := Listen("127.0.0.1", 0, 128, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(ln, Config{Workers: workers, Queue: queue, EventLoops: loops, FullReply: fullReply, Log: log})
	ts := &testServer{Server: srv, addr: ln.Addr(), served: make(chan struct{})}
	go func() { srv.Serve(func(Client) Session { return lineEcho{} }); close(ts.served) }()
	t.Cleanup(func() { srv.Shutdown(); <-ts.served })
	return ts
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	t.Cleanup(func() { c.Close() })
	return c
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	testwait.Until(t, 5*time.Second, what, cond)
}

func TestListenReportsTheBoundPort(t *testing.T) {
	ts := startWorkerPool(t, 2, 2)
	if strings.HasSuffix(ts.addr, ":0") || !strings.HasPrefix(ts.addr, "127.0.0.1:") {
		t.Fatalf("Addr() = %q, want the port the kernel picked", ts.addr)
	}
}

func TestListenOnATakenPortNamesAddressAndErrno(t *testing.T) {
	ts := startWorkerPool(t, 1, 1)
	_, port, _ := net.SplitHostPort(ts.addr)
	var p int
	for _, c := range port {
		p = p*10 + int(c-'0')
	}
	_, err := Listen("127.0.0.1", p, 1, logrus.New())
	if err == nil || err.Error() != "bind "+ts.addr+": address already in use" {
		t.Fatalf("err = %v, want %q", err, "bind "+ts.addr+": address already in use")
	}
}

func TestRequestsAndLargeRequest(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		ts := startModel(t, 2, 2, loops)
		c := dial(t, ts.addr)
		big := strings.Repeat("x", 3*initialReadBuffer+17) // forces the read buffer to grow
		io.WriteString(c, "hello\nwor")
		io.WriteString(c, "ld\n"+big+"\n")
		r := bufio.NewReader(c)
		for _, want := range []string{"HELLO", "WORLD", strings.ToUpper(big)} {
			got, err := r.ReadString('\n')
			if err != nil || got != want+"\n" {
				t.Fatalf("got %.40q (%v), want %.40q", got, err, want)
			}
		}
	})
}

func TestSessionCloseRequestClosesAfterReply(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		ts := startModel(t, 1, 1, loops)
		c := dial(t, ts.addr)
		io.WriteString(c, "quit\nignored\n")
		all, err := io.ReadAll(c)
		if err != nil || string(all) != "bye\n" {
			t.Fatalf("read %q (%v), want bye then EOF", all, err)
		}
		waitFor(t, "the fd to leave the registry", func() bool { return ts.Stats().Connected == 0 })
	})
}

func TestFullQueueRejectsWithRedisError(t *testing.T) {
	ts := startWorkerPool(t, 1, 1) // the queue is the worker model's
	held := dial(t, ts.addr)       // occupies the only worker
	io.WriteString(held, "a\n")
	bufio.NewReader(held).ReadString('\n')
	queued := dial(t, ts.addr) // waits in the queue
	waitFor(t, "the second connection to be queued", func() bool { return ts.Stats().Pool.Queued == 1 })

	turnedAway := dial(t, ts.addr)
	got, _ := io.ReadAll(turnedAway)
	if string(got) != "-ERR max number of clients reached\r\n" {
		t.Fatalf("third client read %q", got)
	}
	if ts.Stats().Rejected != 1 {
		t.Fatalf("Rejected = %d, want 1", ts.Stats().Rejected)
	}
	if warning, _ := ts.model.(*workerPool).queueWarning(0); !strings.Contains(warning, "1 connections were turned away") {
		t.Fatalf("the watchdog's warning: %q", warning)
	}
	held.Close() // frees the worker; the queued client is served next
	io.WriteString(queued, "next\n")
	if line, err := bufio.NewReader(queued).ReadString('\n'); err != nil || line != "NEXT\n" {
		t.Fatalf("queued client got %q (%v)", line, err)
	}
}

func TestClientsThatVanishDoNotLeakDescriptors(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		ts := startModel(t, 4, 32, loops)
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				c, err := net.Dial("tcp", ts.addr)
				if err != nil {
					t.Error(err)
					return
				}
				io.WriteString(c, "partial request without newline")
				if i%2 == 0 {
					c.(*net.TCPConn).SetLinger(0) // close with RST: ECONNRESET on the server
				}
				c.Close()
			}(i)
		}
		wg.Wait()
		waitFor(t, "all 20 accepted and closed again", func() bool {
			st := ts.Stats()
			return st.Accepted == 20 && st.Connected == 0
		})
		if r := ts.Stats().Rejected; r != 0 {
			t.Fatalf("%d connections rejected with room in the queue", r)
		}
		c := dial(t, ts.addr)
		io.WriteString(c, "still here\n")
		if line, _ := bufio.NewReader(c).ReadString('\n'); line != "STILL HERE\n" {
			t.Fatalf("got %q after the vanished clients", line)
		}
	})
}

func TestShutdownAnswersReceivedRequestsAndWakesIdleClients(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		ts := startModel(t, 5, 8, loops) // the five idle clients hold every worker
		var idle []net.Conn
		for i := 0; i < 5; i++ {
			c := dial(t, ts.addr)
			io.WriteString(c, "hi\n")
			bufio.NewReader(c).ReadString('\n')
			idle = append(idle, c)
		}
		// A request the kernel has received on a connection still waiting in
		// the queue: nobody has read it when shutdown begins.
		pending := dial(t, ts.addr)
		io.WriteString(pending, "pending\n")
		if loops == 0 {
			waitFor(t, "the sixth connection to be queued", func() bool { return ts.Stats().Pool.Queued == 1 })
		} else {
			waitFor(t, "the sixth connection to be accepted", func() bool { return ts.Stats().Accepted == 6 })
		}

		start := time.Now()
		ts.Shutdown()
		select {
		case <-ts.served:
		case <-time.After(5 * time.Second):
			t.Fatal("Serve did not return after Shutdown")
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("shutdown took %v with idle clients", d)
		}
		rest, _ := io.ReadAll(pending)
		if string(rest) != "PENDING\n" {
			t.Fatalf("the pending request got %q, want its reply before the close", rest)
		}
		for _, c := range idle {
			if n, err := c.Read(make([]byte, 1)); n != 0 || err == nil {
				t.Fatalf("idle client read %d bytes, %v; want EOF", n, err)
			}
		}
		if _, err := net.DialTimeout("tcp", ts.addr, time.Second); err == nil {
			t.Fatal("a connection was accepted after shutdown")
		}
	})
}

// floodSession answers every received chunk with 32 MiB, more than any
// socket buffers hold, so a client that never reads blocks its worker in
// send.
type floodSession struct{}

func (floodSession) Handle(in, out []byte) (int, []byte, bool) {
	return len(in), append(out, make([]byte, 32<<20)...), false
}

func TestGracePeriodCutsAClientThatNeverReads(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		log := logrus.New()
		log.SetOutput(io.Discard)
		ln, err := Listen("127.0.0.1", 0, 16, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := NewServer(ln, Config{Workers: 1, Queue: 1, EventLoops: loops, ShutdownGrace: 200 * time.Millisecond, FullReply: fullReply, Log: log})
		served := make(chan struct{})
		go func() { srv.Serve(func(Client) Session { return floodSession{} }); close(served) }()
		c := dial(t, ln.Addr())
		io.WriteString(c, "x")
		c.Read(make([]byte, 1)) // the worker is sending 32 MiB nobody reads
		srv.Shutdown()
		select {
		case <-served:
		case <-time.After(5 * time.Second):
			t.Fatal("Serve still waiting for a worker blocked in send after the grace period")
		}
	})
}

// pushSession answers "sub" by pushing a confirmation and handing its
// Pusher to the test, which then pushes as a publisher would; other lines
// are echoed upper-cased as replies.
type pushSession struct {
	pusher  Pusher
	handout chan Pusher
}

func (p *pushSession) Handle(in, out []byte) (int, []byte, bool) {
	consumed, out, closeAfter := lineEcho{}.Handle(in, out)
	if strings.Contains(string(in[:consumed]), "sub\n") {
		p.pusher.Push(out) // the replies so far go first, in order
		out = out[:0]
		p.pusher.Push([]byte("subscribed\n"))
		p.handout <- p.pusher
	}
	return consumed, out, closeAfter
}

func startPushServer(t *testing.T, loops, limit int) (addr string, pushers chan Pusher, srv *Server) {
	t.Helper()
	log := logrus.New()
	log.SetOutput(io.Discard)
	ln, err := Listen("127.0.0.1", 0, 16, log)
	if err != nil {
		t.Fatal(err)
	}
	pushers = make(chan Pusher, 4)
	srv = NewServer(ln, Config{Workers: 4, Queue: 4, EventLoops: loops, PushLimit: limit, FullReply: fullReply, Log: log})
	served := make(chan struct{})
	go func() {
		srv.Serve(func(p Client) Session { return &pushSession{pusher: p, handout: pushers} })
		close(served)
	}()
	t.Cleanup(func() { srv.Shutdown(); <-served })
	return ln.Addr(), pushers, srv
}

func TestPushedBytesAndRepliesKeepTheirOrder(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, pushers, _ := startPushServer(t, loops, 1<<20)
		c := dial(t, addr)
		io.WriteString(c, "before\nsub\n")
		pusher := <-pushers
		for i := 0; i < 100; i++ {
			if !pusher.Push([]byte("message\n")) {
				t.Fatal("push refused")
			}
		}
		io.WriteString(c, "after\n") // a reply queued behind the pushed messages
		r := bufio.NewReader(c)
		want := append([]string{"BEFORE", "SUB", "subscribed"}, strings.Split(strings.Repeat("message,", 100)+"AFTER", ",")...)
		for i, w := range want {
			line, err := r.ReadString('\n')
			if err != nil || line != w+"\n" {
				t.Fatalf("line %d: got %q (%v), want %q", i, line, err, w)
			}
		}
	})
}

func TestPushOverTheLimitCutsOnlyThatClient(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, pushers, srv := startPushServer(t, loops, 64<<10)
		slow := dial(t, addr)
		io.WriteString(slow, "sub\n")
		pusher := <-pushers
		chunk := []byte(strings.Repeat("x", 1024) + "\n")
		refused := false
		for i := 0; i < 100000 && !refused; i++ { // bounded; the client never reads
			refused = !pusher.Push(chunk)
		}
		if !refused {
			t.Fatal("pushes to a client that never reads were never refused")
		}
		waitFor(t, "the slow client to be disconnected", func() bool { return srv.Stats().Connected == 0 })
		other := dial(t, addr)
		io.WriteString(other, "fine\n")
		if line, _ := bufio.NewReader(other).ReadString('\n'); line != "FINE\n" {
			t.Fatalf("another client got %q", line)
		}
	})
}
