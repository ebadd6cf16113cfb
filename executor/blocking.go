package executor

import (
	"sync"
	"sync/atomic"
	"time"

	"redis-lite/store"
)

// Blocking commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN,
// BZPOPMAX, BZMPOP) wait for data on keys, as Redis 7.0's do:
//
//   - A blocking command first tries to serve itself. If none of its keys
//     has data it registers a waiter on each key (FIFO per key) and holds
//     the rest of its connection's input, exactly as a CLIENT PAUSE holds
//     a request (pause.go, netsrv.Holder): in the worker model the
//     connection keeps its worker, which waits on a channel; in an event
//     loop the connection is set aside until the channel is closed, so a
//     blocked client costs the loop nothing but its entry here.
//   - A command that may have given a key data calls keyReady (or
//     keyReadyIn, or databaseReady for SWAPDB). After the command (after
//     EXEC, for a transaction) the session serves the waiters of each
//     ready key in order, while the key still has data: the pop is made
//     for the waiter, right then, so the pushing client's next command
//     already sees the list without the element, as in Redis. The
//     waiter's reply is made in its own form and handed to its
//     connection, which then runs the rest of its input.
//   - A waiter also ends at its timeout (a null array), by CLIENT UNBLOCK
//     (the same, or -UNBLOCKED) or when its connection closes.
//
// The API for a blocking command of another type:
//
//	s.block(keys, want, timeout, serve, denied)
//
// where want is the type of value it waits for (store.TypeList,
// store.TypeZSet), and serve(s, key) tries to serve the command from one
// key with s as the blocked session (or a stand-in for it, when another
// client's command makes the key ready): when the key has what it waits
// for, it makes the change, writes the reply to s.reply (a WRONGTYPE
// error counts: it ends the wait too) and reports true; otherwise it
// writes nothing and reports false. While s.waking (served after another
// client's command), a key of another type is "nothing yet", as Redis
// leaves such a client waiting. block calls it for each key at once; if
// none serves, the session blocks (inside MULTI, or while replaying the
// append-only file, it gets denied's reply at once instead: the null
// array, or for BLMOVE the null bulk string). Commands that add data of
// the type call s.keyReady(key) after the change.
//
// Locks: the blocking mutex is taken before any store lock (serve runs
// under it and edits the store) and before the tracker's (a served
// client's invalidations, tracking_blocked.go); keyReady only records the
// key, so it may be called anywhere, store locks held or not.

// blockKey names a key in one database.
type blockKey struct {
	db  int
	key string
}

// serveFunc tries to serve a blocked command from one key (see above).
type serveFunc func(s *Session, key []byte) bool

// waiter is one blocked client.
type waiter struct {
	s  *Session
	db int
	// arrived orders a key's waiters: when the blocking request reached
	// the kernel (Session.Arrived), or when it blocked, if that is not
	// known. Two clients' requests may run at once, in either order;
	// the one that came first is still served first.
	arrived int64
	want    store.Type // the type of value it waits for
	keys    []string
	serve   serveFunc
	form    form
	done    chan struct{} // closed when the wait is over and out is its reply
	out     []byte
	// invalidations are client tracking's frames for the client, caused
	// by the served command; they follow out (finishBlocked).
	invalidations []byte
	wrote         bool // the reply came with a change to the data (wait for the AOF)
	timer         *time.Timer
	// release, if set, is called once the wait is over: the event loop's
	// way of taking the connection back (NotifyWhenReleased).
	release func()
	run     blockedRun // the command, for the statistics (blocking_stats.go)
}

// blockingState is every waiter, by key and by session.
type blockingState struct {
	mu sync.Mutex
	// waiting counts blocked clients. A command about to block counts
	// itself before it looks at its keys, and keyReady records keys only
	// when some client waits: together these make sure a push that lands
	// while a command decides to block is either seen by that command or
	// served to it.
	waiting atomic.Int64
	queues  map[blockKey][]*waiter
	by      map[*Session]*waiter
}

