package executor

import (
	"math"
	"sort"

	"redis-lite/sets"
	"redis-lite/store"
	"redis-lite/zsets"
)

// ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD. Inputs may be
// sorted sets or plain sets (every member scoring 1), as in Redis.

// zsetSource is one input with its weight.
type zsetSource struct {
	z      *zsets.ZSet // nil for a plain set or a missing key
	set    *sets.Set   // nil for a sorted set or a missing key
	weight float64
}

func (src *zsetSource) len() int {
	switch {
	case src.z != nil:
		return src.z.Len()
	case src.set != nil:
		return src.set.Len()
	}
	return 0
}

func (src *zsetSource) each(fn func(member []byte, score float64) bool) {
	switch {
	case src.z != nil:
		src.z.Walk(0, false, fn)
	case src.set != nil:
		src.set.Each(func(m []byte) bool { return fn(m, 1) })
	}
}

func (src *zsetSource) score(member []byte) (float64, bool) {
	switch {
	case src.z != nil:
		return src.z.Score(member)
	case src.set != nil && src.set.Has(member):
		return 1, true
	}
	return 0, false
}

// openSource makes a source of a key's entry; ok is false for a key of
// another type.
func openSource(e store.Entry, found bool) (zsetSource, bool) {
	src := zsetSource{weight: 1}
	if !found {
		return src, true
	}
	if z, isZSet := e.Obj.(*zsets.ZSet); isZSet {
		src.z = z
		return src, true
	}
	if set, isSet := e.Obj.(*sets.Set); isSet {
		src.set = set
		return src, true
	}
	return src, false
}

type aggregate uint8

const (
	aggSum aggregate = iota
	aggMin
	aggMax
)

func (a aggregate) apply(target *float64, v float64) {
	switch a {
	case aggSum:
		*target += v
		if math.IsNaN(*target) { // inf + -inf
			*target = 0
		}
	case aggMin:
		*target = min(*target, v)
	case aggMax:
		*target = max(*target, v)
	}
}

// setOpRequest is one parsed ZUNION/ZINTER/ZDIFF/ZINTERCARD.
type setOpRequest struct {
	op         setOp
	keys       [][]byte
	weights    []float64
	agg        aggregate
	withScores bool
	counting   bool  // ZINTERCARD: only count the intersection
	limit      int64 // ZINTERCARD: stop counting there (0: no limit)
	// optErr is an option's error, reported after the keys' types are
	// checked, in Redis's order.
	optErr string
}

// parseSetOp reads numkeys at args[at], the keys and the options that
// follow. A numkeys problem is returned as the error at once.
func parseSetOp(args [][]byte, at int, op setOp, store, cardinality bool) (setOpRequest, string) {
	req := setOpRequest{op: op, counting: cardinality}
	n, ok := parseInt(args[at])
	if !ok {
		return req, errNotInteger
	}
	if n < 1 {
		return req, "ERR at least 1 input key is needed for '" + optionName(args[0]) + "' command"
	}
	if n > int64(len(args)-at-1) {
		return req, errSyntax
	}
	j := at + 1 + int(n)
	req.keys = args[at+1 : j]
	for remaining := len(args) - j; remaining > 0; remaining = len(args) - j {
		switch opt := optionName(args[j]); {
		case op != opDiff && !cardinality && remaining >= len(req.keys)+1 && opt == "weights":
			req.weights = make([]float64, len(req.keys))
			for i := range req.keys {
				w, ok := parseScore(args[j+1+i])
				if !ok {
					req.optErr = errWeight
					return req, ""
				}
				req.weights[i] = w
			}
			j += 1 + len(req.keys)
		case op != opDiff && !cardinality && remaining >= 2 && opt == "aggregate":
			switch optionName(args[j+1]) {
			case "sum":
				req.agg = aggSum
			case "min":
				req.agg = aggMin
			case "max":
				req.agg = aggMax
			default:
				req.optErr = errSyntax
				return req, ""
			}
			j += 2
		case !store && !cardinality && opt == "withscores":
			req.withScores = true
			j++
		case cardinality && remaining >= 2 && opt == "limit":
			limit, ok := parseInt(args[j+1])
			if !ok || limit < 0 {
				req.optErr = "ERR LIMIT can't be negative"
				return req, ""
			}
			req.limit = limit
			j += 2
		default:
			req.optErr = errSyntax
			return req, ""
		}
	}
	return req, ""
}

// sources opens every input; ok is false when one is of another type.
func (req *setOpRequest) sources(entries []store.Entry, found []bool) ([]zsetSource, bool) {
	srcs := make([]zsetSource, len(entries))
	for i := range entries {
		src, ok := openSource(entries[i], found[i])
		if !ok {
			return nil, false
		}
		if req.weights != nil {
			src.weight = req.weights[i]
		}
		srcs[i] = src
	}
	if req.op != opDiff {
		// Smallest first, as Redis orders them: intersections then look up
		// fewer members, and sums add up in the same order as Redis's.
		sort.SliceStable(srcs, func(a, b int) bool { return srcs[a].len() < srcs[b].len() })
	}
	return srcs, true
}

