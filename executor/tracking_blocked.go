package executor

// Client tracking for blocked commands (blocking.go). A command that
// blocks writes nothing yet, so it invalidates nothing when it runs; when
// another client's command serves it, the keys it then writes (the key it
// pops from, and BLMOVE's destination) are invalidated on its behalf. What
// the served client itself is told follows the reply it is handed, as it
// would follow the reply of a command it ran itself, and NOLOOP treats the
// stand-in that ran the command as the client.

// self is the session whose command s runs: the blocked client, for the
// stand-in serving it; s itself otherwise.
func (s *Session) self() *Session {
	if s != nil && s.standInFor != nil {
		return s.standInFor
	}
	return s
}

// blockedOnKeys reports whether the command just run blocked the session.
func (s *Session) blockedOnKeys() bool { return s.held != nil && s.held.blocked != nil }

// invalidateServed invalidates keys, written by the blocked command the
// stand-in p has just served, and returns what the blocked client itself
// is to be told of them, for its connection to write after the reply
// (finishBlocked, where CLIENT REPLY is the client's to read). Called with
// the blocking mutex held, which is taken before the tracker's.
func (t *tracker) invalidateServed(p *Session, keys [][]byte) []byte {
	s := p.standInFor
	t.mu.Lock()
	s.track.serving = true
	t.mu.Unlock()
	t.invalidate(p, keys)
	t.mu.Lock()
	s.track.serving = false
	frames := s.track.served
	s.track.served = nil
	t.mu.Unlock()
	if p.reply.form == formHuman { // plaintext has no pushes
		return nil
	}
	return frames
}
