package executor

import "redis-lite/store"

// Type checks. A key holds a string or a collection (store's object.go);
// a command that reads or edits one type answers another with Redis's
// WRONGTYPE error and changes nothing. The string commands check here;
// the collection commands check their own type where they read it.

const wrongTypeText = "WRONGTYPE Operation against a key holding the wrong kind of value"

// wrongType answers a command given a key of the wrong type.
func (s *Session) wrongType() { s.reply.Error(wrongTypeText) }

// getString looks key up for a command that reads a string: its value and
// whether it exists. A key of another type is answered with WRONGTYPE and
// ok is false: the command is done.
func (s *Session) getString(key []byte) (v []byte, found, ok bool) {
	e, found := s.db().Lookup(key)
	if e.Obj != nil {
		s.wrongType()
		return nil, false, false
	}
	return e.Value, found, true
}

// updateString is store.Update for a command that reads or edits a
// string: fn is not called for a key of another type, which is answered
// with WRONGTYPE (ok false: the command is done) and left as it is.
func (s *Session) updateString(key []byte, fn func(cur store.Entry, exists bool) (store.Entry, store.Op)) (ok bool) {
	wrong := false
	s.db().Update(key, func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		if cur.Obj != nil {
			wrong = true
			return cur, store.Keep
		}
		return fn(cur, exists)
	})
	if wrong {
		s.wrongType()
	}
	return !wrong
}

// viewCollection runs fn under key's read lock with the collection of
// type T the key holds, or with T's nil when there is no key, and counts
// the read for INFO. fn writes its reply there: a collection may be read
// only under the lock. A key of another type gets WRONGTYPE and fn is not
// run; ok is false then.
func viewCollection[T store.Object](s *Session, key []byte, fn func(c T)) (ok bool) {
	wrong := false
	s.db().View(key, func(e store.Entry, found bool) {
		s.countRead(found)
		c, isT := e.Obj.(T)
		if found && !isT {
			wrong = true
			return
		}
		fn(c) // T's nil for a missing key
	})
	if wrong {
		s.wrongType()
	}
	return !wrong
}
