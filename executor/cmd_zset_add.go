package executor

import (
	"math"

	"redis-lite/store"
	"redis-lite/zsets"
)

// zsetCommands are Redis 7.0's sorted set commands. Each file
// cmd_zset_*.go adds one concern: additions and removals of members (this
// one), reads, ranges, range removals and pops, blocking pops, set
// operations, random members and ZSCAN.
var zsetCommands = []command{
	{name: "zadd", arity: -4, flags: flagWrite | flagDenyOOM | flagFast, run: cmdZAdd},
	{name: "zincrby", arity: 4, flags: flagWrite | flagDenyOOM | flagFast, run: cmdZAdd},
	{name: "zrem", arity: -3, flags: flagWrite | flagFast, run: cmdZRem},
	{name: "zcard", arity: 2, flags: flagReadonly | flagFast, run: cmdZCard},
	{name: "zscore", arity: 3, flags: flagReadonly | flagFast, run: cmdZScore},
	{name: "zmscore", arity: -3, flags: flagReadonly | flagFast, run: cmdZMScore},
	{name: "zrank", arity: 3, flags: flagReadonly | flagFast, run: cmdZRank},
	{name: "zrevrank", arity: 3, flags: flagReadonly | flagFast, run: cmdZRank},
	{name: "zcount", arity: 4, flags: flagReadonly | flagFast, run: cmdZCount},
	{name: "zlexcount", arity: 4, flags: flagReadonly | flagFast, run: cmdZLexCount},
	{name: "zrange", arity: -4, flags: flagReadonly, run: cmdZRange},
	{name: "zrangestore", arity: -5, flags: flagWrite | flagDenyOOM, run: cmdZRangeStore},
	{name: "zrevrange", arity: -4, flags: flagReadonly, run: cmdZRange},
	{name: "zrangebyscore", arity: -4, flags: flagReadonly, run: cmdZRange},
	{name: "zrevrangebyscore", arity: -4, flags: flagReadonly, run: cmdZRange},
	{name: "zrangebylex", arity: -4, flags: flagReadonly, run: cmdZRange},
	{name: "zrevrangebylex", arity: -4, flags: flagReadonly, run: cmdZRange},
	{name: "zremrangebyrank", arity: 4, flags: flagWrite, run: cmdZRemRange},
	{name: "zremrangebyscore", arity: 4, flags: flagWrite, run: cmdZRemRange},
	{name: "zremrangebylex", arity: 4, flags: flagWrite, run: cmdZRemRange},
	{name: "zpopmin", arity: -2, flags: flagWrite | flagFast, run: cmdZPop},
	{name: "zpopmax", arity: -2, flags: flagWrite | flagFast, run: cmdZPop},
	{name: "zmpop", arity: -4, flags: flagWrite, run: cmdZMPop},
	{name: "bzpopmin", arity: -3, flags: flagWrite | flagNoScript | flagFast | flagBlocking, run: cmdBZPop},
	{name: "bzpopmax", arity: -3, flags: flagWrite | flagNoScript | flagFast | flagBlocking, run: cmdBZPop},
	{name: "bzmpop", arity: -5, flags: flagWrite | flagBlocking, run: cmdBZMPop},
	{name: "zrandmember", arity: -2, flags: flagReadonly, run: cmdZRandMember},
	{name: "zunion", arity: -3, flags: flagReadonly, run: cmdZSetOp},
	{name: "zinter", arity: -3, flags: flagReadonly, run: cmdZSetOp},
	{name: "zdiff", arity: -3, flags: flagReadonly, run: cmdZSetOp},
	{name: "zunionstore", arity: -4, flags: flagWrite | flagDenyOOM, run: cmdZSetOpStore},
	{name: "zinterstore", arity: -4, flags: flagWrite | flagDenyOOM, run: cmdZSetOpStore},
	{name: "zdiffstore", arity: -4, flags: flagWrite | flagDenyOOM, run: cmdZSetOpStore},
	{name: "zintercard", arity: -3, flags: flagReadonly, run: cmdZInterCard},
	{name: "zscan", arity: -3, flags: flagReadonly, run: cmdZScan},
}

// zaddOptions are ZADD's flags; ZINCRBY is ZADD with incr.
type zaddOptions struct {
	nx, xx, gt, lt, ch, incr bool
}

// parseZAdd reads the flags before the first score and checks the pairs;
// it returns the index of the first score, or an error text.
func parseZAdd(args [][]byte, incr bool) (zaddOptions, int, string) {
	opts := zaddOptions{incr: incr}
	i := 2
	for ; i < len(args); i++ {
		switch optionName(args[i]) {
		case "nx":
			opts.nx = true
		case "xx":
			opts.xx = true
		case "ch":
			opts.ch = true
		case "incr":
			opts.incr = true
		case "gt":
			opts.gt = true
		case "lt":
			opts.lt = true
		default:
			goto pairs
		}
	}
pairs:
	pairs := len(args) - i
	switch {
	case pairs == 0 || pairs%2 != 0:
		return opts, 0, errSyntax
	case opts.nx && opts.xx:
		return opts, 0, "ERR XX and NX options at the same time are not compatible"
	case (opts.gt && opts.nx) || (opts.lt && opts.nx) || (opts.gt && opts.lt):
		return opts, 0, "ERR GT, LT, and/or NX options at the same time are not compatible"
	case opts.incr && pairs > 2:
		return opts, 0, "ERR INCR option supports a single increment-element pair"
	}
	return opts, i, ""
}

// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]:
// the number of members added (CH: added or changed); with INCR, the
// member's new score, or nil when a flag stopped it.
// ZINCRBY key increment member: the member's new score.
func cmdZAdd(s *Session, args [][]byte) {
	incrby := equalFoldASCII(args[0], "zincrby")
	opts, first, errText := parseZAdd(args, incrby)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	scores := make([]float64, 0, (len(args)-first)/2)
	for i := first; i < len(args); i += 2 {
		f, ok := parseScore(args[i])
		if !ok {
			s.reply.Error(errNotFloat)
			return
		}
		scores = append(scores, f)
	}
	var tally zaddTally
	existed := false
	key := args[1]
	ok := s.editZSet(key, func(z *zsets.ZSet) store.Edit {
		existed = z != nil
		if z == nil {
			if opts.xx {
				return editKeep
			}
			z = newZSetFor(len(args[first+1]), s.zsetLimits())
		}
		tally = zaddAll(z, args[first:], scores, opts, s.zsetLimits())
		switch {
		case tally.added+tally.updated == 0:
			return editKeep // nothing changed (a new key is not made)
		case !existed:
			return putZSet(z)
		case opts.incr:
			// An increment replays as the score it produced.
			return changedZSet(z, [][]byte{[]byte("zadd"), key, zsets.FormatScore(tally.result), args[first+1]})
		}
		// Without INCR the command itself redoes the change exactly.
		return changedZSet(z, args)
	})
	if !ok {
		return
	}
	added, updated := tally.added, tally.updated
	if added+updated > 0 {
		s.changed(added + updated)
		s.notifyCreated(existed, key)
		event := "zadd"
		if opts.incr {
			event = "zincr"
		}
		s.notify(classZSet, event, key)
		if !existed {
			// Only a new set can be what a blocked client waits for.
			s.keyReady(key)
		}
	}
	switch {
	case tally.nan:
		s.reply.Error(errNaNScore)
	case opts.incr && tally.processed > 0:
		s.reply.Double(tally.result)
	case opts.incr:
		s.reply.Nil()
	case opts.ch:
		s.reply.Int(int64(added + updated))
	default:
		s.reply.Int(int64(added))
	}
}

// zaddTally is what ZADD did: members added, members whose score
// changed, pairs a flag did not stop, the last such pair's score (INCR's
// reply), and whether an increment made NaN (which stops it).
type zaddTally struct {
	added, updated, processed int
	result                    float64
	nan                       bool
}

// zaddAll applies ZADD's score-member pairs to z in order.
func zaddAll(z *zsets.ZSet, pairs [][]byte, scores []float64, opts zaddOptions, lim zsets.Limits) zaddTally {
	var t zaddTally
	if len(scores) > 1 {
		z.Reserve(zaddMembers(pairs), scores)
	}
	for j, score := range scores {
		outcome, newScore := zaddOne(z, pairs[2*j+1], score, opts, lim)
		switch outcome {
		case zaddNaN:
			t.nan = true
			return t
		case zaddAdded:
			t.added++
		case zaddUpdated:
			t.updated++
		}
		if outcome != zaddSkipped {
			t.processed++
			t.result = newScore
		}
	}
	return t
}

// zaddMembers are the members of ZADD's score-member pairs.
func zaddMembers(pairs [][]byte) [][]byte {
	members := make([][]byte, 0, len(pairs)/2)
	for i := 1; i < len(pairs); i += 2 {
		members = append(members, pairs[i])
	}
	return members
}

// newZSetFor makes the set ZADD creates: packed unless no set may be
// packed or the first member is already too long for it.
func newZSetFor(firstMemberLen int, lim zsets.Limits) *zsets.ZSet {
	if lim.Entries == 0 || firstMemberLen > lim.Value {
		return zsets.NewBig()
	}
	return zsets.New()
}

// zaddOutcome is what ZADD did with one member.
type zaddOutcome uint8

const (
	zaddSkipped   zaddOutcome = iota // a flag said no
	zaddUnchanged                    // present with that score already
	zaddAdded
	zaddUpdated
	zaddNaN // the increment made NaN
)

// zaddOne applies one score-member pair under ZADD's flags and returns
// what happened and the member's score after it.
func zaddOne(z *zsets.ZSet, member []byte, score float64, opts zaddOptions, lim zsets.Limits) (zaddOutcome, float64) {
	cur, present := z.Score(member)
	if !present {
		if opts.xx {
			return zaddSkipped, 0
		}
		z.Set(member, score, lim)
		return zaddAdded, score
	}
	if opts.nx {
		return zaddSkipped, cur
	}
	if opts.incr {
		score += cur
		if math.IsNaN(score) {
			return zaddNaN, 0
		}
	}
	if (opts.lt && score >= cur) || (opts.gt && score <= cur) {
		return zaddSkipped, cur
	}
	if score == cur {
		return zaddUnchanged, score
	}
	z.Set(member, score, lim)
	return zaddUpdated, score
}

// ZREM key member [member ...]: how many of the members were removed.
func cmdZRem(s *Session, args [][]byte) {
	removed := 0
	deleted := false
	ok := s.editZSet(args[1], func(z *zsets.ZSet) store.Edit {
		if z == nil {
			return editKeep
		}
		replay := [][]byte{[]byte("zrem"), args[1]}
		for _, m := range args[2:] {
			if z.Remove(m) {
				removed++
				replay = append(replay, m)
			}
		}
		if removed == 0 {
			return editKeep
		}
		deleted = z.Len() == 0
		return changedZSet(z, replay)
	})
	if !ok {
		return
	}
	if removed > 0 {
		s.changed(removed)
		s.notify(classZSet, "zrem", args[1])
		if deleted {
			s.notify(classGeneric, "del", args[1])
		}
	}
	s.reply.Int(int64(removed))
}
