package executor

import (
	"sync/atomic"
	"time"

	"redis-lite/parser"
	"redis-lite/store"
)

// Session is one connection's parser state, reply writer and client
// identity. It is used by one goroutine at a time.
type Session struct {
	ex      *Executor
	parser  parser.Parser
	reply   Reply
	nameBuf [maxCommandName]byte
	last    *command // the command looked up last: pipelines repeat one
	closing bool     // QUIT or a protocol error: close once the replies are sent
	cmd     *command // the command running, for handlers shared by several
	// callArgs are the running command's arguments, for a command that
	// blocks (blocking_stats.go); nil between commands.
	callArgs [][]byte
	wrote    bool // a write command ran in this batch
	counts   batchCounts
	pending  []pendingCalls // calls counted since the batch began
	// The reusable buffers of the Replays of a command's Edits (replay.go).
	replayArgs  [][]byte
	replayBytes []byte
	// clock is when the last command ended, as time since the executor
	// started (a monotonic read, half the cost of time.Now): a command's
	// run time is from there to its own end, its parsing included, so a
	// command costs one clock read.
	clock time.Duration

	// data is the selected database; dbi is its number (databases.go).
	data *store.Store
	dbi  int

	authed bool         // passed AUTH, or no password is required
	resp3  bool         // HELLO 3 chose RESP3 for this connection's RESP replies
	pusher Pusher       // how messages reach this connection
	sub    subscription // pub/sub channels and patterns
	track  trackState   // client-side caching (tracking.go)
	// monitoring: the session is in MONITOR mode (monitor.go); CLIENT
	// LIST in other sessions reads it.
	monitoring atomic.Bool

	// The client's identity, for CLIENT and HELLO.
	id              int64
	libName, libVer string
	client          clientState    // what other connections may read (clients.go)
	conn            Conn           // the connection's facts; nil without one (tests, replay)
	arrivalOrder    ArrivalOrderer // the connection's, if it has one (blocking.go)
	replies         replyMode      // CLIENT REPLY
	held            *heldRequest   // a request waiting for a pause to end (pause.go) or for data (blocking.go)
	ready           []blockKey     // keys given data for blocked clients by the command running (blocking.go)
	waking          bool           // served after another client's command (blocking.go)
	standInFor      *Session       // the blocked client this stand-in serves (blocking.go)
	arrived         int64          // when the kernel received the input being run (Arrived)
	inLen, inCap    int            // the input of the batch being handled, for CLIENT INFO

	tx         transaction // MULTI (multi.go)
	watch      watchState  // WATCH (watch.go)
	readLocked bool        // holds the executor's lock for reading (multi.go)
	// replaying: the session runs the append-only file's commands, for
	// no client: the slow log, the latency monitor and monitors skip them.
	replaying bool
	// exclusiveHeld: the session already runs alone, in its own
	// exclusive section (EXEC running DEBUG DIGEST) or in another's
	// (DEBUG LOADAOF's replay).
	exclusiveHeld bool
}

// batchCounts are counted per batch of requests and then added to the
// executor's shared stats in one go.
type batchCounts struct {
	hits, misses  int64
	netIn, netOut int64
	changes       int64 // Redis's dirty counter (changed)
}

// maxBatchReply is where Handle stops starting new requests: one read of
// pipelined GETs of a large value could otherwise make gigabytes of
// replies in a single call, before any output limit is checked.
const maxBatchReply = 64 << 10

