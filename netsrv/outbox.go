package netsrv

import (
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// Pusher lets the data layer send bytes to a connection at any time, not
// only in answer to a request: a published message reaches a subscriber
// whose worker is blocked in recv. Push never blocks and never sends
// itself; it returns false when the connection is gone or its unsent output
// passed the bound, in which case the connection is being closed.
type Pusher interface {
	Push(p []byte) bool
}

// outbox is a connection's queue of bytes to send once it has been pushed
// to. Once active, every byte for the connection (the session's replies
// too) goes through the outbox in order, and one sender goroutine writes it
// to the socket, so a pusher only ever appends under a mutex.
//
// Who may write to the socket is the point of the state machine below
// (state): exactly one writer at a time, and a pusher from another
// goroutine never touches the connection's own reply buffer (conn.out),
// which its goroutine may be using at that very moment.
//
//	owned  -> wanted  a push arrives while the connection's goroutine may be
//	                  busy: the bytes wait in pending, unsent, and the
//	                  goroutine is asked for a turn (nudge); at that turn
//	                  it activates the outbox itself (activate), its own
//	                  unsent replies going first.
//	owned  -> idle    a worker, with nothing unsent, is about to block in
//	                  recv (enterIdle)...
//	idle   -> owned   ...and is back from it (leaveIdle), before it runs
//	                  anything.
//	idle   -> active  a push arrives while the worker waits in recv: no
//	                  reply of its can be unsent, so the pusher activates
//	                  the outbox at once and the bytes leave promptly.
//	wanted -> active  the connection's goroutine took its turn (activate).
//
// Active is final. The goroutine sends directly only while the state is
// owned or wanted, and it leaves idle before it does anything else, so the
// sender goroutine (started only on activation) never writes alongside it.
// The connection's goroutine reads the state with one atomic load per
// batch of requests, as it read the former "active" flag; a worker adds two
// uncontended compare-and-swaps around each blocking recv, which costs a
// few nanoseconds against the microseconds of the recv itself. Waking the
// worker out of recv instead (a signal, a second descriptor to poll) would
// cost a system call per request or interrupt any recv.
type outbox struct {
	fd    int
	limit *atomic.Int64 // unsent bytes allowed before the connection is cut (the server's, which may change)
	// nudge asks the connection's goroutine for a turn (owned -> wanted):
	// an event loop's connection is served at the loop's next wake-up. nil
	// for a worker, which checks the state before it blocks.
	nudge func()
	// takeover, called on activation by the connection's goroutine,
	// returns replies it has not sent yet; they go first.
	takeover func() []byte

	state atomic.Int32 // obOwned, obIdle, obWanted or obActive

	mu       sync.Mutex
	wake     sync.Cond
	pending  []byte
	spare    []byte // the buffer last sent, reused
	running  bool   // the sender goroutine exists
	closed   bool
	overflow bool
	done     chan struct{} // closed when the sender returns
}

// The outbox's states (see outbox).
const (
	obOwned  int32 = iota // the connection's goroutine sends its replies itself
	obIdle                // a worker waits in recv with nothing unsent
	obWanted              // pushes wait for the connection's goroutine to activate the outbox
	obActive              // everything goes through the outbox
)

func newOutbox(fd int, limit *atomic.Int64, nudge func()) *outbox {
	ob := &outbox{fd: fd, limit: limit, nudge: nudge}
	ob.wake.L = &ob.mu
	return ob
}

// Push queues p for sending (the Pusher interface). Any goroutine may call
// it, the connection's own included.
func (ob *outbox) Push(p []byte) bool {
	ob.mu.Lock()
	if ob.closed {
		ob.mu.Unlock()
		return false
	}
	if int64(len(ob.pending)+len(p)) > ob.limit.Load() {
		// A subscriber that does not read must not grow the daemon's memory
		// without bound, nor slow the publisher: cut it. shutdown(2) wakes
		// its worker's recv (0) and any send in progress (EPIPE); the worker
		// then closes the fd, which cannot happen while we hold ob.mu.
		ob.closed, ob.overflow = true, true
		unix.Shutdown(ob.fd, unix.SHUT_RDWR)
		ob.wake.Broadcast()
		ob.mu.Unlock()
		return false
	}
	ob.pending = append(ob.pending, p...)
	nudge := false
	switch {
	case ob.state.CompareAndSwap(obIdle, obActive):
		ob.startSender()
	case ob.state.CompareAndSwap(obOwned, obWanted):
		nudge = ob.nudge != nil
	case ob.state.Load() == obActive:
		ob.wake.Signal()
	}
	ob.mu.Unlock()
	if nudge {
		ob.nudge() // outside ob.mu: the event loop's lock is never taken under it
	}
	return true
}

// startSender starts the sender goroutine once; ob.mu is held.
func (ob *outbox) startSender() {
	if !ob.running {
		ob.running = true
		ob.done = make(chan struct{})
		go ob.sender()
	}
	ob.wake.Signal()
}

// viaOutbox reports whether the connection's output goes through the
// outbox; when pushes are waiting (wanted) it first activates it, with
// the connection's unsent replies ahead of them. Only the connection's own goroutine
// calls it: one atomic load when nothing was pushed.
func (ob *outbox) viaOutbox() bool {
	switch ob.state.Load() {
	case obOwned, obIdle:
		return false
	case obWanted:
		ob.activate()
	}
	return true
}

// activate switches a wanted outbox to active: the connection's replies not
// yet sent go first, then what was pushed meanwhile. Only the connection's
// own goroutine calls it.
func (ob *outbox) activate() {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	if !ob.state.CompareAndSwap(obWanted, obActive) {
		return
	}
	// A copy: the unsent replies' buffer may be the one the session
	// writes its next replies into.
	unsent := ob.takeover()
	merged := make([]byte, 0, len(unsent)+len(ob.pending))
	ob.pending = append(append(merged, unsent...), ob.pending...)
	if !ob.closed {
		ob.startSender()
	}
}

// enterIdle is a worker about to block in recv with nothing unsent: from
// now on a pusher may activate the outbox itself. It returns false when
// the outbox is (now) active instead, pushes that were waiting having been
// taken in first; then the worker need not call leaveIdle.
func (ob *outbox) enterIdle() bool {
	if ob.state.CompareAndSwap(obOwned, obIdle) {
		return true
	}
	ob.viaOutbox()
	return false
}

// leaveIdle is the worker back from recv, before it runs any request: the
// state is owned again, unless a pusher made it active meanwhile.
func (ob *outbox) leaveIdle() { ob.state.CompareAndSwap(obIdle, obOwned) }

// isActive reports whether the connection's output goes through the outbox
// (or is about to: pushes are waiting for the connection's turn).
func (ob *outbox) isActive() bool { return ob.state.Load() >= obWanted }

// sender writes pending bytes to the socket until the outbox closes.
func (ob *outbox) sender() {
	defer close(ob.done)
	ob.mu.Lock()
	defer ob.mu.Unlock()
	for {
		for len(ob.pending) == 0 && !ob.closed {
			ob.wake.Wait()
		}
		if len(ob.pending) == 0 || ob.overflow {
			return
		}
		batch := ob.pending
		ob.pending, ob.spare = ob.spare[:0], nil
		ob.mu.Unlock()
		err := sendAll(ob.fd, batch)
		ob.mu.Lock()
		ob.spare = batch[:0]
		if err != nil {
			ob.closed = true
			return
		}
	}
}

// close stops the outbox. With drain, bytes already queued are sent first
// (QUIT's OK); without, a send in progress is cut short. It returns once the
// sender has finished, so the caller may then close the fd.
func (ob *outbox) close(drain bool) {
	ob.mu.Lock()
	if !drain && ob.running && !ob.closed {
		unix.Shutdown(ob.fd, unix.SHUT_RDWR) // wake a send blocked on a client that does not read
	}
	ob.closed = true
	ob.wake.Broadcast()
	running := ob.running
	ob.mu.Unlock()
	if running {
		<-ob.done
	}
}

// hasSender reports whether a sender goroutine was started.
func (ob *outbox) hasSender() bool {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	return ob.running
}

// overflowed reports whether the connection was cut for its output bound.
func (ob *outbox) overflowed() bool {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	return ob.overflow
}

// queued is how many pushed bytes wait for the sender.
func (ob *outbox) queued() int {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	return len(ob.pending)
}
