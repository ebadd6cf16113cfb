package executor

import (
	"redis-lite/lists"
	"redis-lite/store"
)

// List commands (Redis 7.0's t_list.c), over lists.List values. Each
// command checks its arguments in Redis's order, so a bad argument and a
// missing or wrong-typed key get the same reply they get from Redis. A
// write is one store.Edit (EditMany for two keys) whose Replay redoes it
// exactly for the append-only file; a list left empty is deleted.
// Replies that carry elements are written inside the edit, while the
// elements' bytes are still the list's.

var listCommands = []command{
	{name: "lpush", arity: -3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdLPush},
	{name: "rpush", arity: -3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdRPush},
	{name: "lpushx", arity: -3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdLPushX},
	{name: "rpushx", arity: -3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdRPushX},
	{name: "lpop", arity: -2, flags: flagWrite | flagFast, run: cmdLPop},
	{name: "rpop", arity: -2, flags: flagWrite | flagFast, run: cmdRPop},
	{name: "llen", arity: 2, flags: flagReadonly | flagFast, run: cmdLLen},
	{name: "lrange", arity: 4, flags: flagReadonly, run: cmdLRange},
	{name: "lindex", arity: 3, flags: flagReadonly, run: cmdLIndex},
	{name: "lset", arity: 4, flags: flagWrite | flagDenyOOM, run: cmdLSet},
	{name: "linsert", arity: 5, flags: flagWrite | flagDenyOOM, run: cmdLInsert},
	{name: "lrem", arity: 4, flags: flagWrite, run: cmdLRem},
	{name: "ltrim", arity: 4, flags: flagWrite, run: cmdLTrim},
	{name: "lpos", arity: -3, flags: flagReadonly, run: cmdLPos},
	{name: "lmove", arity: 5, flags: flagWrite | flagDenyOOM, run: cmdLMove},
	{name: "rpoplpush", arity: 3, flags: flagWrite | flagDenyOOM, run: cmdRPopLPush},
	{name: "lmpop", arity: -4, flags: flagWrite, run: cmdLMPop},
	{name: "blpop", arity: -3, flags: flagWrite | flagNoScript | flagBlocking, run: cmdBLPop},
	{name: "brpop", arity: -3, flags: flagWrite | flagNoScript | flagBlocking, run: cmdBRPop},
	{name: "blmove", arity: 6, flags: flagWrite | flagDenyOOM | flagNoScript | flagBlocking, run: cmdBLMove},
	{name: "brpoplpush", arity: 4, flags: flagWrite | flagDenyOOM | flagNoScript | flagBlocking, run: cmdBRPopLPush},
	{name: "blmpop", arity: -5, flags: flagWrite | flagBlocking, run: cmdBLMPop},
}

// SetListMaxListpackSize sets list-max-listpack-size: how full a list's
// node may grow (lists.Fill). Nodes already made keep their size.
func (ex *Executor) SetListMaxListpackSize(n int64) { ex.listFill.Store(n) }

func (s *Session) listFill() lists.Fill { return lists.Fill(s.ex.listFill.Load()) }

// asList is the list e holds; ok false (WRONGTYPE written) for another
// type.
func (s *Session) asList(e store.Entry) (*lists.List, bool) {
	l, ok := e.Obj.(*lists.List)
	if !ok {
		s.wrongType()
	}
	return l, ok
}

// sourceList is asList for the key a blocked command takes from. While
// it is being woken (blocking.go), another type means the key is not
// ready (a transaction replaced the list): the wait goes on, unanswered,
// as in Redis. It reports whether the command is done when there is no
// list.
func (s *Session) sourceList(e store.Entry) (l *lists.List, ok, done bool) {
	if l, ok = e.Obj.(*lists.List); ok || s.waking {
		return l, ok, ok
	}
	s.wrongType()
	return nil, false, true
}

// readList calls fn with key's list under the store's read lock, or with
// nil when there is none; a key of another type gets WRONGTYPE instead.
// It counts the keyspace hit or miss, as Redis's reads do.
func (s *Session) readList(key []byte, fn func(l *lists.List)) {
	s.db().View(key, func(e store.Entry, found bool) {
		if !found {
			s.counts.misses++
			fn(nil)
			return
		}
		s.counts.hits++
		if l, ok := s.asList(e); ok {
			fn(l)
		}
	})
}

// editList runs fn on key's existing list under the store's write lock
// and applies the Edit it returns; an absent key gets missing() instead
// (nil: nothing) and a key of another type WRONGTYPE.
func (s *Session) editList(key []byte, missing func(), fn func(l *lists.List) store.Edit) {
	s.db().Edit(key, func(cur store.Entry, found bool) store.Edit {
		if !found {
			if missing != nil {
				missing()
			}
			return store.Edit{}
		}
		l, ok := s.asList(cur)
		if !ok {
			return store.Edit{}
		}
		return fn(l)
	})
}

// mutated is the Edit of an in-place change replayed by args, or the
// removal of a list the change emptied (announced as Redis does).
func (s *Session) mutated(key []byte, l *lists.List, args ...[]byte) store.Edit {
	if l.Len() == 0 {
		s.notify(classGeneric, "del", key)
		return store.Edit{Op: store.Remove}
	}
	return store.Edit{Op: store.Mutated, Replay: s.replayOf(args[0], args[1], args[2:]...)}
}

