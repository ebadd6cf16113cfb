package netsrv

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// Arrival times: when the kernel received the bytes a recv returns.
//
// Redis runs one client's command at a time, in the order epoll reported
// them ready, which is the order their bytes arrived. Here two clients'
// commands may run at once, on two workers or two event loops, so two
// clients that block on the same key (BLPOP) one after the other may
// register in the opposite order, and the one that came first would be
// served second. The data layer orders such waiters by when their request
// arrived instead, and this is where that time comes from: with the socket
// option SO_TIMESTAMPNS the kernel stamps every packet as it comes in,
// and recvmsg(2) hands the stamp of the data it returns back in a control
// message. A recv that returns bytes of several packets carries the
// latest packet's stamp.

// stampArrivals sets SO_TIMESTAMPNS on the listening socket, for a model
// that runs requests out of order. On the listener, not on each accepted
// socket: accepted sockets inherit the option, and the kernel turns its
// stamping of incoming packets on some time after the first socket asks
// (a deferred job) and off again when the last one closes, so a request
// sent right after connect would otherwise come unstamped while stamping
// warms up. Held by the listener for the daemon's life, the stamping is
// on before the first client connects. It fails only on a descriptor
// that is not a socket.
func (ln *Listener) stampArrivals() {
	unix.SetsockoptInt(ln.fd, unix.SOL_SOCKET, unix.SO_TIMESTAMPNS, 1)
	ln.log.WithField("fd", ln.fd).Debug("setsockopt(): SO_TIMESTAMPNS=1, inherited by accepted sockets")
}

// readStamps makes r's receives read the stamps the accepted socket has
// from its listener (stampArrivals).
func (r *receiver) readStamps() { r.stamped = true }

// stampSpace is the room one SCM_TIMESTAMPNS message takes: a control
// message header and a struct timespec, each aligned as CMSG_SPACE aligns
// them (32 bytes on 64-bit Linux, 20 on 32-bit).
var stampSpace = unix.CmsgSpace(int(unsafe.Sizeof(unix.Timespec{})))

// receiver is one connection's recvmsg(2) arguments, kept with the
// connection so that a receive builds nothing on the heap.
type receiver struct {
	// stamped: the socket has SO_TIMESTAMPNS on and its receives want the
	// stamps. Without it a receive is a plain recvfrom(2) (receive).
	stamped bool
	msg     unix.Msghdr
	iov     unix.Iovec
	control [32]byte // stampSpace on 64-bit Linux, and room enough on 32-bit
	// arrived is the stamp of the last receive that returned bytes, in
	// nanoseconds of the real-time clock, or 0 when it came without one.
	arrived int64
}

// receive reads into p as recv(2) with flags would: with recvmsg(2) when
// the connection is stamped, keeping the stamp, else with recvfrom(2),
// which has no message header to copy in and no control message to copy
// out. raw: as for recvmsg.
func (r *receiver) receive(fd int, p []byte, flags int, raw bool) (int, error) {
	if r.stamped {
		return r.recvmsg(fd, p, flags, raw)
	}
	r.arrived = 0
	return recvfrom(fd, p, flags, raw)
}

// recvfrom is recv(2) itself (recvfrom(2) with no address), retried on
// EINTR.
func recvfrom(fd int, p []byte, flags int, raw bool) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return syscallRetried(raw, unix.SYS_RECVFROM, fd, unsafe.Pointer(&p[0]), uintptr(len(p)), uintptr(flags))
}

// recvmsg reads into p as recv(2) with flags would, keeping the arrival
// stamp. raw makes it a raw system call, which the Go scheduler is not
// told of (sysio.go says who may do that); a blocking receive never is.
func (r *receiver) recvmsg(fd int, p []byte, flags int, raw bool) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r.iov.Base = &p[0]
	r.iov.SetLen(len(p))
	r.msg.Iov = &r.iov
	r.msg.SetIovlen(1)
	r.msg.Control = &r.control[0]
	// The kernel shortens Controllen to what it wrote: set it anew. (A
	// call a signal interrupts writes nothing back.)
	r.msg.SetControllen(len(r.control))
	n, err := syscallRetried(raw, unix.SYS_RECVMSG, fd, unsafe.Pointer(&r.msg), uintptr(flags), 0)
	r.iov.Base = nil // holds no buffer the connection lets go of
	r.arrived = 0
	if n > 0 {
		r.arrived = r.stamp()
	}
	return n, err
}

// stamp reads the SCM_TIMESTAMPNS control message the last recvmsg left,
// if there is one.
func (r *receiver) stamp() int64 {
	if int(r.msg.Controllen) < stampSpace {
		return 0
	}
	h := (*unix.Cmsghdr)(unsafe.Pointer(&r.control[0]))
	if h.Level != unix.SOL_SOCKET || h.Type != unix.SCM_TIMESTAMPNS {
		return 0
	}
	ts := (*unix.Timespec)(unsafe.Pointer(&r.control[unix.CmsgLen(0)]))
	return ts.Nano()
}