// block serves the command from the first key that can, or blocks the
// session on keys until one can, the timeout passes (0: never) or it is
// unblocked.
func (s *Session) block(keys [][]byte, want store.Type, timeout time.Duration, serve serveFunc, denied func(*Reply)) {
	if s.tx.running || s == s.ex.replayer {
		// Redis's clients that may not block (a transaction, the AOF
		// loader) treat an empty wait as an immediate timeout.
		for _, key := range keys {
			if serve(s, key) {
				return
			}
		}
		denied(&s.reply)
		return
	}
	if s.arrivalOrder != nil {
		// A pop that arrived earlier but has not run yet (in the worker
		// model) has the first claim on any data: it runs first.
		s.awaitEarlier(s.elementsOf(keys, want))
	}
	bs := &s.ex.blocking
	bs.mu.Lock()
	defer bs.mu.Unlock()
	bs.waiting.Add(1)
	arrived := s.arrivedOrNow()
	for _, key := range keys {
		if bs.waitsBefore(blockKey{s.dbIndex(), string(key)}, want, arrived) && !s.holdsOther(key, want) {
			// A client that came first waits on the key for the same
			// type: if data has just come, it is its, and the push that
			// brought it serves it, then this one, once it has queued.
			continue
		}
		if serve(s, key) {
			bs.waiting.Add(-1)
			return
		}
	}
	w := &waiter{s: s, db: s.dbIndex(), arrived: arrived, want: want, serve: serve, form: s.reply.form, done: make(chan struct{})}
	s.noteBlockedRun(w)
	if bs.queues == nil {
		bs.queues = make(map[blockKey][]*waiter)
		bs.by = make(map[*Session]*waiter)
	}
	for _, key := range keys {
		k := blockKey{w.db, string(key)}
		if !w.waitsOn(k.key) { // BLPOP k k 0 waits once on k
			w.keys = append(w.keys, k.key)
			bs.queues[k] = inArrivalOrder(bs.queues[k], w)
		}
	}
	bs.by[s] = w
	if timeout > 0 {
		w.timer = time.AfterFunc(timeout, func() { s.ex.blocking.end(w, timedOut, false) })
	}
	s.held = &heldRequest{form: s.reply.form, until: w.done, blocked: w}
	s.client.blocked.Store(true)
}

func (w *waiter) waitsOn(key string) bool {
	for _, k := range w.keys {
		if k == key {
			return true
		}
	}
	return false
}

// keyReady notes that key, in the session's database, may now have what
// blocked clients wait for; they are served after the command.
func (s *Session) keyReady(key []byte) { s.keyReadyIn(s.dbIndex(), key) }

// keyReadyIn is keyReady for database db (MOVE, COPY ... DB).
func (s *Session) keyReadyIn(db int, key []byte) {
	if s.ex.blocking.waiting.Load() == 0 {
		return
	}
	s.ready = append(s.ready, blockKey{db, string(key)})
}

// databaseReady notes every key blocked clients wait for in database db
// (SWAPDB: every key of the database changed at once).
func (s *Session) databaseReady(db int) {
	bs := &s.ex.blocking
	if bs.waiting.Load() == 0 {
		return
	}
	bs.mu.Lock()
	for k := range bs.queues {
		if k.db == db {
			s.ready = append(s.ready, k)
		}
	}
	bs.mu.Unlock()
}

// serveReady serves the clients blocked on the keys made ready by the
// command that just ran, first come first served on each key, for as long
// as the key has data. A served command that adds data elsewhere (BLMOVE)
// makes that key ready in turn.
func (s *Session) serveReady() {
	bs := &s.ex.blocking
	if s.arrivalOrder != nil && s.arrived != 0 {
		if waiters := bs.waitersOn(s.ready); waiters > 0 {
			// A pop that arrived before this command may not have run
			// yet (in the worker model); it comes first. Waited for
			// without the lock, which it needs to block.
			s.awaitEarlier(s.elementsIn(s.ready) - waiters)
		}
	}
	bs.mu.Lock()
	defer bs.mu.Unlock()
	for i := 0; i < len(s.ready); i++ {
		k := s.ready[i]
		for {
			q := bs.queues[k]
			if len(q) == 0 {
				break
			}
			if !bs.serveOne(q[0], k.key, &s.ready) {
				break
			}
		}
	}
	s.ready = s.ready[:0]
}

// serveOne runs w's command against key for it; if that served it, w's
// wait ends. It runs in a stand-in for w's session (same database, same
// reply form), never in the session itself: the blocked session's own
// goroutine may still be finishing the batch that blocked it. Keys the
// served command makes ready join ready. Called with bs.mu held.
func (bs *blockingState) serveOne(w *waiter, key string, ready *[]blockKey) bool {
	start := time.Now()
	p := w.standIn()
	if !w.serve(p, []byte(key)) {
		return false
	}
	if t := w.s.ex.tracking; t.clients.Load() != 0 {
		written := [][]byte{[]byte(key)}
		for _, k := range p.ready { // BLMOVE's destination
			if k.db == w.db {
				written = append(written, []byte(k.key))
			}
		}
		w.invalidations = t.invalidateServed(p, written)
	}
	p.flushCounts()
	*ready = append(*ready, p.ready...)
	w.wrote = true
	// Before finish releases the client, whose next command would log first.
	w.s.ex.noteUnblocked(w, time.Since(start), p.reply.errors != 0, w.run.args)
	bs.finish(w, p.reply.buf)
	return true
}

