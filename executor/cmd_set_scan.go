package executor

import "redis-lite/sets"

// SSCAN key cursor [MATCH pattern] [COUNT count]: the next cursor and a
// batch of members. As in Redis, the cursor is read first, then the key
// (a missing one is an empty iteration, with no look at the options).
func cmdSScan(s *Session, args [][]byte) {
	cursor, ok := parseScanCursor(args[2])
	if !ok {
		s.reply.Error("ERR invalid cursor")
		return
	}
	s.viewSet(args[1], func(set *sets.Set) {
		if set == nil {
			s.replyScan(0, nil)
			return
		}
		count, match, errText := scanOptions(args[3:])
		if errText != "" {
			s.reply.Error(errText)
			return
		}
		var batch [][]byte
		next := set.Scan(cursor, count, func(m []byte) {
			if match == nil || match(m) {
				batch = append(batch, append([]byte(nil), m...)) // an intset's m is a scratch buffer
			}
		})
		s.replyScan(next, batch)
	})
}
