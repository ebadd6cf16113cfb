package executor

import "strconv"

// An in-place change to a collection is logged as the command that redoes
// it (store.Edit's Replay). The store hands a Replay to its observer (the
// append-only file) during the Edit, which copies it; so a Replay can be
// built in buffers the session reuses from one command to the next, and
// a push or a pop allocates nothing for its log entry. The buffers are
// only appended to while a command runs, so two Edits of one command
// (LMOVE's source and destination) get parts of their own, and a part
// stays valid even when a later append moves the buffer.

// replayOf is the Replay command name key rest..., in the session's
// buffer.
func (s *Session) replayOf(name, key []byte, rest ...[]byte) [][]byte {
	start := len(s.replayArgs)
	s.replayArgs = append(append(s.replayArgs, name, key), rest...)
	end := len(s.replayArgs)
	return s.replayArgs[start:end:end]
}

// replayInt is n in decimal, for a Replay, in the session's buffer.
func (s *Session) replayInt(n int) []byte {
	start := len(s.replayBytes)
	s.replayBytes = strconv.AppendInt(s.replayBytes, int64(n), 10)
	end := len(s.replayBytes)
	return s.replayBytes[start:end:end]
}

// resetReplays makes the buffers reusable; call once a command is done.
func (s *Session) resetReplays() {
	s.replayArgs = s.replayArgs[:0]
	s.replayBytes = s.replayBytes[:0]
}
