package netsrv

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"
)

// tcpPair returns the two ends of a loopback TCP connection: the client's
// and the one accepted from ln.
func tcpPair(t *testing.T, ln *Listener) (client, accepted int) {
	t.Helper()
	client = rawConnect(t, ln.Port())
	accepted, _, err := unix.Accept4(ln.fd, unix.SOCK_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(client); unix.Close(accepted) })
	return client, accepted
}

func quietListen(t *testing.T, opts ListenOptions) *Listener {
	t.Helper()
	log := logrus.New()
	log.SetOutput(&bytes.Buffer{})
	ln, err := ListenWith("127.0.0.1", 0, opts, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ln.close)
	return ln
}

// TestKeepAlive: Redis's timings (anetKeepAlive): first probe after the
// interval, probes a third of it apart, three of them; 0 leaves it off.
func TestKeepAlive(t *testing.T) {
	ln := quietListen(t, ListenOptions{Backlog: 8})
	for _, tc := range []struct {
		interval               time.Duration
		on, idle, intvl, count int
	}{
		{300 * time.Second, 1, 300, 100, 3},
		{2 * time.Second, 1, 2, 1, 3},
		{100000 * time.Second, 1, maxKeepIdle, maxKeepIdle, 3}, // the kernel's cap
		{0, 0, -1, -1, -1},
	} {
		_, fd := tcpPair(t, ln)
		setKeepAlive(fd, tc.interval)
		on, _ := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_KEEPALIVE)
		if on != tc.on {
			t.Errorf("%v: SO_KEEPALIVE %d, want %d", tc.interval, on, tc.on)
		}
		if tc.on == 0 {
			continue
		}
		idle, _ := unix.GetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPIDLE)
		intvl, _ := unix.GetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPINTVL)
		count, _ := unix.GetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPCNT)
		if idle != tc.idle || intvl != tc.intvl || count != tc.count {
			t.Errorf("%v: idle %d, interval %d, count %d; want %d, %d, %d", tc.interval, idle, intvl, count, tc.idle, tc.intvl, tc.count)
		}
	}
}

// TestBufferSizesInherited: the sizes set on the listening socket are
// every accepted socket's (the kernel reports twice the size asked for).
func TestBufferSizesInherited(t *testing.T) {
	ln := quietListen(t, ListenOptions{Backlog: 8, RecvBuffer: 64 << 10, SendBuffer: 32 << 10})
	_, fd := tcpPair(t, ln)
	recv, _ := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF)
	send, _ := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_SNDBUF)
	if recv != 2*64<<10 || send != 2*32<<10 {
		t.Fatalf("accepted socket: SO_RCVBUF %d, SO_SNDBUF %d; want %d, %d", recv, send, 2*64<<10, 2*32<<10)
	}
}

// TestBacklogOverSomaxconnWarns: Redis's warning, word for word.
func TestBacklogOverSomaxconnWarns(t *testing.T) {
	b, err := os.ReadFile("/proc/sys/net/core/somaxconn")
	if err != nil {
		t.Skip("no /proc/sys/net/core/somaxconn")
	}
	somaxconn, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	var logs bytes.Buffer
	log := logrus.New()
	log.SetOutput(&logs)
	for _, backlog := range []int{somaxconn, somaxconn + 1} {
		logs.Reset()
		ln, err := ListenWith("127.0.0.1", 0, ListenOptions{Backlog: backlog}, log)
		if err != nil {
			t.Fatal(err)
		}
		ln.close()
		want := "WARNING: The TCP backlog setting of " + strconv.Itoa(backlog) + " cannot be enforced because /proc/sys/net/core/somaxconn is set to the lower value of " + strconv.Itoa(somaxconn) + "."
		if warned := strings.Contains(logs.String(), want); warned != (backlog > somaxconn) {
			t.Errorf("backlog %d, somaxconn %d: warned %v; log %q", backlog, somaxconn, warned, logs.String())
		}
	}
}
