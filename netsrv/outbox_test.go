package netsrv

import (
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
)

// startEchoWithPushers serves lineEcho in the given model and hands each
// connection's Pusher to the test as it opens: pushes then come from the
// test's goroutine, never from the connection's own, as an invalidation
// for a RESP3 redirect client does.
func startEchoWithPushers(t *testing.T, loops int) (addr string, pushers chan Pusher) {
	t.Helper()
	log := logrus.New()
	log.SetOutput(io.Discard)
	ln, err := Listen("127.0.0.1", 0, 16, log)
	if err != nil {
		t.Fatal(err)
	}
	pushers = make(chan Pusher, 4)
	srv := NewServer(ln, Config{Workers: 4, Queue: 4, EventLoops: loops, PushLimit: 1 << 20, FullReply: fullReply, Log: log})
	served := make(chan struct{})
	go func() {
		srv.Serve(func(p Client) Session { pushers <- p; return lineEcho{} })
		close(served)
	}()
	t.Cleanup(func() { srv.Shutdown(); <-served })
	return ln.Addr(), pushers
}

// promptly is how long a push to a connection waiting for its client may
// take to arrive: well under the worker's one-second recv recheck
// (idleRecheck), so waiting for that recheck fails the test.
const promptly = 600 * time.Millisecond

// TestForeignPushReachesAnIdleConnectionPromptly: a push from another
// goroutine reaches a connection that never pushed itself, at once, both
// before its first request and while it waits for the next one.
func TestForeignPushReachesAnIdleConnectionPromptly(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, pushers := startEchoWithPushers(t, loops)
		c, r := dialLines(t, addr)
		pusher := <-pushers
		expect := func(push, want string) {
			t.Helper()
			c.SetReadDeadline(time.Now().Add(promptly))
			if push != "" && !pusher.Push([]byte(push)) {
				t.Fatal("push refused")
			}
			if line := readLine(t, r); line != want {
				t.Fatalf("got %q, want %q", line, want)
			}
		}
		expect("first\n", "first\n") // before any request
		io.WriteString(c, "hello\n")
		expect("", "HELLO\n")
		expect("second\n", "second\n") // the worker is (about to be) blocked in recv
		io.WriteString(c, "again\n")
		expect("", "AGAIN\n") // replies still flow, now through the outbox
		expect("third\n", "third\n")
	})
}

// TestForeignPushesAndRepliesInterleaveWholeAndInOrder: while a client
// sends a stream of requests, another goroutine pushes to its connection.
// Every line arrives whole, the replies in request order and the pushes in
// push order. Under -race it also shows that a pusher never touches what
// the connection's goroutine is using.
func TestForeignPushesAndRepliesInterleaveWholeAndInOrder(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, pushers := startEchoWithPushers(t, loops)
		c, r := dialLines(t, addr)
		pusher := <-pushers
		const requests, pushes = 2000, 2000
		sendErr := make(chan error, 1)
		go func() {
			for i := 0; i < requests; i++ {
				if _, err := fmt.Fprintf(c, "r%d\n", i); err != nil {
					sendErr <- err
					return
				}
			}
			sendErr <- nil
		}()
		pushErr := make(chan error, 1)
		go func() {
			for i := 0; i < pushes; i++ {
				if !pusher.Push([]byte(fmt.Sprintf("p%d\n", i))) {
					pushErr <- fmt.Errorf("push %d refused", i)
					return
				}
			}
			pushErr <- nil
		}()
		nextReply, nextPush := 0, 0
		for nextReply < requests || nextPush < pushes {
			line := strings.TrimSuffix(readLine(t, r), "\n")
			switch {
			case line == fmt.Sprintf("R%d", nextReply):
				nextReply++
			case line == fmt.Sprintf("p%d", nextPush):
				nextPush++
			default:
				t.Fatalf("got %q; expected reply R%d or push p%d", line, nextReply, nextPush)
			}
		}
		if err := <-sendErr; err != nil {
			t.Fatal(err)
		}
		if err := <-pushErr; err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkRoundTrip is one request and its reply over loopback, in each
// model: the path a worker's idle marking (outbox.enterIdle) is on.
func BenchmarkRoundTrip(b *testing.B) {
	for _, m := range ioModels {
		b.Run(m.name, func(b *testing.B) {
			ts := startModel(b, 2, 2, m.loops)
			c, err := net.Dial("tcp", ts.addr)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			reply := make([]byte, 2)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Write([]byte("x\n")); err != nil {
					b.Fatal(err)
				}
				if _, err := io.ReadFull(c, reply); err != nil || string(reply) != "X\n" {
					b.Fatalf("reply %q, %v", reply, err)
				}
			}
		})
	}
}

// closeRecorder is lineEcho noting when it is told its connection ended.
type closeRecorder struct {
	lineEcho
	closed *atomic.Bool
	pusher Pusher
}

func (r closeRecorder) Closed() { r.closed.Store(true) }

// TestQuitEndsTheSessionBeforeItsReply: a client that has read QUIT's
// reply finds the session already ended (a subscriber no longer
// subscribed, a redirect target gone), as in Redis, which frees the client
// right after writing that reply. Checked at once, without waiting.
func TestQuitEndsTheSessionBeforeItsReply(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		log := logrus.New()
		log.SetOutput(io.Discard)
		ln, err := Listen("127.0.0.1", 0, 16, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := NewServer(ln, Config{Workers: 2, Queue: 2, EventLoops: loops, PushLimit: 1 << 20, FullReply: fullReply, Log: log})
		sessions := make(chan closeRecorder, 4)
		served := make(chan struct{})
		go func() {
			srv.Serve(func(p Client) Session {
				r := closeRecorder{closed: new(atomic.Bool), pusher: p}
				sessions <- r
				return r
			})
			close(served)
		}()
		t.Cleanup(func() { srv.Shutdown(); <-served })
		for _, pushed := range []bool{false, true} { // replies sent directly, then through the outbox
			c, r := dialLines(t, ln.Addr())
			session := <-sessions
			if pushed {
				io.WriteString(c, "x\n")
				readLine(t, r)
				session.pusher.Push([]byte("pushed\n"))
				readLine(t, r)
			}
			io.WriteString(c, "quit\n")
			if line := readLine(t, r); line != "bye\n" {
				t.Fatalf("got %q", line)
			}
			if !session.closed.Load() {
				t.Fatalf("pushed %v: QUIT's reply arrived before the session was told the connection ended", pushed)
			}
		}
	})
}
