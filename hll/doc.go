// Package hll is Redis 7.0's HyperLogLog, bit for bit: the value PFADD,
// PFMERGE and PFCOUNT keep in a string key, and the cardinality estimate
// read from it.
//
// A value written here is byte-identical to the one redis-server writes
// for the same commands, because clients may GET an HLL from one server
// and SET it on another (and Redis's own tests corrupt values byte by
// byte and expect the same verdicts). So the formats are Redis's:
//
//   - a 16-byte header: "HYLL", an encoding byte (0 dense, 1 sparse), three
//     zero bytes, and the last estimate as a little-endian uint64 whose top
//     bit, when set, says the estimate is stale;
//   - 16384 registers of 6 bits, each the longest run of zeros (plus one)
//     seen in the hashes that select it;
//   - dense: the registers packed 6 bits each from the least significant
//     bit of each byte up, 12288 bytes;
//   - sparse: a run-length code of three opcodes, ZERO (00xxxxxx, 1 to 64
//     zero registers), XZERO (01xxxxxx yyyyyyyy, 1 to 16384 zero registers)
//     and VAL (1vvvvvxx, 1 to 4 registers holding 1 to 32), promoted to
//     dense when a register passes 32 or the value would pass the
//     hll-sparse-max-bytes limit.
//
// The element hash is MurmurHash64A with Redis's seed, and the estimator is
// the one Redis 7.0 uses, Otmar Ertl's "improved" estimator from register
// histograms (arXiv:1702.01284).
//
// Sparse updates follow Redis's edit rules exactly, down to which adjacent
// VAL opcodes get joined afterwards, since a different (even a more
// compact) code would be a different value.
//
// The package imports nothing of this project (docs/architecture.md, "The
// import rule").
package hll