// standIn is a session to run w's command in on its behalf: w's
// database, reply form and protocol, nothing of its connection.
func (w *waiter) standIn() *Session {
	s := w.s
	p := &Session{ex: s.ex, data: s.ex.dbs[w.db], dbi: w.db, resp3: w.form == formRESP3, waking: true, id: s.id, standInFor: s}
	p.reply.stats = &s.ex.errors
	p.reply.reset(nil, w.form)
	return p
}

// end finishes w's wait with the reply write makes, unless it is over
// already (a timeout racing a push). unblocked: CLIENT UNBLOCK ends it,
// which the statistics count (blocking_stats.go); a timeout is not.
func (bs *blockingState) end(w *waiter, write func(r *Reply), unblocked bool) bool {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.by[w.s] != w {
		return false
	}
	r := &Reply{stats: &w.s.ex.errors}
	r.reset(nil, w.form)
	write(r)
	if unblocked {
		w.s.ex.noteUnblocked(w, 0, true, nil) // Redis: a failure, whichever reply, and no arguments
	}
	bs.finish(w, r.buf)
	return true
}

// finish takes w off every list and hands its connection the reply.
// Called with bs.mu held.
func (bs *blockingState) finish(w *waiter, reply []byte) {
	bs.forget(w)
	w.out = reply
	w.s.client.blocked.Store(false) // INFO blocked_clients counts it no more
	close(w.done)
	if w.release != nil {
		w.release()
	}
}

// NotifyWhenReleased is the netsrv.HoldNotifier method: for a client
// blocked on keys, release is called when its wait ends, so an event loop
// keeps nothing but the waiter for it. A pause, or a wait already over,
// reports false: the caller watches Held's channel.
func (s *Session) NotifyWhenReleased(release func()) bool {
	if s.held == nil {
		return false
	}
	if s.held.pause != nil {
		return s.notifyWhenPauseEnds(release)
	}
	if s.held.blocked == nil {
		return false
	}
	bs := &s.ex.blocking
	bs.mu.Lock()
	defer bs.mu.Unlock()
	w := s.held.blocked
	if bs.by[s] != w {
		return false
	}
	w.release = release
	return true
}

// forget takes w off every list. Called with bs.mu held.
func (bs *blockingState) forget(w *waiter) {
	for _, key := range w.keys {
		k := blockKey{w.db, key}
		q := bs.queues[k]
		for i, other := range q {
			if other == w {
				q = append(q[:i], q[i+1:]...)
				break
			}
		}
		if len(q) == 0 {
			delete(bs.queues, k)
		} else {
			bs.queues[k] = q
		}
	}
	delete(bs.by, w.s)
	bs.waiting.Add(-1)
	if w.timer != nil {
		w.timer.Stop()
	}
}

// timedOut is the reply of a wait that ran out: Redis's null array for
// every blocking pop.
func timedOut(r *Reply) { r.NullArray() }

// unblockedError is CLIENT UNBLOCK ... ERROR's reply to the client.
func unblockedError(r *Reply) { r.Error("UNBLOCKED client unblocked via CLIENT UNBLOCK") }

// unblock ends target's wait as CLIENT UNBLOCK asks; false if it was not
// blocked on keys.
func (ex *Executor) unblock(target *Session, withError bool) bool {
	bs := &ex.blocking
	bs.mu.Lock()
	w := bs.by[target]
	bs.mu.Unlock()
	if w == nil {
		return false
	}
	write := timedOut
	if withError {
		write = unblockedError
	}
	return bs.end(w, write, true)
}

// stopWaiting drops the session's wait, if any, when its connection ends.
func (s *Session) stopWaiting() {
	bs := &s.ex.blocking
	if bs.waiting.Load() == 0 {
		return
	}
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if w := bs.by[s]; w != nil {
		bs.forget(w)
	}
}

// finishBlocked writes the reply a finished wait left, when the
// connection runs the session again.
func (s *Session) finishBlocked(out []byte, w *waiter) []byte {
	s.wrote = s.wrote || w.wrote
	out = append(out, w.out...)
	if s.replies == repliesOff || s.replies == repliesSkip {
		// Invalidations are pushed even when the reply is not (silence).
		s.track.unsilenced = append(s.track.unsilenced, w.invalidations...)
		return out
	}
	return append(out, w.invalidations...)
}
