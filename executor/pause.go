package executor

import (
	"cmp"
	"slices"
	"time"
)

// CLIENT PAUSE holds clients' commands (every command, or with WRITE only
// those that write or may replicate: PUBLISH) until a timeout or CLIENT
// UNPAUSE. A held command is not refused: the session keeps a copy of it,
// stops handling its input, and the networking layer waits for the pause to
// end (a worker waits; an event loop sets the connection aside) before
// handing the session its input again (netsrv.Holder).
//
// When a pause ends, Redis runs the commands it held, in the order they
// arrived, before anything that came after: so does redis-lite. The
// sessions a pause holds are released in their arrival order (to an event
// loop, at once, through NotifyWhenReleased); and in the worker model,
// where each runs on its own worker, a command that comes after the pause
// first waits for the held ones to run (awaitReleased).

// pauseState is one CLIENT PAUSE in force. A new PAUSE replaces it, as
// Redis 7.0 replaces its client pause.
type pauseState struct {
	all   bool          // ALL; otherwise WRITE
	done  chan struct{} // closed when this pause ends or is replaced
	timer *time.Timer   // ends it at its timeout
	// Guarded by the executor's pauseMu:
	ended bool
	held  []pausedSession // in the order they were held
}

// pausedSession is a session a pause holds, with when its request arrived
// and, if its connection asked (NotifyWhenReleased), how to hand it back.
type pausedSession struct {
	s       *Session
	arrived int64
	release func()
}

// heldRequest is a command a pause holds back, copied out of the input.
type heldRequest struct {
	args  [][]byte
	form  form // the reply form of the request that was held
	until <-chan struct{}
	// blocked: the request is a blocking command waiting for data
	// (blocking.go); when until is closed its reply is ready.
	blocked *waiter
	// pause: the pause holding the request (nil for blocked).
	pause *pauseState
}

// pauseClients starts a pause of d, replacing any pause in force; clients
// held by the old one look again and wait for the new one if it holds them.
func (ex *Executor) pauseClients(d time.Duration, all bool) {
	ex.pauseMu.Lock()
	defer ex.pauseMu.Unlock()
	p := &pauseState{all: all, done: make(chan struct{})}
	old := ex.pause.Swap(p)
	ex.holdExpiry(true)
	p.timer = time.AfterFunc(d, func() { ex.endPause(p) })
	if old != nil {
		old.timer.Stop()
		ex.release(old)
	}
}

// endPause ends p if it is still the pause in force (its timer ran out).
func (ex *Executor) endPause(p *pauseState) {
	ex.pauseMu.Lock()
	defer ex.pauseMu.Unlock()
	if ex.pause.CompareAndSwap(p, nil) {
		ex.holdExpiry(false)
		ex.release(p)
	}
}

// unpause ends the pause in force, if any (CLIENT UNPAUSE).
func (ex *Executor) unpause() {
	ex.pauseMu.Lock()
	defer ex.pauseMu.Unlock()
	if p := ex.pause.Swap(nil); p != nil {
		ex.holdExpiry(false)
		p.timer.Stop()
		ex.release(p)
	}
}

// release ends p's hold on its sessions, handing them back in the order
// their requests arrived. Called with pauseMu held.
func (ex *Executor) release(p *pauseState) {
	p.ended = true
	close(p.done)
	slices.SortStableFunc(p.held, func(a, b pausedSession) int { return cmp.Compare(a.arrived, b.arrived) })
	for _, h := range p.held {
		if h.release != nil {
			h.release()
		}
	}
	p.held = nil
}

// awaitReleased, in the worker model, waits until the commands the last
// pause held have run, if they arrived before this one (awaitEarlier):
// as in Redis, they come first. It costs an atomic load while no such
// command is left.
func (s *Session) awaitReleased() {
	if s.ex.releasedUnrun.Load() > 0 {
		s.awaitEarlier(-1)
	}
}

// holdExpiry stops or resumes the deletion of expired keys in every
// database: a pause, of writes or of all commands, holds the deletions an
// expiry makes too, as in Redis.
func (ex *Executor) holdExpiry(held bool) {
	for _, db := range ex.dbs {
		db.HoldExpiry(held)
	}
}

