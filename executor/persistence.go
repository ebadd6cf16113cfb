package executor

import (
	"errors"
	"strings"
	"syscall"
)

// Persistence is what the executor needs of the append-only file (package
// daemon wires the aof package in; the executor does not import it).
type Persistence interface {
	// WaitDurable returns once every change made so far is as durable as
	// the fsync policy promises, or fails if the file cannot be written.
	WaitDurable() error
	// WriteError is the error that makes writes be refused, or nil.
	WriteError() error
	// StartRewrite begins a rewrite in the background (BGREWRITEAOF).
	StartRewrite() error
	// InfoFields are INFO persistence's name, value pairs.
	InfoFields() [][2]string
}

// UsePersistence attaches the append-only file, after it has been loaded
// and before the first session, or when CONFIG SET appendonly yes has
// written it; nil detaches it (appendonly no). Sessions see the change
// from their next command on.
func (ex *Executor) UsePersistence(p Persistence) {
	if p == nil {
		ex.persist.Store(nil)
		return
	}
	ex.persist.Store(&persistence{p})
}

// persistence is the append-only file, or nil while there is none.
func (ex *Executor) persistence() Persistence {
	if p := ex.persist.Load(); p != nil {
		return p.Persistence
	}
	return nil
}

var persistenceCommands = []command{
	{name: "bgrewriteaof", arity: 1, flags: flagAdmin | flagNoScript | flagNoAsyncLoading, run: cmdBgRewriteAOF},
}

// BGREWRITEAOF: rewrite the append-only file in the background.
func cmdBgRewriteAOF(s *Session, _ [][]byte) {
	p := s.ex.persistence()
	if p == nil {
		s.reply.Error("ERR the append only file is off (turn it on with CONFIG SET appendonly yes, or start with --appendonly yes)")
		return
	}
	if err := p.StartRewrite(); err != nil {
		s.reply.Error("ERR " + err.Error())
		return
	}
	s.reply.Status("Background append only file rewriting started")
}

// misconf is Redis's refusal of writes while the file cannot be written:
// "-MISCONF Errors writing to the AOF file: No space left on device".
func misconf(err error) string {
	reason := err.Error()
	var errno syscall.Errno
	if errors.As(err, &errno) {
		reason = errno.Error()
	}
	if reason != "" {
		reason = strings.ToUpper(reason[:1]) + reason[1:]
	}
	return "MISCONF Errors writing to the AOF file: " + reason
}

// Replay runs one command read back from the append-only file, with no
// client: it fails if the command does not exist or answers an error. It
// is called from one goroutine, before any client is served.
func (ex *Executor) Replay(args [][]byte) error {
	if ex.replayer == nil {
		ex.replayer = ex.newReplayer()
	}
	return ex.replayer.replay(args)
}

// Loading starts (true) or ends the replay of the append-only file into
// every database: meanwhile no key expires, as in Redis (store's
// SetLoading says why).
func (ex *Executor) Loading(on bool) {
	for _, db := range ex.dbs {
		db.SetLoading(on)
	}
}

// newReplayer is a session that runs the append-only file's commands.
func (ex *Executor) newReplayer() *Session {
	return &Session{ex: ex, authed: true, data: ex.dbs[0], replaying: true}
}

// replay runs one command of the append-only file (Replay).
func (s *Session) replay(args [][]byte) error {
	s.reply.reset(s.reply.buf[:0], formRESP2) // so an error reply starts with '-'
	s.execute(args)
	if len(s.reply.buf) > 0 && s.reply.buf[0] == '-' {
		return errors.New(strings.TrimSpace(string(s.reply.buf[1:])))
	}
	return nil
}
