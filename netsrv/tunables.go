package netsrv

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
	"golang.org/x/sys/unix"
)

// Socket tunables: TCP keepalive on each client (Redis's tcp-keepalive),
// the listening socket's buffer sizes (inherited by every accepted one),
// and the backlog's check against the kernel's own cap.

// maxKeepIdle is the most TCP_KEEPIDLE takes on Linux (MAX_TCP_KEEPIDLE,
// in seconds): past it setsockopt fails with EINVAL.
const maxKeepIdle = 32767

// setKeepAlive turns TCP keepalive on for a client socket, as Redis's
// anetKeepAlive does, or leaves it off for an interval of 0.
//
// Without it a client that vanished without a FIN or RST (its host
// powered off, a NAT or firewall dropped the flow) is never noticed: the
// connection sits in ESTABLISHED forever, holding a descriptor and, in the
// worker model, a worker blocked in recv. With it, after interval seconds
// without traffic the kernel sends a probe; three unanswered probes,
// interval/3 seconds apart, and the connection is reset, so recv fails
// with ETIMEDOUT and the connection is closed like any other gone peer.
// Probes also keep idle flows alive through NATs and firewalls that
// forget silent ones. Failures are ignored (the peer may already be gone;
// the first recv says so).
func setKeepAlive(fd int, interval time.Duration) {
	secs := int(interval / time.Second)
	if secs <= 0 {
		return
	}
	// SO_KEEPALIVE: probe this connection once it has been idle.
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_KEEPALIVE, 1)
	// TCP_KEEPIDLE: idle seconds before the first probe. Linux's own
	// default is two hours, too long to be of use.
	unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPIDLE, min(secs, maxKeepIdle))
	// TCP_KEEPINTVL: seconds between unanswered probes; a third of the
	// interval, so three probes fit in it.
	unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, min(max(secs/3, 1), maxKeepIdle))
	// TCP_KEEPCNT: unanswered probes before the connection is reset.
	unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPCNT, 3)
}

// setBufferSizes sets the listening socket's receive and send buffers,
// when asked (0 leaves the kernel's default). Accepted sockets inherit
// both from the listening one, and they must be set before listen(2): the
// receive buffer decides the window scale the kernel offers in the
// handshake, which cannot change afterwards.
//
// Setting either turns off the kernel's autotuning of that buffer for
// these sockets (net.ipv4.tcp_rmem/tcp_wmem grow it with the connection's
// bandwidth-delay product): a fixed buffer bounds each connection's
// kernel memory, but can cap a fast client's throughput. The kernel
// doubles the value (for its bookkeeping) and caps it at
// net.core.rmem_max/wmem_max.
func setBufferSizes(fd, recv, send int, log *logrus.Logger) error {
	if recv > 0 {
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, recv); err != nil {
			return err
		}
		log.WithField("fd", fd).Debugf("setsockopt(): SO_RCVBUF=%d", recv)
	}
	if send > 0 {
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_SNDBUF, send); err != nil {
			return err
		}
		log.WithField("fd", fd).Debugf("setsockopt(): SO_SNDBUF=%d", send)
	}
	return nil
}

// checkBacklog warns, as Redis does at start, when the backlog asked for
// is larger than net.core.somaxconn: listen(2) silently caps it there, so
// a burst of connections larger than the cap is refused or retried by
// the clients' kernels however large tcp-backlog is.
func checkBacklog(backlog int, log *logrus.Logger) {
	b, err := os.ReadFile("/proc/sys/net/core/somaxconn")
	if err != nil {
		return
	}
	somaxconn, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err == nil && somaxconn > 0 && somaxconn < backlog {
		log.Warnf("WARNING: The TCP backlog setting of %d cannot be enforced because /proc/sys/net/core/somaxconn is set to the lower value of %d.", backlog, somaxconn)
	}
}
