package hashes

import "redis-lite/store"

// The store.Object methods: what the store and the keyspace commands ask
// of any collection.

var _ store.Object = (*Hash)(nil)

// Type is TYPE's "hash".
func (h *Hash) Type() store.Type { return store.TypeHash }

// Clone is a deep copy, for COPY.
func (h *Hash) Clone() store.Object { return h.Copy() }

// rebuildBatch is how many fields one HSET of a rewrite carries, as Redis
// rewrites 64 items a command (AOF_REWRITE_ITEMS_PER_CMD).
const rebuildBatch = 64

// Rebuild emits the HSET commands that recreate the hash, a batch of
// fields at a time, for the append-only file's rewrite.
func (h *Hash) Rebuild(key []byte, emit func(args [][]byte)) {
	args := make([][]byte, 0, 2+2*rebuildBatch)
	args = append(args, []byte("HSET"), key)
	h.Range(func(f, v []byte) bool {
		args = append(args, f, v)
		if len(args) == 2+2*rebuildBatch {
			emit(args)
			args = args[:2]
		}
		return true
	})
	if len(args) > 2 {
		emit(args)
	}
}