// Names of replay commands, made once.
var (
	nameLPush = []byte("LPUSH")
	nameRPush = []byte("RPUSH")
	nameLPop  = []byte("LPOP")
	nameRPop  = []byte("RPOP")
)

// end is one end of a list, as LMOVE's LEFT and RIGHT name them.
type end bool

const (
	left  end = true
	right end = false
)

// parseEnd reads LEFT or RIGHT in any case; anything else is a syntax
// error (written).
func (s *Session) parseEnd(arg []byte) (end, bool) {
	switch optionName(arg) {
	case "left":
		return left, true
	case "right":
		return right, true
	}
	s.reply.Error(errSyntax)
	return false, false
}

func (e end) pushName() []byte {
	if e == left {
		return nameLPush
	}
	return nameRPush
}

func (e end) popName() []byte {
	if e == left {
		return nameLPop
	}
	return nameRPop
}

func (e end) word() string {
	if e == left {
		return "LEFT"
	}
	return "RIGHT"
}

func (e end) push(l *lists.List, fill lists.Fill, elems ...[]byte) {
	if e == left {
		l.PushFront(fill, elems...)
	} else {
		l.PushBack(fill, elems...)
	}
}

func (e end) pop(l *lists.List, count int, fn func(v []byte)) {
	if e == left {
		l.PopFront(count, fn)
	} else {
		l.PopBack(count, fn)
	}
}

func cmdLPush(s *Session, args [][]byte)  { s.push(args, left, false) }
func cmdRPush(s *Session, args [][]byte)  { s.push(args, right, false) }
func cmdLPushX(s *Session, args [][]byte) { s.push(args, left, true) }
func cmdRPushX(s *Session, args [][]byte) { s.push(args, right, true) }

// push is [LR]PUSH[X] key element [element ...]: the list's new length;
// the X forms do nothing (0) unless the list exists.
func (s *Session) push(args [][]byte, at end, onlyExisting bool) {
	key, elems := args[1], args[2:]
	length, created, wrong := 0, false, false
	s.db().Edit(key, func(cur store.Entry, found bool) store.Edit {
		if !found {
			if onlyExisting {
				return store.Edit{}
			}
			l := lists.New()
			at.push(l, s.listFill(), elems...)
			length, created = l.Len(), true
			return store.Edit{Op: store.Put, Entry: store.Entry{Obj: l}}
		}
		l, ok := s.asList(cur)
		if !ok {
			wrong = true
			return store.Edit{}
		}
		at.push(l, s.listFill(), elems...)
		length = l.Len()
		return store.Edit{Op: store.Mutated, Replay: s.replayOf(at.pushName(), key, elems...)}
	})
	switch {
	case wrong:
		return
	case length == 0: // the X forms, with no list
		s.reply.Int(0)
		return
	}
	s.reply.Int(int64(length))
	s.pushed(key, at, created, len(elems))
}

// pushed announces elements pushed on key and wakes its blocked clients.
func (s *Session) pushed(key []byte, at end, created bool, n int) {
	s.changed(n)
	s.notifyCreated(!created, key)
	s.notify(classList, pushEvent(at), key)
	s.keyReady(key)
}

func cmdLPop(s *Session, args [][]byte) { s.pop(args, left) }
func cmdRPop(s *Session, args [][]byte) { s.pop(args, right) }

// pop is [LR]POP key [count]: one element as a bulk string, or with a
// count an array of up to count elements.
func (s *Session) pop(args [][]byte, at end) {
	if len(args) > 3 {
		s.reply.Error(wrongArity(s.cmd.name))
		return
	}
	withCount := len(args) == 3
	count := 1
	if withCount {
		n, ok := s.positiveArg(args[2])
		if !ok {
			return
		}
		count = n
	}
	key := args[1]
	missing := s.reply.Nil
	if withCount {
		missing = s.reply.NullArray
	}
	s.editList(key, missing, func(l *lists.List) store.Edit {
		if withCount && count == 0 {
			s.reply.Array(0)
			return store.Edit{}
		}
		n := min(count, l.Len())
		if withCount {
			s.reply.Array(n)
		}
		at.pop(l, n, func(v []byte) { s.reply.Bulk(v) })
		return s.popped(key, l, at, n)
	})
}

// popped announces n elements popped from key's list l and returns the
// edit: a replay that pops as many, or the key's removal.
func (s *Session) popped(key []byte, l *lists.List, at end, n int) store.Edit {
	s.changed(n)
	s.notify(classList, popEvent(at), key)
	return s.mutated(key, l, at.popName(), key, s.replayInt(n))
}

// positiveArg reads a count that may not be negative; Redis has one
// error for a negative count and for one that is no number (written when
// false).
func (s *Session) positiveArg(arg []byte) (int, bool) {
	n, ok := parseInt(arg)
	if !ok || n < 0 {
		s.reply.Error("ERR value is out of range, must be positive")
		return 0, false
	}
	return int(n), true
}
