package executor

import (
	"errors"
	"strings"
)

// DEBUG LOADAOF and DEBUG RELOAD: empty every database and load the data
// set back from the append-only file, to prove it holds the data (Redis's
// tests compare DEBUG DIGEST before and after).
//
// Redis's RELOAD saves an RDB snapshot and loads it. This daemon keeps no
// snapshots, so RELOAD rewrites the append-only file from the data set
// (as BGREWRITEAOF would, but before replying) and loads that: the same
// round trip through the disk, in the format the daemon has. With the
// file off, RELOAD writes the same snapshot to a file of its own and
// loads that. LOADAOF needs the file on; without it, it answers an error
// and leaves the data alone.

// Reloader empties every database and replays the append-only file into
// them with replay, one command at a time; with rewriteFirst it first
// rewrites the file from the data set, or, with the file off, reloads
// from a snapshot file of its own. Without rewriteFirst it fails when the
// file is off.
// Package daemon provides it (SetReloader), as it owns the file.
type Reloader func(rewriteFirst bool, replay func(args [][]byte) error) error

// ErrAppendOnlyOff is what a Reloader returns when there is no file.
var ErrAppendOnlyOff = errors.New("the append only file is off (turn it on with CONFIG SET appendonly yes)")

// SetReloader attaches the daemon's Reloader; call it before serving.
func (ex *Executor) SetReloader(r Reloader) { ex.reloader = r }

// DEBUG LOADAOF: write out what the file has buffered and load the data
// set back from it.
func debugLoadAOF(s *Session, _ [][]byte) { s.reloadData(false) }

// DEBUG RELOAD [MERGE|NOFLUSH|NOSAVE ...]: rewrite the file, then load the
// data set back from it; NOSAVE loads the file as it is. NOFLUSH (load on
// top of the data) is refused: the file holds commands, not a snapshot,
// and replaying an INCR onto its own result counts it twice. MERGE
// matters only with NOFLUSH.
func debugReload(s *Session, args [][]byte) {
	save := true
	for _, option := range args[2:] {
		switch strings.ToLower(string(option)) {
		case "merge":
		case "nosave":
			save = false
		case "noflush":
			s.reply.Error("ERR DEBUG RELOAD NOFLUSH is not supported: the data set is reloaded from the append only file, " +
				"which holds commands, not a snapshot to merge")
			return
		default:
			s.reply.Error("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.")
			return
		}
	}
	s.reloadData(save)
}

// reloadData runs the Reloader alone: no other client's command runs
// until the data set is back. The replay runs in a session of its own,
// told that it already runs alone (a transaction in the file would
// otherwise wait for the lock this session holds).
func (s *Session) reloadData(rewriteFirst bool) {
	if s.ex.reloader == nil || (s.ex.persistence() == nil && !rewriteFirst) {
		s.reply.Error("ERR " + ErrAppendOnlyOff.Error())
		return
	}
	if s.tx.running {
		// The file holds an EXEC's changes back until it ends (aof's
		// transactions): closing it halfway would lose those made so far.
		s.reply.Error("ERR DEBUG RELOAD and LOADAOF cannot run inside MULTI here: the append only file holds " +
			"the transaction's changes until EXEC ends")
		return
	}
	var err error
	s.exclusive(func() {
		replayer := s.ex.newReplayer()
		replayer.exclusiveHeld = true
		err = s.ex.reloader(rewriteFirst, replayer.replay)
	})
	if err != nil {
		s.reply.Error("ERR " + err.Error())
		return
	}
	s.reply.Status("OK")
}
