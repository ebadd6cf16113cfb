package executor

import (
	"redis-lite/zsets"
)

// The sorted set commands that read single facts: size, scores, ranks and
// range counts.

// ZCARD key: the number of members (0 for a missing key).
func cmdZCard(s *Session, args [][]byte) {
	n := 0
	if viewCollection(s, args[1], func(z *zsets.ZSet) {
		if z != nil {
			n = z.Len()
		}
	}) {
		s.reply.Int(int64(n))
	}
}

// ZSCORE key member: the member's score, or nil.
func cmdZScore(s *Session, args [][]byte) {
	var score float64
	found := false
	if !viewCollection(s, args[1], func(z *zsets.ZSet) {
		if z != nil {
			score, found = z.Score(args[2])
		}
	}) {
		return
	}
	if found {
		s.reply.Double(score)
		return
	}
	s.reply.Nil()
}

// ZMSCORE key member [member ...]: each member's score, nil for one that
// is absent.
func cmdZMScore(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(z *zsets.ZSet) {
		s.reply.Array(len(args) - 2)
		for _, m := range args[2:] {
			if z != nil {
				if score, ok := z.Score(m); ok {
					s.reply.Double(score)
					continue
				}
			}
			s.reply.Nil()
		}
	})
}

// ZRANK key member / ZREVRANK key member: the member's 0-based place in
// ascending (ZREVRANK: descending) order, or nil.
func cmdZRank(s *Session, args [][]byte) {
	reverse := equalFoldASCII(args[0], "zrevrank")
	rank := -1
	if !viewCollection(s, args[1], func(z *zsets.ZSet) {
		if z == nil {
			return
		}
		if r, _, ok := z.Rank(args[2]); ok {
			rank = r
			if reverse {
				rank = z.Len() - 1 - r
			}
		}
	}) {
		return
	}
	if rank < 0 {
		s.reply.Nil()
		return
	}
	s.reply.Int(int64(rank))
}

// ZCOUNT key min max: the members whose scores are in the range.
func cmdZCount(s *Session, args [][]byte) {
	r, ok := parseScoreRange(args[2], args[3])
	if !ok {
		s.reply.Error(errScoreRange)
		return
	}
	s.replyRangeCount(args[1], r.empty(), r.below, r.notAbove)
}

// ZLEXCOUNT key min max: the members in the lexicographical range.
func cmdZLexCount(s *Session, args [][]byte) {
	r, ok := parseLexRange(args[2], args[3])
	if !ok {
		s.reply.Error(errLexRange)
		return
	}
	s.replyRangeCount(args[1], r.empty(), r.below, r.notAbove)
}

// replyRangeCount counts the members between the range's two edges.
func (s *Session) replyRangeCount(key []byte, empty bool, below, notAbove func([]byte, float64) bool) {
	n := 0
	if viewCollection(s, key, func(z *zsets.ZSet) {
		if z != nil && !empty {
			n = max(0, z.CountWhile(notAbove)-z.CountWhile(below))
		}
	}) {
		s.reply.Int(int64(n))
	}
}
