package netsrv

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// Client is what a session is given of its connection: the way to push
// output to it, the facts CLIENT LIST shows about it, and a way for another
// connection to end it (CLIENT KILL). Every method may be called from any
// goroutine. The facts are worked out when asked, from what the connection
// already keeps, so serving requests costs nothing extra for them.
type Client interface {
	Pusher
	// FD is the connection's descriptor number.
	FD() int
	// Addrs are the peer's address and the local one ("ip:port"). The
	// local address is asked of the kernel on the first call only.
	Addrs() (peer, local string)
	// Buffers are, as of the connection's last turn: received bytes not
	// yet consumed, room left in the read buffer, reply bytes not yet sent
	// and the reply buffer's size; and, now, the bytes queued for the
	// pub/sub sender.
	Buffers() (query, queryFree, unsent, outSize, pushed int)
	// Events is what the connection waits for, as Redis prints it: "r"
	// while the client may still send, plus "w" while replies wait for
	// room in the socket.
	Events() string
	// Kill ends the connection soon, from any goroutine: requests it has
	// not run yet are dropped and it is closed by its own worker or loop,
	// whichever I/O model serves it. Killing a closed connection does
	// nothing.
	Kill()
}

// Holder is an optional Session method. A session may stop before a
// request it must not run yet (CLIENT PAUSE): it keeps that request, and
// Held then returns a channel that is closed when it may be tried again;
// otherwise nil. The connection then reads nothing more and runs nothing
// until the channel is closed, the connection is killed or the server
// shuts down; afterwards Handle is called again, even with no new bytes.
//
// HeldUnrun tells the two kinds of hold apart: true while the request
// held has yet to run (a pause holds it), false while it ran and waits
// for data (BLPOP). Only the first must be run before a later push
// (arrival_order.go).
type Holder interface {
	Held() <-chan struct{}
	HeldUnrun() bool
}

// HoldNotifier is an optional Holder method: NotifyWhenReleased arranges
// for release to be called once, from any goroutine, when the hold in
// force ends, and reports true; false means the caller must watch Held's
// channel instead (the session cannot call back for this hold). An event
// loop uses it so that a connection held while it waits for data (BLPOP)
// costs the loop an entry in the session's wait list and nothing more: no
// goroutine waits on its behalf.
type HoldNotifier interface {
	NotifyWhenReleased(release func()) bool
}

// errKilled ends a connection the executor killed: CLIENT KILL, or
// maxmemory-clients evicting it.
var errKilled = errors.New("killed: CLIENT KILL, or evicted by maxmemory-clients")

// gauges are a connection's buffer sizes as of its last turn, for other
// goroutines to read (CLIENT LIST). Each is written only when it changed,
// so a steady stream of requests that leave nothing behind writes none.
type gauges struct {
	query, queryFree, unsent, outSize atomic.Int64
}

func setIfChanged(g *atomic.Int64, v int) {
	if g.Load() != int64(v) {
		g.Store(int64(v))
	}
}

// publish records the connection's buffer sizes; called by the goroutine
// serving it at the end of each turn.
func (c *conn) publish() {
	setIfChanged(&c.gauges.query, len(c.in))
	setIfChanged(&c.gauges.queryFree, cap(c.in)-len(c.in))
	setIfChanged(&c.gauges.unsent, c.unsent())
	setIfChanged(&c.gauges.outSize, cap(c.out))
}

// killState is how a connection learns it was killed.
type killState struct {
	killed   atomic.Bool
	kicked   chan struct{} // closed by Kill: wakes a connection held by a pause
	killOnce sync.Once
}

// Push queues bytes for the pub/sub sender (the Pusher interface).
func (c *conn) Push(p []byte) bool { return c.ob.Push(p) }

func (c *conn) FD() int { return c.fd }

func (c *conn) Addrs() (peer, local string) {
	c.localMu.Lock()
	defer c.localMu.Unlock()
	if c.local == "" {
		c.live.whileOpen(c, func() {
			// getsockname(2): the address the client connected to.
			if sa, err := unix.Getsockname(c.fd); err == nil {
				c.local = formatSockaddr(sa)
			}
		})
	}
	return c.peer, c.local
}

func (c *conn) Buffers() (query, queryFree, unsent, outSize, pushed int) {
	g := &c.gauges
	return int(g.query.Load()), int(g.queryFree.Load()), int(g.unsent.Load()), int(g.outSize.Load()), c.ob.queued()
}

func (c *conn) Events() string {
	switch {
	case c.gauges.unsent.Load() > 0:
		return "rw"
	default:
		return "r"
	}
}

// Kill marks the connection and shuts its socket in both directions:
// a worker blocked in recv gets 0, a send in progress fails, and epoll
// reports the descriptor to its loop, so the connection is closed promptly
// in either model. A connection waiting for a pause to end is woken by
// kicked.
func (c *conn) Kill() {
	c.killOnce.Do(func() {
		c.killed.Store(true)
		close(c.kicked)
		c.live.whileOpen(c, func() { unix.Shutdown(c.fd, unix.SHUT_RDWR) })
	})
}

// waitHeld is a held connection's wait in the worker model: until the
// session may go on, the connection is killed or the server shuts down.
// It reports false when the connection is to end at once.
//
// It also ends when the client hangs up, as Redis notices a blocked
// client's disconnection: a client that is gone must stop waiting
// (BLPOP), or it would be served an element nobody reads. hungUp reports
// that at once (hangup.go); without it, the worker looks every
// idleRecheck. The connection then ends once its replies are out.
func (s *Server) waitHeld(c *conn, hungUp <-chan struct{}) bool {
	check := time.NewTicker(idleRecheck)
	defer check.Stop()
	for waiting := true; waiting; {
		lookGone := false
		select {
		case <-c.held:
			waiting = false
		case <-c.kicked:
			waiting = false
		case <-s.stopped:
			waiting = false
		case <-hungUp:
			lookGone = true
		case <-check.C:
			lookGone = true
		}
		if lookGone && peerHungUp(c.fd) {
			c.readDone, waiting = true, false
		}
	}
	return s.endHold(c)
}

// endHold is the end of a hold, in either model: a killed connection ends
// (false); at shutdown the held requests are dropped and the connection
// closes once its replies are sent, so a pause never holds up shutdown;
// otherwise the session is run again.
func (s *Server) endHold(c *conn) bool {
	if c.killed.Load() {
		return false
	}
	if s.stopping.Load() {
		c.quit = true
	}
	// A request a pause held keeps its arrival stamp until it has run
	// (ran, at the end of the turn that runs it): later commands wait for
	// it meanwhile. A blocked client reads again from the moment its reply
	// may reach it (arrival_order.go).
	if c.holder == nil || !c.holder.HeldUnrun() {
		c.reading()
	}
	c.held, c.resumed = nil, true
	return true
}
