package executor

import (
	"strings"
	"sync/atomic"
	"time"
)

// Transactions: MULTI queues a session's commands and EXEC runs them all,
// with no other session's command in between (Redis 7.0's semantics and
// texts). WATCH, which makes EXEC fail when a key changed, is in watch.go.
//
// Atomicity: sessions run at the same time on the sharded store, so the
// executor has one RWMutex, exclusive. A session holds it for reading
// while it handles a batch of requests (one lock and unlock per read from
// the socket, not per command), and EXEC and WATCH take it for writing:
// they then run alone, while every other session waits at the start of
// its next batch. Nothing that holds the read lock waits for another
// session, so there is no cycle: pushes to other connections never block,
// a paused request is put aside rather than waited for, and the
// append-only file's fsync is waited for after the lock is released.

// errors Redis gives for transactions.
const (
	errExecAbort = "EXECABORT Transaction discarded because of previous errors."
	errNoMulti   = "ERR Command not allowed inside a transaction"
)

var transactionCommands = []command{
	{name: "multi", arity: 1, flags: flagNoScript | flagLoading | flagStale | flagFast | flagAllowBusy, run: cmdMulti},
	{name: "exec", arity: 1, flags: flagNoScript | flagLoading | flagStale | flagSkipSlowlog, run: cmdExec},
	{name: "discard", arity: 1, flags: flagNoScript | flagLoading | flagStale | flagFast | flagAllowBusy, run: cmdDiscard},
	{name: "watch", arity: -2, flags: flagNoScript | flagLoading | flagStale | flagFast | flagAllowBusy, run: cmdWatch},
	{name: "unwatch", arity: 1, flags: flagNoScript | flagLoading | flagStale | flagFast | flagAllowBusy, run: cmdUnwatch},
}

// transaction is a session's MULTI state.
type transaction struct {
	on bool
	// aborted: a command was refused while queuing, so EXEC will answer
	// EXECABORT (Redis's CLIENT_DIRTY_EXEC). Nothing more is queued then.
	aborted bool
	flags   cmdFlags // the queued commands' flags, together
	queued  []queuedCommand
	// running: EXEC is running the queued commands, which count as parts
	// of one command for client tracking (tracking.go); changed are the
	// keys they changed, for BCAST tracking.
	running bool
	changed [][]byte
	// shown is what CLIENT LIST shows as multi=: the queued count plus
	// one, 0 outside MULTI (-1 there), for other sessions to read.
	shown atomic.Int64
	// mem is CLIENT LIST's multi-mem: the queued arguments' bytes plus a
	// pointer per argument, as Redis counts them.
	mem atomic.Int64
}

// queuedCommand is a command waiting for EXEC, with its own copy of the
// arguments (those of a request alias the connection's input buffer).
type queuedCommand struct {
	cmd  *command
	args [][]byte
}

// runsWhenQueuing are the commands that run at once inside MULTI instead
// of being queued, as in Redis.
func runsWhenQueuing(cmd *command) bool {
	switch cmd.name {
	case "exec", "discard", "multi", "watch", "quit", "reset":
		return true
	}
	return false
}

// queue puts cmd on the transaction and answers QUEUED; it reports false
// for the commands that run at once.
func (s *Session) queue(cmd *command, args [][]byte) bool {
	if runsWhenQueuing(cmd) {
		return false
	}
	tx := &s.tx
	if !tx.aborted { // an aborted transaction only waits for EXEC or DISCARD
		size := 0
		for _, a := range args {
			size += len(a)
		}
		flat := make([]byte, 0, size)
		kept := make([][]byte, len(args))
		for i, a := range args {
			flat = append(flat, a...)
			kept[i] = flat[len(flat)-len(a):]
		}
		tx.queued = append(tx.queued, queuedCommand{cmd, kept})
		tx.flags |= cmd.flags
		tx.shown.Store(int64(len(tx.queued)) + 1)
		tx.mem.Add(int64(size + 8*len(args)))
	}
	s.reply.Status("QUEUED")
	return true
}

// reject answers a command refused before it ran (unknown, wrong arity,
// NOAUTH, OOM, ...; cmd is nil when unknown). Inside MULTI the refusal
// dooms the transaction; a refused EXEC ends it, naming the reason.
func (s *Session) reject(cmd *command, msg string) {
	if s.tx.on {
		s.tx.aborted = true
	}
	if cmd != nil && cmd.name == "exec" {
		// Redis names the reason without the ERR code of a generic error
		// (arity), and with any other code (NOAUTH, OOM, MISCONF).
		s.discardTransaction()
		s.reply.Error("EXECABORT Transaction discarded because of: " + strings.TrimPrefix(msg, "ERR "))
		return
	}
	s.reply.Error(msg)
}

