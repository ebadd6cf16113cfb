package executor

import (
	"time"

	"redis-lite/store"
)

// The blocking sorted set pops: BZPOPMIN, BZPOPMAX and BZMPOP. Each reads
// its arguments, then serves itself at once from the first key holding a
// sorted set, or waits (blocking.go) with a function that serves it from
// one key when a write makes that possible. Inside MULTI they act as
// their non-blocking forms, replying the null array when there is
// nothing to pop.

// BZPOPMIN key [key ...] timeout, BZPOPMAX key [key ...] timeout: the
// lowest (highest) scoring member of the first non-empty sorted set, as
// [key, member, score].
func cmdBZPop(s *Session, args [][]byte) {
	timeout, ok := s.parseTimeout(args[len(args)-1])
	if !ok {
		return
	}
	p := zpop{fromTop: equalFoldASCII(args[0], "bzpopmax"), count: -1, withKey: true}
	s.blockOnZSets(args[1:len(args)-1], timeout, p)
}

// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: ZMPOP that
// waits. The timeout is read after the rest, as Redis does.
func cmdBZMPop(s *Session, args [][]byte) {
	keys, p, ok := s.parseZMPop(args[2:])
	if !ok {
		return
	}
	timeout, ok := s.parseTimeout(args[1])
	if !ok {
		return
	}
	s.blockOnZSets(keys, timeout, p)
}

func (s *Session) blockOnZSets(keys [][]byte, timeout time.Duration, p zpop) {
	s.block(keys, store.TypeZSet, timeout, func(s *Session, key []byte) bool {
		return s.popFromKey(key, p)
	}, timedOut)
}
