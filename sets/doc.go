// Package sets is Redis 7.0.15's set value: the collection SADD, SREM,
// SPOP, SINTER and the rest of the S commands keep under one key.
//
// A set has one of the two layouts Redis 7.0 has, and reports it the way
// OBJECT ENCODING names it:
//
//   - "intset": while every member is a 64-bit integer written the
//     canonical way (no sign but a leading '-', no leading zeros) and there
//     are at most set-max-intset-entries of them (512 by default), the
//     members are one sorted array of fixed-width integers, 2, 4 or 8
//     bytes each: the narrowest width that holds every member. Membership
//     is a binary search, and a small set of numbers costs a few bytes per
//     member.
//   - "hashtable": otherwise. The members' bytes are packed one after the
//     other (a length, then the bytes) in large pointer-free chunks, and an
//     open-addressing index of 8-byte slots finds them (table.go). So a
//     member costs its bytes plus one or two bytes of length plus 8 to 16
//     bytes of index, where Redis spends a 24-byte dict entry, an
//     allocated sds string and an 8-byte bucket; and the garbage collector
//     has nothing to trace inside a set, however big.
//
// Like Redis 7.0, the conversion goes one way: once a set is a hashtable
// it stays one while the key lives, even if it shrinks back to a few
// integers. (Redis 7.2 added a third, listpack, layout; 7.0.15 has none,
// so neither does this package.)
//
// A Set is not safe for concurrent use: the store calls it under the
// key's shard lock.
package sets
