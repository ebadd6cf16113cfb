// Package hashes is Redis 7.0's hash value: the field-value map that HSET,
// HGET, HDEL and the other H commands keep under a key.
//
// A hash has two layouts, and like Redis it starts in the small one and
// moves to the big one for good once it outgrows it (OBJECT ENCODING
// reports which: "listpack" or "hashtable"):
//
//   - packed (packed.go): every field and value, each a uvarint length and
//     its bytes, one after the other in a single []byte, in the order the
//     fields were added, as Redis's listpack keeps them. A lookup walks
//     the bytes, which for at most hash-max-listpack-entries (512) pairs of
//     at most hash-max-listpack-value (64) bytes is cheaper than hashing,
//     and the whole hash is one allocation and no pointer.
//   - table (table.go): a chained hash table with no pointers in it. The
//     records (the same length-prefixed field and value) are appended to
//     byte chunks of up to 64 KiB; element i's record is at offs[i]
//     (chunk and offset); the chains are element numbers (heads per
//     bucket, next per element). So the collector sees a few slices and
//     one pointer per 64 KiB however many fields there are. Replaced and
//     deleted records are garbage until it passes half the bytes, then
//     the live ones are copied into fresh chunks.
//
// Measured (TestMemoryPerField; the daemon against redis-server 7.0.15
// loading the same data, BENCHMARKS.md): a field of 16+16 bytes in a big
// hash costs 51 bytes of heap here, 70 of RSS in the daemon, against
// Redis's 104 (used_memory) and 115 (RSS); a 10-field hash with its key
// costs about what Redis's listpack does (331 bytes against 327).
//
// The table's buckets are a power of two, and a resize moves the chains
// a few at a time over the writes that follow (Redis's incremental
// rehash: a 2M-field hash's worst HSET went from 82 ms to 5), so HSCAN's
// cursor is Redis's reverse-binary one over one or two bucket arrays
// (scan.go): a field present for the whole scan is returned at least
// once even if the table grows or shrinks between calls. Elements are numbered densely, so a random field
// (HRANDFIELD) is one uniform draw.
//
// Every method is called with the key's store lock held; slices returned
// by reads alias the hash and are valid until its next change.
//
// The package imports only store (for the Object interface).
package hashes
