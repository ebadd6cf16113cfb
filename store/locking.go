package store

import "math/bits"

// The order of locking. A command that touches several keys write-locks
// all their shards before it reads any of them, always in shard index
// order, so that two such commands can never each hold a shard the other
// waits for. Flush and SWAPDB take every shard (lockAll).

func (s *Store) lockAll() {
	for i := range s.shards {
		s.shards[i].mu.Lock()
	}
}

func (s *Store) unlockAll() {
	for i := range s.shards {
		s.shards[i].mu.Unlock()
	}
}

// shardSet is a set of shard numbers, a bit each. Walked from bit 0 up it
// gives them in index order, the order every multi-key operation locks
// shards in, with no sorting and nothing allocated.
type shardSet [shardCount / 64]uint64

func (set *shardSet) add(shard int) { set[shard/64] |= 1 << (shard % 64) }

// each calls fn with every shard number in the set, in index order.
func (set *shardSet) each(fn func(shard int)) {
	for w, word := range set {
		for ; word != 0; word &= word - 1 {
			fn(w*64 + bits.TrailingZeros64(word))
		}
	}
}

func (s *Store) lockSet(set *shardSet)   { set.each(func(n int) { s.shards[n].mu.Lock() }) }
func (s *Store) unlockSet(set *shardSet) { set.each(func(n int) { s.shards[n].mu.Unlock() }) }

// lockShards write-locks the shards of keys in index order and returns the
// unlock function.
func (s *Store) lockShards(keys ...[]byte) func() {
	var set shardSet
	for _, k := range keys {
		set.add(s.shardIndex(k))
	}
	s.lockSet(&set)
	return func() { s.unlockSet(&set) }
}
