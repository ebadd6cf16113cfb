package executor

import (
	"redis-lite/hashes"
	"redis-lite/store"
)

// hashCommands are Redis's hash commands (the H family). The hash value
// and its two layouts are package hashes; here are the commands' rules,
// replies and events, after Redis 7.0's t_hash.c.
var hashCommands = []command{
	{name: "hset", arity: -4, flags: flagWrite | flagDenyOOM | flagFast, run: cmdHSet},
	{name: "hmset", arity: -4, flags: flagWrite | flagDenyOOM | flagFast, run: cmdHSet},
	{name: "hsetnx", arity: 4, flags: flagWrite | flagDenyOOM | flagFast, run: cmdHSetNX},
	{name: "hget", arity: 3, flags: flagReadonly | flagFast, run: cmdHGet},
	{name: "hmget", arity: -3, flags: flagReadonly | flagFast, run: cmdHMGet},
	{name: "hdel", arity: -3, flags: flagWrite | flagFast, run: cmdHDel},
	{name: "hexists", arity: 3, flags: flagReadonly | flagFast, run: cmdHExists},
	{name: "hlen", arity: 2, flags: flagReadonly | flagFast, run: cmdHLen},
	{name: "hstrlen", arity: 3, flags: flagReadonly | flagFast, run: cmdHStrlen},
	{name: "hkeys", arity: 2, flags: flagReadonly, run: cmdHKeys},
	{name: "hvals", arity: 2, flags: flagReadonly, run: cmdHVals},
	{name: "hgetall", arity: 2, flags: flagReadonly, run: cmdHGetAll},
	{name: "hincrby", arity: 4, flags: flagWrite | flagDenyOOM | flagFast, run: cmdHIncrBy},
	{name: "hincrbyfloat", arity: 4, flags: flagWrite | flagDenyOOM | flagFast, run: cmdHIncrByFloat},
	{name: "hrandfield", arity: -2, flags: flagReadonly, run: cmdHRandField},
	{name: "hscan", arity: -3, flags: flagReadonly, run: cmdHScan},
}

// SetHashLimits sets hash-max-listpack-entries and hash-max-listpack-value:
// past them a hash leaves the packed layout (CONFIG SET takes effect on
// the next write to each hash).
func (ex *Executor) SetHashLimits(maxEntries, maxValue int64) {
	ex.hashMaxEntries.Store(maxEntries)
	ex.hashMaxValue.Store(maxValue)
}

func (s *Session) hashLimits() hashes.Limits {
	return hashes.Limits{MaxPackedEntries: s.ex.hashMaxEntries.Load(), MaxPackedValue: s.ex.hashMaxValue.Load()}
}

// hashEdit is what a write did to a hash: whether it changed it, and the
// one command that redoes the change for the append-only file.
type hashEdit struct {
	changed bool
	replay  [][]byte
}

// editHash runs fn under the key's write lock with the hash it holds; when
// there is none and create is set, fn gets a new empty hash that is stored
// only if fn changes it. fn is not run for a missing key without create,
// nor for a key of another type (wrong is then true and nothing changed).
// A hash left empty is deleted, as Redis deletes empty collections.
func (s *Session) editHash(key []byte, create bool, fn func(h *hashes.Hash) hashEdit) (existed, removed, wrong bool) {
	s.db().Edit(key, func(cur store.Entry, ok bool) store.Edit {
		existed = ok
		var h *hashes.Hash
		switch {
		case ok:
			var isHash bool
			if h, isHash = cur.Obj.(*hashes.Hash); !isHash {
				wrong = true
				return editKeep
			}
		case !create:
			return editKeep
		default:
			h = hashes.New()
		}
		edit := fn(h)
		switch {
		case !edit.changed:
			return editKeep
		case h.Len() == 0:
			removed = true
			return editRemove
		case !ok:
			return store.Edit{Op: store.Put, Entry: store.Entry{Obj: h}}
		}
		return editReplay(edit.replay...)
	})
	if wrong {
		s.wrongType()
	}
	return existed, removed, wrong
}

// HSET key field value [field value ...]: how many fields were added.
// HMSET: OK. Like Redis, every argument is checked against
// hash-max-listpack-value before any is written.
func cmdHSet(s *Session, args [][]byte) {
	if len(args)%2 != 0 {
		s.reply.Error(wrongArity(s.cmd.name))
		return
	}
	lim := s.hashLimits()
	added := int64(0)
	existed, _, wrong := s.editHash(args[1], true, func(h *hashes.Hash) hashEdit {
		added = int64(h.SetPairs(args[2:], lim))
		return hashEdit{changed: true, replay: args}
	})
	if wrong {
		return
	}
	s.changed((len(args) - 2) / 2)
	s.notifyCreated(existed, args[1])
	s.notify(classHash, "hset", args[1])
	if s.cmd.name == "hmset" {
		s.reply.Status("OK")
		return
	}
	s.reply.Int(added)
}

