package executor

import "strconv"

// What the collection scans (SSCAN, HSCAN and ZSCAN) share with each
// other: the order of their checks, their options and the shape of their
// reply.

// scanStep walks a collection from cursor, at least count elements when
// there are as many, and returns the next cursor (0: done) with what
// match (nil: everything) keeps, as the reply lists it.
type scanStep func(cursor uint64, count int, match func([]byte) bool) (next uint64, batch [][]byte)

// collectionScan answers KEYSCAN key cursor [MATCH pattern] [COUNT n]. As
// in Redis the cursor is checked first, then the key (in view, which calls
// scan with nil for a missing key: an empty scan, whatever the options
// say), then the options; TYPE is SCAN's alone.
func (s *Session) collectionScan(args [][]byte, view func(scan func(step scanStep))) {
	cursor, ok := parseScanCursor(args[2])
	if !ok {
		s.reply.Error("ERR invalid cursor")
		return
	}
	view(func(step scanStep) {
		if step == nil {
			s.replyScan(0, nil)
			return
		}
		count, match, errText := scanOptions(args[3:])
		if errText != "" {
			s.reply.Error(errText)
			return
		}
		s.replyScan(step(cursor, count, match))
	})
}

// scanOptions reads a collection scan's MATCH and COUNT options with
// Redis's errors (TYPE is SCAN's alone); match is nil for "match all".
func scanOptions(opts [][]byte) (count int, match func([]byte) bool, errText string) {
	count = 10
	for i := 0; i < len(opts); i += 2 {
		if i+1 >= len(opts) {
			return 0, nil, errSyntax
		}
		switch optionName(opts[i]) {
		case "match":
			match = keyMatcher(opts[i+1])
		case "count":
			n, ok := parseInt(opts[i+1])
			switch {
			case !ok:
				return 0, nil, errNotInteger
			case n < 1:
				return 0, nil, errSyntax
			}
			count = int(min(n, 1<<30))
		default:
			return 0, nil, errSyntax
		}
	}
	return count, match, ""
}

// replyScan writes a scan's reply: the next cursor and the batch.
func (s *Session) replyScan(next uint64, batch [][]byte) {
	s.reply.Array(2)
	s.reply.BulkString(strconv.FormatUint(next, 10))
	s.reply.Array(len(batch))
	for _, m := range batch {
		s.reply.Bulk(m)
	}
}
