package netsrv

import (
	"errors"
	"fmt"

	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"
)

// Listener is a bound, listening TCP socket.
type Listener struct {
	fd   int
	addr string // the address actually bound, port included
	port int
	host string // the address asked for, as given (Rebind compares it)
	opts ListenOptions
	log  *logrus.Logger
}

// ListenOptions tune the listening socket.
type ListenOptions struct {
	// Backlog is listen(2)'s backlog (tcp-backlog).
	Backlog int
	// RecvBuffer and SendBuffer, when above 0, are SO_RCVBUF and SO_SNDBUF
	// for every connection (socket-recv-buffer, socket-send-buffer); 0
	// keeps the kernel's default and its autotuning.
	RecvBuffer, SendBuffer int
}

// Listen is ListenWith with only a backlog.
func Listen(host string, port, backlog int, log *logrus.Logger) (*Listener, error) {
	return ListenWith(host, port, ListenOptions{Backlog: backlog}, log)
}

// ListenWith runs the start-up sequence of section 4: socket(2),
// SO_REUSEADDR, the buffer sizes, bind(2), listen(2). Any failure is fatal
// to the daemon; the error names the call, the address and the kernel's
// reason ("bind 127.0.0.1:6379: address already in use").
func ListenWith(host string, port int, opts ListenOptions, log *logrus.Logger) (*Listener, error) {
	backlog := opts.Backlog
	family, sa, err := sockaddrFor(host, port)
	if err != nil {
		return nil, err
	}
	want := formatSockaddr(sa)

	// socket(2): ask the kernel for a TCP endpoint. SOCK_CLOEXEC keeps the
	// descriptor from leaking into any process we might exec.
	fd, err := unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("socket for %s: %w", want, err)
	}
	log.WithField("fd", fd).Debug("socket(): new TCP socket")
	fail := func(call string, err error) (*Listener, error) {
		unix.Close(fd)
		return nil, fmt.Errorf("%s %s: %w", call, want, err)
	}

	// SO_REUSEADDR: a restarted daemon may bind the port while connections
	// of its previous life sit in TIME_WAIT; without it bind fails with
	// EADDRINUSE for up to a minute after every restart.
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); err != nil {
		return fail("setsockopt SO_REUSEADDR", err)
	}
	log.WithField("fd", fd).Debug("setsockopt(): SO_REUSEADDR=1")

	// SO_RCVBUF, SO_SNDBUF: before listen(2), so accepted sockets inherit
	// them (tunables.go says why and what it costs).
	if err := setBufferSizes(fd, opts.RecvBuffer, opts.SendBuffer, log); err != nil {
		return fail("setsockopt SO_RCVBUF/SO_SNDBUF", err)
	}

	// bind(2): attach the socket to the interface address and port.
	// EADDRINUSE: another socket is listening there; EACCES: a privileged
	// port; EADDRNOTAVAIL: the address is not one of this host's.
	if err := unix.Bind(fd, sa); err != nil {
		return fail("bind", err)
	}
	log.WithField("fd", fd).Debugf("bind(): %s", want)

	// listen(2): from here the kernel completes TCP handshakes on its own
	// and queues up to backlog established connections for accept(2)
	// (capped at net.core.somaxconn: checkBacklog warns).
	checkBacklog(backlog, log)
	if err := unix.Listen(fd, backlog); err != nil {
		return fail("listen", err)
	}

	// getsockname(2): with port 0 the kernel chose the port; ask which.
	bound, err := unix.Getsockname(fd)
	if err != nil {
		return fail("getsockname", err)
	}
	ln := &Listener{fd: fd, addr: formatSockaddr(bound), port: portOf(bound), host: host, opts: opts, log: log}
	log.WithField("fd", fd).Debugf("listen(): backlog %d on %s", backlog, ln.addr)
	return ln, nil
}

// Addr is the address the socket is bound to, with the real port.
func (ln *Listener) Addr() string { return ln.addr }

// Port is the port the socket is bound to (the kernel's choice for 0).
func (ln *Listener) Port() int { return ln.port }

// close releases the listening descriptor. The kernel resets any connection
// still in its backlog.
func (ln *Listener) close() {
	unix.Close(ln.fd)
	ln.log.WithField("fd", ln.fd).Debug("close(): listening socket closed")
}

// Rebind moves the server to a new address while it serves (CONFIG SET
// port or bind): the new socket is bound and listening before the old one
// is let go, so a port that cannot be had (taken, privileged) leaves the
// server listening where it was, and the error says why. Connections
// already accepted stay; ones still in the old socket's backlog are reset
// when it closes, as Redis does when it changes ports. A port of 0 asks
// the kernel for a free one, as at start; the port bound is returned.
//
// Only the accept loop's goroutine ever closes a listening socket:
// closing a descriptor another thread is blocked on does not wake it and
// frees its number for reuse (docs/architecture.md). So the old socket is
// shut down here, which wakes a blocked accept(2) with EINVAL, and left
// for the accept loop to close (retire).
func (s *Server) Rebind(host string, port int) (int, error) {
	s.lnMu.Lock()
	cur := s.ln
	s.lnMu.Unlock()
	if host == cur.host && port == cur.port {
		return cur.port, nil
	}
	ln, err := ListenWith(host, port, cur.opts, s.log)
	if err != nil {
		return 0, err
	}
	if s.model.runsOutOfOrder() {
		ln.stampArrivals()
	}
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	if s.lnClosed || s.stopping.Load() {
		ln.close()
		return 0, errors.New("the server is shutting down")
	}
	old := s.ln
	s.ln = ln
	s.retired = append(s.retired, old)
	unix.Shutdown(old.fd, unix.SHUT_RDWR)
	s.log.WithFields(logrus.Fields{"addr": ln.addr, "was": old.addr}).Info("accepting connections at a new address")
	return ln.port, nil
}

// listening is the socket the accept loop should accept on now. The loop
// calls it between accepts, when it is blocked on no socket, so this is
// where the sockets Rebind retired are closed.
func (s *Server) listening() *Listener {
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	s.closeRetired()
	return s.ln
}

// closeRetired closes the sockets Rebind replaced; lnMu is held.
func (s *Server) closeRetired() {
	for _, old := range s.retired {
		old.close()
	}
	s.retired = nil
}

// Addr is the address the server listens on now, with the real port.
func (s *Server) Addr() string {
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	return s.ln.addr
}
