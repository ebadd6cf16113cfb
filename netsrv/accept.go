package netsrv

import (
	"time"

	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"
)

// Accept-error backoff, as net/http does it: 5 ms doubling up to 1 s.
const (
	minAcceptBackoff = 5 * time.Millisecond
	maxAcceptBackoff = time.Second
)

// acceptLoop is section 5's main thread: accept(2) a connection, hand its
// descriptor to the pool, loop. It never reads a byte, so a slow client
// never delays the next accept. It returns once shutdown is requested.
func (s *Server) acceptLoop() {
	var backoff time.Duration
	for !s.stopping.Load() {
		ln := s.listening() // Rebind may have replaced it
		// accept4(2) blocks until the kernel has a completed handshake in
		// the backlog, and returns a new descriptor for that one client.
		// SOCK_CLOEXEC as for the listening socket (plain accept(2) would
		// pass no flags).
		fd, sa, err := unix.Accept4(ln.fd, unix.SOCK_CLOEXEC)
		if err != nil {
			if s.stopping.Load() {
				return // shutdown(2) on the listening socket woke us: EINVAL
			}
			if s.rebound(ln) {
				continue // Rebind shut this socket down: on to the new one
			}
			backoff = s.acceptFailed(ln, err, backoff)
			continue
		}
		backoff = 0
		s.admit(fd, sa)
	}
}

// rebound reports whether ln is no longer the socket to accept on.
func (s *Server) rebound(ln *Listener) bool {
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	return s.ln != ln
}

// admit takes an accepted connection in: it is registered, then checked
// against the peer policy and the client limit, then handed to the I/O
// model (queued for a worker, or given to an event loop).
func (s *Server) admit(fd int, sa unix.Sockaddr) {
	s.accepted.Add(1)
	c := &conn{fd: fd, peer: formatSockaddr(sa), live: s.live, killState: killState{kicked: make(chan struct{})}}
	if s.debug {
		s.log.WithFields(logrus.Fields{"fd": fd, "peer": c.peer}).Debug("accept(): new connection")
	}
	s.live.add(c)
	switch {
	case s.cfg.CheckPeer != nil && s.refusePeer(c, sa):
	case s.overMaxClients():
		s.reject(c, s.cfg.FullReply)
	case !s.model.admit(c):
		s.reject(c, s.cfg.FullReply)
	}
}

// overMaxClients reports whether the connections open, the new one
// included, are more than maxclients allows.
func (s *Server) overMaxClients() bool {
	limit := s.maxClients.Load()
	return limit > 0 && int64(s.live.count()) > limit
}

// refusePeer asks the CheckPeer policy (protected mode) about the client's
// address and turns it away with the policy's message if it says so.
func (s *Server) refusePeer(c *conn, sa unix.Sockaddr) bool {
	msg := s.cfg.CheckPeer(addrOf(sa))
	if msg == nil {
		return false
	}
	s.log.WithField("peer", c.peer).Warn("refused a connection from a non-loopback address (protected mode)")
	s.reject(c, msg)
	return true
}

// acceptFailed handles an accept error and returns the next backoff. No
// error stops the loop: the daemon must keep serving the clients it has.
func (s *Server) acceptFailed(ln *Listener, err error, backoff time.Duration) time.Duration {
	switch err {
	case unix.EINTR, unix.ECONNABORTED:
		// Interrupted, or the client reset the connection while it sat in
		// the backlog: nothing is wrong with the listener; accept again.
		s.log.WithError(err).Debug("accept(): retrying")
		return 0
	case unix.EMFILE, unix.ENFILE:
		if s.acceptWithSpare(ln) {
			return 0
		}
	}
	// EMFILE/ENFILE (out of descriptors), ENOBUFS/ENOMEM (out of kernel
	// memory), or anything unexpected: retrying at once would spin at 100%
	// CPU, so wait, doubling the wait each time, while workers free fds.
	if backoff == 0 {
		backoff = minAcceptBackoff
	} else {
		backoff = min(2*backoff, maxAcceptBackoff)
	}
	s.log.WithError(err).Warnf("accept(): failed; retrying in %v", backoff)
	select {
	case <-time.After(backoff):
	case <-s.stopped:
	}
	return backoff
}

// acceptWithSpare gets past EMFILE/ENFILE. The kernel keeps completed
// connections in the backlog while the process has no descriptor for them,
// and a server that only retries leaves those clients hanging. So the spare
// descriptor is closed to make room and accept(2) is called again (it
// reserves its new descriptor when called, then waits for a client). Once
// a client is in, the spare is taken back: if that works, descriptors are
// available again and the client is admitted as usual; if not, it is told
// the server is full and closed. It reports whether a client was handled.
func (s *Server) acceptWithSpare(ln *Listener) bool {
	if !s.spare.release() {
		return false
	}
	fd, sa, err := unix.Accept4(ln.fd, unix.SOCK_CLOEXEC)
	s.spare.retake()
	if err != nil {
		return false
	}
	if s.spare.held() {
		s.admit(fd, sa)
		return true
	}
	s.accepted.Add(1)
	s.rejected.Add(1)
	sendAndClose(fd, s.cfg.FullReply)
	s.spare.retake() // the descriptor just closed
	s.log.Warn("accept(): out of file descriptors; turned a client away with 'max number of clients reached' (lower --maxclients or raise ulimit -n)")
	return true
}

// reject turns away a connection with msg (the queue or maxclients is
// full, or protected mode refuses the peer): it gets Redis's error and is
// closed, rather than waiting in silence.
func (s *Server) reject(c *conn, msg []byte) {
	s.rejected.Add(1)
	s.live.remove(c.fd)
	sendAndClose(c.fd, msg)
	if s.debug {
		s.log.WithFields(logrus.Fields{"fd": c.fd, "peer": c.peer}).Debug("close(): connection turned away")
	}
}

// sendAndClose gives a turned-away client its message and closes, without
// ever blocking the accept loop. MSG_DONTWAIT: a new socket's send buffer
// is empty, so the short message fits. shutdown(SHUT_WR) puts a FIN right
// behind it. Then whatever the client already sent is read and dropped:
// close(2) on a socket with unread input sends RST instead of FIN, and a
// reset can make the client's kernel discard the message before the
// client reads it.
func sendAndClose(fd int, msg []byte) {
	if len(msg) > 0 {
		unix.SendmsgN(fd, msg, nil, nil, unix.MSG_NOSIGNAL|unix.MSG_DONTWAIT)
	}
	unix.Shutdown(fd, unix.SHUT_WR)
	var sink [4096]byte
	for i := 0; i < 16; i++ { // bounded: the accept loop has others to serve
		if n, _, err := unix.Recvfrom(fd, sink[:], unix.MSG_DONTWAIT); n <= 0 || err != nil {
			break
		}
	}
	unix.Close(fd)
}
