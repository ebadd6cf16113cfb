// Package geo is the arithmetic under Redis's geo commands: a point
// (longitude, latitude) as a geohash, the geohash back as a point, the
// cells around a search area, and distances on the earth. It knows
// nothing of keys or replies; the executor keeps the hashes as the
// scores of a sorted set, exactly as Redis does, so a geo key is a zset.
//
// A geohash of step s splits each axis into 2^s equal slices and
// interleaves the two slice numbers bit by bit, latitude in the even bits
// and longitude in the odd ones, so that points close on the map tend to
// be close as numbers. Scores use step 26: 52 bits, which a float64 holds
// exactly. Latitudes are limited to +-85.05112878 degrees (the Web
// Mercator square), as in Redis.
//
// Results must match redis-server's to the last printed digit, so each
// formula keeps Redis's order of operations, and every product that
// feeds a sum is rounded on its own (Go may otherwise fuse a*b+c into one
// instruction, which rounds once and can differ in the last bit). The
// trigonometry is computed to about 106 bits and rounded once
// (precise.go), which agrees with the C library Redis calls in all but
// about one call in 700, where glibc itself is not correctly rounded.
package geo
