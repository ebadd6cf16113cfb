package executor

import (
	"strconv"

	"redis-lite/hashes"
)

// HSCAN key cursor [MATCH pattern] [COUNT count]: the next cursor and a
// flat list of fields and values. As in Redis the cursor is checked first,
// then the key (a missing one answers an empty scan whatever the options
// say), then the options; TYPE is SCAN's alone. A hash in the packed
// layout comes back whole with cursor 0.
func cmdHScan(s *Session, args [][]byte) {
	cursor, ok := parseScanCursor(args[2])
	if !ok {
		s.reply.Error("ERR invalid cursor")
		return
	}
	s.viewHash(args[1], func(h *hashes.Hash) {
		if h == nil {
			s.replyScan(0, nil)
			return
		}
		count, match, errText := parseHScanOptions(args[3:])
		if errText != "" {
			s.reply.Error(errText)
			return
		}
		var filter func([]byte) bool
		if match != nil {
			filter = keyMatcher(match)
		}
		var found [][]byte
		next := h.Scan(cursor, count, func(f, v []byte) {
			if filter == nil || filter(f) {
				found = append(found, f, v)
			}
		})
		s.replyScan(next, found)
	})
}

// parseHScanOptions reads MATCH and COUNT (default 10; below 1 is a
// syntax error, as is an option without its value).
func parseHScanOptions(opts [][]byte) (count int, match []byte, errText string) {
	count = 10
	for i := 0; i < len(opts); i += 2 {
		if i+1 >= len(opts) {
			return 0, nil, errSyntax
		}
		switch optionName(opts[i]) {
		case "match":
			match = opts[i+1]
		case "count":
			n, ok := parseInt(opts[i+1])
			if !ok {
				return 0, nil, errNotInteger
			}
			if n < 1 {
				return 0, nil, errSyntax
			}
			count = int(min(n, 1<<30))
		default:
			return 0, nil, errSyntax
		}
	}
	return count, match, ""
}

// replyScan writes a scan's reply: the cursor as a string, then the items.
func (s *Session) replyScan(next uint64, items [][]byte) {
	s.reply.Array(2)
	s.reply.BulkString(strconv.FormatUint(next, 10))
	s.reply.Array(len(items))
	for _, it := range items {
		s.reply.Bulk(it)
	}
}
