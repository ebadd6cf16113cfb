package executor

import (
	"math"

	"redis-lite/sets"
	"redis-lite/store"
)

// setCommands are Redis 7.0's set commands. A set is a sets.Set kept in
// the store as a collection: the commands that read one do it inside
// store.View, those that change one inside store.Edit (or EditMany for
// several keys), so each is atomic against other clients. A change made
// in place is reported with the one command that redoes it (SADD or SREM
// of the members that changed), which the append-only file logs; a key a
// command creates or replaces is Put whole.
var setCommands = []command{
	{name: "sadd", arity: -3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdSAdd},
	{name: "srem", arity: -3, flags: flagWrite | flagFast, run: cmdSRem},
	{name: "smove", arity: 4, flags: flagWrite | flagFast, run: cmdSMove},
	{name: "sismember", arity: 3, flags: flagReadonly | flagFast, run: cmdSIsMember},
	{name: "smismember", arity: -3, flags: flagReadonly | flagFast, run: cmdSMIsMember},
	{name: "scard", arity: 2, flags: flagReadonly | flagFast, run: cmdSCard},
	{name: "smembers", arity: 2, flags: flagReadonly, run: cmdSMembers},
	{name: "sscan", arity: -3, flags: flagReadonly, run: cmdSScan},
	{name: "spop", arity: -2, flags: flagWrite | flagFast, run: cmdSPop},
	{name: "srandmember", arity: -2, flags: flagReadonly, run: cmdSRandMember},
	{name: "sinter", arity: -2, flags: flagReadonly, run: cmdSInter},
	{name: "sintercard", arity: -3, flags: flagReadonly, run: cmdSInterCard},
	{name: "sinterstore", arity: -3, flags: flagWrite | flagDenyOOM, run: cmdSInterStore},
	{name: "sunion", arity: -2, flags: flagReadonly, run: cmdSUnion},
	{name: "sunionstore", arity: -3, flags: flagWrite | flagDenyOOM, run: cmdSUnionStore},
	{name: "sdiff", arity: -2, flags: flagReadonly, run: cmdSDiff},
	{name: "sdiffstore", arity: -3, flags: flagWrite | flagDenyOOM, run: cmdSDiffStore},
}

// defaultSetMaxIntsetEntries is set-max-intset-entries until the daemon
// says.
const defaultSetMaxIntsetEntries = 512

// SetSetMaxIntsetEntries sets set-max-intset-entries: how many integers a
// set may hold before it turns from an intset into a hashtable. Sets
// already stored keep their layout until they next grow.
func (ex *Executor) SetSetMaxIntsetEntries(n int64) { ex.setMaxIntset.Store(n) }

// maxIntset is set-max-intset-entries as sets.Set.Add takes it.
func (s *Session) maxIntset() int { return int(min(s.ex.setMaxIntset.Load(), math.MaxInt)) }

// setOf is the set entry e holds. wrong is true when the key exists and
// holds something else (the caller replies WRONGTYPE); set is nil when
// the key does not exist.
func setOf(e store.Entry, ok bool) (set *sets.Set, wrong bool) {
	if !ok {
		return nil, false
	}
	set, isSet := e.Obj.(*sets.Set)
	return set, !isSet
}

// editKeep, editRemove and editReplay are the Edits a collection command
// returns: nothing changed; the key is gone (a collection left empty);
// changed in place, as the command replay redoes it.
var (
	editKeep   = store.Edit{Op: store.Keep}
	editRemove = store.Edit{Op: store.Remove}
)

func editReplay(replay ...[]byte) store.Edit { return store.Edit{Op: store.Mutated, Replay: replay} }

// putSet is the Edit that makes set the key's value with no expiry.
func putSet(set *sets.Set) store.Edit {
	return store.Edit{Op: store.Put, Entry: store.Entry{Obj: set}}
}

// SADD key member [member ...]: how many members were new. The key is
// created when missing.
func cmdSAdd(s *Session, args [][]byte) {
	key, limit := args[1], s.maxIntset()
	added, existed, wrong := 0, false, false
	s.db().Edit(key, func(cur store.Entry, ok bool) store.Edit {
		set, wrongType := setOf(cur, ok)
		if wrong = wrongType; wrong {
			return editKeep
		}
		existed = ok
		if !ok {
			set = sets.New()
		}
		for _, m := range args[2:] {
			if set.Add(m, limit) {
				added++
			}
		}
		switch {
		case !ok:
			return putSet(set)
		case added == 0:
			return editKeep
		}
		return editReplay(args...) // adding the same members again is the same change
	})
	if wrong {
		s.wrongType()
		return
	}
	if added > 0 {
		s.changed(added)
		s.notifyCreated(existed, key)
		s.notify(classSet, "sadd", key)
	}
	s.reply.Int(int64(added))
}

