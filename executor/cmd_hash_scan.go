package executor

import "redis-lite/hashes"

// HSCAN key cursor [MATCH pattern] [COUNT count]: the next cursor and a
// flat list of fields and values (collectionScan). A hash in the packed
// layout comes back whole with cursor 0.
func cmdHScan(s *Session, args [][]byte) {
	s.collectionScan(args, func(scan func(scanStep)) {
		viewCollection(s, args[1], func(h *hashes.Hash) {
			if h == nil {
				scan(nil)
				return
			}
			scan(func(cursor uint64, count int, match func([]byte) bool) (next uint64, found [][]byte) {
				next = h.Scan(cursor, count, func(f, v []byte) {
					if match == nil || match(f) {
						found = append(found, f, v)
					}
				})
				return next, found
			})
		})
	})
}