// weighted is a member's score times its input's weight; 0 * inf is 0.
func weighted(score, weight float64) float64 {
	v := score * weight
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// compute runs the operation. For ZINTERCARD it only counts.
func (req *setOpRequest) compute(srcs []zsetSource, lim zsets.Limits) (result *zsets.ZSet, cardinality int64) {
	members := map[string]float64{}
	var order []string // first-seen order, for a deterministic build
	add := func(m []byte, score float64) {
		members[string(m)] = score
		order = append(order, string(m))
	}
	switch req.op {
	case opInter:
		srcs[0].each(func(m []byte, s float64) bool {
			score := weighted(s, srcs[0].weight)
			for _, other := range srcs[1:] {
				v, ok := other.score(m)
				if !ok {
					return true
				}
				req.agg.apply(&score, weighted(v, other.weight))
			}
			if req.counting {
				cardinality++
				return req.limit == 0 || cardinality < req.limit
			}
			add(m, score)
			return true
		})
	case opUnion:
		for i := range srcs {
			srcs[i].each(func(m []byte, s float64) bool {
				score := weighted(s, srcs[i].weight)
				if cur, ok := members[string(m)]; ok {
					req.agg.apply(&cur, score)
					members[string(m)] = cur
					return true
				}
				add(m, score)
				return true
			})
		}
	case opDiff:
		srcs[0].each(func(m []byte, s float64) bool {
			for _, other := range srcs[1:] {
				if _, ok := other.score(m); ok {
					return true
				}
			}
			add(m, s)
			return true
		})
	}
	if req.counting {
		return nil, cardinality
	}
	maxLen := 0
	for _, m := range order {
		maxLen = max(maxLen, len(m))
	}
	result = zsets.NewFor(len(order), maxLen, lim)
	for _, m := range order {
		result.Set([]byte(m), members[m], lim)
	}
	return result, int64(len(order))
}

// setOps maps each command to its operation (setOp: cmd_set_algebra.go).
var setOps = map[string]setOp{
	"zunion": opUnion, "zinter": opInter, "zdiff": opDiff,
	"zunionstore": opUnion, "zinterstore": opInter, "zdiffstore": opDiff,
}

// ZUNION|ZINTER|ZDIFF numkeys key [key ...] [WEIGHTS w ...]
// [AGGREGATE SUM|MIN|MAX] [WITHSCORES]: the resulting members in order
// (ZDIFF takes no WEIGHTS or AGGREGATE).
func cmdZSetOp(s *Session, args [][]byte) {
	req, errText := parseSetOp(args, 1, setOps[optionName(args[0])], false, false)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	lim := s.zsetLimits()
	s.withSources(req.keys, func(entries []store.Entry, found []bool) string {
		srcs, ok := req.sources(entries, found)
		switch {
		case !ok:
			return wrongTypeText
		case req.optErr != "":
			return req.optErr
		}
		result, _ := req.compute(srcs, lim)
		s.replyMembersHeader(result.Len(), req.withScores)
		result.Walk(0, false, func(m []byte, score float64) bool {
			s.replyMember(m, score, req.withScores)
			return true
		})
		return ""
	})
}

// ZUNIONSTORE|ZINTERSTORE|ZDIFFSTORE dst numkeys key [key ...] [WEIGHTS
// w ...] [AGGREGATE SUM|MIN|MAX]: the result becomes dst (an empty one
// deletes it); the reply is its size.
func cmdZSetOpStore(s *Session, args [][]byte) {
	name := optionName(args[0])
	req, errText := parseSetOp(args, 2, setOps[name], true, false)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	lim := s.zsetLimits()
	s.storeZSet(args[1], req.keys, name, func(entries []store.Entry, found []bool) (*zsets.ZSet, string) {
		srcs, ok := req.sources(entries, found)
		switch {
		case !ok:
			return nil, wrongTypeText
		case req.optErr != "":
			return nil, req.optErr
		}
		result, _ := req.compute(srcs, lim)
		return result, ""
	})
}

// ZINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the
// intersection, counted up to limit (0: all).
func cmdZInterCard(s *Session, args [][]byte) {
	req, errText := parseSetOp(args, 1, opInter, false, true)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	s.withSources(req.keys, func(entries []store.Entry, found []bool) string {
		srcs, ok := req.sources(entries, found)
		switch {
		case !ok:
			return wrongTypeText
		case req.optErr != "":
			return req.optErr
		}
		_, n := req.compute(srcs, zsets.Limits{})
		s.reply.Int(n)
		return ""
	})
}

// withSources runs fn under the locks of keys with their entries, counting
// each lookup; fn writes the reply, or returns an error text to reply.
func (s *Session) withSources(keys [][]byte, fn func(entries []store.Entry, found []bool) string) {
	failure := ""
	s.db().EditMany(keys, func(cur []store.Entry, found []bool) []store.Edit {
		for _, f := range found {
			s.countRead(f)
		}
		failure = fn(cur, found)
		edits := make([]store.Edit, len(keys))
		for i := range edits {
			edits[i] = editKeep
		}
		return edits
	})
	if failure != "" {
		s.reply.Error(failure)
	}
}
