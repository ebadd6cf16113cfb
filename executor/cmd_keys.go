package executor

// keyCommands read and write string keys.
var keyCommands = []command{
	{name: "get", arity: 2, flags: flagReadonly | flagFast, firstKey: 1, lastKey: 1, keyStep: 1, run: cmdGet},
	{name: "set", arity: -3, flags: flagWrite | flagDenyOOM, firstKey: 1, lastKey: 1, keyStep: 1, run: cmdSet},
	{name: "del", arity: -2, flags: flagWrite, firstKey: 1, lastKey: -1, keyStep: 1, run: cmdDel},
	{name: "exists", arity: -2, flags: flagReadonly | flagFast, firstKey: 1, lastKey: -1, keyStep: 1, run: cmdExists},
	{name: "dbsize", arity: 1, flags: flagReadonly | flagFast, run: cmdDBSize},
}

// GET key: the value, or nil.
func cmdGet(s *Session, args [][]byte) {
	if v, ok := s.ex.store.Get(args[1]); ok {
		s.counts.hits++
		s.reply.Bulk(v)
		return
	}
	s.counts.misses++
	s.reply.Nil()
}

// SET key value: OK. (Options come with expiry.)
func cmdSet(s *Session, args [][]byte) {
	if len(args) > 3 {
		s.reply.Error(errSyntax)
		return
	}
	s.ex.store.Set(args[1], args[2])
	s.reply.Status("OK")
}

// DEL key [key ...]: how many keys were removed.
func cmdDel(s *Session, args [][]byte) {
	s.reply.Int(int64(s.ex.store.Delete(args[1:]...)))
}

// EXISTS key [key ...]: how many of the keys exist.
func cmdExists(s *Session, args [][]byte) {
	s.reply.Int(int64(s.ex.store.Exists(args[1:]...)))
}

// DBSIZE: the number of keys.
func cmdDBSize(s *Session, _ [][]byte) { s.reply.Int(int64(s.ex.store.Len())) }
