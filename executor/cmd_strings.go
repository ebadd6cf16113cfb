package executor

import (
	"redis-lite/store"
)

// stringCommands are the rest of Redis's string commands.
var stringCommands = []command{
	{name: "setnx", arity: 3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdSetNX},
	{name: "setex", arity: 4, flags: flagWrite | flagDenyOOM, run: cmdSetEX},
	{name: "psetex", arity: 4, flags: flagWrite | flagDenyOOM, run: cmdSetEX},
	{name: "getdel", arity: 2, flags: flagWrite | flagFast, run: cmdGetDel},
	{name: "getex", arity: -2, flags: flagWrite | flagFast, run: cmdGetEX},
	{name: "append", arity: 3, flags: flagWrite | flagDenyOOM | flagFast, run: cmdAppend},
	{name: "strlen", arity: 2, flags: flagReadonly | flagFast, run: cmdStrlen},
	{name: "mget", arity: -2, flags: flagReadonly | flagFast, run: cmdMGet},
	{name: "mset", arity: -3, flags: flagWrite | flagDenyOOM, run: cmdMSet},
	{name: "msetnx", arity: -3, flags: flagWrite | flagDenyOOM, run: cmdMSet},
}

// SETNX key value: 1 if set, 0 if the key existed.
func cmdSetNX(s *Session, args [][]byte) {
	value := args[2] // the store copies it
	set := int64(0)
	s.db().Update(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		if exists {
			return cur, store.Keep
		}
		set = 1
		return store.Entry{Value: value}, store.Put
	})
	if set == 1 {
		s.changed(1)
		s.notifyCreated(false, args[1])
		s.notify(classString, "set", args[1])
	}
	s.reply.Int(set)
}

// SETEX key seconds value / PSETEX key milliseconds value: OK.
func cmdSetEX(s *Session, args [][]byte) {
	name := s.cmd.name
	at, errText := expireSpec{raw: args[2], seconds: name == "setex"}.at(s.db().Now(), true, name)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	value := args[3] // the store copies it
	var existed bool
	s.db().Update(args[1], func(_ store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		return store.Entry{Value: value, ExpireAt: at}, store.Put
	})
	s.changed(1)
	s.notifyCreated(existed, args[1])
	s.notify(classString, "set", args[1])
	s.notify(classGeneric, "expire", args[1])
	s.reply.Status("OK")
}

// GETDEL key: the value, and the key is gone.
func cmdGetDel(s *Session, args [][]byte) {
	var old []byte
	var existed bool
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		old, existed = cur.Value, exists
		return cur, store.Remove
	}) {
		return
	}
	if !existed {
		s.reply.Nil()
		return
	}
	s.changed(1)
	s.notify(classGeneric, "del", args[1])
	s.reply.Bulk(old)
}

// GETEX key [EX s|PX ms|EXAT ts|PXAT ts|PERSIST]: the value, its expiry
// changed as asked. An EXAT or PXAT time already past deletes the key at
// once, as Redis does (and the append-only file records a DEL), rather
// than leaving a dead key counted by DBSIZE until the sweep finds it.
func cmdGetEX(s *Session, args [][]byte) {
	o, errText := parseSetOptions(args[2:], true)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	var old []byte
	var existed bool
	event := "" // what changed, if anything: del, expire or persist
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		old, existed = cur.Value, exists
		switch {
		case !exists:
			return cur, store.Keep
		case o.persist:
			if cur.ExpireAt == 0 {
				return cur, store.Keep
			}
			event = "persist"
			cur.ExpireAt = 0
		case o.expire != nil:
			// Like Redis, a missing key answers nil before the time is read.
			now := s.db().Now()
			at, msg := o.expire.at(now, true, "getex")
			if msg != "" {
				errText = msg
				return cur, store.Keep
			}
			if at <= now {
				event = "del"
				return cur, store.Remove
			}
			event = "expire"
			cur.ExpireAt = at
		default:
			return cur, store.Keep
		}
		return cur, store.Restamp
	}) {
		return
	}
	if event != "" {
		s.changed(1)
		s.notify(classGeneric, event, args[1])
	}
	switch {
	case errText != "":
		s.reply.Error(errText)
	case !existed:
		s.reply.Nil()
	default:
		s.reply.Bulk(old)
	}
}

// APPEND key value: the new length. The key keeps its expiry.
func cmdAppend(s *Session, args [][]byte) {
	var length int
	var existed bool
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		// A new slice: the stored one may be held by a reader (store doc).
		joined := make([]byte, len(cur.Value)+len(args[2]))
		copy(joined, cur.Value)
		copy(joined[len(cur.Value):], args[2])
		length = len(joined)
		// Redis stores the argument of an APPEND to a new key as SET
		// would, and edits an existing value into a plain string.
		if exists {
			return store.Entry{Value: joined, ExpireAt: cur.ExpireAt}, store.PutEdited
		}
		return store.Entry{Value: joined}, store.Put
	}) {
		return
	}
	s.changed(1)
	s.notifyCreated(existed, args[1])
	s.notify(classString, "append", args[1])
	s.reply.Int(int64(length))
}

// STRLEN key: the value's length, 0 when absent.
func cmdStrlen(s *Session, args [][]byte) {
	v, found, ok := s.getString(args[1])
	if !ok {
		return
	}
	s.countRead(found)
	s.reply.Int(int64(len(v)))
}

// MGET key [key ...]: each value, nil where absent.
func cmdMGet(s *Session, args [][]byte) {
	s.reply.Array(len(args) - 1)
	for _, key := range args[1:] {
		// A key of another type is nil here, not an error, as in Redis.
		if e, ok := s.db().Lookup(key); ok && e.Obj == nil {
			s.counts.hits++
			s.reply.Bulk(e.Value)
		} else {
			s.counts.misses++
			s.reply.Nil()
		}
	}
}

// MSET key value [key value ...]: OK. MSETNX: 1 if all were set, 0 if any
// key existed (then none is set).
func cmdMSet(s *Session, args [][]byte) {
	name := s.cmd.name
	if len(args)%2 == 0 {
		s.reply.Error(wrongArity(name))
		return
	}
	var existing map[string]bool
	if s.notifying(classNew) {
		existing = s.existingKeys(args[1:])
	}
	stored := s.db().SetMany(args[1:], name == "msetnx")
	if stored {
		s.changed(len(args) / 2) // one per pair, a key named twice included
		for i := 1; i < len(args); i += 2 {
			key := args[i]
			s.notifyCreated(existing == nil || existing[string(key)], key)
			if existing != nil {
				existing[string(key)] = true
			}
			s.notify(classString, "set", key)
		}
	}
	switch {
	case name == "mset":
		s.reply.Status("OK")
	case stored:
		s.reply.Int(1)
	default:
		s.reply.Int(0)
	}
}