// SREM key member [member ...]: how many members were removed. A set left
// empty is deleted.
func cmdSRem(s *Session, args [][]byte) {
	key := args[1]
	removed, emptied, wrong := 0, false, false
	s.db().Edit(key, func(cur store.Entry, ok bool) store.Edit {
		set, wrongType := setOf(cur, ok)
		if wrong = wrongType; wrong || !ok {
			return editKeep
		}
		for _, m := range args[2:] {
			if set.Remove(m) {
				removed++
				if set.Len() == 0 {
					emptied = true
					return editRemove
				}
			}
		}
		if removed == 0 {
			return editKeep
		}
		return editReplay(args...)
	})
	if wrong {
		s.wrongType()
		return
	}
	if removed > 0 {
		s.changed(removed)
		s.notify(classSet, "srem", key)
		if emptied {
			s.notify(classGeneric, "del", key)
		}
	}
	s.reply.Int(int64(removed))
}

// SMOVE source destination member: 1 if member moved from source to
// destination (or both are the same set holding it), else 0.
func cmdSMove(s *Session, args [][]byte) {
	src, dst, member := args[1], args[2], args[3]
	limit := s.maxIntset()
	var moved, emptied, added, dstExisted, wrong bool
	s.db().EditMany([][]byte{src, dst}, func(cur []store.Entry, ok []bool) []store.Edit {
		from, wrongFrom := setOf(cur[0], ok[0])
		to, wrongTo := setOf(cur[1], ok[1])
		switch {
		case !ok[0]:
			return nil // no source: 0, whatever the destination holds
		case wrongFrom || wrongTo:
			wrong = true
			return nil
		case from == to:
			moved = from.Has(member) // one set: nothing to do
			return nil
		case !from.Remove(member):
			return nil
		}
		moved, dstExisted = true, ok[1]
		edits := []store.Edit{editReplay([]byte("SREM"), src, member), editKeep}
		if emptied = from.Len() == 0; emptied {
			edits[0] = editRemove
		}
		if to == nil {
			to = sets.New()
			to.Add(member, limit)
			added, edits[1] = true, putSet(to)
		} else if to.Add(member, limit) {
			added, edits[1] = true, editReplay([]byte("SADD"), dst, member)
		}
		return edits
	})
	if wrong {
		s.wrongType()
		return
	}
	if moved && string(src) != string(dst) {
		s.changed(1)
		s.notify(classSet, "srem", src)
		if emptied {
			s.notify(classGeneric, "del", src)
		}
		if added {
			s.changed(1)
			s.notifyCreated(dstExisted, dst)
			s.notify(classSet, "sadd", dst)
		}
	}
	s.reply.Int(boolInt(moved))
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// SISMEMBER key member: 1 if member is in the set, else 0.
func cmdSIsMember(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(set *sets.Set) {
		s.reply.Int(boolInt(set != nil && set.Has(args[2])))
	})
}

// SMISMEMBER key member [member ...]: 1 or 0 for each member, in order;
// all 0 for a missing key.
func cmdSMIsMember(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(set *sets.Set) {
		s.reply.Array(len(args) - 2)
		for _, m := range args[2:] {
			s.reply.Int(boolInt(set != nil && set.Has(m)))
		}
	})
}

// SCARD key: the number of members, 0 for a missing key.
func cmdSCard(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(set *sets.Set) {
		n := 0
		if set != nil {
			n = set.Len()
		}
		s.reply.Int(int64(n))
	})
}

// SMEMBERS key: every member (a set reply in RESP3); an intset's in
// ascending order, as Redis's.
func cmdSMembers(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(set *sets.Set) { s.replySet(set) })
}

// replySet writes every member of set (nil: none) as a set reply.
func (s *Session) replySet(set *sets.Set) {
	if set == nil {
		s.reply.Set(0)
		return
	}
	s.reply.Set(set.Len())
	set.Each(func(m []byte) bool {
		s.reply.Bulk(m)
		return true
	})
}
