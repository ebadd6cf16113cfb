// Package store is the daemon's hash table: the "Store Module" of the
// networking document's command flow (section 7), which "acquires the write
// lock and inserts into the hash table".
//
// The table is split into shards, each a Go map behind its own RWMutex, so
// that writers to different keys do not queue behind one lock and readers
// of one shard proceed together. A key picks its shard by a seeded hash.
// Operations on several keys (RENAME, MSET) lock their shards in index
// order, so two of them can never wait on each other.
//
// Values are binary-safe byte strings. Every key and value is copied when it
// is stored: the caller's bytes usually alias a connection's read buffer,
// which is reused for the next request, and a stored value must never change
// under a reader's feet. A stored slice is never modified in place; an update
// stores a new slice, so a value returned by Get stays valid after the lock
// is released.
//
// Expiry: an entry may carry an absolute expiry time in Unix milliseconds,
// read from the store's Clock (tests substitute one they control). An
// expired entry is never returned: every access checks it, and deletes it
// when it holds the write lock. Keys with an expiry are also indexed per
// shard, and an active sweep (sweep.go) samples that index, as Redis does,
// so that memory of keys nobody touches again is reclaimed too.
//
// The store imports nothing of this project (DESIGN section 1).
package store
