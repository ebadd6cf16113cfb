package netsrv

import (
	"errors"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// recv reads what the kernel has received on fd into p, blocking until at
// least one byte, end of stream (0), or an error. On a stamped connection
// it is recvmsg(2) with one buffer, the message form bringing the arrival
// stamp (arrival.go); else recvfrom(2). With SO_RCVTIMEO set (--timeout),
// a recv that waited that long for nothing fails with EAGAIN. The kernel
// never retries EINTR itself, so receive does.
func recv(r *receiver, fd int, p []byte) (int, error) { return r.receive(fd, p, 0, false) }

// recvNow reads without blocking: EAGAIN means nothing has arrived.
func recvNow(r *receiver, fd int, p []byte) (int, error) {
	return r.receive(fd, p, unix.MSG_DONTWAIT, false)
}

// sendNow writes as much of p as the kernel's send buffer takes, without
// blocking, and returns how much that was (0 with EAGAIN when the buffer is
// full: the client is not reading). MSG_NOSIGNAL: a peer that has gone
// makes send fail with EPIPE instead of raising SIGPIPE.
func sendNow(fd int, p []byte) (int, error) {
	for {
		n, err := unix.SendmsgN(fd, p, nil, nil, unix.MSG_NOSIGNAL|unix.MSG_DONTWAIT)
		switch err {
		case nil:
			return n, nil
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return 0, nil
		}
		return 0, err
	}
}

// recvNowRaw and sendNowRaw are recvNow and sendNow for the event loop,
// made as raw system calls: recvfrom(2) or recvmsg(2), and sendto(2), with MSG_DONTWAIT
// return at once whatever the fd's mode, so the Go scheduler need not be
// told of them. For the loop, the only goroutine that needs its P, that
// saves the runtime's bookkeeping and keeps its monitor thread from polling
// every 20 us while a goroutine sits in a system call (3.3k wake-ups a
// second down to 0.2k under redis-benchmark -c 50). A worker must not use
// them: a worker holding its P through a send keeps the next woken worker
// waiting, and the worker model lost a third of its throughput with them.
func recvNowRaw(r *receiver, fd int, p []byte) (int, error) {
	return r.receive(fd, p, unix.MSG_DONTWAIT, true)
}

// sendNowRaw: see recvNowRaw. send(2) is sendto(2) with no address
// (unix.Sendto would not return the byte count).
func sendNowRaw(fd int, p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n, err := syscallRetried(true, unix.SYS_SENDTO, fd, unsafe.Pointer(&p[0]), uintptr(len(p)), unix.MSG_NOSIGNAL|unix.MSG_DONTWAIT)
	if err == unix.EAGAIN {
		return 0, nil
	}
	return n, err
}

// syscallRetried makes the system call trap(fd, buf, a3, a4), a receive
// or a send, raw or not (who may make a raw one: recvNowRaw), again for as
// long as a signal interrupts it: the kernel never retries EINTR itself.
// buf stays an unsafe.Pointer up to the call itself, the one place where
// converting it to a uintptr keeps what it points to alive.
func syscallRetried(raw bool, trap uintptr, fd int, buf unsafe.Pointer, a3, a4 uintptr) (int, error) {
	for {
		var n uintptr
		var errno unix.Errno
		if raw {
			n, _, errno = unix.RawSyscall6(trap, uintptr(fd), uintptr(buf), a3, a4, 0, 0)
		} else {
			n, _, errno = unix.Syscall6(trap, uintptr(fd), uintptr(buf), a3, a4, 0, 0)
		}
		switch errno {
		case 0:
			return int(n), nil
		case unix.EINTR:
			continue
		}
		return 0, errno
	}
}

// sendAll writes all of p to fd, blocking while the client is slow; used by
// the pub/sub sender, which has nothing else to do meanwhile.
func sendAll(fd int, p []byte) error {
	for len(p) > 0 {
		n, err := unix.SendmsgN(fd, p, nil, nil, unix.MSG_NOSIGNAL)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		p = p[n:]
	}
	return nil
}

// pollResult says what poll(2) found.
type pollResult struct{ readable, writable, timedOut bool }

// pollClient waits until fd can be written, or (with wantRead) read, or
// timeout passes (0: no timeout). poll(2) is how one thread waits on both
// directions of a socket at once; an error or hang-up condition counts as
// both, so the next recv or send reports it.
func pollClient(fd int, wantRead bool, timeout time.Duration) (pollResult, error) {
	events := int16(unix.POLLOUT)
	if wantRead {
		events |= unix.POLLIN
	}
	ms := -1
	if timeout > 0 {
		ms = int(timeout.Milliseconds())
	}
	fds := []unix.PollFd{{Fd: int32(fd), Events: events}}
	for {
		n, err := unix.Poll(fds, ms)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return pollResult{}, err
		}
		if n == 0 {
			return pollResult{timedOut: true}, nil
		}
		re := fds[0].Revents
		trouble := re&(unix.POLLERR|unix.POLLHUP|unix.POLLNVAL) != 0
		return pollResult{
			readable: re&unix.POLLIN != 0 || (trouble && wantRead),
			writable: re&unix.POLLOUT != 0 || trouble,
		}, nil
	}
}

// peerHungUp reports, without waiting, whether the client has closed its
// side of the connection (or the socket was shut for reading here): poll
// with POLLRDHUP, which the kernel raises once a FIN has arrived even if
// unread bytes are ahead of it. A held connection reads nothing, so this
// is how its worker learns that nobody waits for the reply any more.
func peerHungUp(fd int) bool {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLRDHUP}}
	n, err := unix.Poll(fds, 0)
	return err == nil && n > 0 && fds[0].Revents&(unix.POLLRDHUP|unix.POLLHUP|unix.POLLERR) != 0
}

// peerGone reports the errors that mean the client went away: a reset
// (ECONNRESET: "the client pulled the ethernet cable", section 8), a write to
// a closed connection (EPIPE), or a connection shut down under us at the end
// of the shutdown grace period. They concern only this connection.
func peerGone(err error) bool {
	return errors.Is(err, unix.ECONNRESET) || errors.Is(err, unix.EPIPE) ||
		errors.Is(err, unix.ETIMEDOUT) || errors.Is(err, unix.ENOTCONN)
}
