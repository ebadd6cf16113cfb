package zsets

import (
	"math"
	"strconv"

	"redis-lite/store"
)

// The store's side of a sorted set (store.Object).

// rebuildBatch is how many members one ZADD of a rebuild carries.
const rebuildBatch = 64

func (z *ZSet) Type() store.Type    { return store.TypeZSet }
func (z *ZSet) Clone() store.Object { return z.Copy() }

// Rebuild emits ZADD key score member ... in batches, in order.
func (z *ZSet) Rebuild(key []byte, emit func(args [][]byte)) {
	args := make([][]byte, 0, 2+2*rebuildBatch)
	args = append(args, []byte("ZADD"), key)
	z.Walk(0, false, func(m []byte, s float64) bool {
		args = append(args, FormatScore(s), m)
		if len(args) == cap(args) {
			emit(args)
			args = args[:2]
		}
		return true
	})
	if len(args) > 2 {
		emit(args)
	}
}

// FormatScore is a score as Redis 7.0 prints one: "inf", "-inf", or C's
// %.17g, which reads back to the same float64.
func FormatScore(f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return []byte("inf")
	case math.IsInf(f, -1):
		return []byte("-inf")
	}
	return strconv.AppendFloat(nil, f, 'g', 17, 64)
}
