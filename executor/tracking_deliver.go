package executor

import "strconv"

// How an invalidation reaches a tracking client (tracking.go): as a RESP3
// push, or as a message on __redis__:invalidate to the client it redirects
// to; right after the reply of the command that caused it when that is the
// client's own command (or one it is running), pushed at once otherwise.

// hold makes invalidations for s wait until its command has replied: a
// key its read finds expired is invalidated (by the store, which does not
// know who asked) while the reply is being written. It reports true.
func (t *tracker) hold(s *Session) bool {
	t.mu.Lock()
	s.track.running = true
	t.mu.Unlock()
	return true
}

// release writes the invalidations held for s after its reply.
func (t *tracker) release(s *Session) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s.track.running = false
	if len(s.track.pending) > 0 {
		s.afterReply(s.track.pending)
		s.track.pending = s.track.pending[:0]
	}
}

// afterReply writes invalidations right after the reply s is writing: in
// its reply buffer, or, when CLIENT REPLY drops that reply (OFF, or the
// command SKIP applies to), aside for silence to keep. Only s's own
// goroutine calls it.
func (s *Session) afterReply(frame []byte) {
	switch {
	case s.reply.form == formHuman:
	case s.replies == repliesOff || s.replies == repliesSkip:
		s.track.unsilenced = append(s.track.unsilenced, frame...)
	default:
		s.reply.buf = append(s.reply.buf, frame...)
	}
}

// send delivers one invalidation, whose keys (a list, or a null for all)
// are payload, for target: to the client it redirects to, or to itself.
// The caller holds t.mu.
func (t *tracker) send(actor, target *Session, payload []byte) {
	to, redirected := target, false
	if id := target.track.redirect; id != 0 {
		if to = t.sessions[id]; to == nil {
			// Nobody to tell: the tracking client hears of it instead,
			// if it can (RESP3).
			target.track.brokenRedirect.Store(true)
			if target.track.resp3.Load() {
				frame := ">2\r\n$21\r\ntracking-redir-broken\r\n:" + strconv.FormatInt(id, 10) + "\r\n"
				deliver(actor, target, []byte(frame))
			}
			return
		}
		redirected = true
	}
	var frame []byte
	switch {
	case to.track.resp3.Load():
		frame = append([]byte(">2\r\n$10\r\ninvalidate\r\n"), payload...)
	case redirected && to.ex.hub.subscribedRESP(to):
		frame = append([]byte("*3\r\n$7\r\nmessage\r\n$20\r\n"+invalidateChannel+"\r\n"), payload...)
	default:
		return // RESP2 has no way to tell a connection that is not subscribed
	}
	deliver(actor, to, frame)
}

// deliver writes an out-of-band frame to s, which the caller holds t.mu
// for: after the reply being written when s is the session whose command
// caused it or is running a command (Redis sends it after the reply),
// pushed otherwise. Any connection may be pushed to at any time, as in
// Redis: a RESP3 redirect client that neither tracks nor subscribes is told
// at once (netsrv's outbox takes care of handing the connection's output
// over safely).
func deliver(actor, s *Session, frame []byte) {
	if s == actor && s.tx.running && s.track.running {
		// Inside EXEC's reply: after it, as in Redis.
		s.track.pending = append(s.track.pending, frame...)
		return
	}
	if s == actor {
		s.afterReply(frame)
		return
	}
	switch {
	case s.track.serving:
		s.track.served = append(s.track.served, frame...)
	case s.track.running:
		s.track.pending = append(s.track.pending, frame...)
	case s.pusher != nil:
		s.pusher.Push(frame)
	}
}

// keyList is keys as a RESP list of values.
func keyList(keys []string) []byte {
	b := []byte("*" + strconv.Itoa(len(keys)) + "\r\n")
	for _, k := range keys {
		b = append(b, '$')
		b = strconv.AppendInt(b, int64(len(k)), 10)
		b = append(b, '\r', '\n')
		b = append(b, k...)
		b = append(b, '\r', '\n')
	}
	return b
}
