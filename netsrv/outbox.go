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
// to. From the first push on, every byte for the connection (the worker's
// replies too) goes through the outbox in order, and one sender goroutine
// writes it to the socket, so a publisher only ever appends under a mutex.
type outbox struct {
	fd    int
	limit *atomic.Int64 // unsent bytes allowed before the connection is cut (the server's, which may change)
	// takeover, called on the first push, returns replies the worker has
	// not sent yet; they go first.
	takeover func() []byte

	active atomic.Bool // pushed to at least once: the worker sends through here

	mu       sync.Mutex
	wake     sync.Cond
	pending  []byte
	spare    []byte // the buffer last sent, reused
	running  bool   // the sender goroutine exists
	closed   bool
	overflow bool
	done     chan struct{} // closed when the sender returns
}

func newOutbox(fd int, limit *atomic.Int64) *outbox {
	ob := &outbox{fd: fd, limit: limit}
	ob.wake.L = &ob.mu
	return ob
}

// Push queues p for sending (the Pusher interface).
func (ob *outbox) Push(p []byte) bool {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	if ob.closed {
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
		return false
	}
	if !ob.active.Load() && ob.takeover != nil {
		ob.pending = append(ob.pending, ob.takeover()...)
	}
	ob.pending = append(ob.pending, p...)
	ob.active.Store(true)
	if !ob.running {
		ob.running = true
		ob.done = make(chan struct{})
		go ob.sender()
	}
	ob.wake.Signal()
	return true
}

// isActive reports whether the connection's output goes through the outbox.
// The connection's own session pushes first (while subscribing), so the
// flag turns on during the worker's Handle call, never under its feet.
func (ob *outbox) isActive() bool { return ob.active.Load() }

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
