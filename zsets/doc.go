// Package zsets is Redis's sorted set as a value: members (binary-safe
// strings) each with a float64 score, ordered by score and, among equal
// scores, by member bytes. It holds no locks and knows nothing of keys,
// commands or replies; the executor keeps a *ZSet in the store and calls
// it under the key's lock.
//
// Two layouts, as Redis has, with Redis's one-way conversion:
//
//   - packed ("listpack" to OBJECT ENCODING): one []byte of records in
//     order, each a score, a uvarint member length and the member (a
//     whole-number score takes 1 to 4 bytes, any other 9: record.go).
//     Every operation is a linear scan, which for the few entries it is
//     used for (zset-max-listpack-entries, 128 by default, each member at
//     most zset-max-listpack-value, 64 bytes) costs less than following
//     pointers, and a small set is one allocation.
//   - big ("skiplist"): the same records appended to an arena of chunks
//     that never move; an open-addressing hash table of uint32 refs finds
//     a member, and an order-statistic B+tree whose leaves hold refs
//     keeps the order and answers ranks. The tree's inner nodes keep each
//     child's last ref (for descending by value) and size (for descending
//     by rank). So a member costs its record (3 to 12 bytes plus itself),
//     about 8 bytes of hash slots and 4 to 8 of leaf, with no pointer per
//     member for the collector to scan: 31 bytes a member for a million
//     "member:N" members with whole scores, where Redis takes 110.
//     Removed records leave holes that are squeezed out once they are
//     half of the arena.
//
// A set turns big when an addition would pass either limit, and never
// turns back while it lives (as in Redis); commands that build a new set
// (ZRANGESTORE, ZUNIONSTORE ...) choose its layout from its size, as Redis
// does.
//
// Ranks are 0-based in ascending order. Walk hands out member slices that
// alias the set's storage: use them before the next change.
package zsets
