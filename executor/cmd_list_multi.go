package executor

import (
	"redis-lite/lists"
	"redis-lite/store"
)

// The list commands that take from one key and give to another or search
// several: LMOVE, RPOPLPUSH, LMPOP, and LPOS's scan. The blocking forms
// (cmd_list_blocking.go) serve themselves with the same functions.

// LMOVE source destination LEFT|RIGHT LEFT|RIGHT: the element moved, or
// nil when source has no list.
func cmdLMove(s *Session, args [][]byte) {
	from, ok := s.parseEnd(args[3])
	if !ok {
		return
	}
	to, ok := s.parseEnd(args[4])
	if !ok {
		return
	}
	if !s.move(args[1], args[2], from, to) {
		s.reply.Nil()
	}
}

// RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT.
func cmdRPopLPush(s *Session, args [][]byte) {
	if !s.move(args[1], args[2], right, left) {
		s.reply.Nil()
	}
}

// move takes one element from src's from end and puts it at dst's to
// end, replying with it. It reports false, having written nothing, when
// src has no list; a key of another type is answered with WRONGTYPE
// (true: the command is done).
func (s *Session) move(src, dst []byte, from, to end) (done bool) {
	sameKey := string(src) == string(dst)
	created := false
	s.db().EditMany([][]byte{src, dst}, func(cur []store.Entry, found []bool) []store.Edit {
		if !found[0] {
			return nil
		}
		sl, ok, srcDone := s.sourceList(cur[0])
		if done = srcDone; !ok {
			return nil
		}
		dl := sl
		if !sameKey && found[1] {
			if dl, ok = s.asList(cur[1]); !ok {
				return nil // even a woken BLMOVE ends so, as in Redis
			}
		} else if !sameKey {
			dl, created = lists.New(), true
		}
		var v []byte
		// A copy: with one key, the push may reuse the popped bytes' room.
		from.pop(sl, 1, func(e []byte) { v = append([]byte(nil), e...) })
		to.push(dl, s.listFill(), v)
		s.reply.Bulk(v)
		s.changed(1)
		s.notifyCreated(!created, dst)
		s.notify(classList, pushEvent(to), dst)
		s.notify(classList, popEvent(from), src)
		if sameKey {
			replay := [][]byte{[]byte("LMOVE"), src, dst, []byte(from.word()), []byte(to.word())}
			return []store.Edit{{Op: store.Mutated, Replay: replay}, {}}
		}
		srcEdit := s.mutated(src, sl, from.popName(), src)
		if created {
			return []store.Edit{srcEdit, {Op: store.Put, Entry: store.Entry{Obj: dl}}}
		}
		return []store.Edit{srcEdit, {Op: store.Mutated, Replay: [][]byte{to.pushName(), dst, v}}}
	})
	if done {
		s.keyReady(dst)
	}
	return done
}

func pushEvent(at end) string {
	if at == left {
		return "lpush"
	}
	return "rpush"
}

func popEvent(at end) string {
	if at == left {
		return "lpop"
	}
	return "rpop"
}

// popFromList pops up to count elements from key's at end and replies with
// the key and them: [key, element] when single (BLPOP), [key, [elements]]
// otherwise (LMPOP). It reports false, having written nothing, when key
// has no list; a key of another type is answered with WRONGTYPE (true).
func (s *Session) popFromList(key []byte, at end, count int, single bool) (done bool) {
	s.db().Edit(key, func(cur store.Entry, found bool) store.Edit {
		if !found {
			return store.Edit{}
		}
		l, ok, listDone := s.sourceList(cur)
		if done = listDone; !ok {
			return store.Edit{}
		}
		n := min(count, l.Len())
		s.reply.Array(2)
		s.reply.Bulk(key)
		if !single {
			s.reply.Array(n)
		}
		at.pop(l, n, func(v []byte) { s.reply.Bulk(v) })
		return s.popped(key, l, at, n)
	})
	return done
}

// mpopArgs are LMPOP's and BLMPOP's arguments after the timeout.
type mpopArgs struct {
	keys  [][]byte
	at    end
	count int
}

