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
	withKey bool // ZMPOP: [key, [[member, score] ...]], nil when nothing
}

func (p zpop) event() string {
	if p.fromTop {
		return "zpopmax"
	}
	return "zpopmin"
}

// popFrom pops from the first of keys that exists, as Redis's ZPOP
// family does; a key of another type met first is WRONGTYPE. The change
// replays as ZPOPMIN/ZPOPMAX key n.
func (s *Session) popFrom(keys [][]byte, p zpop) {
	for _, key := range keys {
		found, wrong := false, false
		popped, deleted := 0, false
		s.db().Edit(key, func(cur store.Entry, ok bool) store.Edit {
			if !ok {
				return editKeep
			}
			found = true
			z, isZSet := cur.Obj.(*zsets.ZSet)
			if !isZSet {
				wrong = true
				return editKeep
			}
			popped = s.replyPopped(key, z, p)
			if popped == 0 {
				return editKeep
			}
			deleted = z.Len() == 0
			return changedZSet(z, [][]byte{[]byte(p.event()), key, formatCount(popped)})
		})
		if wrong {
			s.wrongType()
			return
		}
		if !found {
			continue
		}
		if popped > 0 {
			s.changed(popped)
			s.notify(classZSet, p.event(), key)
			if deleted {
				s.notify(classGeneric, "del", key)
			}
		}
		return
	}
	if p.withKey {
		s.reply.NullArray()
		return
	}
	s.reply.Array(0)
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
	if p.withKey {
		s.reply.Array(2)
		s.reply.Bulk(key)
	}
	if p.nested {
		s.reply.Array(n)
	} else {
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
	numKeys, ok := parseInt(args[1])
	if !ok || numKeys < 1 {
		s.reply.Error("ERR numkeys should be greater than 0")
		return
	}
	whereAt := 2 + numKeys
	if whereAt >= int64(len(args)) {
		s.reply.Error(errSyntax)
		return
	}
	var fromTop bool
	switch optionName(args[whereAt]) {
	case "min":
	case "max":
		fromTop = true
	default:
		s.reply.Error(errSyntax)
		return
	}
	count := int64(-1)
	for j := whereAt + 1; j < int64(len(args)); j++ {
		if count == -1 && optionName(args[j]) == "count" && j+1 < int64(len(args)) {
			j++
			n, ok := parseInt(args[j])
			if !ok || n < 1 {
				s.reply.Error("ERR count should be greater than 0")
				return
			}
			count = n
			continue
		}
		s.reply.Error(errSyntax)
		return
	}
	if count == -1 {
		count = 1
	}
	s.popFrom(args[2:whereAt], zpop{fromTop: fromTop, count: count, nested: true, withKey: true})
}