// hold keeps cmd back if the pause in force covers it, and reports
// whether it did. It is the last check before a command runs, as in Redis;
// a held command is counted (INFO commandstats) when it runs.
func (s *Session) hold(cmd *command, args [][]byte) bool {
	p := s.ex.pause.Load()
	if p == nil || !p.all && s.checkedFlags(cmd)&flagWrite == 0 && !mayReplicate(cmd) {
		return false
	}
	if s.replaying {
		// The append-only file's loader (and DEBUG RELOAD's) is never
		// held, as Redis's is not: nothing would run it again.
		return false
	}
	// The arguments alias the input buffer, which the connection reuses
	// once Handle returns: the held request keeps a copy.
	kept := make([][]byte, len(args))
	for i, a := range args {
		kept[i] = append([]byte(nil), a...)
	}
	s.ex.pauseMu.Lock()
	if s.ex.pause.Load() != p {
		// The pause ended (or was replaced) since it was read: run the
		// command now, or let the new pause decide.
		s.ex.pauseMu.Unlock()
		return s.hold(cmd, args)
	}
	s.held = &heldRequest{args: kept, form: s.reply.form, until: p.done, pause: p}
	s.ex.releasedUnrun.Add(1)
	p.held = append(p.held, pausedSession{s: s, arrived: s.arrivedOrNow()})
	s.ex.pauseMu.Unlock()
	s.client.blocked.Store(true)
	s.cmd = cmd // CLIENT LIST's cmd= is the held command, as in Redis
	return true
}

// blockedClients is INFO's blocked_clients: the clients whose command a
// pause holds (Redis counts them as blocked, postponed) or that wait for
// data on keys (blocking.go).
func (ex *Executor) blockedClients() int {
	n := 0
	for _, s := range ex.clients.all() {
		if s.client.blocked.Load() {
			n++
		}
	}
	return n
}

// mayReplicate reports whether cmd is one Redis flags may_replicate
// without write (a pause of writes holds it too): PUBLISH, whose message
// goes to replicas, and PFCOUNT, which may store the count it caches.
func mayReplicate(cmd *command) bool { return cmd.name == "publish" || cmd.name == "pfcount" }

// Held is the netsrv.Holder method: while a request is held, a channel
// closed when the pause holding it ends; nil otherwise.
func (s *Session) Held() <-chan struct{} {
	if s.held == nil {
		return nil
	}
	return s.held.until
}

// HeldUnrun is the netsrv.Holder method: whether the request held has
// yet to run (a pause holds it), rather than waiting for data.
func (s *Session) HeldUnrun() bool { return s.held != nil && s.held.blocked == nil }

// runHeld tries the held request again, at the start of a Handle call
// once its pause has ended; a newer pause may hold it again.
func (s *Session) runHeld(out []byte) []byte {
	h := s.held
	s.held = nil
	s.client.blocked.Store(false)
	if h.blocked != nil {
		return s.silence(s.finishBlocked(out, h.blocked), len(out))
	}
	s.reply.reset(out, h.form)
	s.execute(h.args)
	// Counted off once it has run (or been held again, and counted
	// anew): the commands after it wait until then.
	s.ex.releasedUnrun.Add(-1)
	return s.silence(s.reply.buf, len(out))
}

// notifyWhenPauseEnds is NotifyWhenReleased for a request a pause holds.
func (s *Session) notifyWhenPauseEnds(release func()) bool {
	p := s.held.pause
	s.ex.pauseMu.Lock()
	defer s.ex.pauseMu.Unlock()
	if p.ended {
		return false // its channel is closed: the caller sees that at once
	}
	for i := range p.held {
		if p.held[i].s == s {
			p.held[i].release = release
			return true
		}
	}
	return false
}

// dropHeld forgets a request a pause holds, when the connection ends.
func (s *Session) dropHeld() {
	h := s.held
	if h == nil || h.pause == nil {
		return
	}
	s.held = nil
	s.ex.releasedUnrun.Add(-1)
	s.ex.pauseMu.Lock()
	defer s.ex.pauseMu.Unlock()
	h.pause.held = slices.DeleteFunc(h.pause.held, func(p pausedSession) bool { return p.s == s })
}
