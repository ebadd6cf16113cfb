package executor

import (
	"math"
	"math/rand/v2"
	"strconv"

	"redis-lite/hashes"
)

// HRANDFIELD key [count [WITHVALUES]]: one random field (nil for a missing
// key), or count distinct fields (all of them if count is larger), or for
// a negative count that many fields drawn independently. WITHVALUES adds
// each value: after its field in RESP2, as a [field, value] pair in RESP3.
func cmdHRandField(s *Session, args [][]byte) {
	if len(args) == 2 {
		viewCollection(s, args[1], func(h *hashes.Hash) {
			if h == nil {
				s.reply.Nil()
				return
			}
			f, _ := h.Random()
			s.reply.Bulk(f)
		})
		return
	}
	count, ok := parseInt(args[2])
	switch {
	case !ok:
		s.reply.Error(errNotInteger)
		return
	case count == math.MinInt64:
		s.reply.Error("ERR value is out of range, value must between " + strconv.FormatInt(-math.MaxInt64, 10) +
			" and " + strconv.FormatInt(math.MaxInt64, 10))
		return
	case len(args) > 4 || (len(args) == 4 && optionName(args[3]) != "withvalues"):
		s.reply.Error(errSyntax)
		return
	case len(args) == 4 && (count < -math.MaxInt64/2 || count > math.MaxInt64/2):
		s.reply.Error("ERR value is out of range")
		return
	}
	withValues := len(args) == 4
	viewCollection(s, args[1], func(h *hashes.Hash) {
		if h == nil || count == 0 {
			s.reply.Array(0)
			return
		}
		if count < 0 || count == 1 {
			s.replyRandomRepeats(h, uint64(max(count, -count)), withValues)
			return
		}
		s.replyRandomDistinct(h, int(min(count, int64(h.Len()))), withValues)
	})
}

// replyRandomArray starts HRANDFIELD's reply of n picks: flat in RESP2
// (a field and its value per pick), one pair per pick in RESP3.
func (s *Session) replyRandomArray(n uint64, withValues bool) {
	if withValues && !s.reply.RESP3() {
		s.reply.Array(int(2 * n))
		return
	}
	s.reply.Array(int(n))
}

func (s *Session) replyRandomPick(f, v []byte, withValues bool) {
	if withValues && s.reply.RESP3() {
		s.reply.Array(2)
	}
	s.reply.Bulk(f)
	if withValues {
		s.reply.Bulk(v)
	}
}

// replyRandomRepeats writes n independent draws.
func (s *Session) replyRandomRepeats(h *hashes.Hash, n uint64, withValues bool) {
	s.replyRandomArray(n, withValues)
	draw := h.Random
	if h.Encoding() == "listpack" {
		// One walk of the packed bytes, then each draw is an index.
		fields, values := h.Pairs()
		draw = func() ([]byte, []byte) {
			i := rand.IntN(len(fields))
			return fields[i], values[i]
		}
	}
	start := len(s.reply.buf)
	for ; n > 0; n-- {
		f, v := draw()
		s.replyRandomPick(f, v, withValues)
		if len(s.reply.buf)-start > maxRandomReply { // as SRANDMEMBER: the client is cut
			s.closing = true
			return
		}
	}
}

// replyRandomDistinct writes n distinct fields (n at most the hash's
// size): the whole hash in its order when n is all of it; when n is a
// small part of a big hash, random draws with repeats skipped (as Redis
// does, so that a few picks do not copy a million fields); else a uniform
// sample of all the fields in random order (a partial Fisher-Yates
// shuffle).
func (s *Session) replyRandomDistinct(h *hashes.Hash, n int, withValues bool) {
	s.replyRandomArray(uint64(n), withValues)
	if h.Encoding() == "hashtable" && n*3 <= h.Len() {
		picked := make(map[string]bool, n)
		for len(picked) < n {
			f, v := h.Random()
			if !picked[string(f)] {
				picked[string(f)] = true
				s.replyRandomPick(f, v, withValues)
			}
		}
		return
	}
	fields, values := h.Pairs()
	if n < len(fields) {
		for i := 0; i < n; i++ {
			j := i + rand.IntN(len(fields)-i)
			fields[i], fields[j] = fields[j], fields[i]
			values[i], values[j] = values[j], values[i]
		}
	}
	for i := 0; i < n; i++ {
		s.replyRandomPick(fields[i], values[i], withValues)
	}
}
