package netsrv

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"

	"redis-lite/pool"
)

// workerPool is the networking document's I/O model (sections 5 to 9): the
// accept loop queues each connection, and one of a fixed number of workers
// serves it from its first byte to its close, blocked in recv(2) whenever
// the client has nothing to say. So an idle client holds a worker (and its
// thread): section 11's stated limitation, which watchdog.go makes visible.
type workerPool struct {
	s         *Server
	pool      *pool.Pool[*conn]
	queueFull atomic.Int64 // connections turned away because the queue was full
	hangups   *hangupWatcher
}

func newWorkerPool(s *Server) *workerPool {
	w := &workerPool{s: s, hangups: newHangupWatcher()}
	w.pool = pool.New(s.cfg.Workers, s.cfg.Queue, w.serve)
	return w
}

func (w *workerPool) start() logrus.Fields {
	go w.watchQueue()
	w.hangups.start(w.s.stopped)
	return logrus.Fields{"workers": w.s.cfg.Workers, "queue": w.s.cfg.Queue}
}

func (w *workerPool) admit(c *conn) bool {
	if w.pool.Submit(c) {
		return true
	}
	w.queueFull.Add(1)
	return false
}

func (w *workerPool) finish() {
	w.pool.Close()
	st := w.pool.Stats()
	w.s.log.Infof("shutdown: waiting for %d busy workers and %d queued connections", st.Busy, st.Queued)
	w.pool.Wait()
	w.hangups.close()
}

// A worker's non-blocking calls tell the scheduler (sysio.go says why).
func (w *workerPool) recvNow(r *receiver, fd int, p []byte) (int, error) {
	return recvNow(r, fd, p)
}
func (w *workerPool) sendNow(fd int, p []byte) (int, error) { return sendNow(fd, p) }

func (w *workerPool) fill(st *Stats)       { st.Pool = w.pool.Stats() }
func (w *workerPool) runsOutOfOrder() bool { return true }
func (w *workerPool) busy() string         { return fmt.Sprintf("%d workers", w.pool.Stats().Busy) }
func (w *workerPool) release()             { w.pool.Close(); w.pool.Wait(); w.hangups.close() }

// settingsChanged needs nothing: a worker rereads the idle timeout every
// idleRecheck (serve says why).
func (w *workerPool) settingsChanged() {}
func (w *workerPool) closed() string   { return "close(): connection closed; worker back to the pool" }

