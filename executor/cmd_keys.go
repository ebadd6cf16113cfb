package executor

import (
	"redis-lite/store"
)

// keyCommands read and write string keys.
var keyCommands = []command{
	{name: "get", arity: 2, flags: flagReadonly | flagFast, run: cmdGet},
	{name: "set", arity: -3, flags: flagWrite | flagDenyOOM, run: cmdSet},
	{name: "del", arity: -2, flags: flagWrite, run: cmdDel},
	{name: "unlink", arity: -2, flags: flagWrite | flagFast, run: cmdDel},
	{name: "exists", arity: -2, flags: flagReadonly | flagFast, run: cmdExists},
	{name: "touch", arity: -2, flags: flagReadonly | flagFast, run: cmdTouch},
}

// GET key: the value, or nil.
func cmdGet(s *Session, args [][]byte) {
	v, found, ok := s.getString(args[1])
	switch {
	case !ok:
	case found:
		s.counts.hits++
		s.reply.Bulk(v)
	default:
		s.counts.misses++
		s.reply.Nil()
	}
}

// SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ts|KEEPTTL]: OK, or
// nil when NX/XX stopped it; with GET, the old value (or nil) instead.
func cmdSet(s *Session, args [][]byte) {
	if len(args) == 3 && !s.notifying(classString|classNew) { // the common case: no options to read, no events to tell
		s.db().Set(args[1], args[2])
		s.changed(1)
		s.reply.Status("OK")
		return
	}
	o, errText := parseSetOptions(args[3:], false)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	var expireAt int64
	if o.expire != nil {
		if expireAt, errText = o.expire.at(s.db().Now(), true, "set"); errText != "" {
			s.reply.Error(errText)
			return
		}
	}
	value := args[2] // the store copies it
	var old []byte
	var existed, stored, wrong bool
	s.db().Update(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		old, existed = cur.Value, exists
		if o.get && cur.Obj != nil { // SET ... GET reads the old value: a string
			wrong = true
			return cur, store.Keep
		}
		if (o.nx && exists) || (o.xx && !exists) {
			return cur, store.Keep
		}
		stored = true
		next := store.Entry{Value: value, ExpireAt: expireAt}
		if o.keepTTL {
			next.ExpireAt = cur.ExpireAt
		}
		return next, store.Put
	})
	if stored {
		s.changed(1)
		s.notifyCreated(existed, args[1])
		s.notify(classString, "set", args[1])
		if o.expire != nil {
			s.notify(classGeneric, "expire", args[1])
		}
	}
	switch {
	case wrong:
		s.wrongType()
	case o.get && existed:
		s.reply.Bulk(old)
	case o.get || !stored:
		s.reply.Nil()
	default:
		s.reply.Status("OK")
	}
}

// DEL / UNLINK key [key ...]: how many keys were removed.
func cmdDel(s *Session, args [][]byte) {
	if !s.notifying(classGeneric) {
		deleted := s.db().Delete(args[1:]...)
		s.changed(deleted)
		s.reply.Int(int64(deleted))
		return
	}
	deleted := 0
	for _, key := range args[1:] { // one at a time, to tell of each
		if s.db().Delete(key) == 1 {
			deleted++
			s.notify(classGeneric, "del", key)
		}
	}
	s.changed(deleted)
	s.reply.Int(int64(deleted))
}

// EXISTS key [key ...]: how many of the keys exist. Asking is no access.
func cmdExists(s *Session, args [][]byte) {
	s.reply.Int(int64(s.db().Exists(args[1:]...)))
}

// TOUCH key [key ...]: EXISTS that counts as an access to each key, so
// their idle times (OBJECT IDLETIME) start again.
func cmdTouch(s *Session, args [][]byte) {
	s.reply.Int(int64(s.db().Touch(args[1:]...)))
}
