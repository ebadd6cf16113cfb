package executor

// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: the longest
// common subsequence of two strings (an absent key is the empty string):
// the subsequence itself, its length (LEN), or (IDX) the matching ranges,
// last first, with the length.
func cmdLCS(s *Session, args [][]byte) {
	var wantLen, wantIdx, withMatchLen bool
	var minMatchLen int64
	// Redis reads both keys before the options.
	ea, foundA := s.db().Lookup(args[1])
	eb, foundB := s.db().Lookup(args[2])
	if ea.Obj != nil || eb.Obj != nil {
		s.reply.Error("ERR The specified keys must contain string values")
		return
	}
	a, b := ea.Value, eb.Value
	s.countRead(foundA)
	s.countRead(foundB)
	for i := 3; i < len(args); i++ {
		switch optionName(args[i]) {
		case "idx":
			wantIdx = true
		case "len":
			wantLen = true
		case "withmatchlen":
			withMatchLen = true
		case "minmatchlen":
			if i+1 == len(args) {
				s.reply.Error(errSyntax)
				return
			}
			n, ok := parseInt(args[i+1])
			if !ok {
				s.reply.Error(errNotInteger)
				return
			}
			minMatchLen = max(n, 0)
			i++
		default:
			s.reply.Error(errSyntax)
			return
		}
	}
	if wantLen && wantIdx {
		s.reply.Error("ERR If you want both the length and indexes, please just use IDX.")
		return
	}
	// The table has a 32-bit cell per pair of prefixes; Redis refuses one
	// bigger than proto-max-bulk-len.
	cells := (int64(len(a)) + 1) * (int64(len(b)) + 1)
	if cells*4 > s.ex.maxBulkLen.Load() {
		s.reply.Error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")
		return
	}
	t := newLCSTable(a, b)
	switch {
	case wantIdx:
		s.replyLCSMatches(t, minMatchLen, withMatchLen)
	case wantLen:
		s.reply.Int(int64(t.length()))
	default:
		s.reply.Bulk(t.walk().sequence)
	}
}

// lcsTable holds, for every pair of prefixes a[:i] and b[:j], the length
// of their longest common subsequence, at cell i*(len(b)+1)+j.
type lcsTable struct {
	a, b  []byte
	cells []uint32
}

func newLCSTable(a, b []byte) *lcsTable {
	width := len(b) + 1
	t := &lcsTable{a: a, b: b, cells: make([]uint32, (len(a)+1)*width)}
	for i := 1; i <= len(a); i++ {
		row, prev := t.cells[i*width:(i+1)*width], t.cells[(i-1)*width:i*width]
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				row[j] = prev[j-1] + 1
			case prev[j] > row[j-1]:
				row[j] = prev[j]
			default:
				row[j] = row[j-1]
			}
		}
	}
	return t
}

func (t *lcsTable) at(i, j int) uint32 { return t.cells[i*(len(t.b)+1)+j] }

func (t *lcsTable) length() uint32 { return t.at(len(t.a), len(t.b)) }

// lcsMatch is one run of consecutive matching bytes: a[aStart..aEnd]
// equals b[bStart..bEnd] (inclusive).
type lcsMatch struct{ aStart, aEnd, bStart, bEnd int }

func (m lcsMatch) length() int { return m.aEnd - m.aStart + 1 }

// lcsResult is the subsequence and its runs, in the order the walk back
// from the ends of both strings finds them (the last run first).
type lcsResult struct {
	sequence []byte
	matches  []lcsMatch
}

// walk follows the table back from the full strings to recover one
// longest subsequence, taking Redis's path through ties (step back in a
// only when that keeps a strictly longer subsequence), so the runs are the
// ones Redis reports.
func (t *lcsTable) walk() lcsResult {
	n := t.length()
	res := lcsResult{sequence: make([]byte, n)}
	var run lcsMatch
	inRun := false
	i, j := len(t.a), len(t.b)
	for i > 0 && j > 0 {
		if t.a[i-1] == t.b[j-1] {
			n--
			res.sequence[n] = t.a[i-1]
			if inRun {
				run.aStart, run.bStart = i-1, j-1 // it extends the run backwards
			} else {
				run, inRun = lcsMatch{aStart: i - 1, aEnd: i - 1, bStart: j - 1, bEnd: j - 1}, true
			}
			i, j = i-1, j-1
			if run.aStart == 0 || run.bStart == 0 {
				res.matches = append(res.matches, run)
				inRun = false
			}
			continue
		}
		if t.at(i-1, j) > t.at(i, j-1) {
			i--
		} else {
			j--
		}
		if inRun {
			res.matches = append(res.matches, run)
			inRun = false
		}
	}
	return res
}

// replyLCSMatches answers LCS ... IDX: "matches", the runs at least
// minMatchLen long (each [[aStart, aEnd], [bStart, bEnd]] and, with
// WITHMATCHLEN, its length), then "len" and the subsequence's length.
// In RESP2 that map is an array of four.
func (s *Session) replyLCSMatches(t *lcsTable, minMatchLen int64, withMatchLen bool) {
	var kept []lcsMatch
	for _, m := range t.walk().matches {
		if int64(m.length()) >= minMatchLen {
			kept = append(kept, m)
		}
	}
	s.reply.Array(4)
	s.reply.BulkString("matches")
	s.reply.Array(len(kept))
	for _, m := range kept {
		if withMatchLen {
			s.reply.Array(3)
		} else {
			s.reply.Array(2)
		}
		s.reply.Array(2)
		s.reply.Int(int64(m.aStart))
		s.reply.Int(int64(m.aEnd))
		s.reply.Array(2)
		s.reply.Int(int64(m.bStart))
		s.reply.Int(int64(m.bEnd))
		if withMatchLen {
			s.reply.Int(int64(m.length()))
		}
	}
	s.reply.BulkString("len")
	s.reply.Int(int64(t.length()))
}
