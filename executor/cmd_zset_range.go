package executor

import (
	"strconv"

	"redis-lite/store"
	"redis-lite/zsets"
)

// ZRANGE and its older spellings (ZREVRANGE, ZRANGEBYSCORE, ...), which
// are ZRANGE with the kind of range and the direction fixed, and
// ZRANGESTORE, which keeps the range as a new set.

type rangeKind uint8

const (
	byAuto rangeKind = iota
	byRank
	byScore
	byLex
)

// zrangeRequest is one parsed ZRANGE.
type zrangeRequest struct {
	kind          rangeKind
	reverse       bool
	withScores    bool
	offset, limit int64 // limit < 0: no limit
	start, end    int64 // byRank
	score         scoreRange
	lex           lexRange
}

// zrangeForms fixes what each older command's name says.
var zrangeForms = map[string]struct {
	kind    rangeKind
	reverse bool
	fixed   bool // the direction is not an option
}{
	"zrange":           {byAuto, false, false},
	"zrangestore":      {byAuto, false, false},
	"zrevrange":        {byRank, true, true},
	"zrangebyscore":    {byScore, false, true},
	"zrevrangebyscore": {byScore, true, true},
	"zrangebylex":      {byLex, false, true},
	"zrevrangebylex":   {byLex, true, true},
}

// parseZRange reads the range after the source key at args[src], in
// Redis's order of checks; it returns an error text on failure.
func parseZRange(args [][]byte, src int, store bool) (zrangeRequest, string) {
	form := zrangeForms[optionName(args[0])]
	req := zrangeRequest{kind: form.kind, reverse: form.reverse, limit: -1}
	for j := src + 3; j < len(args); j++ {
		left := len(args) - j - 1
		switch opt := optionName(args[j]); {
		case !store && opt == "withscores":
			req.withScores = true
		case opt == "limit" && left >= 2:
			var ok1, ok2 bool
			req.offset, ok1 = parseInt(args[j+1])
			req.limit, ok2 = parseInt(args[j+2])
			if !ok1 || !ok2 {
				return req, errNotInteger
			}
			j += 2
		case !form.fixed && !req.reverse && opt == "rev":
			req.reverse = true
		case req.kind == byAuto && opt == "bylex" && !form.fixed:
			req.kind = byLex
		case req.kind == byAuto && opt == "byscore" && !form.fixed:
			req.kind = byScore
		default:
			return req, errSyntax
		}
	}
	if req.kind == byAuto {
		req.kind = byRank
	}
	if req.limit != -1 && req.kind == byRank {
		return req, "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
	}
	if req.withScores && req.kind == byLex {
		return req, "ERR syntax error, WITHSCORES not supported in combination with BYLEX"
	}
	lo, hi := args[src+1], args[src+2]
	if req.reverse && req.kind != byRank {
		lo, hi = hi, lo // given as max, min
	}
	var ok bool
	switch req.kind {
	case byRank:
		var ok2 bool
		req.start, ok = parseInt(lo)
		req.end, ok2 = parseInt(hi)
		if !ok || !ok2 {
			return req, errNotInteger
		}
	case byScore:
		if req.score, ok = parseScoreRange(lo, hi); !ok {
			return req, errScoreRange
		}
	case byLex:
		if req.lex, ok = parseLexRange(lo, hi); !ok {
			return req, errLexRange
		}
	}
	return req, ""
}

// span places the request in z: the ascending rank to walk from, in the
// request's direction, and how many members to take.
func (req *zrangeRequest) span(z *zsets.ZSet) (from, count int) {
	n := int64(z.Len())
	if req.kind == byRank {
		start, end := req.start, req.end
		if start < 0 {
			start += n
		}
		if end < 0 {
			end += n
		}
		start = max(start, 0)
		if start > end || start >= n {
			return 0, 0
		}
		end = min(end, n-1)
		if req.reverse {
			return int(n - 1 - start), int(end - start + 1)
		}
		return int(start), int(end - start + 1)
	}
	var lo, hi int
	switch req.kind {
	case byScore:
		if req.score.empty() {
			return 0, 0
		}
		lo, hi = z.CountWhile(req.score.below), z.CountWhile(req.score.notAbove)
	case byLex:
		if req.lex.empty() {
			return 0, 0
		}
		lo, hi = z.CountWhile(req.lex.below), z.CountWhile(req.lex.notAbove)
	}
	// A negative offset skips everything in Redis, as does one past the end.
	inRange := int64(hi - lo)
	if req.offset < 0 || req.offset >= inRange {
		return 0, 0
	}
	take := inRange - req.offset
	if req.limit >= 0 {
		take = min(take, req.limit)
	}
	if req.reverse {
		return hi - 1 - int(req.offset), int(take)
	}
	return lo + int(req.offset), int(take)
}

