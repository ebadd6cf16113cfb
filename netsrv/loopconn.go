package netsrv

import (
	"time"

	"golang.org/x/sys/unix"
)

// One connection's turn in an event loop (eventloop.go): what is done
// when epoll reports it ready, how its replies go out, and how it leaves
// the loop. The steps are the worker's (conn.go), without blocking.

// serve handles one readiness report: send what is waiting if the socket
// can take it, read and run requests if it has input, then watch for what
// the connection needs next or close it.
func (l *eventLoop) serve(c *conn, events uint32, now time.Time) {
	s := l.s
	if c.killed.Load() {
		l.end(c, "recv", errKilled)
		return
	}
	trouble := events&(unix.EPOLLERR|unix.EPOLLHUP) != 0
	if c.unsent() > 0 && (events&unix.EPOLLOUT != 0 || trouble) {
		before := c.unsent()
		if err := s.flush(c); err != nil {
			l.end(c, "send", err)
			return
		}
		if c.unsent() < before {
			c.lastActive = now
		}
	}
	if c.parked && (events&unix.EPOLLRDHUP != 0 || trouble) {
		// The client hung up (or the socket was shut for reading at
		// shutdown) while its request is held: it waits no more, and the
		// connection closes once its replies are out.
		c.readDone = true
		l.resume(c)
		return
	}
	if !c.readDone && !c.quit && c.held == nil && (events&unix.EPOLLIN != 0 || trouble) {
		l.lendReadBuffer(c)
		c.sendAtRoundEnd = true
		n, call, err := s.turn(c, false)
		c.sendAtRoundEnd = false
		if err != nil {
			l.end(c, call, err)
			return
		}
		if n > 0 {
			c.lastActive = now
		}
		l.takeBackReadBuffer(c)
		if c.unsent() > 0 {
			l.unflushed = append(l.unflushed, c) // settled by flushRound
			return
		}
	}
	l.settle(c)
}

// flushRound sends the replies of the connections served in this round,
// once every ready connection has been read and run, as Redis writes its
// replies only after it has read every ready client. A client program
// with many connections (redis-benchmark -c 50) then finds several replies
// each time it wakes, not one: measured at -P 16, it woke for every 10
// requests instead of every 70, and those wake-ups cost the machine's
// other CPU. A large output does not wait: runRequests sends once a
// connection has sendAtRoundLimit bytes unsent.
func (l *eventLoop) flushRound() {
	for i, c := range l.unflushed {
		l.unflushed[i] = nil
		if l.conns[c.fd] != c {
			continue // ended since it was served
		}
		if c.killed.Load() { // CLIENT KILL while its replies waited
			l.end(c, "recv", errKilled)
			continue
		}
		err := l.s.sendAndCheck(c)
		c.publish() // CLIENT LIST's view of its output, as runRequests leaves it
		if err != nil {
			l.end(c, "send", err)
			continue
		}
		l.settle(c)
	}
	l.unflushed = l.unflushed[:0]
}

// settle closes a connection that is done, or watches for what it needs
// next.
func (l *eventLoop) settle(c *conn) {
	if l.s.finished(c) {
		l.close(c)
		return
	}
	if c.held != nil && !c.parked {
		l.park(c)
	}
	if err := l.updateInterest(c); err != nil {
		l.end(c, "epoll_ctl", err)
	}
}

// park sets a connection aside while its session holds a request (CLIENT
// PAUSE): the loop stops reading it, and a goroutine waits for the hold to
// end, for a kill or for shutdown, then hands it back to the loop, which
// never blocks on it meanwhile.
//
// A session that can call back when its hold ends (HoldNotifier: a client
// blocked on keys) needs no goroutine: it hands the connection back
// itself, and a kill or shutdown reaches the loop through epoll, which
// watches a parked connection for the peer hanging up (a kill shuts the
// socket both ways; shutdown shuts it for reading).
func (l *eventLoop) park(c *conn) {
	c.parked = true
	requeue := func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if !l.gone { // a loop that has stopped has closed its eventfd
			l.unparked = append(l.unparked, c)
			l.wake()
		}
	}
	if n, ok := c.session.(HoldNotifier); ok && n.NotifyWhenReleased(requeue) {
		return
	}
	held := c.held
	go func() {
		select {
		case <-held:
		case <-c.kicked:
		case <-l.s.stopped:
		}
		requeue()
	}()
}

