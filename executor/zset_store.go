package executor

import (
	"math"

	"redis-lite/store"
	"redis-lite/zsets"
)

// Sorted sets in the store: every zset command reads its key through
// readZSet or changes it through editZSet, so the type check and the
// choice of the store's edit (a new object, an in-place change with the
// command that replays it, or the key's removal once empty) live here.

// defaultZSetLimits are zset-max-listpack-entries and -value until the
// daemon says.
var defaultZSetLimits = zsets.Limits{Entries: 128, Value: 64}

// SetZSetLimits sets zset-max-listpack-entries and zset-max-listpack-value:
// the size up to which a sorted set is packed. Sets already converted stay
// as they are, as in Redis.
func (ex *Executor) SetZSetLimits(entries, value int64) {
	l := zsets.Limits{Entries: int(min(entries, math.MaxInt32)), Value: int(min(value, math.MaxInt32))}
	ex.zsetLimits.Store(&l)
}

func (s *Session) zsetLimits() zsets.Limits { return *s.ex.zsetLimits.Load() }

// editZSet runs fn under the key's write lock with its sorted set (nil
// for a missing key) and applies the edit fn returns. A key of another
// type gets WRONGTYPE and no call; ok is false then.
func (s *Session) editZSet(key []byte, fn func(z *zsets.ZSet) store.Edit) (ok bool) {
	wrong := false
	s.db().Edit(key, func(cur store.Entry, found bool) store.Edit {
		var z *zsets.ZSet
		if found {
			var isZSet bool
			if z, isZSet = cur.Obj.(*zsets.ZSet); !isZSet {
				wrong = true
				return editKeep
			}
		}
		return fn(z)
	})
	if wrong {
		s.wrongType()
	}
	return !wrong
}

// putZSet stores a new set at the key, replacing what was there.
func putZSet(z *zsets.ZSet) store.Edit {
	return store.Edit{Op: store.Put, Entry: store.Entry{Obj: z}}
}

// changedZSet is an in-place change that replay redoes; a set left empty
// is removed instead, as Redis never keeps an empty collection. (The
// Edit values shared by the collections: cmd_set.go.)
func changedZSet(z *zsets.ZSet, replay [][]byte) store.Edit {
	if z.Len() == 0 {
		return editRemove
	}
	return editReplay(replay...)
}

// replyMember writes one member with its score (WITHSCORES): flat in
// RESP2 and plaintext, a pair in RESP3.
func (s *Session) replyMember(member []byte, score float64, withScores bool) {
	if !withScores {
		s.reply.Bulk(member)
		return
	}
	if s.reply.RESP3() {
		s.reply.Array(2)
	}
	s.reply.Bulk(member)
	s.reply.Double(score)
}

// replyMembersHeader starts a list of n members, WITHSCORES or not, in
// the shape replyMember fills.
func (s *Session) replyMembersHeader(n int, withScores bool) {
	if withScores && !s.reply.RESP3() {
		n *= 2
	}
	s.reply.Array(n)
}
