package netsrv

import (
	"errors"
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
	sizer    bufferSizer
	readDone bool // the client sends nothing more (recv returned 0)
	quit     bool // the session asked to close once its replies are out

	session Session
	log     *logrus.Entry // set only at debug level

	// For the event loop (eventloop.go): what epoll watches for, and when
	// the client last sent or took bytes (--timeout).
	interest   uint32
	lastActive time.Time

	// The non-blocking calls: raw ones in an event loop (sysio.go says why).
	recvNow, sendNow func(fd int, p []byte) (int, error)
}

func (c *conn) unsent() int { return len(c.out) - c.sent }

// serveConn is a worker's whole session with one client (sections 7 and 9).
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
func (s *Server) serveConn(c *conn) {
	s.openSession(c, "worker: serving connection")
	// A blocking recv lends the buffer to the kernel for the whole wait,
	// so a worker's connection holds its read buffer for its whole life.
	c.in = s.readBufs.get()
	session, log := c.session, c.log
	defer func() { s.closeConn(c) }()
	if s.cfg.IdleTimeout > 0 {
		// SO_RCVTIMEO: a blocking recv that waits this long for nothing
		// fails with EAGAIN; that is how an idle client is noticed.
		tv := unix.NsecToTimeval(s.cfg.IdleTimeout.Nanoseconds())
		unix.SetsockoptTimeval(c.fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv)
	}
	for {
		// 1. Replies waiting: wait for the client to read them or to send.
		readable := true
		if c.unsent() > 0 {
			r, err := pollClient(c.fd, !c.readDone && !c.quit, s.cfg.IdleTimeout)
			if err == nil && r.timedOut {
				err = errIdle // neither reading its replies nor sending
			}
			if err == nil && r.writable {
				err = s.flush(c, log)
			}
			if err != nil {
				s.connEnded(c, "send", err)
				return
			}
			readable = r.readable
		}
		// 2. Nothing more to read: close once every reply is out.
		if c.readDone || c.quit {
			if c.unsent() == 0 {
				if c.readDone && s.debug {
					log.Debug("recv(): 0 bytes, peer closed the connection")
				}
				return
			}
			continue
		}
		if !readable {
			continue
		}
		// 3. Read: block when nothing is pending; otherwise take only what
		// has arrived.
		n, err := s.receive(c, c.unsent() == 0)
		if err != nil {
			s.connEnded(c, "recv", err)
			return
		}
		if n == 0 {
			continue
		}
		if s.debug {
			log.Debugf("recv(): %d bytes", n)
		}
		// 4. Run every complete request, and send what the kernel takes.
		if err := s.runRequests(c, session, log); err != nil {
			s.connEnded(c, "send", err)
			return
		}
	}
}

// openSession gives a new connection its outbox and session, whichever
// I/O model serves it. The read buffer is the model's business.
func (s *Server) openSession(c *conn, what string) {
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
	c.ob = newOutbox(c.fd, s.cfg.PushLimit)
	c.ob.takeover = c.takeUnsent
	c.session = s.newSession(c.ob)
	c.sizer, _ = c.session.(bufferSizer)
	c.recvNow, c.sendNow = recvNow, sendNow
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
		n, err = recv(c.fd, c.in[len(c.in):cap(c.in)])
	} else {
		n, err = c.recvNow(c.fd, c.in[len(c.in):cap(c.in)])
	}
	switch {
	case err == unix.EAGAIN && block && !c.ob.isActive():
		return 0, errIdle // SO_RCVTIMEO ran out
	case err == unix.EAGAIN:
		return 0, nil // nothing yet; subscribers are never idle (as Redis)
	case err != nil:
		return 0, err
	case n == 0:
		// Section 9: recv returned 0, the client closed its side (or
		// shutdown woke us). Replies already due are still sent.
		c.readDone = true
		return 0, nil
	}
	c.in = c.in[:len(c.in)+n]
	return n, nil
}

// runRequests hands the received bytes to the session until it can make no
// more progress, queues the replies and sends what the kernel takes.
func (s *Server) runRequests(c *conn, session Session, log *logrus.Entry) error {
	for len(c.in) > 0 && !c.quit {
		// Replies go straight into out when it is empty (the usual case);
		// behind unsent ones, they are made aside and appended.
		direct := c.unsent() == 0
		buf := c.spare[:0]
		if direct {
			c.out, c.sent = c.out[:0], 0
			buf = c.out
		}
		consumed, replies, quit := session.Handle(c.in, buf)
		c.quit = quit
		switch {
		case c.ob.isActive():
			// Pub/sub: all output goes through the outbox, in order.
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
		if err := s.flush(c, log); err != nil {
			return err
		}
		if s.cfg.OutputLimit > 0 && c.unsent() > s.cfg.OutputLimit {
			return errOutputLimit
		}
		if consumed == 0 {
			break // an incomplete request: wait for more bytes
		}
	}
	return nil
}

// flush sends as much unsent output as the kernel takes, without blocking.
func (s *Server) flush(c *conn, log *logrus.Entry) error {
	if c.unsent() == 0 {
		return nil
	}
	n, err := c.sendNow(c.fd, c.out[c.sent:])
	if err != nil {
		return err
	}
	c.sent += n
	if s.debug && n > 0 {
		log.Debugf("send(): %d bytes", n)
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
// on the worker, inside the session's first push.
func (c *conn) takeUnsent() []byte {
	rest := c.out[c.sent:]
	c.out, c.sent = nil, 0
	return rest
}

// connEnded logs why a connection ends early. A vanished peer is routine
// (debug); a limit or an unexpected error is worth more. Either way only
// this connection ends (section 8).
func (s *Server) connEnded(c *conn, call string, err error) {
	entry := s.log.WithFields(logrus.Fields{"fd": c.fd, "peer": c.peer})
	switch {
	case errors.Is(err, errIdle):
		entry.Infof("closing the connection: %v", err)
	case errors.Is(err, errQueryLimit), errors.Is(err, errOutputLimit):
		entry.Warnf("closing the connection: %v", err)
	case errors.Is(err, errPushRefused):
		entry.Warnf("disconnecting a client that does not read: over %d bytes of output were waiting", s.cfg.PushLimit)
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
	if closer, ok := c.session.(sessionCloser); ok {
		closer.Closed()
	}
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
	if s.debug && s.pool != nil {
		c.log.Debug("close(): connection closed; worker back to the pool")
	} else if s.debug {
		c.log.Debug("close(): connection closed")
	}
}
