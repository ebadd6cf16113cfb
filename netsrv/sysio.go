package netsrv

import (
	"errors"

	"golang.org/x/sys/unix"
)

// recv reads what the kernel has received on fd into p, blocking until at
// least one byte, end of stream (0), or an error. read(2) on a connected
// socket is recv(2) with no flags. x/sys/unix never retries EINTR itself.
func recv(fd int, p []byte) (int, error) {
	for {
		n, err := unix.Read(fd, p)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		return n, nil
	}
}

// sendAll writes all of p to fd. send(2) on a blocking socket may still
// write only part of a large buffer (the socket's send buffer filled and a
// signal arrived), so it loops until every byte is out. MSG_NOSIGNAL: a
// peer that has gone makes send fail with EPIPE instead of raising SIGPIPE.
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

// peerGone reports the errors that mean the client went away: a reset
// (ECONNRESET: "the client pulled the ethernet cable", section 8), a write to
// a closed connection (EPIPE), or a connection shut down under us at the end
// of the shutdown grace period. They concern only this connection.
func peerGone(err error) bool {
	return errors.Is(err, unix.ECONNRESET) || errors.Is(err, unix.EPIPE) ||
		errors.Is(err, unix.ETIMEDOUT) || errors.Is(err, unix.ENOTCONN)
}
