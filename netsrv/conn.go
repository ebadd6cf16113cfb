package netsrv

import (
	"errors"
	"sync"
	"time"

	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"
)

// Limits that end a connection.
var (
	errIdle        = errors.New("idle longer than --timeout")
	errQueryLimit  = errors.New("unparsed input over --client-query-buffer-limit")
	errOutputLimit = errors.New("unsent replies over --client-output-buffer-limit")
	errPushRefused = errors.New("output over the pub/sub limit")
)

// conn is one client connection: its descriptor, its peer and its buffers.
type conn struct {
	fd       int
	peer     string
	in       []byte  // received bytes the session has not consumed yet
	out      []byte  // replies; out[sent:] is not yet taken by the kernel
	sent     int     // how much of out the kernel has taken
	spare    []byte  // where replies go while others are still unsent
	ob       *outbox // output pushed outside request/reply (pub/sub)
	sizer    BufferSizer
	rx       receiver     // recvmsg's arguments and the last arrival stamp
	arrivals ArrivalNoter // the session's, if it wants arrival times
	readDone bool         // the client sends nothing more (recv returned 0)
	quit     bool         // the session asked to close once its replies are out
	// sendAtRoundEnd: an event loop sends the replies once its round of
	// ready connections is done (flushRound), not as they are made.
	sendAtRoundEnd bool
	ended          bool // the session has been told the connection ended (endSession)
	orderState          // for pushes on other workers (arrival_order.go)

	session Session
	holder  Holder          // the session's, if it may hold requests (CLIENT PAUSE)
	held    <-chan struct{} // non-nil while the session holds a request
	resumed bool            // held no more: run the session even with no new bytes
	parked  bool            // set aside by its event loop while held
	log     *logrus.Entry   // set only at debug level

	// For CLIENT LIST and CLIENT KILL (client.go).
	live    *registry
	gauges  gauges
	localMu sync.Mutex
	local   string // the local address, once asked
	killState

	// For the event loop (eventloop.go): what epoll watches for, and when
	// the client last sent or took bytes (--timeout).
	interest   uint32
	lastActive time.Time
}

func (c *conn) unsent() int { return len(c.out) - c.sent }

// openSession gives a new connection its outbox and session, whichever
// I/O model serves it. The read buffer is the model's business.
// nudge is how a push asks the connection's goroutine for a turn (outbox),
// nil when that goroutine finds out by itself.
func (s *Server) openSession(c *conn, what string, nudge func()) {
	if s.debug {
		c.log = s.log.WithFields(logrus.Fields{"fd": c.fd, "peer": c.peer})
		c.log.Debug(what)
	}
	// TCP_NODELAY turns off Nagle's algorithm, as Redis does for every
	// client: a reply goes out at once even while an earlier segment is
	// still unacknowledged, instead of waiting for the client's (possibly
	// delayed) ACK. Replies are already gathered into one send per batch,
	// so this costs no extra packets. It fails only if the peer has
	// already gone, which the first recv reports.
	unix.SetsockoptInt(c.fd, unix.IPPROTO_TCP, unix.TCP_NODELAY, 1)
	// SO_KEEPALIVE and its timings: a client that vanished without a word
	// is found and its connection closed (tunables.go).
	setKeepAlive(c.fd, time.Duration(s.keepAlive.Load()))
	c.ob = newOutbox(c.fd, &s.pushLimit, nudge)
	c.ob.takeover = c.takeUnsent
	c.session = s.newSession(c)
	c.sizer, _ = c.session.(BufferSizer)
	if arrivals, ok := c.session.(ArrivalNoter); ok {
		c.arrivals = arrivals
		if s.model.runsOutOfOrder() {
			c.rx.readStamps()
		}
	}
	c.holder, _ = c.session.(Holder)
}

// turn is one step of a connection in either I/O model: receive what has
// arrived (waiting for it only if block), then run every complete request,
// queueing the replies and sending what the kernel takes. It returns the
// bytes received, and on failure which call failed and why: the
// connection must then end (connEnded says why, the model closes it).
func (s *Server) turn(c *conn, block bool) (received int, failed string, err error) {
	n, err := s.receive(c, block)
	if err != nil {
		return 0, "recv", err
	}
	if n == 0 {
		return 0, "", nil
	}
	if s.debug {
		c.log.Debugf("recv(): %d bytes", n)
	}
	if err := s.runRequests(c); err != nil {
		return n, "send", err
	}
	return n, "", nil
}

