package netsrv

import (
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Waiting for earlier arrivals, in the worker model.
//
// Arrival stamps (arrival.go) put a key's blocked clients in the order
// their requests arrived, but only the clients that have blocked already.
// In the worker model a request can arrive, and its worker be woken, and
// yet not run for a while: on a busy machine the woken thread waits for a
// CPU (90 us was typical on 2 vCPUs). Meanwhile a push that arrived later
// may run on another worker and serve the waiters it finds; the pop that
// came first then misses the element, and may wait for ever. Redis, one
// thread taking ready clients in arrival order, never does this.
//
// So a blocking pop, before it serves itself, and a push, before it
// serves waiters, ask their connection to wait (AwaitEarlier) until every
// other worker's connection has run what arrived before them. Each such
// connection is in one of these states:
//
//   - received bytes not run yet: the worker notes their stamp (unrun);
//   - bytes still in the kernel's queue: recvmsg(2) with MSG_PEEK and
//     MSG_DONTWAIT reads the oldest one's stamp without taking it;
//   - bytes the worker's recv has taken from the queue but not yet noted:
//     after a long wait in recv its thread may wait for the Go scheduler
//     before it runs again. The kernel counts every byte that arrived
//     (TCP_INFO's tcpi_bytes_received) and the worker every byte it
//     noted (taken); more arrived than noted, with an empty queue, means
//     some are in this gap, and the worker will note them at once;
//   - nothing: the counts are equal.
//
// The wait is bounded (earlierArrivalWait): a slow request elsewhere
// delays the waiting command that much at most, where in Redis it would
// wait for all of it. The look costs a system call per connection that
// waits in recv, and a second one for a connection with unread bytes.
//
// An event loop takes its ready connections in the order epoll reports
// them, which is their arrival order, so its connections need none of
// this; several loops may still run two clients' requests out of order,
// and they are left out because a look into every connection of every
// other loop would cost each serving push far more than a worker's does
// (a worker pool has at most --workers connections to look into).

// unrun states, besides an arrival stamp (> 0) of received bytes the
// session has not run yet.
const (
	unrunIgnored int64 = 0  // not a worker's connection, or it reads nothing now (blocked, quitting)
	unrunReading int64 = -1 // what is pending, if anything, is in the kernel's queue
)

// earlierArrivalWait bounds how long a push waits for other connections'
// earlier requests; earlierArrivalPoll is how often it looks again.
const (
	earlierArrivalWait = 10 * time.Millisecond
	earlierArrivalPoll = 20 * time.Microsecond
)

// orderState is a worker's connection's part in this.
type orderState struct {
	// ordered: the connection takes part (a worker serves it, and its
	// receives are stamped). Only its own goroutine reads it.
	ordered bool
	// unrun is what another worker's push reads: unrunIgnored,
	// unrunReading, or the stamp of what waits to run.
	unrun atomic.Int64
	// taken counts the bytes the worker has received and noted.
	taken atomic.Uint64
}

// takePart makes a worker's connection one that pushes wait for.
func (c *conn) takePart() {
	c.ordered = c.arrivals != nil
	c.reading()
}

// received notes, on a worker's connection, that n bytes stamped arrived
// have been taken from the kernel and wait to run: the stamp first, so
// that whoever sees the count sees the stamp too.
func (c *conn) received(arrived int64, n int) {
	if !c.ordered {
		return
	}
	if arrived > 0 {
		c.unrun.Store(arrived)
	}
	c.taken.Add(uint64(n))
}

// ran notes, on a worker's connection, that everything received has been
// run: from now on its pending bytes are in the kernel's queue, unless the
// connection reads no more for now (a held request, or QUIT).
//
// A request a pause holds has arrived and not run: it keeps the stamp
// received noted, so that when the pause ends a push waits for it as for
// any earlier request, as Redis runs the paused clients before anything
// that came after them. (Nothing waits for it during the pause: pushes
// and pops are writes, held too.) A request that ran and waits for data
// (BLPOP) reads nothing now.
func (c *conn) ran() {
	if !c.ordered {
		return
	}
	switch {
	case c.quit || c.readDone:
		c.unrun.Store(unrunIgnored)
	case c.held != nil && c.holder.HeldUnrun() && c.unrun.Load() > 0:
		// the stamp stays
	case c.held != nil:
		c.unrun.Store(unrunIgnored)
	default:
		c.unrun.Store(unrunReading)
	}
}

// reading notes that the connection reads again, its hold over: from the
// moment a blocked client's reply may reach it, the client may send more,
// and that must be waited for even before the worker has finished.
func (c *conn) reading() {
	if c.ordered {
		c.unrun.Store(unrunReading)
	}
}

// AwaitEarlier is the executor.ArrivalOrderer method: it returns once no
// other worker's connection has a request that arrived before the time
// before (unix nanoseconds, the kernel's stamp) and has not run, or after
// earlierArrivalWait. It returns at once on an event loop's connection,
// and when spare, the pops the data could serve beyond those already
// waiting, is at least the number of other connections: then whichever
// comes first, none of them misses out (a connection with several pops
// in one batch may still, as it could before this wait).
func (c *conn) AwaitEarlier(before int64, spare int) {
	if before <= 0 || !c.ordered || int64(spare) >= c.live.open.Load()-1 {
		return
	}
	var look prober
	deadline := time.Now().Add(earlierArrivalWait)
	for c.live.earlierUnrun(c, before, &look) && time.Now().Before(deadline) {
		time.Sleep(earlierArrivalPoll)
	}
}

// prober is what looking into other connections needs, kept together so
// that a look builds nothing per connection.
type prober struct {
	rx   receiver
	info unix.TCPInfo
}

// earlierUnrun reports whether a connection other than self holds a
// request that arrived before the time before and has not run yet.
func (r *registry) earlierUnrun(self *conn, before int64, look *prober) bool {
	r.mu.Lock() // no descriptor is closed (or reused) while it is looked at
	defer r.mu.Unlock()
	for _, c := range r.fds {
		if c != self && look.hasEarlier(c, before) {
			return true
		}
	}
	return false
}

// hasEarlier is earlierUnrun's question for one connection. Its loads
// follow the worker's stores in reverse (received): a count that includes
// a receive comes with the stamp that receive noted.
func (look *prober) hasEarlier(c *conn, before int64) bool {
	if t := c.unrun.Load(); t != unrunReading {
		return t != unrunIgnored && t < before
	}
	if !look.unnoted(c) {
		t := c.unrun.Load() // noted since the first look, perhaps
		return t > 0 && t < before
	}
	switch at, queued, eof := look.rx.oldestPending(c.fd); {
	case queued:
		return at > 0 && at < before
	case eof:
		return false // the client's FIN, which tcpi_bytes_received counts too
	}
	return true // in the gap: the worker will note them at once
}

// unnoted reports whether more bytes have arrived on c than its worker has
// noted. getsockopt(2) TCP_INFO: tcpi_bytes_received is the kernel's count
// of bytes arrived in order (Linux 4.1 on); an error says nothing arrived.
func (look *prober) unnoted(c *conn) bool {
	size := uint32(unsafe.Sizeof(look.info))
	_, _, errno := unix.Syscall6(unix.SYS_GETSOCKOPT, uintptr(c.fd), unix.IPPROTO_TCP, unix.TCP_INFO,
		uintptr(unsafe.Pointer(&look.info)), uintptr(unsafe.Pointer(&size)), 0)
	return errno == 0 && look.info.Bytes_received > c.taken.Load()
}

// oldestPending peeks at fd's receive queue: whether it holds a byte, and
// the arrival stamp of the oldest (0 if unstamped), or else whether the
// client's end of stream is next. MSG_PEEK leaves the byte for the
// connection's worker; MSG_DONTWAIT returns at once on an empty queue
// (EAGAIN), whatever the descriptor's mode.
func (r *receiver) oldestPending(fd int) (arrived int64, queued, eof bool) {
	var one [1]byte
	n, err := r.recvmsg(fd, one[:], unix.MSG_PEEK|unix.MSG_DONTWAIT, false)
	switch {
	case err != nil:
		return 0, false, false
	case n == 0:
		return 0, false, true
	}
	return r.arrived, true, false
}