// HSETNX key field value: 1 if the field was set, 0 if it existed.
func cmdHSetNX(s *Session, args [][]byte) {
	lim := s.hashLimits()
	set := false
	existed, _, wrong := s.editHash(args[1], true, func(h *hashes.Hash) hashEdit {
		if _, ok := h.Get(args[2]); ok {
			return hashEdit{}
		}
		h.Fit(args[2:4], lim)
		h.Set(args[2], args[3], lim)
		set = true
		return hashEdit{changed: true, replay: args}
	})
	switch {
	case wrong:
	case !set:
		s.reply.Int(0)
	default:
		s.changed(1)
		s.notifyCreated(existed, args[1])
		s.notify(classHash, "hset", args[1])
		s.reply.Int(1)
	}
}

// HGET key field: the value, or nil.
func cmdHGet(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(h *hashes.Hash) {
		s.replyField(h, args[2])
	})
}

// replyField writes field's value in h (h may be nil), or nil.
func (s *Session) replyField(h *hashes.Hash, field []byte) {
	if h != nil {
		if v, ok := h.Get(field); ok {
			s.reply.Bulk(v)
			return
		}
	}
	s.reply.Nil()
}

// HMGET key field [field ...]: each value, nil where absent (all nil for a
// missing key).
func cmdHMGet(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(h *hashes.Hash) {
		s.reply.Array(len(args) - 2)
		for _, f := range args[2:] {
			s.replyField(h, f)
		}
	})
}

// HDEL key field [field ...]: how many were removed. Like Redis it stops
// at the field that empties the hash, which deletes the key.
func cmdHDel(s *Session, args [][]byte) {
	deleted := 0
	_, removed, wrong := s.editHash(args[1], false, func(h *hashes.Hash) hashEdit {
		for _, f := range args[2:] {
			if h.Delete(f) {
				deleted++
				if h.Len() == 0 {
					break
				}
			}
		}
		return hashEdit{changed: deleted > 0, replay: args}
	})
	if wrong {
		return
	}
	if deleted > 0 {
		s.changed(deleted)
		s.notify(classHash, "hdel", args[1])
		if removed {
			s.notify(classGeneric, "del", args[1])
		}
	}
	s.reply.Int(int64(deleted))
}

// HEXISTS key field: 1 or 0.
func cmdHExists(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(h *hashes.Hash) {
		found := false
		if h != nil {
			_, found = h.Get(args[2])
		}
		s.reply.Int(boolInt(found))
	})
}

// HLEN key: the number of fields, 0 for a missing key.
func cmdHLen(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(h *hashes.Hash) {
		n := 0
		if h != nil {
			n = h.Len()
		}
		s.reply.Int(int64(n))
	})
}

// HSTRLEN key field: the value's length, 0 when absent.
func cmdHStrlen(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(h *hashes.Hash) {
		var v []byte
		if h != nil {
			v, _ = h.Get(args[2])
		}
		s.reply.Int(int64(len(v)))
	})
}

// What HGETALL, HKEYS and HVALS reply with.
const (
	withFields = 1 << iota
	withValues
)

func cmdHKeys(s *Session, args [][]byte)   { s.replyHashContents(args[1], withFields) }
func cmdHVals(s *Session, args [][]byte)   { s.replyHashContents(args[1], withValues) }
func cmdHGetAll(s *Session, args [][]byte) { s.replyHashContents(args[1], withFields|withValues) }

// replyHashContents writes every field, every value, or both (a map in
// RESP3), in the hash's order; a missing key is an empty one.
func (s *Session) replyHashContents(key []byte, what int) {
	viewCollection(s, key, func(h *hashes.Hash) {
		n := 0
		if h != nil {
			n = h.Len()
		}
		if what == withFields|withValues {
			s.reply.Map(n)
		} else {
			s.reply.Array(n)
		}
		if h == nil {
			return
		}
		h.Range(func(f, v []byte) bool {
			if what&withFields != 0 {
				s.reply.Bulk(f)
			}
			if what&withValues != 0 {
				s.reply.Bulk(v)
			}
			return true
		})
	})
}
