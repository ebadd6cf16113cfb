package executor

import "redis-lite/sets"

// SSCAN key cursor [MATCH pattern] [COUNT count]: the next cursor and a
// batch of members (collectionScan).
func cmdSScan(s *Session, args [][]byte) {
	s.collectionScan(args, func(scan func(scanStep)) {
		viewCollection(s, args[1], func(set *sets.Set) {
			if set == nil {
				scan(nil)
				return
			}
			scan(func(cursor uint64, count int, match func([]byte) bool) (next uint64, batch [][]byte) {
				next = set.Scan(cursor, count, func(m []byte) {
					if match == nil || match(m) {
						batch = append(batch, append([]byte(nil), m...)) // an intset's m is a scratch buffer
					}
				})
				return next, batch
			})
		})
	})
}
