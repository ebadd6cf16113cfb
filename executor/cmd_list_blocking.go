package executor

import "redis-lite/store"

// The blocking list commands: BLPOP, BRPOP, BLMPOP, BLMOVE and
// BRPOPLPUSH. Each reads its arguments, then serves itself at once if it
// can, or waits (blocking.go) with a function that serves it from one key
// when a push makes that possible. Inside MULTI they act as their
// non-blocking forms.

func cmdBLPop(s *Session, args [][]byte) { s.blockingPop(args, left) }
func cmdBRPop(s *Session, args [][]byte) { s.blockingPop(args, right) }

// blockingPop is B[LR]POP key [key ...] timeout: [key, element] from the
// first key with a list.
func (s *Session) blockingPop(args [][]byte, at end) {
	timeout, ok := s.parseTimeout(args[len(args)-1])
	if !ok {
		return
	}
	s.block(args[1:len(args)-1], store.TypeList, timeout, func(s *Session, key []byte) bool {
		return s.popFromList(key, at, 1, true)
	}, timedOut)
}

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: LMPOP
// that waits. The timeout is read after the rest, as Redis does.
func cmdBLMPop(s *Session, args [][]byte) {
	m, ok := s.parseMPop(args[2:])
	if !ok {
		return
	}
	timeout, ok := s.parseTimeout(args[1])
	if !ok {
		return
	}
	s.block(m.keys, store.TypeList, timeout, func(s *Session, key []byte) bool {
		return s.popFromList(key, m.at, m.count, false)
	}, timedOut)
}

// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout: LMOVE that
// waits for source.
func cmdBLMove(s *Session, args [][]byte) {
	from, ok := s.parseEnd(args[3])
	if !ok {
		return
	}
	to, ok := s.parseEnd(args[4])
	if !ok {
		return
	}
	s.blockingMove(args, from, to, args[5])
}

// BRPOPLPUSH source destination timeout: BLMOVE ... RIGHT LEFT.
func cmdBRPopLPush(s *Session, args [][]byte) { s.blockingMove(args, right, left, args[3]) }

func (s *Session) blockingMove(args [][]byte, from, to end, timeoutArg []byte) {
	timeout, ok := s.parseTimeout(timeoutArg)
	if !ok {
		return
	}
	// Waiting keeps the destination's name past this request's buffer.
	dst := append([]byte(nil), args[2]...)
	s.block(args[1:2], store.TypeList, timeout, func(s *Session, src []byte) bool {
		return s.move(src, dst, from, to)
	}, (*Reply).Nil)
}