// finished is the rule for a connection's normal end, in either model: the
// client has closed its side (recv returned 0, section 9) or the session
// asked to close (QUIT), and every reply is out.
func (s *Server) finished(c *conn) bool {
	if !(c.readDone || c.quit) || c.unsent() > 0 {
		return false
	}
	if c.readDone && s.debug {
		c.log.Debug("recv(): 0 bytes, peer closed the connection")
	}
	return true
}

// receive reads into the connection's buffer and returns the byte count; 0
// with no error means nothing arrived (or EOF, noted in c.readDone).
func (s *Server) receive(c *conn, block bool) (int, error) {
	if len(c.in) == cap(c.in) {
		if err := s.growIn(c); err != nil {
			return 0, err
		}
	}
	var n int
	var err error
	if block {
		// Waiting in recv with nothing unsent, a worker lets a push from
		// another goroutine switch its output to the outbox (outbox).
		idle := c.ob.enterIdle()
		n, err = recv(&c.rx, c.fd, c.in[len(c.in):cap(c.in)])
		if idle {
			c.ob.leaveIdle()
		}
	} else {
		n, err = s.model.recvNow(&c.rx, c.fd, c.in[len(c.in):cap(c.in)])
	}
	switch {
	case err == unix.EAGAIN:
		// Nothing yet, or (blocking) SO_RCVTIMEO ran out: the worker
		// counts that towards the idle timeout (worker.go).
		return 0, nil
	case err != nil:
		return 0, err
	case n == 0:
		// Section 9: recv returned 0, the client closed its side (or
		// shutdown woke us). Replies already due are still sent.
		c.readDone = true
		c.ran() // reads nothing more: no push waits for it (arrival_order.go)
		return 0, nil
	}
	c.in = c.in[:len(c.in)+n]
	if c.arrivals != nil {
		arrived := c.rx.arrived // 0 if the kernel gave no stamp: not a stale time
		if !c.rx.stamped {
			// A lone event loop receives in arrival order: the time of
			// the receive orders its requests, even when one of them runs
			// later (held by a pause, then released with others at once).
			arrived = time.Now().UnixNano()
		}
		c.arrivals.Arrived(arrived)
	}
	c.received(c.rx.arrived, n)
	return n, nil
}

// runRequests hands the received bytes to the session until it can make no
// more progress, queues the replies and sends what the kernel takes (in an
// event loop's round, once sendAtRoundLimit bytes wait: the loop sends the
// rest when the round ends).
func (s *Server) runRequests(c *conn) error {
	defer c.publish()
	// After c.held is set, at the end: which is what c.ran looks at.
	defer c.ran()
	force := c.resumed // a held request is waiting inside the session
	c.resumed = false
	for (len(c.in) > 0 || force) && !c.quit {
		force = false
		if c.killed.Load() {
			return errKilled
		}
		// Replies go straight into out when it is empty (the usual case);
		// behind unsent ones, they are made aside and appended.
		direct := c.unsent() == 0
		buf := c.spare[:0]
		if direct {
			c.out, c.sent = c.out[:0], 0
			buf = c.out
		}
		consumed, replies, quit := c.session.Handle(c.in, buf)
		c.quit = quit
		if quit {
			// Before QUIT's reply can leave: a client that has read it
			// and then writes from another connection finds this one
			// gone (no longer subscribed, tracking or redirected to), as
			// in Redis, where the client is freed right after the write.
			endSession(c)
		}
		switch {
		case c.ob.viaOutbox():
			// Pushed to (pub/sub, MONITOR, invalidations): all output
			// goes through the outbox, in order.
			if len(replies) > 0 && !c.ob.Push(replies) {
				return errPushRefused
			}
			if direct {
				c.out = replies[:0]
			} else {
				c.spare = replies[:0]
			}
		case direct:
			c.out = replies
		default:
			c.out = append(c.out, replies...)
			c.spare = replies[:0]
		}
		s.consume(c, consumed)
		if !c.sendAtRoundEnd || c.unsent() >= sendAtRoundLimit {
			if err := s.sendAndCheck(c); err != nil {
				return err
			}
		}
		if consumed == 0 {
			break // an incomplete request (or a held one): wait for more bytes
		}
	}
	if c.holder != nil && !c.quit {
		c.held = c.holder.Held()
	}
	return nil
}

