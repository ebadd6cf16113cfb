package executor

import "redis-lite/hashes"

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
		count, match, errText := scanOptions(args[3:])
		if errText != "" {
			s.reply.Error(errText)
			return
		}
		var found [][]byte
		next := h.Scan(cursor, count, func(f, v []byte) {
			if match == nil || match(f) {
				found = append(found, f, v)
			}
		})
		s.replyScan(next, found)
	})
}
