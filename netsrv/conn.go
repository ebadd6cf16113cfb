package netsrv

import (
	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"
)

// Buffer sizes. A connection starts with a 16 KiB read buffer (Redis reads
// 16 KiB at a time too), grows it only for a request that does not fit, and
// drops a grown buffer once it is empty so one large request does not pin
// megabytes for the rest of the session.
const (
	initialReadBuffer = 16 * 1024
	keepBufferUpTo    = 1024 * 1024
)

// conn is one client connection: its descriptor, its peer and its buffers.
type conn struct {
	fd   int
	peer string
	in   []byte  // received bytes the session has not consumed yet
	out  []byte  // replies to send
	ob   *outbox // output pushed outside request/reply (pub/sub)
}

// serveConn is a worker's whole session with one client (sections 7 and 9):
// recv, hand the bytes to the session, send every reply in one go, repeat,
// until the client closes, fails, or asks to quit. Then the descriptor is
// closed and the worker returns to the pool.
func (s *Server) serveConn(c *conn) {
	var log *logrus.Entry
	if s.debug {
		log = s.log.WithFields(logrus.Fields{"fd": c.fd, "peer": c.peer})
		log.Debug("worker: serving connection")
	}
	c.ob = newOutbox(c.fd, s.cfg.PushLimit)
	session := s.newSession(c.ob)
	closeAfter := false
	defer func() { s.closeConn(c, session, closeAfter, log) }()
	c.in = make([]byte, 0, initialReadBuffer)
	for {
		if len(c.in) == cap(c.in) {
			c.growIn(session)
		}
		n, err := recv(c.fd, c.in[len(c.in):cap(c.in)])
		if err != nil {
			s.connFailed(c, "recv", err)
			return
		}
		if n == 0 {
			// Section 9: recv returned 0, the client closed its side (or
			// shutdown woke us). Nothing more will arrive.
			if c.ob.overflowed() {
				s.log.WithFields(logrus.Fields{"fd": c.fd, "peer": c.peer}).
					Warnf("disconnecting a client that does not read: over %d bytes of output were waiting", s.cfg.PushLimit)
			} else if s.debug {
				log.Debug("recv(): 0 bytes, peer closed the connection")
			}
			return
		}
		c.in = c.in[:len(c.in)+n]
		if s.debug {
			log.Debugf("recv(): %d bytes", n)
		}

		var consumed int
		var out []byte
		consumed, out, closeAfter = session.Handle(c.in, c.out[:0])
		c.out = out
		if len(out) > 0 && c.ob.isActive() {
			// Pushed output may be waiting: queue behind it, in order.
			if !c.ob.Push(out) {
				return
			}
		} else if len(out) > 0 {
			if err := sendAll(c.fd, out); err != nil {
				s.connFailed(c, "send", err)
				return
			}
			if s.debug {
				log.Debugf("send(): %d bytes", len(out))
			}
			if cap(c.out) > keepBufferUpTo {
				c.out = nil
			}
		}
		c.consume(consumed)
		if closeAfter {
			return
		}
	}
}

// growIn makes room in a full read buffer for a request that did not fit:
// double it (so a large value costs a linear amount of copying), or size it
// exactly when the session knows how long the request is.
func (c *conn) growIn(session Session) {
	size := 2 * cap(c.in)
	if sizer, ok := session.(bufferSizer); ok {
		if need := sizer.NeedBytes(); need > cap(c.in) && need < size {
			size = need
		}
	}
	grown := make([]byte, len(c.in), size)
	copy(grown, c.in)
	c.in = grown
}

// consume drops the bytes the session used and moves an incomplete request
// to the front of the buffer.
func (c *conn) consume(n int) {
	if n == len(c.in) {
		if cap(c.in) > keepBufferUpTo {
			c.in = make([]byte, 0, initialReadBuffer)
		} else {
			c.in = c.in[:0]
		}
		return
	}
	c.in = c.in[:copy(c.in, c.in[n:])]
}

// connFailed logs a failed recv or send. A vanished peer is routine (debug);
// anything else is worth a warning. Either way only this connection ends
// (section 8).
func (s *Server) connFailed(c *conn, call string, err error) {
	entry := s.log.WithFields(logrus.Fields{"fd": c.fd, "peer": c.peer}).WithError(err)
	if peerGone(err) {
		entry.Debugf("%s(): peer gone", call)
		return
	}
	entry.Warnf("%s(): failed; closing the connection", call)
}

// closeConn releases the descriptor (section 9: no fd leaks). The session
// hears of it first, so nothing more is pushed; the outbox is drained when
// the session asked to close (QUIT's reply) and cut otherwise. The fd leaves
// the registry before it is closed, so shutdown never acts on a number the
// kernel may reuse.
func (s *Server) closeConn(c *conn, session Session, drain bool, log *logrus.Entry) {
	if closer, ok := session.(sessionCloser); ok {
		closer.Closed()
	}
	c.ob.close(drain)
	s.live.remove(c.fd)
	// close(2) frees the descriptor; the kernel sends FIN, or RST when
	// unread bytes remain.
	unix.Close(c.fd)
	if s.debug {
		log.Debug("close(): connection closed; worker back to the pool")
	}
}
