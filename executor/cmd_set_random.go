package executor

import (
	"math"
	"math/rand/v2"

	"redis-lite/sets"
	"redis-lite/store"
)

// SPOP key [count]: removes and returns random members. Without a count,
// one member (nil for a missing key); with one, a set reply of up to
// count members. The append-only file gets an SREM of the members taken
// (or a DEL when all were), so replaying it repeats this draw exactly.
func cmdSPop(s *Session, args [][]byte) {
	switch len(args) {
	case 2:
		s.popOne(args[1])
		return
	case 3:
	default:
		s.reply.Error(errSyntax)
		return
	}
	n, ok := parseInt(args[2])
	if !ok || n < 0 {
		s.reply.Error("ERR value is out of range, must be positive")
		return
	}
	s.popMany(args[1], int(min(n, math.MaxInt)))
}

// popOne is SPOP without a count.
func (s *Session) popOne(key []byte) {
	var popped []byte
	emptied, wrong := false, false
	s.db().Edit(key, func(cur store.Entry, ok bool) store.Edit {
		set, wrongType := setOf(cur, ok)
		if wrong = wrongType; wrong || !ok {
			return editKeep
		}
		// Random gives a hashtable member as a slice of records that are
		// never written over, and an intset one in popped's own bytes.
		popped = set.Random(nil)
		set.Remove(popped)
		if emptied = set.Len() == 0; emptied {
			return editRemove
		}
		return editReplay([]byte("SREM"), key, popped)
	})
	switch {
	case wrong:
		s.wrongType()
		return
	case popped == nil:
		s.reply.Nil()
		return
	}
	s.changed(1)
	s.notify(classSet, "spop", key)
	if emptied {
		s.notify(classGeneric, "del", key)
	}
	s.reply.Bulk(popped)
}

// popMoveFactor is Redis's SPOP_MOVE_STRATEGY_MUL: when fewer than a fifth
// as many members would stay as go, the ones that stay are drawn into a
// new set instead, which takes that set's own layout (a hashtable of
// integers may become an intset again, as in Redis).
const popMoveFactor = 5

// popMany is SPOP with a count.
func (s *Session) popMany(key []byte, count int) {
	limit := s.maxIntset()
	var popped [][]byte
	found, emptied, wrong := false, false, false
	s.db().Edit(key, func(cur store.Entry, ok bool) store.Edit {
		set, wrongType := setOf(cur, ok)
		if wrong = wrongType; wrong || !ok || count == 0 {
			return editKeep
		}
		found = true
		size := set.Len()
		switch remaining := size - count; {
		case count >= size:
			popped, emptied = set.Members(), true
			return editRemove
		case remaining*popMoveFactor > count:
			popped = make([][]byte, 0, count)
			for range count {
				m := set.Random(nil)
				set.Remove(m)
				popped = append(popped, m)
			}
			return editReplay(append([][]byte{[]byte("SREM"), key}, popped...)...)
		default:
			kept := sets.New()
			for range remaining {
				m := set.Random(nil)
				set.Remove(m)
				kept.Add(m, limit)
			}
			popped = set.Members()
			return store.Edit{Op: store.Put, Entry: store.Entry{Obj: kept, ExpireAt: cur.ExpireAt}}
		}
	})
	switch {
	case wrong:
		s.wrongType()
		return
	case !found:
		s.reply.Set(0)
		return
	}
	s.changed(len(popped))
	s.notify(classSet, "spop", key)
	if emptied {
		s.notify(classGeneric, "del", key)
	}
	s.reply.Set(len(popped))
	for _, m := range popped {
		s.reply.Bulk(m)
	}
}

// SRANDMEMBER key [count]: random members, left in place. Without a
// count, one (nil for a missing key). With a positive count, up to count
// distinct members; with a negative one, exactly -count members that may
// repeat.
func cmdSRandMember(s *Session, args [][]byte) {
	switch len(args) {
	case 2:
		viewCollection(s, args[1], func(set *sets.Set) {
			if set == nil {
				s.reply.Nil()
				return
			}
			s.reply.Bulk(set.Random(nil))
		})
		return
	case 3:
	default:
		s.reply.Error(errSyntax)
		return
	}
	n, ok := parseInt(args[2])
	switch {
	case !ok:
		s.reply.Error(errNotInteger)
		return
	case n == math.MinInt64: // -n must fit, as in Redis
		s.reply.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
		return
	}
	viewCollection(s, args[1], func(set *sets.Set) {
		switch {
		case set == nil || n == 0:
			s.reply.Array(0)
		case n < 0:
			s.randomWithRepeats(set, -n)
		default:
			s.randomDistinct(set, int(min(n, math.MaxInt)))
		}
	})
}

// maxRandomReply bounds what one SRANDMEMBER with a negative count may
// write: Redis stops such a reply when the client passes its output
// buffer limit and closes the connection; so does this, at 1 GiB.
const maxRandomReply = 1 << 30

// randomWithRepeats writes n members drawn independently.
func (s *Session) randomWithRepeats(set *sets.Set, n int64) {
	s.reply.Array(int(min(n, math.MaxInt)))
	start := len(s.reply.buf)
	var buf [20]byte // an intset member's digits
	for i := int64(0); i < n; i++ {
		s.reply.Bulk(set.Random(buf[:0]))
		if len(s.reply.buf)-start > maxRandomReply {
			s.closing = true
			return
		}
	}
}

// randomDistinct writes min(n, size) distinct members: the whole set
// when n reaches its size, else a draw without repeats. When n is over
// a third of the size, members are struck from a copy until n are left
// (Redis's SRANDMEMBER_SUB_STRATEGY_MUL); otherwise members are drawn
// until n distinct ones are found.
func (s *Session) randomDistinct(set *sets.Set, n int) {
	size := set.Len()
	if n >= size {
		s.replyMembers(set)
		return
	}
	var picked [][]byte
	if n*3 > size {
		picked = set.Members()
		for len(picked) > n {
			i := rand.IntN(len(picked))
			picked[i] = picked[len(picked)-1]
			picked = picked[:len(picked)-1]
		}
	} else {
		seen := make(map[string]bool, n)
		for len(picked) < n {
			m := set.Random(nil)
			if !seen[string(m)] {
				seen[string(m)] = true
				picked = append(picked, m)
			}
		}
	}
	s.reply.Array(len(picked))
	for _, m := range picked {
		s.reply.Bulk(m)
	}
}

// replyMembers writes every member of set as an array (SRANDMEMBER's
// reply is an array even in RESP3).
func (s *Session) replyMembers(set *sets.Set) {
	s.reply.Array(set.Len())
	set.Each(func(m []byte) bool {
		s.reply.Bulk(m)
		return true
	})
}