// sendAtRoundLimit is how many unsent bytes a connection may gather before
// runRequests sends them even when its event loop would send at the end of
// the round: a big reply goes out as it is made, not all of it at once.
const sendAtRoundLimit = 64 << 10

// sendAndCheck sends what the kernel takes, then holds what is left
// against the output limit: only replies the kernel would not take count.
func (s *Server) sendAndCheck(c *conn) error {
	if err := s.flush(c); err != nil {
		return err
	}
	if limit := s.outputLimit.Load(); limit > 0 && int64(c.unsent()) > limit {
		return errOutputLimit
	}
	return nil
}

// flush sends as much unsent output as the kernel takes, without blocking.
func (s *Server) flush(c *conn) error {
	if c.unsent() == 0 {
		return nil
	}
	n, err := s.model.sendNow(c.fd, c.out[c.sent:])
	if err != nil {
		return err
	}
	c.sent += n
	if s.debug && n > 0 {
		c.log.Debugf("send(): %d bytes", n)
	}
	if c.unsent() == 0 {
		c.out, c.sent = c.out[:0], 0
		if cap(c.out) > keepBufferUpTo {
			c.out = nil
		}
	}
	return nil
}

// takeUnsent hands replies not yet sent to the outbox when the connection
// switches to pushed output, so they keep their place ahead of it. It runs
// on the connection's own goroutine (outbox.activate).
func (c *conn) takeUnsent() []byte {
	rest := c.out[c.sent:]
	c.out, c.sent = nil, 0
	return rest
}

// endSession tells the session, once, that its connection has ended, so it
// lets go of what it holds (subscriptions, tracking) and nothing more is
// pushed to it.
func endSession(c *conn) {
	if c.ended {
		return
	}
	c.ended = true
	if closer, ok := c.session.(SessionCloser); ok {
		closer.Closed()
	}
}

// connEnded logs why a connection ends early. A vanished peer is routine
// (debug); a limit or an unexpected error is worth more. Either way only
// this connection ends (section 8).
func (s *Server) connEnded(c *conn, call string, err error) {
	entry := s.log.WithFields(logrus.Fields{"fd": c.fd, "peer": c.peer})
	switch {
	case errors.Is(err, errIdle), errors.Is(err, errKilled):
		entry.Infof("closing the connection: %v", err)
	case errors.Is(err, errQueryLimit), errors.Is(err, errOutputLimit):
		entry.Warnf("closing the connection: %v", err)
	case errors.Is(err, errPushRefused):
		entry.Warnf("disconnecting a client that does not read: over %d bytes of output were waiting", s.pushLimit.Load())
	case peerGone(err):
		entry.WithError(err).Debugf("%s(): peer gone", call)
	default:
		entry.WithError(err).Warnf("%s(): failed; closing the connection", call)
	}
}

// closeConn releases the descriptor (section 9: no fd leaks). The session
// hears of it first, so nothing more is pushed; the outbox is drained when
// the session asked to close (QUIT's reply) and cut otherwise. The fd leaves
// the registry before it is closed, so shutdown never acts on a number the
// kernel may reuse.
func (s *Server) closeConn(c *conn) {
	endSession(c)
	if c.ob.overflowed() {
		s.connEnded(c, "send", errPushRefused)
	}
	c.ob.close(c.quit)
	s.live.remove(c.fd)
	// close(2) frees the descriptor; the kernel sends FIN, or RST when
	// unread bytes remain.
	unix.Close(c.fd)
	// The read buffer goes to the next connection (buffers.go). Nothing
	// aliases it any more: the session copies what it keeps.
	s.readBufs.put(c.in)
	c.in = nil
	if s.debug {
		c.log.Debug(s.model.closed())
	}
}
