package executor

import (
	"redis-lite/store"
	"redis-lite/zsets"
)

// Removing members by place: ZREMRANGEBY{RANK,SCORE,LEX}, ZPOPMIN,
// ZPOPMAX and ZMPOP.

// ZREMRANGEBYRANK key start stop, ZREMRANGEBYSCORE key min max,
// ZREMRANGEBYLEX key min max: how many members in the range were removed.
// The command itself replays the change: it depends only on the set.
func cmdZRemRange(s *Session, args [][]byte) {
	name := optionName(args[0])
	req := zrangeRequest{limit: -1}
	var ok bool
	switch name {
	case "zremrangebyrank":
		var ok2 bool
		req.kind = byRank
		req.start, ok = parseInt(args[2])
		req.end, ok2 = parseInt(args[3])
		if !ok || !ok2 {
			s.reply.Error(errNotInteger)
			return
		}
	case "zremrangebyscore":
		req.kind = byScore
		if req.score, ok = parseScoreRange(args[2], args[3]); !ok {
			s.reply.Error(errScoreRange)
			return
		}
	default:
		req.kind = byLex
		if req.lex, ok = parseLexRange(args[2], args[3]); !ok {
			s.reply.Error(errLexRange)
			return
		}
	}
	removed, deleted := 0, false
	if !s.editZSet(args[1], func(z *zsets.ZSet) store.Edit {
		if z == nil {
			return editKeep
		}
		from, count := req.span(z)
		if count == 0 {
			return editKeep
		}
		z.RemoveRange(from, from+count-1)
		removed, deleted = count, z.Len() == 0
		return changedZSet(z, args)
	}) {
		return
	}
	if removed > 0 {
		s.changed(removed)
		s.notify(classZSet, name, args[1])
		if deleted {
			s.notify(classGeneric, "del", args[1])
		}
	}
	s.reply.Int(int64(removed))
}

// ZPOPMIN key [count], ZPOPMAX key [count]: the lowest (highest) members
// with their scores, removed. Without a count one member, as a flat pair;
// with a count, RESP3 gets a list of pairs.
func cmdZPop(s *Session, args [][]byte) {
	if len(args) > 3 {
		s.reply.Error(errSyntax)
		return
	}
	count := int64(-1)
	if len(args) == 3 {
		n, ok := parseInt(args[2])
		if !ok || n < 0 {
			s.reply.Error("ERR value is out of range, must be positive")
			return
		}
		count = n
	}
	fromTop := equalFoldASCII(args[0], "zpopmax")
	pop := zpop{fromTop: fromTop, count: count, nested: s.reply.RESP3() && count != -1}
	s.popFrom(args[1:2], pop)
}

// zpop is one pop: from which end, how many (-1: one, without a count),
// and the shape of the reply.
type zpop struct {
	fromTop bool
	count   int64
	nested  bool // members as pairs
	// withKey puts the key first: [key, member, score] flat (BZPOPMIN),
	// or nested as [key, [[member, score] ...]] (ZMPOP, BZMPOP), whose
	// reply when every key is missing is the null array.
	withKey bool
}

func (p zpop) event() string {
	if p.fromTop {
		return "zpopmax"
	}
	return "zpopmin"
}

// popFrom pops from the first of keys that exists, as Redis's ZPOP
// family does; a key of another type met first is WRONGTYPE.
func (s *Session) popFrom(keys [][]byte, p zpop) {
	for _, key := range keys {
		if s.popFromKey(key, p) {
			return
		}
	}
	if p.withKey && p.nested {
		s.reply.NullArray()
		return
	}
	s.reply.Array(0)
}

// popFromKey pops from key when it holds a sorted set, writing the reply,
// and reports whether the command is done: a pop, or WRONGTYPE for a key
// of another type. A missing key leaves it to the next key. While a
// blocked client is being woken (blocking.go) another type is not ready
// yet, as Redis leaves such a client waiting. The change replays as
// ZPOPMIN/ZPOPMAX key n, whichever command made it.
func (s *Session) popFromKey(key []byte, p zpop) (done bool) {
	found, wrong := false, false
	popped, deleted := 0, false
	s.db().Edit(key, func(cur store.Entry, ok bool) store.Edit {
		if !ok {
			return editKeep
		}
		z, isZSet := cur.Obj.(*zsets.ZSet)
		if !isZSet {
			wrong = true
			return editKeep
		}
		found = true
		popped = s.replyPopped(key, z, p)
		if popped == 0 {
			return editKeep
		}
		deleted = z.Len() == 0
		return changedZSet(z, [][]byte{[]byte(p.event()), key, formatCount(popped)})
	})
	switch {
	case wrong && s.waking:
		return false
	case wrong:
		s.wrongType()
		return true
	case !found:
		return false
	}
	if popped > 0 {
		s.changed(popped)
		s.notify(classZSet, p.event(), key)
		if deleted {
			s.notify(classGeneric, "del", key)
		}
	}
	return true
}

// replyPopped removes up to p.count members from z's end, writing the
// reply as it goes, and returns how many it removed.
func (s *Session) replyPopped(key []byte, z *zsets.ZSet, p zpop) int {
	if p.count == 0 {
		s.reply.Array(0)
		return 0
	}
	n := 1
	if p.count > 0 {
		n = int(min(p.count, int64(z.Len())))
	}
	switch {
	case p.withKey && p.nested:
		s.reply.Array(2)
		s.reply.Bulk(key)
		s.reply.Array(n)
	case p.withKey:
		s.reply.Array(2*n + 1)
		s.reply.Bulk(key)
	case p.nested:
		s.reply.Array(n)
	default:
		s.reply.Array(2 * n)
	}
	for i := 0; i < n; i++ {
		rank := 0
		if p.fromTop {
			rank = z.Len() - 1
		}
		m, score := z.At(rank)
		if p.nested {
			s.reply.Array(2)
		}
		s.reply.Bulk(m)
		s.reply.Double(score)
		z.RemoveRange(rank, rank)
	}
	return n
}

// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: from the first
// non-empty key, [key, [[member, score] ...]]; nil when every key is
// missing.
func cmdZMPop(s *Session, args [][]byte) {
	if keys, p, ok := s.parseZMPop(args[1:]); ok {
		s.popFrom(keys, p)
	}
}

// parseZMPop reads numkeys key [key ...] MIN|MAX [COUNT count] (ZMPOP's
// arguments, and BZMPOP's after the timeout) with Redis's errors, written
// when it reports false.
func (s *Session) parseZMPop(args [][]byte) (keys [][]byte, p zpop, ok bool) {
	numKeys, ok := parseInt(args[0])
	if !ok || numKeys < 1 {
		s.reply.Error("ERR numkeys should be greater than 0")
		return nil, p, false
	}
	whereAt := 1 + numKeys
	if whereAt >= int64(len(args)) {
		s.reply.Error(errSyntax)
		return nil, p, false
	}
	switch optionName(args[whereAt]) {
	case "min":
	case "max":
		p.fromTop = true
	default:
		s.reply.Error(errSyntax)
		return nil, p, false
	}
	p.count = -1
	for j := whereAt + 1; j < int64(len(args)); j++ {
		if p.count == -1 && optionName(args[j]) == "count" && j+1 < int64(len(args)) {
			j++
			n, ok := parseInt(args[j])
			if !ok || n < 1 {
				s.reply.Error("ERR count should be greater than 0")
				return nil, p, false
			}
			p.count = n
			continue
		}
		s.reply.Error(errSyntax)
		return nil, p, false
	}
	if p.count == -1 {
		p.count = 1
	}
	p.nested, p.withKey = true, true
	return args[1:whereAt], p, true
}
