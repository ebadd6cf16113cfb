package executor

import (
	"redis-lite/lists"
	"redis-lite/store"
)

// The list commands that read or change a list by position or by value
// rather than at its ends: LLEN, LINDEX, LRANGE, LSET, LINSERT, LREM,
// LTRIM (the pushes and pops are in cmd_list.go).

// LLEN key: the number of elements, 0 for no list.
func cmdLLen(s *Session, args [][]byte) {
	s.readList(args[1], func(l *lists.List) {
		if l == nil {
			s.reply.Int(0)
			return
		}
		s.reply.Int(int64(l.Len()))
	})
}

// LINDEX key index: the element at index (negative from the tail), or nil.
// The key is looked up before the index is read, as in Redis.
func cmdLIndex(s *Session, args [][]byte) {
	s.readList(args[1], func(l *lists.List) {
		if l == nil {
			s.reply.Nil()
			return
		}
		i, ok := parseInt(args[2])
		if !ok {
			s.reply.Error(errNotInteger)
			return
		}
		if v, found := l.Index(int(i)); found {
			s.reply.Bulk(v)
			return
		}
		s.reply.Nil()
	})
}

// LRANGE key start stop: the elements from start to stop inclusive,
// negative indexes counting from the tail.
func cmdLRange(s *Session, args [][]byte) {
	start, ok1 := parseInt(args[2])
	stop, ok2 := parseInt(args[3])
	if !ok1 || !ok2 {
		s.reply.Error(errNotInteger)
		return
	}
	s.readList(args[1], func(l *lists.List) {
		if l == nil {
			s.reply.Array(0)
			return
		}
		from, to := listRange(start, stop, l.Len())
		s.reply.Array(max(0, to-from+1))
		l.Range(from, to, func(v []byte) bool {
			s.reply.Bulk(v)
			return true
		})
	})
}

// listRange turns LRANGE's and LTRIM's start and stop into indexes of a
// list of n elements; an empty range comes back with from > to.
func listRange(start, stop int64, n int) (from, to int) {
	if start < 0 {
		start += int64(n)
	}
	if stop < 0 {
		stop += int64(n)
	}
	if start < 0 {
		start = 0
	}
	if start > stop || start >= int64(n) {
		return 0, -1
	}
	if stop >= int64(n) {
		stop = int64(n) - 1
	}
	return int(start), int(stop)
}

// LSET key index element: OK, or an error when there is no such key or
// index.
func cmdLSet(s *Session, args [][]byte) {
	key := args[1]
	s.editList(key, func() { s.reply.Error("ERR no such key") }, func(l *lists.List) store.Edit {
		i, ok := parseInt(args[2])
		if !ok {
			s.reply.Error(errNotInteger)
			return store.Edit{}
		}
		if !l.Set(s.listFill(), int(i), args[3]) {
			s.reply.Error("ERR index out of range")
			return store.Edit{}
		}
		s.reply.Status("OK")
		s.changed(1)
		s.notify(classList, "lset", key)
		return store.Edit{Op: store.Mutated, Replay: [][]byte{[]byte("LSET"), key, args[2], args[3]}}
	})
}

// LINSERT key BEFORE|AFTER pivot element: the new length, -1 when the
// pivot is not there, 0 when the list is not.
func cmdLInsert(s *Session, args [][]byte) {
	var after bool
	switch optionName(args[2]) {
	case "after":
		after = true
	case "before":
	default:
		s.reply.Error(errSyntax)
		return
	}
	key := args[1]
	s.editList(key, func() { s.reply.Int(0) }, func(l *lists.List) store.Edit {
		if !l.Insert(s.listFill(), args[3], args[4], after) {
			s.reply.Int(-1)
			return store.Edit{}
		}
		s.reply.Int(int64(l.Len()))
		s.changed(1)
		s.notify(classList, "linsert", key)
		return store.Edit{Op: store.Mutated, Replay: [][]byte{[]byte("LINSERT"), key, args[2], args[3], args[4]}}
	})
}

// LREM key count element: how many elements equal to element it removed,
// the first count from the head (count > 0), from the tail (count < 0) or
// all (0).
func cmdLRem(s *Session, args [][]byte) {
	count, ok := parseInt(args[2])
	if !ok {
		s.reply.Error(errNotInteger)
		return
	}
	key := args[1]
	s.editList(key, func() { s.reply.Int(0) }, func(l *lists.List) store.Edit {
		removed := l.Remove(int(count), args[3])
		s.reply.Int(int64(removed))
		if removed == 0 {
			return store.Edit{}
		}
		s.changed(removed)
		s.notify(classList, "lrem", key)
		return s.mutated(key, l, []byte("LREM"), key, args[2], args[3])
	})
}

// LTRIM key start stop: OK, keeping only the elements in the range.
func cmdLTrim(s *Session, args [][]byte) {
	start, ok1 := parseInt(args[2])
	stop, ok2 := parseInt(args[3])
	if !ok1 || !ok2 {
		s.reply.Error(errNotInteger)
		return
	}
	key := args[1]
	s.editList(key, func() { s.reply.Status("OK") }, func(l *lists.List) store.Edit {
		before := l.Len()
		from, to := listRange(start, stop, before)
		l.Trim(from, to)
		s.reply.Status("OK")
		s.changed(before - l.Len())
		s.notify(classList, "ltrim", key)
		return s.mutated(key, l, []byte("LTRIM"), key, args[2], args[3])
	})
}