// serve is a worker's whole session with one client (sections 7 and 9).
//
// The usual turn: recv (blocking), hand the bytes to the session, send the
// replies without blocking; the kernel takes them all and the worker is
// back in recv. Only when the client does not read fast enough do replies
// stay unsent; then the worker waits in poll(2) until the socket is
// writable or readable, and keeps reading and running requests meanwhile,
// so a client that never reads is closed when its unsent replies pass the
// output limit, instead of holding its worker forever.
//
// The session ends when the client has closed its side and every reply is
// sent, when the session asks (QUIT), on an error, or at a limit.
func (w *workerPool) serve(c *conn) {
	s := w.s
	// No nudge: a push finds the worker either blocked in recv (and
	// activates the outbox itself) or busy, and then the worker takes the
	// pushes in before its next recv (outbox.enterIdle).
	s.openSession(c, "worker: serving connection", nil)
	c.takePart() // pushes on other workers wait for its requests (arrival_order.go)
	// A blocking recv lends the buffer to the kernel for the whole wait,
	// so a worker's connection holds its read buffer for its whole life.
	c.in = s.readBufs.get()
	defer func() { s.closeConn(c) }()
	// SO_RCVTIMEO: a blocking recv that waits this long for nothing fails
	// with EAGAIN. It is idleRecheck whatever the timeout setting says,
	// because CONFIG SET may set or change the timeout while this worker
	// is blocked, and the kernel reads SO_RCVTIMEO only when a recv
	// begins: so the worker wakes after each empty second, adds it to the
	// client's idle time and holds that against the timeout as it is now.
	// An idle connection costs one recv(2) a second for this.
	tv := unix.NsecToTimeval(idleRecheck.Nanoseconds())
	unix.SetsockoptTimeval(c.fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv)
	var idle time.Duration // since the client last sent or took a byte
	procs := int64(runtime.GOMAXPROCS(0))
	for {
		// 0. A request held by a pause (CLIENT PAUSE): wait, then run it.
		if c.held != nil {
			if c.readDone && s.finished(c) {
				return // the client hung up while held
			}
			hungUp := w.hangups.watch(c.fd)
			resume := s.waitHeld(c, hungUp)
			w.hangups.unwatch(c.fd)
			if !resume {
				s.connEnded(c, "recv", errKilled)
				return
			}
			if err := s.runRequests(c); err != nil {
				s.connEnded(c, "send", err)
				return
			}
			continue
		}
		// 1. Replies waiting: wait for the client to read them or to send.
		readable := true
		if c.unsent() > 0 {
			r, err := pollClient(c.fd, !c.readDone && !c.quit, idleRecheck)
			if err == nil && r.timedOut {
				// Neither reading its replies nor sending.
				if idle += idleRecheck; s.idleTooLong(idle) {
					err = errIdle
				}
			}
			if err == nil && r.writable {
				before := c.unsent()
				err = s.flush(c)
				if c.unsent() < before {
					idle = 0
				}
			}
			if err != nil {
				s.connEnded(c, "send", err)
				return
			}
			readable = r.readable
		}
		// 2. Nothing more to read: close once every reply is out.
		if c.readDone || c.quit {
			if s.finished(c) {
				return
			}
			continue
		}
		if !readable {
			continue
		}
		// 3. The turn: read (blocking when nothing is pending; otherwise
		// taking only what has arrived) and run every complete request.
		block := c.unsent() == 0
		n, call, err := s.turn(c, block)
		if err != nil {
			s.connEnded(c, call, err)
			return
		}
		if n > 0 {
			yieldTurn(c, procs)
		}
		switch {
		case n > 0:
			idle = 0
		case block && !c.readDone && !c.ob.isActive():
			// SO_RCVTIMEO ran out: nothing for idleRecheck. (Subscribers
			// are never idle, as in Redis.)
			if idle += idleRecheck; s.idleTooLong(idle) {
				s.connEnded(c, "recv", errIdle)
				return
			}
		}
	}
}

// yieldTurn ends a worker's turn by putting it at the back of the Go
// scheduler's global run queue (runtime.Gosched), behind the workers that
// wait there, so that the workers take turns in order.
//
// Without it the turns went by luck. A worker whose recv(2) returns gets
// its processor straight back if the runtime's monitor thread has not yet
// handed that processor to somebody else, and the monitor leaves alone a
// processor whose system calls keep changing: so a worker whose client
// answers within microseconds kept its processor for turn after turn,
// while a worker whose recv returned a little later, and found its
// processor gone, waited in the global queue, which a busy processor only
// looks at now and then. Under redis-benchmark -c 50 on two CPUs, p50 was
// 15 us and the slowest request 190-590 ms (BENCHMARKS.md, "The worker
// model's tail").
//
// With no more connections than processors (procs, GOMAXPROCS) nobody
// can be kept waiting, and the yield is skipped: for one client it cost
// about a third more CPU per request (5.2 -> 6.9 us). Idle connections
// count too, so one busy client among idle ones still pays that.
func yieldTurn(c *conn, procs int64) {
	if c.live.open.Load() > procs {
		runtime.Gosched()
	}
}

// idleRecheck is how often a worker whose client is silent wakes to hold
// its idle time against the timeout setting.
const idleRecheck = time.Second

// idleTooLong reports whether a client idle this long is past the
// timeout setting as it is now.
func (s *Server) idleTooLong(idle time.Duration) bool {
	timeout := s.currentIdleTimeout()
	return timeout > 0 && idle >= timeout
}
