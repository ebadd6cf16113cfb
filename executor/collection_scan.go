package executor

import "strconv"

// What the collection scans (SSCAN, and HSCAN and ZSCAN alike) share
// with each other: their options and the shape of their reply.

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
