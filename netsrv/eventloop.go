package netsrv

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"
)

// The second I/O model: section 11's asynchronous event loop (--io epoll).
// The worker model gives each connection a thread blocked in recv(2), so
// every request costs a thread wake-up and idle clients hold workers. Here a
// few loops (--event-loops) each own many connections and learn from
// epoll_wait(2) which of them have bytes to read or room to write; no
// goroutine ever blocks on one client. The accept loop still only accepts
// (section 5) and hands each descriptor to a loop, and every connection is
// served by the same Session, with the same limits, as in the worker model.
//
// Descriptors stay in blocking mode (the pub/sub sender blocks on them);
// the loop itself never blocks on a client because every recv and send it
// makes carries MSG_DONTWAIT. Interest is level-triggered: a connection
// with bytes left unread is simply reported again.

// eventsPerWait is how many ready descriptors one epoll_wait may report.
const eventsPerWait = 256

// yieldEvery is how often a busy loop yields to the Go scheduler. A
// goroutine that never yields looks stuck to the runtime's monitor thread
// (sysmon): past 10 ms it is preempted by a signal, and the monitor keeps
// waking every 20 us to check on it. Yielding every 5 ms (a scheduler round
// trip of well under a microsecond) shows it the loop is fine: under
// redis-benchmark -t set -c 50 the monitor's context switches went from
// about 3,600 to 300 per 200,000 requests.
const yieldEvery = 5 * time.Millisecond

// idleCheckEvery is how often, at most, a loop looks for clients idle past
// --timeout (more often when the timeout is shorter).
const idleCheckEvery = time.Second

// eventLoop owns a set of connections and an epoll instance watching them.
type eventLoop struct {
	s      *Server
	epfd   int
	wakeFd int // an eventfd: written to hand over connections or to stop

	mu       sync.Mutex
	incoming []*conn // accepted, not yet taken in by the loop
	unparked []*conn // parked connections whose hold has ended (loopconn.go)
	nudged   []*conn // connections pushed to by another goroutine (needTurn)
	finish   bool    // no more connections will come: end once all are closed
	gone     bool    // the loop has stopped: nothing may wake it any more

	conns     map[int]*conn // only the loop's goroutine touches these
	finishing bool          // finish, as last seen
	served    atomic.Int64  // connections taken in since the start
	done      chan struct{}
	lastIdle  time.Time
	lastYield time.Time
	poll      busyPoller
	spareIn   []byte // a read buffer no connection holds (buffers.go)
	// unflushed are the connections served this round whose replies
	// wait for the round's end (flushRound, loopconn.go).
	unflushed []*conn
}

// newEventLoop makes the epoll instance and the eventfd that wakes it.
func newEventLoop(s *Server) (*eventLoop, error) {
	// epoll_create1(2): a kernel object holding the interest list and the
	// ready list; CLOEXEC as for every descriptor of the daemon.
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("epoll_create1: %w", err)
	}
	// eventfd(2): a counter the accept loop can write to; epoll reports it
	// readable, which wakes the loop out of epoll_wait.
	wakeFd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		unix.Close(epfd)
		return nil, fmt.Errorf("eventfd: %w", err)
	}
	l := &eventLoop{s: s, epfd: epfd, wakeFd: wakeFd, conns: make(map[int]*conn), done: make(chan struct{}),
		poll: busyPoller{limit: s.cfg.BusyPoll}}
	if err := l.watch(wakeFd, unix.EPOLL_CTL_ADD, unix.EPOLLIN); err != nil {
		l.release()
		return nil, err
	}
	return l, nil
}

// watch adds or changes fd's entry in the interest list.
func (l *eventLoop) watch(fd, op int, events uint32) error {
	ev := unix.EpollEvent{Events: events, Fd: int32(fd)}
	if err := unix.EpollCtl(l.epfd, op, fd, &ev); err != nil {
		return fmt.Errorf("epoll_ctl fd %d: %w", fd, err)
	}
	return nil
}

func (l *eventLoop) release() {
	unix.Close(l.wakeFd)
	unix.Close(l.epfd)
}

// adopt hands an accepted connection to the loop; called by the accept loop.
func (l *eventLoop) adopt(c *conn) {
	l.mu.Lock()
	l.incoming = append(l.incoming, c)
	l.mu.Unlock()
	l.wake()
}

// stop tells the loop no connection will come any more: it returns once
// the ones it has are closed (shutdown has already shut them for reading).
func (l *eventLoop) stop() {
	l.mu.Lock()
	l.finish = true
	l.mu.Unlock()
	l.wake()
}

func (l *eventLoop) wake() {
	var one [8]byte
	binary.NativeEndian.PutUint64(one[:], 1)
	unix.Write(l.wakeFd, one[:]) // EAGAIN only if the counter is huge: already awake
}