// checkedFlags are the flags the checks before a run look at: EXEC's
// include those of the commands it would run, so that it is refused when
// one of them would be (OOM, MISCONF).
func (s *Session) checkedFlags(cmd *command) cmdFlags {
	if s.tx.on && cmd.name == "exec" {
		return cmd.flags | s.tx.flags
	}
	return cmd.flags
}

// refusedForMemory: over maxmemory, a command that may grow memory is
// refused, and inside MULTI so is queuing anything (the queue grows too)
// except the commands that end the transaction or the connection.
func (s *Session) refusedForMemory(cmd *command, flags cmdFlags) bool {
	mayGrow := flags&flagDenyOOM != 0
	if s.tx.on {
		switch cmd.name {
		case "exec", "discard", "quit", "reset":
		default:
			mayGrow = true
		}
	}
	return mayGrow && s.ex.overMaxMemory()
}

// discardTransaction leaves MULTI, forgetting what was queued, and stops
// watching, as Redis does after EXEC or DISCARD.
func (s *Session) discardTransaction() {
	s.tx.on, s.tx.aborted, s.tx.flags = false, false, 0
	clear(s.tx.queued)
	s.tx.queued = s.tx.queued[:0]
	s.tx.shown.Store(0)
	s.tx.mem.Store(0)
	s.unwatchAll()
}

// MULTI: start queuing.
func cmdMulti(s *Session, _ [][]byte) {
	if s.tx.on {
		s.reply.Error("ERR MULTI calls can not be nested")
		return
	}
	s.tx.on = true
	s.tx.shown.Store(1)
	s.reply.Status("OK")
}

// DISCARD: forget the queued commands.
func cmdDiscard(s *Session, _ [][]byte) {
	if !s.tx.on {
		s.reply.Error("ERR DISCARD without MULTI")
		return
	}
	s.discardTransaction()
	s.reply.Status("OK")
}

// EXEC: run the queued commands alone, their replies in one array; a null
// array instead when a watched key changed.
func cmdExec(s *Session, _ [][]byte) {
	if !s.tx.on {
		s.reply.Error("ERR EXEC without MULTI")
		return
	}
	exec := s.cmd
	s.exclusive(func() {
		if s.tx.aborted {
			s.discardTransaction()
			s.reply.Error(errExecAbort)
			return
		}
		if s.watchedKeyChanged() {
			s.discardTransaction()
			s.reply.NullArray()
			return
		}
		queued := s.tx.queued
		s.tx.queued = nil // the commands below may not touch the queue
		s.discardTransaction()
		log, _ := s.ex.persistence().(TransactionLog)
		if log != nil {
			log.BeginTransaction()
		}
		s.reply.Array(len(queued))
		// The wait for the lock is no queued command's run time (INFO
		// commandstats, the slow log): their clock starts now.
		s.clock = time.Since(s.ex.started)
		s.tx.running = true
		for _, q := range queued {
			// Each command's reply is sized on its own
			// (reply_sizing.go), not as part of EXEC's list.
			s.reply.sizing = replySizing{}
			s.call(q.cmd, q.args)
		}
		s.tx.running = false
		s.ex.tracking.broadcastTransaction(s)
		if log != nil {
			log.EndTransaction()
		}
		clear(queued)
		s.tx.queued = queued[:0]
	})
	s.cmd = exec
}

// TransactionLog is implemented by a Persistence that can mark the changes
// one EXEC makes, so that a replay applies all of them or none.
type TransactionLog interface {
	BeginTransaction()
	EndTransaction()
}

// exclusive runs fn while no other session runs a command (see the top of
// this file): the session trades its read lock for the write lock.
func (s *Session) exclusive(fn func()) {
	if s.exclusiveHeld {
		fn()
		return
	}
	if s.readLocked {
		s.ex.exclusive.RUnlock()
	}
	s.ex.exclusive.Lock()
	s.exclusiveHeld = true // a nested call (DEBUG DIGEST inside EXEC) just runs
	defer func() {
		s.exclusiveHeld = false
		s.ex.exclusive.Unlock()
		if s.readLocked {
			s.ex.exclusive.RLock()
		}
	}()
	fn()
}

// lockForBatch takes the read lock for a batch of requests (Handle).
func (s *Session) lockForBatch() {
	s.ex.exclusive.RLock()
	s.readLocked = true
}

func (s *Session) unlockAfterBatch() {
	s.readLocked = false
	s.ex.exclusive.RUnlock()
}
