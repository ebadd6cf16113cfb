package netsrv

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"
)

// bigReply answers each "big" line with 1 MiB and other lines as lineEcho.
// Like the real session, it stops a batch once it has 64 KiB of replies.
type bigReply struct{}

func (bigReply) Handle(in, out []byte) (int, []byte, bool) {
	consumed := 0
	for len(out) < 64<<10 {
		i := bytes.IndexByte(in[consumed:], '\n')
		if i < 0 {
			return consumed, out, false
		}
		line := string(in[consumed : consumed+i])
		consumed += i + 1
		if line == "big" {
			out = append(out, bytes.Repeat([]byte("b"), 1<<20)...)
			out = append(out, '\n')
		} else {
			out = append(out, strings.ToUpper(line)+"\n"...)
		}
	}
	return consumed, out, false
}

// startWith starts a server with cfg (its EventLoops choose the I/O model;
// 4 workers and a queue of 4 unless it says) and serves each connection
// with a session made by session.
func startWith(t *testing.T, cfg Config, session func(Client) Session) (string, *Server) {
	t.Helper()
	log := logrus.New()
	log.SetOutput(io.Discard)
	if testing.Verbose() {
		log.SetOutput(&testWriter{t})
		log.SetLevel(logrus.DebugLevel)
	}
	cfg.Log = log
	cfg.FullReply = fullReply
	if cfg.Workers == 0 {
		cfg.Workers, cfg.Queue = 4, 4
	}
	ln, err := Listen("127.0.0.1", 0, 16, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(ln, cfg)
	served := make(chan struct{})
	go func() { srv.Serve(session); close(served) }()
	t.Cleanup(func() { srv.Shutdown(); <-served })
	return ln.Addr(), srv
}

func bigSession(Client) Session { return bigReply{} }

func TestClientThatNeverReadsIsClosedAtTheOutputLimit(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, srv := startWith(t, Config{EventLoops: loops, OutputLimit: 8 << 20}, bigSession)
		flood := dial(t, addr)
		other := dial(t, addr)
		go func() { // pipelined requests for 1 MiB replies, never read (bounded: 200)
			for i := 0; i < 200; i++ {
				if _, err := io.WriteString(flood, "big\n"); err != nil {
					return
				}
			}
		}()
		waitFor(t, "the flooding client to be cut", func() bool { return srv.Stats().Connected == 1 })
		io.WriteString(other, "still served\n")
		if line, _ := bufio.NewReader(other).ReadString('\n'); line != "STILL SERVED\n" {
			t.Fatalf("the other client got %q", line)
		}
	})
}

func TestPipelineReadLaterGetsEveryReply(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, _ := startWith(t, Config{EventLoops: loops, OutputLimit: 64 << 20}, bigSession)
		c := dial(t, addr)
		// Write 20 MiB worth of requests before reading anything: the replies
		// wait unsent (under the limit) and all arrive once the client reads.
		io.WriteString(c, strings.Repeat("big\n", 20)+"end\n")
		r := bufio.NewReaderSize(c, 1<<20)
		for i := 0; i < 20; i++ {
			line, err := r.ReadString('\n')
			if err != nil || len(line) != 1<<20+1 {
				t.Fatalf("reply %d: %d bytes, %v", i, len(line), err)
			}
		}
		if line, _ := r.ReadString('\n'); line != "END\n" {
			t.Fatalf("last reply %q", line)
		}
	})
}

func TestQueryBufferLimit(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, srv := startWith(t, Config{EventLoops: loops, QueryLimit: 64 << 10}, func(Client) Session { return lineEcho{} })
		c := dial(t, addr)
		go io.WriteString(c, strings.Repeat("x", 1<<20)) // one line, never finished
		// Closed with input unread, the socket is reset: EOF or ECONNRESET.
		if _, err := io.ReadAll(c); err != nil && !errors.Is(err, unix.ECONNRESET) {
			t.Fatalf("want the server to close the connection, got %v", err)
		}
		waitFor(t, "the connection to be released", func() bool { return srv.Stats().Connected == 0 })
	})
}

func TestIdleTimeout(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, _ := startWith(t, Config{EventLoops: loops, IdleTimeout: 200 * time.Millisecond}, bigSession)
		idle := dial(t, addr)
		start := time.Now()
		if n, err := idle.Read(make([]byte, 1)); n != 0 || err != io.EOF {
			t.Fatalf("idle client read %d, %v; want EOF", n, err)
		}
		if time.Since(start) < 150*time.Millisecond { // the kernel's timer may fire a little early
			t.Fatalf("closed after %v, well before the 200ms timeout", time.Since(start))
		}
	})
}

// TestSlowReaderOfALargeReplyIsNotIdle: the client reads 8 MiB of replies
// in small pieces with pauses, longer in total than --timeout; it is not
// idle while its replies keep being taken.
func TestSlowReaderOfALargeReplyIsNotIdle(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, _ := startWith(t, Config{EventLoops: loops, IdleTimeout: 300 * time.Millisecond}, bigSession)
		c := dial(t, addr)
		io.WriteString(c, strings.Repeat("big\n", 8))
		total, buf := 0, make([]byte, 256<<10)
		start := time.Now()
		for total < 8*(1<<20+1) {
			n, err := c.Read(buf)
			if err != nil {
				t.Fatalf("cut after %d bytes and %v: %v", total, time.Since(start), err)
			}
			total += n
			time.Sleep(20 * time.Millisecond) // the slow reader this test is about
		}
		if time.Since(start) < 300*time.Millisecond {
			t.Fatal("the reading took less than the timeout; the test proves nothing")
		}
	})
}