// resume serves a connection handed back by park, if it is still the
// loop's.
func (l *eventLoop) resume(c *conn) {
	if l.conns[c.fd] != c || !c.parked {
		return // closed, or already resumed (a hang-up and a release both)
	}
	c.parked, c.lastActive = false, time.Now() // a pause is not the client's idleness
	if !l.s.endHold(c) {
		l.end(c, "recv", errKilled)
		return
	}
	l.lendReadBuffer(c)
	if err := l.s.runRequests(c); err != nil {
		l.end(c, "send", err)
		return
	}
	l.takeBackReadBuffer(c)
	l.settle(c)
}

// needTurn is a connection's outbox asking for a turn: another goroutine
// pushed to it while its output was still the loop's to send. The loop's
// eventfd wakes it at once (takeIncoming, takePushes); the pusher itself
// never touches the connection's replies.
func (l *eventLoop) needTurn(c *conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.gone { // a loop that has stopped has closed its eventfd
		l.nudged = append(l.nudged, c)
		l.wake()
	}
}

// takePushes switches a nudged connection's output to its outbox, its
// unsent replies first, if it is still the loop's.
func (l *eventLoop) takePushes(c *conn) {
	if l.conns[c.fd] != c {
		return
	}
	c.ob.viaOutbox()
	l.settle(c)
}

// updateInterest watches for input while the client may still send, and
// for room to write while replies are unsent. Input is still read behind
// unsent replies, so a client that never reads reaches the output limit
// instead of sitting there (as in the worker model).
func (l *eventLoop) updateInterest(c *conn) error {
	var want uint32
	switch {
	case !c.readDone && !c.quit && c.held == nil:
		want |= unix.EPOLLIN
	case c.parked && !c.readDone:
		want |= unix.EPOLLRDHUP // a hang-up while held (serve)
	}
	if c.unsent() > 0 {
		want |= unix.EPOLLOUT
	}
	if want == c.interest {
		return nil
	}
	c.interest = want
	return l.watch(c.fd, unix.EPOLL_CTL_MOD, want)
}

// closeIdle closes the clients that neither sent nor took a byte for
// --timeout. Subscribers are exempt, as in Redis, and so are clients held
// by a pause (Redis does not time out blocked clients).
func (l *eventLoop) closeIdle(now time.Time, timeout time.Duration) {
	l.lastIdle = now
	for _, c := range l.conns {
		if !c.ob.isActive() && !c.parked && now.Sub(c.lastActive) >= timeout {
			l.end(c, "recv", errIdle)
		}
	}
}

// end closes a connection after an error or a limit, saying why.
func (l *eventLoop) end(c *conn, call string, err error) {
	l.s.connEnded(c, call, err)
	l.close(c)
}

// close takes the connection out of the loop and closes it. epoll_ctl DEL
// comes before close(2): the kernel drops a closed descriptor from the
// interest list only when no duplicate of it is left open. A subscriber's
// close may wait for its sender goroutine to deliver QUIT's reply, so it
// happens off the loop.
func (l *eventLoop) close(c *conn) {
	delete(l.conns, c.fd)
	unix.EpollCtl(l.epfd, unix.EPOLL_CTL_DEL, c.fd, nil)
	if c.ob.hasSender() {
		go l.s.closeConn(c)
		return
	}
	l.s.closeConn(c)
}

// closeAll closes every connection; used when the loop cannot go on.
func (l *eventLoop) closeAll() {
	for _, c := range l.conns {
		l.close(c)
	}
	l.mu.Lock()
	batch := l.incoming
	l.incoming = nil
	l.mu.Unlock()
	for _, c := range batch {
		l.s.live.remove(c.fd)
		unix.Close(c.fd)
	}
}
