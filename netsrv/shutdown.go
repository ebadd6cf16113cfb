package netsrv

import (
	"time"

	"golang.org/x/sys/unix"
)

// Shutdown begins the graceful stop of section 10. It may be called from
// any goroutine (the signal handler's), more than once; it does not wait.
// Serve carries out the rest and returns when the stop is complete.
//
// Go's signal handlers restart interrupted system calls, and close(2) does
// not wake a thread blocked on the same descriptor, so flipping the flag is
// not enough: shutdown(2) is what wakes the blocked calls
// (docs/architecture.md, "Go and raw sockets").
//
//  1. the flag: the accept loop stops at its next turn;
//  2. shutdown(listen fd): a blocked accept returns EINVAL at once, and the
//     kernel resets connections still waiting in the backlog;
//
// then, in Serve, once the accept loop has returned:
//
//  3. close(listen fd);
//  4. shutdown(client fd, SHUT_RD) for every client: a worker blocked in
//     recv gets the bytes already received and then 0, so requests already
//     sent are answered, while the write side stays open for the replies;
//  5. wait for the workers; after the grace period, shutdown(SHUT_RDWR) for
//     any connection still open: a client that never reads its replies
//     cannot hold the daemon; and a ShutdownMargin later, stop waiting for
//     a worker or loop still inside a command: nothing can hold the daemon
//     past the grace period and the margin.
func (s *Server) Shutdown() {
	if !s.stopping.CompareAndSwap(false, true) {
		return
	}
	close(s.stopped)
	s.log.Info("shutdown: requested; the accept loop stops")

	s.lnMu.Lock()
	if !s.lnClosed {
		unix.Shutdown(s.ln.fd, unix.SHUT_RDWR)
	}
	s.lnMu.Unlock()
}

// wakeClients is step 4, for Serve.
func (s *Server) wakeClients() {
	n := s.live.shutdownAll(unix.SHUT_RD)
	s.log.Infof("shutdown: %d client connections shut for reading; replies in flight are still sent", n)
	go s.cutAfterGrace()
}

// abandonStuck ends step 5 when a worker or loop is still running a command
// after the grace period and the margin: Serve returns without it, the
// process exits, and the kernel closes what is left. What was cut is
// logged; the command's reply is never sent, so nothing it did was
// acknowledged.
func (s *Server) abandonStuck() {
	s.log.Warnf("shutdown: %d connections are still open %v after the grace period, their %s still inside a command; exiting without them",
		s.live.count(), ShutdownMargin, s.model.busy())
}

// cutAfterGrace is step 5: once the grace period is over, a connection still
// open is shut down in both directions, which fails a send blocked on a
// client that does not read.
func (s *Server) cutAfterGrace() {
	select {
	case <-s.done:
	case <-time.After(s.cfg.ShutdownGrace):
		if left := s.live.shutdownAll(unix.SHUT_RDWR); left > 0 {
			s.log.Warnf("shutdown: grace period of %v over; cutting %d connections", s.cfg.ShutdownGrace, left)
		}
	}
}