// Handle runs the complete requests at the start of in and appends their
// replies to out. It returns how many bytes of in it used; the caller
// presents the rest again, with any new bytes appended: an incomplete
// request, or requests left because 64 KiB of replies were already made.
// When closeAfter is true the connection is to be closed once out is sent.
//
// The arguments of a request alias in; anything kept beyond the request is
// copied (the store copies what it stores).
func (s *Session) Handle(in, out []byte) (consumed int, reply []byte, closeAfter bool) {
	start := len(out)
	s.wrote = false
	s.inLen, s.inCap = len(in), cap(in)
	s.parser.MaxBulkLen = s.ex.maxBulkLen.Load() // CONFIG SET may have changed it
	s.lockForBatch()
	// Read after the lock: a wait for another client's EXEC is not this
	// batch's commands' run time.
	s.clock = time.Since(s.ex.started)
	if s.held != nil {
		select {
		case <-s.held.until: // its pause is over (or replaced): try it again
			out = s.runHeld(out)
		default:
			s.unlockAfterBatch()
			return 0, out, false // still held: nothing else runs before it
		}
	}
	for consumed < len(in) && s.held == nil && !s.closing && len(out) < maxBatchReply {
		cmd, n, err := s.parser.Next(in[consumed:])
		s.reply.reset(out, s.replyForm(cmd.Proto))
		if err != nil {
			// After a framing error nothing later in the stream can be
			// trusted: answer, then close, as Redis does.
			s.reply.Error("ERR " + err.Error())
			out = s.reply.buf
			s.closing = true
			break
		}
		if n == 0 {
			break
		}
		consumed += n
		if len(cmd.Args) > 0 {
			s.execute(cmd.Args)
		}
		out = s.silence(s.reply.buf, len(out))
	}
	s.unlockAfterBatch()
	s.counts.netIn += int64(consumed)
	s.counts.netOut += int64(len(out) - start)
	s.flushCounts()
	s.flushCalls()
	s.client.seen(s.cmd)
	if p := s.ex.persistence(); s.wrote && p != nil {
		// appendfsync always: no reply of this batch leaves before its
		// writes are on disk (one wait for the batch; other clients'
		// writes share the fsync). If the file cannot be written, nothing
		// is acknowledged: the replies are dropped and the client cut.
		if err := p.WaitDurable(); err != nil {
			return consumed, out[:start], true
		}
	}
	return consumed, out, s.closing
}

func (s *Session) flushCounts() {
	if s.counts == (batchCounts{}) {
		return
	}
	st := &s.ex.stats
	if s.counts.hits != 0 {
		st.hits.Add(s.counts.hits)
	}
	if s.counts.misses != 0 {
		st.misses.Add(s.counts.misses)
	}
	if s.counts.changes != 0 {
		st.changes.Add(s.counts.changes)
	}
	st.netIn.Add(s.counts.netIn)
	st.netOut.Add(s.counts.netOut)
	s.counts = batchCounts{}
}

// NeedBytes is how many bytes of the request in progress must be buffered
// before it can be parsed, or 0 when unknown; a reader uses it to size its
// buffer once for a large value.
func (s *Session) NeedBytes() int { return s.parser.NeedBytes() }

// execute looks a command (and subcommand) up, checks its arity and runs
// it. The checks come in Redis's order: an unknown command or subcommand
// and a wrong arity are answered before NOAUTH, so even a client that has
// not authenticated learns that CONFIG FOO does not exist.
func (s *Session) execute(args [][]byte) {
	cmd := s.lookup(args[0])
	if cmd != nil && cmd.subcommands != nil && len(args) > 1 {
		sub := s.subcommand(cmd, args[1])
		if sub == nil {
			s.reject(nil, unknownSubcommand(cmd, args[1]))
			return
		}
		cmd = sub
	}
	if cmd == nil {
		s.reject(nil, unknownCommand(args))
		return
	}
	if s.refused(cmd, args) {
		s.countRejected(cmd)
		return
	}
	if s.ex.pause.Load() == nil {
		s.awaitReleased()
	} else if s.hold(cmd, args) {
		return // it runs when the pause ends
	} else if s.ex.pause.Load() == nil {
		s.awaitReleased() // the pause ended while hold looked
	}
	if s.tx.on && s.queue(cmd, args) {
		return // it runs at EXEC
	}
	s.call(cmd, args)
	if len(s.ready) > 0 {
		s.serveReady()
	}
}