// parseMPop reads numkeys key [key ...] LEFT|RIGHT [COUNT count] with
// Redis's errors (written when false).
func (s *Session) parseMPop(args [][]byte) (mpopArgs, bool) {
	var m mpopArgs
	numkeys, ok := parseInt(args[0])
	if !ok || numkeys < 1 {
		s.reply.Error("ERR numkeys should be greater than 0")
		return m, false
	}
	if numkeys >= int64(len(args)-1) {
		s.reply.Error(errSyntax)
		return m, false
	}
	m.keys = args[1 : 1+numkeys]
	rest := args[1+numkeys:]
	if m.at, ok = s.parseEnd(rest[0]); !ok {
		return m, false
	}
	m.count = -1
	for i := 1; i < len(rest); i++ {
		if m.count == -1 && optionName(rest[i]) == "count" && i+1 < len(rest) {
			i++
			n, ok := parseInt(rest[i])
			if !ok || n < 1 {
				s.reply.Error("ERR count should be greater than 0")
				return m, false
			}
			m.count = int(n)
			continue
		}
		s.reply.Error(errSyntax)
		return m, false
	}
	if m.count == -1 {
		m.count = 1
	}
	return m, true
}

// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: from the first key
// with a list, [key, [elements]]; a null array when none has one.
func cmdLMPop(s *Session, args [][]byte) {
	m, ok := s.parseMPop(args[1:])
	if !ok {
		return
	}
	for _, key := range m.keys {
		if s.popFromList(key, m.at, m.count, false) {
			return
		}
	}
	s.reply.NullArray()
}

// lposArgs are LPOS's options.
type lposArgs struct {
	rank, count, maxlen int64 // count -1: not given
}

func (s *Session) parseLPos(args [][]byte) (lposArgs, bool) {
	o := lposArgs{rank: 1, count: -1}
	for i := 0; i < len(args); i++ {
		more := i+1 < len(args)
		var ok bool
		switch name := optionName(args[i]); {
		case name == "rank" && more:
			i++
			if o.rank, ok = parseInt(args[i]); !ok {
				s.reply.Error(errNotInteger)
				return o, false
			}
			if o.rank == 0 {
				s.reply.Error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list")
				return o, false
			}
		case name == "count" && more:
			i++
			if o.count, ok = s.nonNegative(args[i], "ERR COUNT can't be negative"); !ok {
				return o, false
			}
		case name == "maxlen" && more:
			i++
			if o.maxlen, ok = s.nonNegative(args[i], "ERR MAXLEN can't be negative"); !ok {
				return o, false
			}
		default:
			s.reply.Error(errSyntax)
			return o, false
		}
	}
	return o, true
}

// nonNegative reads an integer that may not be negative: errNotInteger
// for a non-number, negative for a negative one (written when false).
func (s *Session) nonNegative(arg []byte, negative string) (int64, bool) {
	n, ok := parseInt(arg)
	switch {
	case !ok:
		s.reply.Error(errNotInteger)
	case n < 0:
		s.reply.Error(negative)
	default:
		return n, true
	}
	return 0, false
}

// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]: the index
// of the rank-th match (from the tail when rank < 0), or with COUNT an
// array of up to count matches from there (0: all); at most maxlen
// elements are compared (0: all).
func cmdLPos(s *Session, args [][]byte) {
	o, ok := s.parseLPos(args[3:])
	if !ok {
		return
	}
	s.readList(args[1], func(l *lists.List) {
		if l == nil {
			if o.count != -1 {
				s.reply.Array(0)
			} else {
				s.reply.Nil()
			}
			return
		}
		matches := lposScan(l, args[2], o)
		if o.count == -1 {
			if len(matches) == 0 {
				s.reply.Nil()
			} else {
				s.reply.Int(matches[0])
			}
			return
		}
		s.reply.Array(len(matches))
		for _, i := range matches {
			s.reply.Int(i)
		}
	})
}

// lposScan finds LPOS's matches: their indexes from the head, in the
// order the scan meets them.
func lposScan(l *lists.List, elem []byte, o lposArgs) []int64 {
	backward := o.rank < 0
	rank := o.rank
	if backward {
		rank = -rank
	}
	want := o.count
	if want == -1 {
		want = 1 // the first match from rank on
	}
	var found []int64
	var seen, matched int64
	n := int64(l.Len())
	visit := func(v []byte) bool {
		if o.maxlen != 0 && seen >= o.maxlen {
			return false
		}
		index := seen
		if backward {
			index = n - 1 - seen
		}
		seen++
		if string(v) != string(elem) {
			return true
		}
		matched++
		if matched >= rank {
			found = append(found, index)
			if want != 0 && int64(len(found)) >= want {
				return false
			}
		}
		return true
	}
	if backward {
		l.Backward(visit)
	} else {
		l.Range(0, l.Len()-1, visit)
	}
	return found
}
