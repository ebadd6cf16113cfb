package netsrv

import (
	"bufio"
	"errors"
	"net"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"redis-lite/internal/testwait"
)

// Rebind, in both I/O models: the server moves to a new port, the old one
// stops answering, a client connected before the move is still served;
// and a port that is taken leaves the server where it was, with the
// kernel's reason.
func TestRebind(t *testing.T) {
	for _, loops := range []int{0, 1} {
		srv := startModel(t, 4, 16, loops)
		before := dial(t, srv.addr)
		echo(t, before, "one")

		taken, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		takenPort := taken.Addr().(*net.TCPAddr).Port
		_, err = srv.Rebind("127.0.0.1", takenPort)
		taken.Close()
		if !errors.Is(err, unix.EADDRINUSE) {
			t.Fatalf("loops %d: Rebind to a taken port: %v, want EADDRINUSE", loops, err)
		}
		if srv.Addr() != srv.addr {
			t.Fatalf("loops %d: a failed Rebind moved the server to %s", loops, srv.Addr())
		}
		echo(t, dial(t, srv.addr), "still here")

		port, err := srv.Rebind("127.0.0.1", 0)
		if err != nil || port == 0 {
			t.Fatalf("loops %d: Rebind to port 0: %d, %v", loops, port, err)
		}
		moved := "127.0.0.1:" + strconv.Itoa(port)
		if srv.Addr() != moved {
			t.Fatalf("loops %d: Addr %s after moving to %s", loops, srv.Addr(), moved)
		}
		echo(t, dial(t, moved), "moved")
		echo(t, before, "two") // accepted before the move: still served
		waitRefused(t, srv.addr)
		if same, err := srv.Rebind("127.0.0.1", port); same != port || err != nil {
			t.Fatalf("loops %d: Rebind to where it is: %d, %v", loops, same, err)
		}
		echo(t, dial(t, moved), "unchanged")
	}
}

func echo(t *testing.T, c net.Conn, line string) {
	t.Helper()
	if _, err := c.Write([]byte(line + "\n")); err != nil {
		t.Fatal(err)
	}
	got, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || got != toUpper(line)+"\n" {
		t.Fatalf("sent %q, read %q, %v", line, got, err)
	}
}

func toUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// waitRefused polls until addr refuses connections: the accept loop closes
// a retired socket once it has woken from it.
func waitRefused(t *testing.T, addr string) {
	t.Helper()
	testwait.Until(t, 5*time.Second, addr+" to refuse connections after the server moved", func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
}
