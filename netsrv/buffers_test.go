package netsrv

import (
	"bufio"
	"io"
	"net"
	"strings"
	"testing"
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
	ts := startServer(t, 1, 4)
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
}

// BenchmarkConnectionChurn is a client connecting, sending one line,
// reading the reply and closing, over and over: what a reused read buffer
// saves shows in B/op (client and server are both in this process).
func BenchmarkConnectionChurn(b *testing.B) {
	ts := startServer(b, 4, 4)
	b.ReportAllocs()
	for b.Loop() {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			b.Fatal(err)
		}
		io.WriteString(c, "ping\n")
		if got, err := bufio.NewReader(c).ReadString('\n'); err != nil || got != "PING\n" {
			b.Fatalf("got %q (%v)", got, err)
		}
		c.Close()
	}
}