// walkSpan calls fn with the request's members in order.
func (req *zrangeRequest) walkSpan(z *zsets.ZSet, from, count int, fn func(member []byte, score float64)) {
	if count <= 0 {
		return
	}
	z.Walk(from, req.reverse, func(m []byte, s float64) bool {
		fn(m, s)
		count--
		return count > 0
	})
}

// ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count]
// [WITHSCORES], and ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX: the
// members in the range.
func cmdZRange(s *Session, args [][]byte) {
	req, errText := parseZRange(args, 1, false)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	viewCollection(s, args[1], func(z *zsets.ZSet) {
		if z == nil {
			s.reply.Array(0)
			return
		}
		from, count := req.span(z)
		s.replyMembersHeader(count, req.withScores)
		req.walkSpan(z, from, count, func(m []byte, score float64) {
			s.replyMember(m, score, req.withScores)
		})
	})
}

// ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]:
// the range of src becomes dst (an empty one deletes dst); the reply is
// its size.
func cmdZRangeStore(s *Session, args [][]byte) {
	req, errText := parseZRange(args, 2, true)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	lim := s.zsetLimits()
	s.storeZSet(args[1], args[2:3], "zrangestore", func(srcs []store.Entry, found []bool) (*zsets.ZSet, string) {
		if !found[0] {
			return nil, ""
		}
		src, ok := srcs[0].Obj.(*zsets.ZSet)
		if !ok {
			return nil, wrongTypeText
		}
		from, count := req.span(src)
		// Redis packs a rank range that fits; other ranges start packed
		// and convert as they grow.
		dst := zsets.New()
		if req.kind == byRank && count > lim.Entries {
			dst = zsets.NewBig()
		}
		req.walkSpan(src, from, count, func(m []byte, score float64) {
			dst.Set(m, score, lim)
		})
		return dst, ""
	})
}

// storeZSet runs build under the locks of dst and the source keys, with
// the sources' entries (found false: missing), and stores the set it
// returns at dst, or deletes dst when the set is empty; the reply is the
// set's size. When build returns an error text instead, that is the reply
// and nothing changes. event names the keyspace event for a stored set.
func (s *Session) storeZSet(dst []byte, sources [][]byte, event string,
	build func(srcs []store.Entry, found []bool) (result *zsets.ZSet, failure string)) {
	keys := append([][]byte{dst}, sources...)
	var result *zsets.ZSet
	failure, existed := "", false
	s.db().EditMany(keys, func(cur []store.Entry, found []bool) []store.Edit {
		edits := make([]store.Edit, len(keys))
		for i := range edits {
			edits[i] = editKeep
		}
		for i := range sources {
			s.countRead(found[i+1])
		}
		existed = found[0]
		result, failure = build(cur[1:], found[1:])
		switch {
		case failure != "":
		case result != nil && result.Len() > 0:
			edits[0] = putZSet(result)
		case existed:
			edits[0] = editRemove
		}
		return edits
	})
	if failure != "" {
		s.reply.Error(failure)
		return
	}
	n := 0
	if result != nil {
		n = result.Len()
	}
	switch {
	case n > 0:
		s.changed(1)
		s.notifyCreated(existed, dst)
		s.notify(classZSet, event, dst)
		s.keyReady(dst) // for BZPOPMIN and the like
	case existed:
		s.changed(1)
		s.notify(classGeneric, "del", dst)
	}
	s.reply.Int(int64(n))
}

// formatCount is n as an argument of a replay command.
func formatCount(n int) []byte { return strconv.AppendInt(nil, int64(n), 10) }