// call runs a command that passed the checks (EXEC calls it for each
// command it runs).
func (s *Session) call(cmd *command, args [][]byte) {
	s.cmd = cmd
	s.wrote = s.wrote || cmd.flags&flagWrite != 0
	errorsBefore, mark := s.reply.errors, len(s.reply.buf)
	// Tracking (tracking.go): a tracking client's own invalidations wait
	// until its reply is written; after the run the keys it read are
	// noted and the keys any command wrote are invalidated.
	trackingHeld := s.track.on && !s.tx.running && s.ex.tracking.hold(s)
	s.callArgs = args
	cmd.run(s, args)
	s.callArgs = nil
	s.resetReplays()
	if s.ex.tracking.clients.Load() != 0 {
		s.afterCommand(cmd, args, mark)
	}
	if trackingHeld {
		s.ex.tracking.release(s)
	}
	if s.ex.monitors.count.Load() != 0 {
		s.feedMonitors(cmd, args)
	}
	end := time.Since(s.ex.started)
	if s.blockedNow() {
		s.countBlocked(cmd, end-s.clock) // the rest once it is served (blocking_stats.go)
		s.noteLatency(latencyEventOf(cmd), end-s.clock)
	} else {
		s.countCall(cmd, end-s.clock, s.reply.errors != errorsBefore)
		s.noteRunTime(cmd, args, end-s.clock)
	}
	s.clock = end
}

// refused answers the error and reports true when cmd may not run now
// (inside MULTI: may not be queued).
func (s *Session) refused(cmd *command, args [][]byte) bool {
	msg := s.refusal(cmd, args)
	if msg == "" {
		return false
	}
	s.reject(cmd, msg)
	return true
}

// refusal is the error that refuses cmd, in Redis's order of checks, or "".
func (s *Session) refusal(cmd *command, args [][]byte) string {
	flags := s.checkedFlags(cmd)
	switch {
	case !cmd.arityOK(len(args)):
		return wrongArity(cmd.name)
	case !s.authed && cmd.flags&flagNoAuth == 0 && s.needsAuth():
		return errNoAuth
	case s.tx.on && cmd.flags&flagNoMulti != 0:
		return errNoMulti
	case s.refusedForMemory(cmd, flags):
		return errOOM
	}
	if msg := s.diskError(cmd, flags); msg != "" {
		return msg
	}
	if msg := s.noReplicas(flags); msg != "" {
		return msg
	}
	if s.sub.count() > 0 && cmd.flags&flagSubscribedOK == 0 && !s.resp3 {
		// Only RESP2 needs the restriction, as in Redis: there a reply
		// and a message look alike, while RESP3 marks messages as pushes.
		// A subcommand is named as Redis names it: 'pubsub|numpat'.
		return "ERR Can't execute '" + cmd.name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
	}
	if s.monitoring.Load() && (cmd.flags&(flagWrite|flagReadonly) != 0 || cmd.name == "publish") {
		// A monitor is a replica to Redis, and a replica may not touch
		// the key space (nor publish: Redis replicates PUBLISH).
		return "ERR Replica can't interact with the keyspace"
	}
	return ""
}

// diskError is MISCONF when cmd is refused because the append-only file
// cannot be written: every write command, and PING, as in Redis, so that
// a health check notices the disk. (Redis refuses OOM first and MISCONF
// next, both before the subscribed-mode check.) "" otherwise. The error
// is read once: the writer may clear it at any moment.
func (s *Session) diskError(cmd *command, flags cmdFlags) string {
	if flags&flagWrite == 0 && cmd.name != "ping" {
		return ""
	}
	p := s.ex.persistence()
	if p == nil {
		return ""
	}
	if err := p.WriteError(); err != nil {
		return misconf(err)
	}
	return ""
}

// Closed is called by the networking layer once the connection has ended:
// the session leaves every channel and the client list and stops
// tracking, so nothing is kept for it.
func (s *Session) Closed() {
	s.ex.hub.dropAll(s)
	s.ex.clients.remove(s)
	s.ex.tracking.unregister(s)
	s.stopMonitoring()
	s.unwatchAll()
	s.stopWaiting()
	s.dropHeld()
}
