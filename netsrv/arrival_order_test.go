package netsrv

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestProberSeesEveryEarlierArrival walks a worker's connection through
// the states arrival_order.go describes and asks, in each, whether it
// holds a request that arrived before a given time.
func TestProberSeesEveryEarlierArrival(t *testing.T) {
	ln := quietListen(t, ListenOptions{Backlog: 8})
	ln.stampArrivals()
	client, accepted := tcpPair(t, ln)
	c := &conn{fd: accepted}
	c.rx.readStamps()
	c.ordered = true
	c.reading()
	var look prober
	buf := make([]byte, 64)
	send := func() {
		t.Helper()
		if _, err := unix.Write(client, []byte("PING\r\n")); err != nil {
			t.Fatal(err)
		}
	}
	// The kernel turns stamping on for the whole system a moment after
	// the first socket asks: until the bytes come stamped, take them
	// (as the worker would, noting them).
	waitFor(t, "stamped bytes", func() bool {
		send()
		var n int
		waitFor(t, "the bytes", func() bool { n, _ = recvNow(&c.rx, accepted, buf); return n > 0 })
		c.received(c.rx.arrived, n)
		c.ran()
		return c.rx.arrived != 0
	})
	check := func(state string, before int64, want bool) {
		t.Helper()
		if got := look.hasEarlier(c, before); got != want {
			t.Errorf("%s, asked about %d: got %v, want %v", state, before, got, want)
		}
	}
	now := func() int64 { return time.Now().UnixNano() }
	check("nothing arrived", now(), false)

	send()
	var at int64
	waitFor(t, "the bytes in the queue", func() bool { at, _, _ = look.rx.oldestPending(accepted); return at != 0 })
	check("in the kernel's queue", now(), true)
	check("in the queue, asked about an earlier time", at, false)

	n, err := recvNow(&c.rx, accepted, buf)
	if err != nil || n != 6 || c.rx.arrived != at {
		t.Fatalf("after the peeks, recv got %d bytes (%v) stamped %d, want 6 stamped %d", n, err, c.rx.arrived, at)
	}
	check("taken by the worker, not noted yet", now(), true)

	c.received(c.rx.arrived, n)
	check("noted, not run", now(), true)
	check("noted, asked about an earlier time", at, false)

	c.ran()
	check("run", now(), false)

	// A request that ran and waits for data (BLPOP): nothing of the
	// connection waits to run, not even bytes queued behind it.
	hold := &fakeHold{}
	c.holder = hold
	c.held = make(chan struct{})
	send()
	waitFor(t, "the bytes in the queue", func() bool { _, queued, _ := look.rx.oldestPending(accepted); return queued })
	c.ran()
	check("blocked: what waits behind a blocked request", now(), false)

	// A request a pause holds has not run: it counts, by its own stamp,
	// until it runs after the pause.
	c.held = nil
	c.reading()
	n, err = recvNow(&c.rx, accepted, buf)
	if err != nil || n != 6 {
		t.Fatalf("recv got %d bytes (%v), want 6", n, err)
	}
	c.received(c.rx.arrived, n)
	at = c.rx.arrived
	hold.unrun = true
	c.held = make(chan struct{})
	c.ran()
	check("held by a pause", now(), true)
	check("held by a pause, asked about an earlier time", at, false)
	hold.unrun = false

	// The hold ends and the worker reads what waited; then the client
	// closes its side. The kernel counts its FIN as a byte received, but
	// nothing waits to run.
	c.held = nil
	c.reading()
	send()
	waitFor(t, "the bytes in the queue", func() bool { _, queued, _ := look.rx.oldestPending(accepted); return queued })
	n, err = recvNow(&c.rx, accepted, buf)
	if err != nil || n != 6 {
		t.Fatalf("after the hold, recv got %d bytes (%v), want 6", n, err)
	}
	c.received(c.rx.arrived, n)
	c.ran()
	if err := unix.Shutdown(client, unix.SHUT_WR); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the end of stream", func() bool { _, _, eof := look.rx.oldestPending(accepted); return eof })
	check("the client's end of stream, not yet read", now(), false)
}

// fakeHold is a Holder whose hold is a pause's (unrun) or a wait for data.
type fakeHold struct{ unrun bool }

func (h *fakeHold) Held() <-chan struct{} { return nil }
func (h *fakeHold) HeldUnrun() bool       { return h.unrun }