// run is the loop: wait for readiness, serve each ready connection, repeat.
func (l *eventLoop) run() {
	defer close(l.done)
	defer l.release()
	defer func() {
		l.mu.Lock()
		l.gone = true
		l.mu.Unlock()
	}()
	events := make([]unix.EpollEvent, eventsPerWait)
	for {
		// The idle timeout is read on every round: CONFIG SET may change
		// it, and wakes the loop (settingsChanged) so that a wait with no
		// timeout ends.
		idleTimeout := l.s.currentIdleTimeout()
		timeout, checkIdleEvery := -1, time.Duration(0)
		if idleTimeout > 0 {
			checkIdleEvery = min(idleTimeout, idleCheckEvery)
			timeout = int(checkIdleEvery.Milliseconds())
		}
		// epoll_wait(2) blocks until a watched descriptor is ready or the
		// timeout passes, and fills events with the ready ones; the poller
		// may first ask without blocking for a while (busypoll.go).
		n, err := l.poll.wait(l.epfd, events, timeout)
		if err != nil && err != unix.EINTR {
			l.s.log.WithError(err).Error("epoll_wait(): failed; the event loop stops")
			l.closeAll()
			return
		}
		now := time.Now()
		for _, ev := range events[:max(n, 0)] {
			if int(ev.Fd) == l.wakeFd {
				l.takeIncoming(now)
				continue
			}
			if c := l.conns[int(ev.Fd)]; c != nil {
				l.serve(c, ev.Events, now)
			}
		}
		l.flushRound()
		if now.Sub(l.lastYield) >= yieldEvery {
			l.lastYield = now
			runtime.Gosched()
		}
		if checkIdleEvery > 0 && now.Sub(l.lastIdle) >= checkIdleEvery {
			l.closeIdle(now, idleTimeout)
		}
		if l.finishing && len(l.conns) == 0 {
			return
		}
	}
}

// takeIncoming registers the connections handed over since the last wake
// and notes whether the loop has been told to finish.
func (l *eventLoop) takeIncoming(now time.Time) {
	var count [8]byte
	unix.Read(l.wakeFd, count[:]) // resets the eventfd counter to 0
	l.mu.Lock()
	batch := l.incoming
	l.incoming = nil
	l.finishing = l.finish
	unparked := l.unparked
	l.unparked = nil
	nudged := l.nudged
	l.nudged = nil
	l.mu.Unlock()
	for _, c := range unparked {
		l.resume(c)
	}
	for _, c := range nudged {
		l.takePushes(c)
	}
	for _, c := range batch {
		l.s.openSession(c, "event loop: serving connection", func() { l.needTurn(c) })
		c.lastActive = now
		c.interest = unix.EPOLLIN
		if err := l.watch(c.fd, unix.EPOLL_CTL_ADD, c.interest); err != nil {
			l.s.connEnded(c, "epoll_ctl", err)
			l.s.closeConn(c)
			continue
		}
		l.conns[c.fd] = c
		l.served.Add(1)
	}
}

// eventLoops is section 11's I/O model: a few event loops share the
// connections, handed to them in turn by the accept loop.
type eventLoops struct {
	s     *Server
	loops []*eventLoop
	next  int // the loop the next connection goes to
}

// newEventLoops creates the loops (NewServer); start runs them.
func newEventLoops(s *Server) (*eventLoops, error) {
	m := &eventLoops{s: s}
	for i := 0; i < s.cfg.EventLoops; i++ {
		l, err := newEventLoop(s)
		if err != nil {
			for _, made := range m.loops {
				made.release()
			}
			return nil, err
		}
		m.loops = append(m.loops, l)
	}
	return m, nil
}

func (m *eventLoops) start() logrus.Fields {
	for _, l := range m.loops {
		go l.run()
	}
	return logrus.Fields{"event_loops": len(m.loops)}
}

// admit gives an accepted connection to the next loop in turn; a loop
// always has room.
func (m *eventLoops) admit(c *conn) bool {
	l := m.loops[m.next%len(m.loops)]
	m.next++
	l.adopt(c)
	return true
}

// finish tells every loop that no connection will come any more, and waits
// for each to close the ones it has.
func (m *eventLoops) finish() {
	m.s.log.Infof("shutdown: waiting for %d event loops to close their connections", len(m.loops))
	for _, l := range m.loops {
		l.stop()
	}
	for _, l := range m.loops {
		<-l.done
	}
}

// A loop's non-blocking calls are raw system calls (sysio.go says why).
func (m *eventLoops) recvNow(r *receiver, fd int, p []byte) (int, error) {
	return recvNowRaw(r, fd, p)
}
func (m *eventLoops) sendNow(fd int, p []byte) (int, error) { return sendNowRaw(fd, p) }

func (m *eventLoops) fill(st *Stats) { st.Loops = len(m.loops) }

// runsOutOfOrder: one loop receives requests as they came, so its
// connections skip the stamps, whose recvmsg(2) cost the kernel about 5%
// more per request than a plain recvfrom(2) (BENCHMARKS.md).
func (m *eventLoops) runsOutOfOrder() bool { return len(m.loops) > 1 }
func (m *eventLoops) busy() string         { return "event loops" }
func (m *eventLoops) release() {
	for _, l := range m.loops {
		l.release()
	}
}

// settingsChanged wakes every loop, so each reads the idle timeout again.
func (m *eventLoops) settingsChanged() {
	for _, l := range m.loops {
		l.wake()
	}
}

func (m *eventLoops) closed() string { return "close(): connection closed" }