func TestMaxClients(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, srv := startWith(t, Config{Workers: 8, Queue: 8, EventLoops: loops, MaxClients: 2}, func(Client) Session { return lineEcho{} })
		a, b := dial(t, addr), dial(t, addr)
		io.WriteString(a, "a\n")
		io.WriteString(b, "b\n")
		bufio.NewReader(a).ReadString('\n')
		bufio.NewReader(b).ReadString('\n')
		third := dial(t, addr)
		if got, _ := io.ReadAll(third); string(got) != "-ERR max number of clients reached\r\n" {
			t.Fatalf("third client read %q", got)
		}
		if workers, ok := srv.model.(*workerPool); ok {
			// maxclients turned it away, not the queue: no advice to raise it
			if warning, _ := workers.queueWarning(0); warning != "" {
				t.Fatalf("the watchdog blames the queue: %q", warning)
			}
		}
		a.Close()
		waitFor(t, "a slot to free", func() bool { return srv.Stats().Connected == 1 })
		fourth := dial(t, addr)
		io.WriteString(fourth, "in\n")
		if line, _ := bufio.NewReader(fourth).ReadString('\n'); line != "IN\n" {
			t.Fatalf("after a client left: %q", line)
		}
	})
}

func TestCheckPeerTurnsClientsAway(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		seen := make(chan netip.Addr, 1)
		addr, _ := startWith(t, Config{EventLoops: loops, CheckPeer: func(p netip.Addr) []byte { seen <- p; return []byte("-DENIED go away\r\n") }},
			func(Client) Session { return lineEcho{} })
		c := dial(t, addr)
		if got, _ := io.ReadAll(c); string(got) != "-DENIED go away\r\n" {
			t.Fatalf("got %q", got)
		}
		if p := <-seen; p.String() != "127.0.0.1" {
			t.Fatalf("the policy saw %v", p)
		}
	})
}

// TestOutOfDescriptorsAnswersWithTheSpare fills the process's descriptor
// table so that accept fails with EMFILE: a client still gets an answer
// promptly, and the server admits clients again once descriptors are free.
// Clients use raw blocking syscalls, and their sockets are made before the
// table fills (connect(2) takes no descriptor), so nothing takes or frees a
// descriptor behind the test's back while the table is full.
//
// Linux's accept reserves its descriptor when called, so an accept loop
// blocked before the table fills still admits one client (A). Its next
// accept meets EMFILE: from then on the spare decides, and client B,
// arriving while the table is full, must be turned away. (Had the loop not
// reached accept yet, A is turned away by the spare too.) The test used to
// free a descriptor for each client's socket, and an accept loop that got
// back to accept(2) first took it: then B could not even make its socket.
func TestOutOfDescriptorsAnswersWithTheSpare(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		addr, srv := startWith(t, Config{EventLoops: loops}, func(Client) Session { return lineEcho{} })
		port := int(netip.MustParseAddrPort(addr).Port())
		// A client served before the table fills: the accept loop runs.
		// It stays connected, so that the server's descriptor for it is
		// not freed while the table is full.
		served := dial(t, addr)
		io.WriteString(served, "first\n")
		if line, _ := bufio.NewReader(served).ReadString('\n'); line != "FIRST\n" {
			t.Fatalf("before the table filled: %q", line)
		}
		a, b := rawSocket(t), rawSocket(t)
		defer unix.Close(a)
		defer unix.Close(b)
		var orig unix.Rlimit
		if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &orig); err != nil {
			t.Fatal(err)
		}
		low := orig
		low.Cur = 256
		if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &low); err != nil {
			t.Fatal(err)
		}
		var filler []int
		release := func() {
			for _, fd := range filler {
				unix.Close(fd)
			}
			filler = nil
			unix.Setrlimit(unix.RLIMIT_NOFILE, &orig)
		}
		defer release()
		for {
			fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
			if err == unix.EMFILE {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			filler = append(filler, fd)
		}
		rawConnectSocket(t, a, port)
		rawConnectSocket(t, b, port)
		if got := rawReadAll(b); got != "-ERR max number of clients reached\r\n" {
			t.Fatalf("client B read %q while the server was out of descriptors", got)
		}
		release()
		c := dial(t, addr)
		io.WriteString(c, "back\n")
		if line, _ := bufio.NewReader(c).ReadString('\n'); line != "BACK\n" {
			t.Fatalf("after descriptors were freed: %q", line)
		}
		if srv.Stats().Rejected < 1 {
			t.Fatal("the turned-away client was not counted")
		}
	})
}

// rawConnect connects a blocking socket to 127.0.0.1:port with a 10 s
// receive timeout.
func rawConnect(t *testing.T, port int) int {
	t.Helper()
	fd := rawSocket(t)
	rawConnectSocket(t, fd, port)
	return fd
}

// rawSocket makes a blocking TCP socket with a 10 s receive timeout.
func rawSocket(t *testing.T) int {
	t.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatalf("client socket: %v", err)
	}
	tv := unix.NsecToTimeval((10 * time.Second).Nanoseconds())
	unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv)
	return fd
}

// rawConnectSocket connects fd to 127.0.0.1:port.
func rawConnectSocket(t *testing.T, fd, port int) {
	t.Helper()
	if err := unix.Connect(fd, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatalf("connect: %v", err)
	}
}

// rawReadAll reads until EOF, an error or the receive timeout.
func rawReadAll(fd int) string {
	var got []byte
	buf := make([]byte, 128)
	for {
		n, err := unix.Read(fd, buf)
		if n <= 0 || err != nil {
			return string(got)
		}
		got = append(got, buf[:n]...)
	}
}

// testWriter sends the server's log to the test's log (with -v).
type testWriter struct{ t *testing.T }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
