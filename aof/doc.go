// Package aof is the append-only file: every change to the key space is
// appended to a file in RESP form, and replayed at start, so a restart, or
// a crash when the fsync policy promises it, loses no acknowledged write.
// Redis's AOF is the model; the networking document stops at the socket, so
// this goes beyond it ("and then goes further than its peers").
//
// What is written: the store reports each change under the lock of the keys
// it concerns (store.Observe), so for each key the file's order is the
// order the changes were made. A change is written as its result:
//
//	SET key value [PXAT unix-ms]   the key's new value, expiry absolute
//	DEL key                        the key is gone
//	FLUSHALL                       every key is gone
//
// so INCR, APPEND or EXPIRE are logged as the SET they amount to, a TTL
// never outlives its time after a restart, and replaying a record twice is
// harmless, which is what lets a rewrite run while clients write.
//
// When it reaches the disk (--appendfsync):
//
//	always    a write's reply waits until it is fsynced; writes of many
//	          clients share one fsync (group commit)
//	everysec  written at once, fsynced once a second: a crash may lose
//	          about the last second
//	no        written at once; the kernel decides when it is on disk
//
// The package imports store (to read the key space for a rewrite) and
// parser (to read the file back); netsrv knows nothing of it.
package aof
