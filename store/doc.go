// Package store is the daemon's hash table: the "Store Module" of the
// networking document's command flow (docs/networking.md, section 7), which
// "acquires the write lock and inserts into the hash table".
//
// The table is split into shards, each behind its own RWMutex, so that
// writers to different keys do not queue behind one lock and readers of one
// shard proceed together. A key's seeded hash picks its shard. Operations
// on several keys (RENAME, MSET) lock their shards in index order, so two
// of them can never wait on each other.
//
// Memory layout, and why. A Go map from string keys to byte slices costs
// about 190 bytes per 16-byte key and 16-byte value (a map slot, two small
// allocations, their headers, and a collector that must trace every one of
// them), where Redis spends about 130. So a shard is not a Go map: every
// entry is one record (flags, lengths, expiry, key, value) appended to
// large byte chunks (arena.go), and an open-addressing index of
// pointer-free 12-byte slots finds it (table.go). One entry costs its
// record (35 bytes for 16+16) plus about 22 bytes of index, the collector
// has next to nothing to trace, and SET makes no allocation of its own.
//
// Values are binary-safe byte strings. Every key and value is copied into
// the arena when it is stored: the caller's bytes usually alias a
// connection's read buffer, which is reused for the next request. Arena
// bytes once written are never written again; an update appends a new
// record, and dead records are reclaimed by copying the live ones into
// fresh chunks. So a value returned by Get is a slice of the arena that
// stays valid after the lock is released, with no copy on the read path.
//
// What OBJECT reports costs no byte either. How a value was made (its
// Form, which decides Redis's "int", "embstr" or "raw") lives in spare
// bits of the record's flag byte, and when the key was last accessed (a
// 24-bit clock of seconds, like Redis's per-object LRU field) in the bits
// of the slot's chunk and offset numbers that no shard can use. A read
// writes that clock under the read lock, atomically and only when the
// second has changed (table.go).
//
// Expiry: an entry may carry an absolute expiry time in Unix milliseconds,
// read from the store's Clock (tests substitute one they control). An
// expired entry is never returned: every access checks it, and deletes it
// when it holds the write lock. An active sweep (sweep.go) also goes
// through the entries that have an expiry, a sample at a time as Redis
// does, so that memory of keys nobody touches again is reclaimed too.
//
// The store imports nothing of this project (docs/architecture.md,
// "The import rule").
package store
