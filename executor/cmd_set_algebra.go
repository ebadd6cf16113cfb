package executor

import (
	"slices"

	"redis-lite/sets"
	"redis-lite/store"
)

// SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD. Each reads
// every key it names under one EditMany, so the result is of one moment
// even when the keys lie in different shards, and a STORE writes its
// destination in the same step. A missing key is an empty set; a key of
// another type is WRONGTYPE, checked in order before anything is done.

// setOp is one of the three operations.
type setOp uint8

const (
	opInter setOp = iota
	opUnion
	opDiff
)

// storeEvents are the events a STORE form publishes on its destination.
var storeEvents = [...]string{opInter: "sinterstore", opUnion: "sunionstore", opDiff: "sdiffstore"}

func cmdSInter(s *Session, args [][]byte)      { s.setAlgebra(opInter, nil, args[1:]) }
func cmdSUnion(s *Session, args [][]byte)      { s.setAlgebra(opUnion, nil, args[1:]) }
func cmdSDiff(s *Session, args [][]byte)       { s.setAlgebra(opDiff, nil, args[1:]) }
func cmdSInterStore(s *Session, args [][]byte) { s.setAlgebra(opInter, args[1], args[2:]) }
func cmdSUnionStore(s *Session, args [][]byte) { s.setAlgebra(opUnion, args[1], args[2:]) }
func cmdSDiffStore(s *Session, args [][]byte)  { s.setAlgebra(opDiff, args[1], args[2:]) }

// sourceSets are the sets the keys hold (nil for a missing key), or
// false when one holds another type.
func sourceSets(cur []store.Entry, ok []bool) ([]*sets.Set, bool) {
	out := make([]*sets.Set, len(cur))
	for i := range cur {
		set, wrong := setOf(cur[i], ok[i])
		if wrong {
			return nil, false
		}
		out[i] = set
	}
	return out, true
}

// setAlgebra runs op over the sets at keys. With dst nil it replies with
// the resulting members; otherwise it stores them at dst, replacing what
// was there (any type, and its expiry), or deletes dst when the result
// is empty, and replies with their number.
func (s *Session) setAlgebra(op setOp, dst []byte, keys [][]byte) {
	limit := s.maxIntset()
	all := keys
	if dst != nil {
		all = append([][]byte{dst}, keys...)
	}
	var result *sets.Set
	wrong, dstExisted := false, false
	s.db().EditMany(all, func(cur []store.Entry, ok []bool) []store.Edit {
		if dst != nil {
			dstExisted = ok[0]
			cur, ok = cur[1:], ok[1:]
		}
		for _, found := range ok {
			s.countRead(found)
		}
		sources, typesOK := sourceSets(cur, ok)
		if wrong = !typesOK; wrong {
			return nil
		}
		result = combine(op, sources, limit)
		if dst == nil {
			s.replySet(result)
			return nil
		}
		if result.Len() == 0 {
			return []store.Edit{editRemove}
		}
		return []store.Edit{putSet(result)}
	})
	switch {
	case wrong:
		s.wrongType()
	case dst == nil:
	case result.Len() > 0:
		s.changed(1)
		s.notifyCreated(dstExisted, dst)
		s.notify(classSet, storeEvents[op], dst)
		s.reply.Int(int64(result.Len()))
	default:
		if dstExisted {
			s.changed(1)
			s.notify(classGeneric, "del", dst)
		}
		s.reply.Int(0)
	}
}

// combine is op's result as a new set, laid out as if its members had
// been added one by one (Redis builds it the same way).
func combine(op setOp, sources []*sets.Set, limit int) *sets.Set {
	out := sets.New()
	switch op {
	case opInter:
		intersect(sources, func(m []byte) bool { out.Add(m, limit); return true })
	case opUnion:
		for _, set := range sources {
			if set != nil {
				set.Each(func(m []byte) bool { out.Add(m, limit); return true })
			}
		}
	case opDiff:
		first := sources[0]
		if first == nil || slices.Contains(sources[1:], first) {
			return out // nothing, or a set minus itself
		}
		first.Each(func(m []byte) bool {
			for _, other := range sources[1:] {
				if other != nil && other.Has(m) {
					return true
				}
			}
			out.Add(m, limit)
			return true
		})
	}
	return out
}

// intersect calls found with each member common to every source, walking
// the smallest, until found returns false. A missing source makes the
// intersection empty.
func intersect(sources []*sets.Set, found func([]byte) bool) {
	if slices.Contains(sources, nil) {
		return
	}
	smallest := slices.MinFunc(sources, func(a, b *sets.Set) int { return a.Len() - b.Len() })
	smallest.Each(func(m []byte) bool {
		for _, other := range sources {
			if other != smallest && !other.Has(m) {
				return true
			}
		}
		return found(m)
	})
}

// SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the
// intersection, counting no further than limit (0: no limit).
func cmdSInterCard(s *Session, args [][]byte) {
	numKeys, ok := parseInt(args[1])
	if !ok || numKeys < 1 {
		s.reply.Error("ERR numkeys should be greater than 0")
		return
	}
	if numKeys > int64(len(args)-2) {
		s.reply.Error("ERR Number of keys can't be greater than number of args")
		return
	}
	keys := args[2 : 2+numKeys]
	limit := int64(0)
	for i := 2 + int(numKeys); i < len(args); i++ {
		if optionName(args[i]) != "limit" || i+1 >= len(args) {
			s.reply.Error(errSyntax)
			return
		}
		i++
		n, ok := parseInt(args[i])
		if !ok || n < 0 {
			s.reply.Error("ERR LIMIT can't be negative")
			return
		}
		limit = n
	}
	count, wrong := int64(0), false
	s.db().EditMany(keys, func(cur []store.Entry, ok []bool) []store.Edit {
		for _, found := range ok {
			s.countRead(found)
		}
		sources, typesOK := sourceSets(cur, ok)
		if wrong = !typesOK; wrong {
			return nil
		}
		intersect(sources, func([]byte) bool {
			count++
			return limit == 0 || count < limit
		})
		return nil
	})
	if wrong {
		s.wrongType()
		return
	}
	s.reply.Int(count)
}
