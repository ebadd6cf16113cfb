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
)

// holdingSession echoes lines in upper case, except that a line "hold"
// is held (netsrv.Holder) until release is closed, then answered "HELD".
// Its Client is handed to the test.
type holdingSession struct {
	release <-chan struct{}
	holding bool
}

func (h *holdingSession) Handle(in, out []byte) (int, []byte, bool) {
	if h.holding {
		select {
		case <-h.release:
			h.holding = false
			out = append(out, "HELD\n"...)
		default:
			return 0, out, false
		}
	}
	consumed := 0
	for !h.holding {
		i := bytes.IndexByte(in[consumed:], '\n')
		if i < 0 {
			break
		}
		line := string(in[consumed : consumed+i])
		consumed += i + 1
		if line == "hold" {
			h.holding = true
			break
		}
		out = append(out, strings.ToUpper(line)+"\n"...)
	}
	return consumed, out, false
}

func (h *holdingSession) HeldUnrun() bool { return h.holding }

func (h *holdingSession) Held() <-chan struct{} {
	if h.holding {
		return h.release
	}
	return nil
}

// clients collects the Client of every connection, in order.
type clients struct {
	mu   sync.Mutex
	list []Client
}

func (cs *clients) add(c Client) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.list = append(cs.list, c)
}

func (cs *clients) get(t *testing.T, i int) Client {
	t.Helper()
	var c Client
	deadline := time.Now().Add(10 * time.Second)
	for c == nil && time.Now().Before(deadline) {
		cs.mu.Lock()
		if len(cs.list) > i {
			c = cs.list[i]
		}
		cs.mu.Unlock()
		if c == nil {
			time.Sleep(time.Millisecond) // polling for the accept, bounded
		}
	}
	if c == nil {
		t.Fatalf("connection %d never got a session", i)
	}
	return c
}

func dialLines(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(20 * time.Second))
	t.Cleanup(func() { c.Close() })
	return c, bufio.NewReader(c)
}

func readLine(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("reading: %v (got %q)", err, line)
	}
	return line
}

// TestHeldRequestWaitsForItsRelease: a held request and the ones behind
// it run only once the channel is closed, and other connections are
// served meanwhile, in both models.
func TestHeldRequestWaitsForItsRelease(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		release := make(chan struct{})
		addr, _ := startWith(t, Config{EventLoops: loops}, func(Client) Session { return &holdingSession{release: release} })
		held, heldR := dialLines(t, addr)
		io.WriteString(held, "a\nhold\nb\n")
		if got := readLine(t, heldR); got != "A\n" {
			t.Fatalf("before the hold: got %q", got)
		}
		other, otherR := dialLines(t, addr)
		io.WriteString(other, "x\n")
		if got := readLine(t, otherR); got != "X\n" {
			t.Fatalf("another connection during the hold: got %q", got)
		}
		held.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		if b, err := heldR.ReadByte(); err == nil {
			t.Fatalf("a held connection answered %q before its release", b)
		}
		held.SetReadDeadline(time.Now().Add(20 * time.Second))
		close(release)
		for _, want := range []string{"HELD\n", "B\n"} {
			if got := readLine(t, heldR); got != want {
				t.Fatalf("after the release: got %q, want %q", got, want)
			}
		}
	})
}

// TestKillClosesAHeldOrIdleConnection: Kill closes a connection waiting in
// recv and one held by its session, at once, in both models; the facts of
// a live one are its own.
func TestKillClosesAHeldOrIdleConnection(t *testing.T) {
	eachModel(t, func(t *testing.T, loops int) {
		var cs clients
		never := make(chan struct{})
		addr, _ := startWith(t, Config{EventLoops: loops}, func(c Client) Session {
			cs.add(c)
			return &holdingSession{release: never}
		})
		idle, idleR := dialLines(t, addr)
		io.WriteString(idle, "ping\n")
		readLine(t, idleR)
		held, heldR := dialLines(t, addr)
		io.WriteString(held, "hold\n")

		idleClient := cs.get(t, 0)
		peer, local := idleClient.Addrs()
		if peer != idle.LocalAddr().String() || local != idle.RemoteAddr().String() {
			t.Fatalf("Addrs: %s %s, want %s %s", peer, local, idle.LocalAddr(), idle.RemoteAddr())
		}
		if idleClient.FD() <= 2 || idleClient.Events() != "r" {
			t.Fatalf("FD %d, Events %q", idleClient.FD(), idleClient.Events())
		}
		for i, r := range []*bufio.Reader{idleR, heldR} {
			cs.get(t, i).Kill()
			if rest, err := io.ReadAll(r); err != nil {
				t.Fatalf("connection %d after Kill: %v (got %q)", i, err, rest)
			}
		}
		cs.get(t, 0).Kill() // killing a closed connection does nothing
	})
}
