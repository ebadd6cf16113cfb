// Package store is the daemon's hash table: the "Store Module" of the
// networking document's command flow (section 7), which "acquires the write
// lock and inserts into the hash table".
//
// The table is split into shards, each a Go map behind its own RWMutex, so
// that writers to different keys do not queue behind one lock and readers
// of one shard proceed together. A key picks its shard by a seeded hash.
//
// Values are binary-safe byte strings. Every key and value is copied when it
// is stored: the caller's bytes usually alias a connection's read buffer,
// which is reused for the next request, and a stored value must never change
// under a reader's feet. A stored slice is never modified in place; an update
// stores a new slice, so a value returned by Get stays valid after the lock
// is released.
//
// The store imports nothing of this project (DESIGN section 1).
package store
