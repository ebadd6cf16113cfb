package executor

import (
	"math"
	"math/rand/v2"
	"strconv"

	"redis-lite/zsets"
)

// ZRANDMEMBER and ZSCAN: reads that hand out members not by place.

// ZRANDMEMBER key [count [WITHSCORES]]: one random member (nil for a
// missing key); with a count, that many distinct members (all when the
// set is smaller), or with a negative count, -count members that may
// repeat.
func cmdZRandMember(s *Session, args [][]byte) {
	if len(args) == 2 {
		viewCollection(s, args[1], func(z *zsets.ZSet) {
			if z == nil {
				s.reply.Nil()
				return
			}
			m, _ := z.At(rand.IntN(z.Len()))
			s.reply.Bulk(m)
		})
		return
	}
	count, ok := parseInt(args[2])
	switch {
	case !ok:
		s.reply.Error(errNotInteger)
		return
	case count == math.MinInt64:
		s.reply.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
		return
	case len(args) > 4 || (len(args) == 4 && optionName(args[3]) != "withscores"):
		s.reply.Error(errSyntax)
		return
	}
	withScores := len(args) == 4
	if withScores && (count < -math.MaxInt64/2 || count > math.MaxInt64/2) {
		s.reply.Error("ERR value is out of range")
		return
	}
	viewCollection(s, args[1], func(z *zsets.ZSet) {
		if z == nil || count == 0 {
			s.reply.Array(0)
			return
		}
		if count < 0 {
			// Drawn as they are written: the count may be far larger
			// than the set (the reply is what it costs, as in Redis).
			s.replyMembersHeader(int(-count), withScores)
			for i := int64(0); i < -count; i++ {
				m, score := z.At(rand.IntN(z.Len()))
				s.replyMember(m, score, withScores)
			}
			return
		}
		ranks := randomRanks(z.Len(), count)
		s.replyMembersHeader(len(ranks), withScores)
		for _, r := range ranks {
			m, score := z.At(r)
			s.replyMember(m, score, withScores)
		}
	})
}

// randomRanks picks the ranks ZRANDMEMBER replies with for a positive
// count: count distinct ranks in random order, or, when count covers the
// set, every rank from the highest down (the order Redis's set iterator
// walks a sorted set).
func randomRanks(size int, count int64) []int {
	if count >= int64(size) {
		ranks := make([]int, size)
		for i := range ranks {
			ranks[i] = size - 1 - i
		}
		return ranks
	}
	// A partial shuffle of the ranks, remembered sparsely: only the
	// positions swapped so far are in the map.
	swapped := make(map[int]int, count)
	at := func(i int) int {
		if v, ok := swapped[i]; ok {
			return v
		}
		return i
	}
	ranks := make([]int, count)
	for i := range ranks {
		j := i + rand.IntN(size-i)
		ranks[i] = at(j)
		swapped[j] = at(i)
	}
	return ranks
}

// ZSCAN key cursor [MATCH pattern] [COUNT count]: the next cursor and a
// batch of members, each followed by its score (collectionScan;
// zsets.ZSet.Scan says how the iteration goes).
func cmdZScan(s *Session, args [][]byte) {
	s.collectionScan(args, func(scan func(scanStep)) {
		viewCollection(s, args[1], func(z *zsets.ZSet) {
			if z == nil {
				scan(nil)
				return
			}
			packed := z.Encoding() == "listpack"
			scan(func(cursor uint64, count int, match func([]byte) bool) (next uint64, batch [][]byte) {
				next = z.Scan(cursor, count, func(m []byte, score float64) {
					if match == nil || match(m) {
						batch = append(batch, m, []byte(scanScore(score, packed)))
					}
				})
				return next, batch
			})
		})
	})
}

// scanScore is a score as ZSCAN shows it: a packed set keeps scores as
// Redis's listpack text (integers without an exponent), a big one as
// %.17g.
func scanScore(f float64, packed bool) string {
	if packed && f == math.Trunc(f) && f >= -math.MaxInt64/2 && f <= math.MaxInt64/2 {
		return strconv.FormatInt(int64(f), 10)
	}
	return formatDouble(f)
}
